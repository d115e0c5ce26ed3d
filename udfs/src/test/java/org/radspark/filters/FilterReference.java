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
    static final Map<String, Map<String, Double>> VALUES = load();
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
        Map<String, Double> m = VALUES.get(image);
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
        Map<String, Double> expected = of(image);
        Map<String, Double> actual = describe(voxels, brain1Mask(), expected);
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double x = e.getValue();
            double a = actual.get(e.getKey());
            assertEquals(x, a, rel * Math.max(1, Math.abs(x)), image + " " + e.getKey());
        }
    }

    private static Map<String, Map<String, Double>> load() {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(TestData.path("pyradiomics-filters/reference.csv"))) {
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
