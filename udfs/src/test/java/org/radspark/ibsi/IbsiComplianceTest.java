package org.radspark.ibsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radspark.TestData;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;

/**
 * IBSI-1 compliance of the whole IBSI mode (image processing and every family at every aggregation):
 * every reference row of the digital phantom (482) and of CT configurations A and B (346 each, from
 * the DICOM + RTSTRUCT input) within its tolerance. Writes target/ibsi-compliance.md with the
 * per-family, per-aggregation counts and every miss; the build copies it to testdata/ibsi/compliance.md.
 */
class IbsiComplianceTest {

    static final Set<String> OWN_FAMILIES = Set.of(MorphologyFamily.FAMILY, LocalIntensityFamily.FAMILY,
        IntensityStatisticsFamily.FAMILY, IntensityHistogramFamily.FAMILY, IntensityVolumeHistogramFamily.FAMILY);

    static List<IbsiReference> reference;
    static final Map<String, List<String[]>> REPORT = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        reference = IbsiReference.load(TestData.path("reference/ibsi1_reference_values.csv"));
    }

    static IbsiConfig config(String file) throws IOException {
        Path p = TestData.root().getParent().resolve("conf/ibsi").resolve(file);
        return IbsiConfig.fromYaml(Files.readString(p), p.toString());
    }

    static List<IbsiValue> ctPhantom(IbsiConfig config) {
        Path ct = TestData.path("ibsi1/ct_phantom");
        Image image = VolumeReaders.readImage(ct.resolve("dicom/image"), null);
        Mask mask = VolumeReaders.readMask(ct.resolve("dicom/mask/rtstruct.dcm"), image.geometry(),
            new MaskSelection("GTV-1", null, null));
        return IbsiExtractor.extract(image, mask, config);
    }

    @Test
    void digitalPhantom() throws IOException {
        Path dp = TestData.path("ibsi1/digital_phantom");
        Image image = VolumeReaders.readImage(dp.resolve("image.nii.gz"), null);
        Mask mask = VolumeReaders.readMask(dp.resolve("mask.nii.gz"), image.geometry(), MaskSelection.NONE);
        IbsiConfig config = config("digital_phantom.yaml");
        IbsiRoi roi = IbsiPreprocessor.process(image, mask, config);
        assertEquals(74, count(roi.morphological()));
        double[] fft = SpatialAutocorrelation.compute(roi), direct = SpatialAutocorrelation.direct(roi);
        assertEquals(direct[0], fft[0], 1e-9);
        assertEquals(direct[1], fft[1], 1e-9);
        List<IbsiValue> all = IbsiExtractor.extract(image, mask, config);
        check("digital phantom", all);
        assertEquals(74, all.stream().filter(v -> OWN_FAMILIES.contains(v.family())).count());
        Path csv = Path.of("target", "ibsi-digital-phantom.csv");
        Files.createDirectories(csv.getParent());
        try (java.io.Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            IbsiCsvWriter.write(all, w);
        }
        assertEquals(IbsiCsvWriter.HEADER, Files.readAllLines(csv).get(0));
    }

    @Test
    void configA() throws IOException {
        check("config A", ctPhantom(config("config_A.yaml")));
    }

    @Test
    void configB() throws IOException {
        check("config B", ctPhantom(config("config_B.yaml")));
    }

    private static int count(byte[] m) {
        int n = 0;
        for (byte b : m) {
            n += b;
        }
        return n;
    }

    private static void check(String dataSet, List<IbsiValue> values) {
        List<String[]> rows = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (IbsiReference r : reference) {
            if (!r.dataSet().equals(dataSet)) {
                continue;
            }
            IbsiValue v = values.stream().filter(x -> x.family().equals(r.family()) && x.feature().equals(r.feature())
                && x.aggregation().equals(r.aggregation())).findFirst().orElse(null);
            boolean ok = v != null && r.matches(v.value());
            rows.add(new String[] {r.family(), r.aggregation(), r.feature(), r.code(), r.valueText(),
                String.valueOf(r.tolerance()), v == null ? "missing" : String.valueOf(v.value()), ok ? "yes" : "NO"});
            if (!ok) {
                misses.add(r.feature() + " (" + r.code() + "): reference " + r.valueText() + " ± " + r.tolerance()
                    + ", got " + (v == null ? "nothing" : v.value()));
            }
        }
        synchronized (REPORT) {
            REPORT.put(dataSet, rows);
        }
        misses.forEach(m -> System.out.println(dataSet + " MISS " + m));
        assertEquals(dataSet.equals("digital phantom") ? 482 : 346, rows.size(), dataSet + " reference rows");
        assertTrue(misses.isEmpty(), dataSet + ": " + misses.size() + " of " + rows.size() + " rows outside tolerance: "
            + String.join("; ", misses));
    }

    @AfterAll
    static void writeReport() throws IOException {
        StringBuilder b = new StringBuilder("# IBSI-1 compliance\n\n");
        b.append("Generated by IbsiComplianceTest from testdata/reference/ibsi1_reference_values.csv. "
            + "Tolerance 0 means the value must equal the reference after rounding to its printed significant digits.\n\n");
        b.append("| data set | family | aggregation | matched | total |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, List<String[]>> e : REPORT.entrySet()) {
            Map<String, int[]> counts = new LinkedHashMap<>();
            for (String[] r : e.getValue()) {
                int[] c = counts.computeIfAbsent(r[0] + " | " + r[1], k -> new int[2]);
                c[1]++;
                if (r[7].equals("yes")) {
                    c[0]++;
                }
            }
            counts.forEach((k, c) -> b.append("| ").append(e.getKey()).append(" | ").append(k).append(" | ")
                .append(c[0]).append(" | ").append(c[1]).append(" |\n"));
        }
        b.append("\n## All rows\n\n| data set | family | feature | IBSI | reference | tolerance | radspark | match |\n"
            + "|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<String[]>> e : REPORT.entrySet()) {
            for (String[] r : e.getValue()) {
                b.append("| ").append(e.getKey()).append(" | ").append(r[0]).append(" | ").append(r[2]).append(" | ")
                    .append(r[3]).append(" | ").append(r[4]).append(" | ").append(r[5]).append(" | ").append(r[6])
                    .append(" | ").append(r[7]).append(" |\n");
            }
        }
        Path out = Path.of("target", "ibsi-compliance.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, b.toString(), StandardCharsets.UTF_8);
    }
}
