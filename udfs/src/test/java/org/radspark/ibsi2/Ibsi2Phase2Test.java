package org.radspark.ibsi2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radspark.TestData;
import org.radspark.ibsi.IbsiConfig;
import org.radspark.ibsi.IbsiExtractor;
import org.radspark.ibsi.IbsiValue;
import org.radspark.ibsi.IntensityStatisticsFamily;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;

/**
 * IBSI-2 phase 2: the IBSI CT phantom (DICOM + RTSTRUCT, ROI GTV-1) through the parameter files
 * conf/ibsi/ibsi2/phase2/&lt;id&gt;.yaml (an ibsi: image-processing block plus an ibsi2: filter block); the
 * 18 intensity-based statistics of each response map must lie within the tolerance of every row of
 * testdata/reference/ibsi2_reference_values.csv for that id. Writes target/ibsi2-phase2.md with the
 * per-id counts and every row.
 */
class Ibsi2Phase2Test {

    /** IBSI-2 feature tags of the reference file and the IBSI-1 identifiers of the same features. */
    static final Map<String, String> TAG_TO_CODE = Map.ofEntries(
        Map.entry("stat_mean", "Q4LE"), Map.entry("stat_var", "ECT3"), Map.entry("stat_skew", "KE2A"),
        Map.entry("stat_kurt", "IPH6"), Map.entry("stat_median", "Y12H"), Map.entry("stat_min", "1GSF"),
        Map.entry("stat_p10", "QG58"), Map.entry("stat_p90", "8DWT"), Map.entry("stat_max", "84IY"),
        Map.entry("stat_iqr", "SALO"), Map.entry("stat_range", "2OJQ"), Map.entry("stat_mad", "4FUA"),
        Map.entry("stat_rmad", "1128"), Map.entry("stat_medad", "N72L"), Map.entry("stat_cov", "7TET"),
        Map.entry("stat_qcod", "9S40"), Map.entry("stat_energy", "N8CA"), Map.entry("stat_rms", "5ZWQ"));

    record Row(String id, String feature, String tag, String valueText, double value, double tolerance) {
    }

    static final Map<String, List<Row>> REFERENCE = new LinkedHashMap<>();
    static final Map<String, List<String>> REPORT = new TreeMap<>();
    static Image image;
    static Mask mask;

    @BeforeAll
    static void load() throws IOException {
        List<String> lines = Files.readAllLines(TestData.path("reference/ibsi2_reference_values.csv"));
        assertEquals("filter_id;feature;feature_tag;consensus_value;tolerance", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(";", -1);
            assertEquals(5, f.length, line);
            REFERENCE.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Row(f[0], f[1], f[2], f[3],
                Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        }
        Path ct = TestData.path("ibsi1/ct_phantom");
        image = VolumeReaders.readImage(ct.resolve("dicom/image"), null);
        mask = VolumeReaders.readMask(ct.resolve("dicom/mask/rtstruct.dcm"), image.geometry(),
            new MaskSelection("GTV-1", null, null));
    }

    static IbsiConfig config(String id) throws IOException {
        Path p = TestData.root().getParent().resolve("conf/ibsi/ibsi2/phase2/" + id.replace('.', '_') + ".yaml");
        IbsiConfig c = IbsiConfig.fromYaml(Files.readString(p), p.toString());
        assertNotNull(c, p + " has an ibsi: block");
        assertTrue(c.hasFilter(), p + " has an ibsi2: block");
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.A", "1.B", "2.A", "2.B", "3.A", "3.B", "6.A", "6.B", "7.A", "7.B"})
    void statisticsOfResponseMapMatchReference(String id) throws IOException {
        List<Row> rows = REFERENCE.get(id);
        assertNotNull(rows, "reference rows for " + id);
        assertEquals(18, rows.size(), id);
        IbsiConfig config = config(id);
        long t0 = System.nanoTime();
        List<IbsiValue> values = IbsiExtractor.extract(image, mask, config);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(18, values.size(), "only the intensity-based statistics are computed with a filter");
        List<String> lines = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        int matched = 0;
        for (Row r : rows) {
            String code = TAG_TO_CODE.get(r.tag());
            assertNotNull(code, "unknown feature tag " + r.tag());
            IbsiValue v = values.stream().filter(x -> x.ibsiCode().equals(code)
                && x.family().equals(IntensityStatisticsFamily.FAMILY)).findFirst().orElseThrow();
            double d = v.value() - r.value();
            boolean ok = Math.abs(d) <= r.tolerance();
            matched += ok ? 1 : 0;
            String line = String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.6g | %.3g | %s |", id, r.feature(),
                r.tag(), r.valueText(), trim(r.tolerance()), v.value(), d, ok ? "yes" : "**NO**");
            lines.add(line);
            if (!ok) {
                misses.add(r.tag() + ": reference " + r.valueText() + " ± " + trim(r.tolerance()) + ", got " + v.value());
            }
        }
        String summary = String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f |", id, config.filter().describe(),
            matched, rows.size(), seconds);
        synchronized (REPORT) {
            lines.add(0, summary);
            REPORT.put(id, lines);
        }
        System.out.println("IBSI-2 phase 2 " + id + ": " + matched + "/" + rows.size() + " (" + config.filter().describe()
            + ", " + String.format(Locale.ROOT, "%.1f s", seconds) + ")");
        misses.forEach(m -> System.out.println("IBSI-2 phase 2 " + id + " MISS " + m));
        assertTrue(misses.isEmpty(), id + ": " + misses.size() + " of " + rows.size() + " rows outside tolerance: "
            + String.join("; ", misses));
    }

    private static String trim(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
    }

    @AfterAll
    static void writeReport() throws IOException {
        StringBuilder b = new StringBuilder("# IBSI-2 phase 2\n\n");
        b.append("Generated by Ibsi2Phase2Test: IBSI CT phantom (DICOM + RTSTRUCT, ROI GTV-1) processed with "
            + "conf/ibsi/ibsi2/phase2/<id>.yaml; intensity-based statistics of the response map against "
            + "testdata/reference/ibsi2_reference_values.csv (pass: |value - consensus| <= tolerance).\n\n");
        b.append("| id | filter | matched | total | seconds |\n|---|---|---|---|---|\n");
        int matched = 0, total = 0;
        for (List<String> lines : REPORT.values()) {
            b.append(lines.get(0)).append('\n');
            String[] cells = lines.get(0).split("\\|");
            matched += Integer.parseInt(cells[3].trim());
            total += Integer.parseInt(cells[4].trim());
        }
        b.append("| all | | ").append(matched).append(" | ").append(total).append(" | |\n");
        b.append("\n## All rows\n\n| id | feature | tag | consensus | tolerance | radspark | difference | match |\n"
            + "|---|---|---|---|---|---|---|---|\n");
        for (List<String> lines : REPORT.values()) {
            lines.subList(1, lines.size()).forEach(l -> b.append(l).append('\n'));
        }
        Path out = Path.of("target", "ibsi2-phase2.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, b.toString(), StandardCharsets.UTF_8);
    }
}
