package org.radspark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radspark.params.ExtractionSettings;

/**
 * Checks GLSZM, GLDM and NGTDM against pyradiomics' published baselines for brain1 (label 1, binWidth 25, no
 * resampling, padDistance 5), in 3D (column brain1) and with force2D along k (column brain1_2d).
 *
 * <p>The ROI is prepared here with a minimal test-only reader for the two gzip NRRD files and pyradiomics' fixed bin
 * width rule (bin = floor(x / 25) - floor(min_roi / 25) + 1); the production reader and discretiser live elsewhere.
 */
class Brain1TextureBaselineTest {

    private static final Path DATA = Path.of("..", "testdata", "pyradiomics");
    private static final double REL_TOL = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"brain1", "brain1_2d"})
    void matchesPyradiomicsBaseline(String column) throws IOException {
        ExtractionSettings settings = new ExtractionSettings();
        if (column.endsWith("_2d")) {
            settings.force2D = true;
            settings.force2Ddimension = 0;
        }
        RoiData roi = brain1(settings);
        for (FeatureFamily family : List.of(new GlszmFeatures(), new GldmFeatures(), new NgtdmFeatures())) {
            Map<String, Double> expected = baseline(family.name(), column);
            Map<String, Double> out = new LinkedHashMap<>();
            family.compute(roi, new HashSet<>(family.featureNames()), out);
            assertEquals(expected.keySet(), out.keySet(), family.name() + " feature set");
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                double want = e.getValue();
                Double got = out.get(e.getKey());
                assertNotNull(got, e.getKey());
                assertEquals(want, got, Math.abs(want) * REL_TOL, column + " " + family.name() + "_" + e.getKey());
            }
        }
    }

    private static RoiData brain1(ExtractionSettings settings) throws IOException {
        Nrrd img = Nrrd.read(DATA.resolve("brain1_image.nrrd"));
        Nrrd lab = Nrrd.read(DATA.resolve("brain1_label.nrrd"));
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        int min = Integer.MAX_VALUE;
        for (int k = 0; k < img.size[2]; k++) {
            for (int j = 0; j < img.size[1]; j++) {
                for (int i = 0; i < img.size[0]; i++) {
                    int v = i + img.size[0] * (j + img.size[1] * k);
                    if (lab.values[v] == settings.label) {
                        int[] idx = {i, j, k};
                        for (int d = 0; d < 3; d++) {
                            lo[d] = Math.min(lo[d], idx[d]);
                            hi[d] = Math.max(hi[d], idx[d]);
                        }
                        min = Math.min(min, img.values[v]);
                    }
                }
            }
        }
        for (int d = 0; d < 3; d++) {
            lo[d] = Math.max(0, lo[d] - settings.padDistance);
            hi[d] = Math.min(img.size[d] - 1, hi[d] + settings.padDistance);
        }
        int nx = hi[0] - lo[0] + 1, ny = hi[1] - lo[1] + 1, nz = hi[2] - lo[2] + 1;
        int n = nx * ny * nz;
        double[] intensities = new double[n];
        byte[] mask = new byte[n];
        int[] grey = new int[n];
        int width = settings.binWidth.intValue();
        int firstBin = Math.floorDiv(min, width);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int src = (i + lo[0]) + img.size[0] * ((j + lo[1]) + img.size[1] * (k + lo[2]));
                    int v = i + nx * (j + ny * k);
                    intensities[v] = img.values[src];
                    if (lab.values[src] == settings.label) {
                        mask[v] = 1;
                        grey[v] = Math.floorDiv(img.values[src], width) - firstBin + 1;
                    }
                }
            }
        }
        return new RoiData(nx, ny, nz, img.spacing, intensities, mask, mask.clone(), grey, settings);
    }

    private static Map<String, Double> baseline(String family, String column) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve("baseline").resolve("baseline_" + family + ".csv"));
        int col = List.of(lines.get(0).split(",")).indexOf(column);
        String prefix = "original_" + family + "_";
        Map<String, Double> values = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                // Feature rows hold plain numbers, so a naive split is safe for them.
                String[] cells = line.split(",");
                values.put(cells[0].substring(prefix.length()), Double.parseDouble(cells[col]));
            }
        }
        return values;
    }

    /** Just enough of NRRD for the two test files: gzip encoding, little endian, short or int samples. */
    private static final class Nrrd {
        final int[] size = new int[3];
        final double[] spacing = new double[3];
        int[] values;

        static Nrrd read(Path path) throws IOException {
            byte[] bytes = Files.readAllBytes(path);
            Map<String, String> fields = new HashMap<>();
            int pos = 0;
            while (true) {
                int end = pos;
                while (bytes[end] != '\n') {
                    end++;
                }
                String line = new String(bytes, pos, end - pos, StandardCharsets.US_ASCII).trim();
                pos = end + 1;
                if (line.isEmpty()) {
                    break;
                }
                int sep = line.indexOf(": ");
                if (sep > 0 && !line.startsWith("#")) {
                    fields.put(line.substring(0, sep), line.substring(sep + 2));
                }
            }
            if (!"gzip".equals(fields.get("encoding")) || !"little".equals(fields.get("endian"))) {
                throw new IOException("Unsupported NRRD layout in " + path + ": " + fields);
            }
            Nrrd nrrd = new Nrrd();
            String[] sizes = fields.get("sizes").trim().split("\\s+");
            for (int d = 0; d < 3; d++) {
                nrrd.size[d] = Integer.parseInt(sizes[d]);
            }
            String[] dirs = fields.get("space directions").replace("(", "").split("\\)\\s*");
            for (int d = 0; d < 3; d++) {
                double sq = 0;
                for (String c : dirs[d].split(",")) {
                    double x = Double.parseDouble(c.trim());
                    sq += x * x;
                }
                nrrd.spacing[d] = Math.sqrt(sq);
            }
            byte[] raw;
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes, pos, bytes.length - pos))) {
                raw = in.readAllBytes();
            }
            ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            boolean isShort = fields.get("type").contains("short");
            int n = nrrd.size[0] * nrrd.size[1] * nrrd.size[2];
            nrrd.values = new int[n];
            for (int v = 0; v < n; v++) {
                nrrd.values[v] = isShort ? buf.getShort() : buf.getInt();
            }
            return nrrd;
        }
    }
}
