package org.radspark.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.radspark.TestData;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;

/**
 * The values of testdata/pyradiomics-filters/reference.csv (written by make_reference.py with numpy,
 * scipy and PyWavelets) and brain1, with the statistics the script computes.
 */
final class FilterReference {
    static final Map<String, Map<String, Double>> VALUES = load("pyradiomics-filters/reference.csv");
    /** itk_reference/itk_reference.csv, written by the ITK program beside it. */
    /** lbp_reference.csv, written by make_lbp_reference.py (scikit-image, scipy). */
    static final Map<String, Map<String, Double>> LBP = load("pyradiomics-filters/lbp_reference.csv");
    static final Map<String, Map<String, Double>> ITK = load("pyradiomics-filters/itk_reference/itk_reference.csv");
    private static Image brain1;
    private static Mask brain1Mask;

    private FilterReference() {
    }

    static synchronized Image brain1() {
        if (brain1 == null) {
            brain1 = VolumeReaders.readImage(TestData.path("pyradiomics/brain1_image.nrrd"), null);
            brain1Mask = VolumeReaders.readMask(TestData.path("pyradiomics/brain1_label.nrrd"), brain1.geometry(),
                MaskSelection.NONE);
        }
        return brain1;
    }

    static synchronized Mask brain1Mask() {
        brain1();
        return brain1Mask;
    }

    static Map<String, Double> of(String image) {
        return of(VALUES, image);
    }

    static Map<String, Double> of(Map<String, Map<String, Double>> values, String image) {
        Map<String, Double> m = values.get(image);
        assertNotNull(m, "no reference values for " + image);
        return m;
    }

    /** The quantities of reference.csv for {@code image} (label 1 of brain1), keyed as in the file. */
    static Map<String, Double> describe(double[] v, Mask mask, Map<String, Double> wanted) {
        int[] labels = mask.labels();
        int n = 0;
        for (int l : labels) {
            n += l == 1 ? 1 : 0;
        }
        double[] roi = new double[n];
        for (int p = 0, t = 0; p < labels.length; p++) {
            if (labels[p] == 1) {
                roi[t++] = v[p];
            }
        }
        double sum = 0;
        for (double x : roi) {
            sum += x;
        }
        double mean = sum / n;
        double ss = 0;
        for (double x : roi) {
            ss += (x - mean) * (x - mean);
        }
        double[] sorted = roi.clone();
        Arrays.sort(sorted);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("mean", mean);
        out.put("variance", ss / n);
        out.put("min", sorted[0]);
        out.put("max", sorted[n - 1]);
        out.put("p10", percentile(sorted, 10));
        out.put("p90", percentile(sorted, 90));
        var g = mask.geometry();
        for (String key : wanted.keySet()) {
            if (key.startsWith("v_")) {
                String[] ijk = key.substring(2).split("_");
                out.put(key, v[g.index(Integer.parseInt(ijk[0]), Integer.parseInt(ijk[1]), Integer.parseInt(ijk[2]))]);
            }
        }
        return out;
    }

    /** numpy.percentile's default (linear) interpolation on sorted values. */
    static double percentile(double[] sorted, double q) {
        double pos = (sorted.length - 1) * q / 100.0;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Every reference quantity of {@code image} equals {@code actual}'s within {@code rel} (relative to max(1, |expected|)). */
    static void assertMatches(String image, double[] voxels, double rel) {
        assertMatches(VALUES, image, voxels, rel);
    }

    /** As {@link #assertMatches(String, double[], double)} for the values of {@code values}. */
    static void assertMatches(Map<String, Map<String, Double>> values, String image, double[] voxels, double rel) {
        Map<String, Double> expected = of(values, image);
        Map<String, Double> actual = describe(voxels, brain1Mask(), expected);
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double x = e.getValue();
            double a = actual.get(e.getKey());
            assertEquals(x, a, rel * Math.max(1, Math.abs(x)), image + " " + e.getKey());
        }
    }

    /** Lower corner and size of the brain1 label bounding box (the comment line of itk_reference.csv). */
    private static final int[] BOX_LO = {162, 84, 11};
    private static final int[] BOX_N = {47, 70, 7};

    /**
     * {@code image} (a filtered brain1) equals ITK's {@code name} image voxel for voxel over the label
     * bounding box (float32 bit for bit) and in every quantity of itk_reference.csv within 1e-12 relative
     * (the statistics are summed in the same order; only the image corners lie outside the box).
     */
    static void assertMatchesItk(String name, org.radspark.image.Image image) {
        double[] v = image.voxels();
        var g = image.geometry();
        float[] itk = itkBoundingBox(name);
        assertEquals(BOX_N[0] * BOX_N[1] * BOX_N[2], itk.length);
        int differing = 0;
        double maxAbs = 0;
        int t = 0;
        for (int k = 0; k < BOX_N[2]; k++) {
            for (int j = 0; j < BOX_N[1]; j++) {
                for (int i = 0; i < BOX_N[0]; i++, t++) {
                    double d = Math.abs(v[g.index(BOX_LO[0] + i, BOX_LO[1] + j, BOX_LO[2] + k)] - itk[t]);
                    maxAbs = Math.max(maxAbs, d);
                    differing += d == 0 ? 0 : 1;
                }
            }
        }
        System.out.printf("%s: %d of %d bounding-box voxels differ from ITK, max |diff| %.3g%n", name, differing,
            itk.length, maxAbs);
        assertEquals(0, differing, name + ": voxels differing from ITK (max |diff| " + maxAbs + ")");
        assertMatches(ITK, name, v, 1e-12);
    }

    /** The float32 values of the label bounding box that log_gradient.cxx wrote for {@code image}, x fastest. */
    static float[] itkBoundingBox(String image) {
        try {
            byte[] b = Files.readAllBytes(TestData.path("pyradiomics-filters/itk_reference/" + image + ".bbox.f32"));
            java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] f = new float[fb.remaining()];
            fb.get(f);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Map<String, Double>> load(String file) {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(TestData.path(file))) {
                if (line.startsWith("#") || line.startsWith("image,")) {
                    continue;
                }
                String[] f = line.split(",");
                m.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Double.parseDouble(f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
