package org.radspark.preprocess;

import org.radspark.image.PixelType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;

/**
 * pyradiomics' brain1_resampling / breast1_resampling baselines (resampledPixelSpacing [2, 2, 2],
 * sitkBSpline, padDistance 5, label 1): the diagnostics_Image-interpolated_* and
 * diagnostics_Mask-interpolated_* rows of testdata/pyradiomics/baseline/baseline_shape.csv.
 * Reads the gzip NRRD test volumes with a minimal parser that handles only what these files use.
 */
class ResamplerBaselineTest {
    private static final Path DATA = Path.of("..", "testdata", "pyradiomics");

    @Test
    void brain1() throws IOException {
        check("brain1", new int[] {30, 39, 34}, -128, 2253, 598.916742081448,
            1915, new int[] {5, 6, 7, 19, 27, 22}, 481, 1334, 820.533681462141);
    }

    @Test
    void breast1() throws IOException {
        check("breast1", new int[] {14, 16, 16}, 41, 180, 61.190011160714285,
            23, new int[] {6, 5, 6, 3, 4, 4}, 82, 160, 126.17391304347827);
    }

    private static void check(String name, int[] size, double min, double max, double mean, long voxels,
                              int[] bb, double roiMin, double roiMax, double roiMean) throws IOException {
        Nrrd img = Nrrd.read(DATA.resolve(name + "_image.nrrd"));
        Nrrd lab = Nrrd.read(DATA.resolve(name + "_label.nrrd"));
        assertEquals("short", img.type);
        int[] labels = new int[lab.values.length];
        for (int t = 0; t < labels.length; t++) {
            labels[t] = (int) lab.values[t];
        }
        Resampler.Resampled r = Resampler.resample(new Image(img.geometry, img.values),
            new Mask(lab.geometry, labels), new double[] {2, 2, 2}, "sitkBSpline", 1, 5, PixelType.INT16);
        assertArrayEquals(size, r.image().geometry().size());
        assertArrayEquals(new double[] {2, 2, 2}, r.image().geometry().spacing(), 0);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : r.image().voxels()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            sum += v;
        }
        assertEquals(min, lo, 0);
        assertEquals(max, hi, 0);
        assertEquals(mean, sum / r.image().voxels().length, 1e-9);
        assertEquals(voxels, r.mask().count(1));
        int[] box = Resampler.boundingBox(r.mask(), 1);
        assertArrayEquals(bb, box);
        double rlo = Double.POSITIVE_INFINITY, rhi = Double.NEGATIVE_INFINITY, rsum = 0;
        int[] m = r.mask().labels();
        double[] v = r.image().voxels();
        for (int t = 0; t < m.length; t++) {
            if (m[t] == 1) {
                rlo = Math.min(rlo, v[t]);
                rhi = Math.max(rhi, v[t]);
                rsum += v[t];
            }
        }
        assertEquals(roiMin, rlo, 0);
        assertEquals(roiMax, rhi, 0);
        assertEquals(roiMean, rsum / voxels, 1e-9);
    }

    /** Just enough NRRD for the test volumes: 3D, gzip, little endian, short or int, space directions. */
    private static final class Nrrd {
        String type;
        Geometry geometry;
        double[] values;

        static Nrrd read(Path file) throws IOException {
            byte[] all = Files.readAllBytes(file);
            int pos = 0;
            Map<String, String> fields = new HashMap<>();
            while (true) {
                int eol = pos;
                while (all[eol] != '\n') {
                    eol++;
                }
                String line = new String(all, pos, eol - pos, StandardCharsets.US_ASCII).trim();
                pos = eol + 1;
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(": ");
                if (!line.startsWith("#") && colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            Nrrd n = new Nrrd();
            n.type = fields.get("type");
            String[] sz = fields.get("sizes").split(" ");
            int nx = Integer.parseInt(sz[0]), ny = Integer.parseInt(sz[1]), nz = Integer.parseInt(sz[2]);
            double[][] dirs = vectors(fields.get("space directions"));
            double[] origin = vectors(fields.get("space origin"))[0];
            double[] spacing = new double[3];
            double[] direction = new double[9];
            for (int a = 0; a < 3; a++) {
                double[] d = dirs[a];
                spacing[a] = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                for (int r = 0; r < 3; r++) {
                    direction[3 * r + a] = d[r] / spacing[a];
                }
            }
            n.geometry = new Geometry(nx, ny, nz, spacing, origin, direction);
            byte[] raw;
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(all, pos, all.length - pos))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                raw = out.toByteArray();
            }
            ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            n.values = new double[nx * ny * nz];
            for (int t = 0; t < n.values.length; t++) {
                n.values[t] = n.type.equals("short") ? bb.getShort() : bb.getInt();
            }
            return n;
        }

        private static double[][] vectors(String s) {
            String[] parts = s.replace(")", "").split("\\(");
            double[][] out = new double[parts.length - 1][3];
            for (int p = 1; p < parts.length; p++) {
                String[] c = parts[p].trim().split(",");
                for (int t = 0; t < 3; t++) {
                    out[p - 1][t] = Double.parseDouble(c[t].trim());
                }
            }
            return out;
        }
    }
}
