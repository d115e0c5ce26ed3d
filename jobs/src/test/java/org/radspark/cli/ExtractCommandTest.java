package org.radspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `radspark extract` contract: output format, exit codes, one-line errors, no partial output. */
class ExtractCommandTest {
    static final Path DATA = testdata();
    static final Path BRAIN_IMAGE = DATA.resolve("pyradiomics/brain1_image.nrrd");
    static final Path BRAIN_LABEL = DATA.resolve("pyradiomics/brain1_label.nrrd");
    static final Path CT = DATA.resolve("ibsi1/ct_phantom");

    record Run(int code, String out, String err) {
    }

    static Path testdata() {
        String p = System.getProperty("radspark.testdata");
        return Path.of(p != null ? p : "../testdata").toAbsolutePath().normalize();
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Radspark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Map<String, String> parseCsv(String csv) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines = csv.lines().toList();
        assertEquals("feature,value", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.indexOf(',');
            m.put(line.substring(0, comma), line.substring(comma + 1));
        }
        return m;
    }

    @Test
    void csvHasOneRowPerFeatureWithPyradiomicsNames() {
        Run r = run("extract", BRAIN_IMAGE.toString(), BRAIN_LABEL.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        Map<String, String> rows = parseCsv(r.out());
        // pyradiomics' default feature set: shape 14, firstorder 18, glcm 24, glrlm 16, glszm 16, gldm 14, ngtdm 5
        assertEquals(107, rows.size(), rows.keySet().toString());
        assertTrue(rows.keySet().stream().allMatch(k -> k.startsWith("original_")));
        assertEquals(825.2354363065023, Double.parseDouble(rows.get("original_firstorder_Mean")), 1e-9);
        assertTrue(rows.containsKey("original_glcm_Correlation"));
        assertFalse(rows.keySet().stream().anyMatch(k -> k.startsWith("diagnostics_")));
    }

    @Test
    void diagnosticsOnlyOnRequestAndJsonFormat(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("f.json");
        Run r = run("extract", BRAIN_IMAGE.toString(), BRAIN_LABEL.toString(), "--diagnostics", "--format", "json",
            "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(out);
        assertTrue(json.startsWith("{"));
        assertTrue(json.contains("\"diagnostics_Mask-original_VoxelNum\": 4137,"), json);
        assertTrue(json.contains("\"original_firstorder_Mean\": 825.2354363065023"), json);
    }

    @Test
    void ctPhantomFromDicomAndRtstructEqualsNifti(@TempDir Path dir) throws IOException {
        Run nifti = run("extract", CT.resolve("nifti/image.nii.gz").toString(), CT.resolve("nifti/mask.nii.gz").toString());
        Run dicom = run("extract", CT.resolve("dicom/image").toString(), CT.resolve("dicom/mask/rtstruct.dcm").toString(),
            "--roi", "GTV-1");
        assertEquals(0, nifti.code(), nifti.err());
        assertEquals(0, dicom.code(), dicom.err());
        Map<String, String> a = parseCsv(nifti.out());
        Map<String, String> b = parseCsv(dicom.out());
        assertEquals(a.keySet(), b.keySet());
        assertEquals(107, a.size());
        for (String k : a.keySet()) {
            double x = Double.parseDouble(a.get(k)), y = Double.parseDouble(b.get(k));
            // spacing is stored as float32 in NIfTI and as a decimal string in DICOM: 0.977 either way,
            // so values agree to round-off
            assertEquals(x, y, 1e-12 * Math.max(1, Math.abs(x)), k);
        }
    }

    @Test
    void ibsi2Phase2ParameterFileGivesTheStatisticsOfTheResponseMap() {
        // IBSI-2 phase 2, 3.A (2D LoG, sigma 1.5 mm) on the NIfTI copy of the CT phantom
        Path param = DATA.getParent().resolve("conf/ibsi/ibsi2/phase2/3_A.yaml");
        Run r = run("extract", CT.resolve("nifti/image.nii.gz").toString(), CT.resolve("nifti/mask.nii.gz").toString(),
            "--param", param.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("family,feature,ibsi_code,aggregation,value", lines.get(0));
        assertEquals(19, lines.size(), "18 intensity-based statistics, nothing else: " + lines);
        Map<String, Double> byCode = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals("intensity-based statistics", f[0], line);
            byCode.put(f[2], Double.parseDouble(f[f.length - 1]));
        }
        // consensus values and tolerances of testdata/reference/ibsi2_reference_values.csv, id 3.A
        assertEquals(-2.44, byCode.get("Q4LE"), 0.12, "mean");
        assertEquals(556, byCode.get("ECT3"), 24, "variance");
        assertEquals(-178, byCode.get("1GSF"), 1, "minimum");
        assertEquals(191, byCode.get("84IY"), 1, "maximum");
    }

    // ---- bad input: exit 1, exactly one line on stderr naming the file and the cause, nothing written

    static void assertFails(Path dir, String expectedErr, String... args) throws IOException {
        Path out = dir.resolve("out.csv");
        String[] full = Stream.concat(Stream.of(args), Stream.of("--out", out.toString())).toArray(String[]::new);
        Run r = run(full);
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals(expectedErr + System.lineSeparator(), r.err());
        assertFalse(Files.exists(out), "no output may be written on failure");
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".radspark-")), "temporary file left");
        }
    }

    static Path truncated(Path src, Path dir, String name, int keep) throws IOException {
        byte[] b = Files.readAllBytes(src);
        Path p = dir.resolve(name);
        Files.write(p, java.util.Arrays.copyOf(b, keep));
        return p;
    }

    @Test
    void truncatedNrrd(@TempDir Path dir) throws IOException {
        Path bad = truncated(BRAIN_IMAGE, dir, "brain1_image.nrrd", 5000);
        assertFails(dir, bad + ": truncated data: gzip stream ended early", "extract", bad.toString(), BRAIN_LABEL.toString());
    }

    @Test
    void truncatedNifti(@TempDir Path dir) throws IOException {
        Path bad = truncated(CT.resolve("nifti/image.nii.gz"), dir, "image.nii.gz", 20000);
        assertFails(dir, bad + ": truncated data: gzip stream ended early", "extract", bad.toString(),
            CT.resolve("nifti/mask.nii.gz").toString());
    }

    static Path copySeries(Path dir) throws IOException {
        Path series = Files.createDirectories(dir.resolve("series"));
        try (Stream<Path> s = Files.list(CT.resolve("dicom/image"))) {
            for (Path f : s.toList()) {
                Files.copy(f, series.resolve(f.getFileName()));
            }
        }
        return series;
    }

    @Test
    void truncatedDicom(@TempDir Path dir) throws IOException {
        Path series = copySeries(dir);
        Path victim = series.resolve("DCM_IMG_00010.dcm");
        byte[] b = Files.readAllBytes(victim);
        Files.write(victim, java.util.Arrays.copyOf(b, b.length / 2));
        Run r = run("extract", series.toString(), CT.resolve("dicom/mask/rtstruct.dcm").toString(), "--out",
            dir.resolve("out.csv").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith(victim + ": truncated or corrupt DICOM ("), r.err());
        assertEquals(1, r.err().lines().count());
        assertFalse(Files.exists(dir.resolve("out.csv")));
    }

    @Test
    void seriesWithMissingSlice(@TempDir Path dir) throws IOException {
        Path series = copySeries(dir);
        Files.delete(series.resolve("DCM_IMG_00030.dcm"));
        Run r = run("extract", series.toString(), CT.resolve("dicom/mask/rtstruct.dcm").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith(series + ": missing slice: gap of 6.0 mm between "), r.err());
        assertTrue(r.err().trim().endsWith("expected 3.0 mm"), r.err());
    }

    @Test
    void geometryMismatch(@TempDir Path dir) throws IOException {
        // breast1's label on brain1's image: different grids
        Path label = DATA.resolve("pyradiomics/breast1_label.nrrd");
        assertFails(dir, BRAIN_IMAGE + " + " + label + ": image/mask geometry mismatch: image size [256, 256, 25], "
            + "mask [45, 120, 21] (increase geometryTolerance or enable correctMask)",
            "extract", BRAIN_IMAGE.toString(), label.toString());
    }

    @Test
    void labelAbsent(@TempDir Path dir) throws IOException {
        assertFails(dir, BRAIN_IMAGE + " + " + BRAIN_LABEL + ": label 2 not present in mask (labels found: 1)",
            "extract", BRAIN_IMAGE.toString(), BRAIN_LABEL.toString(), "--label", "2");
    }

    @Test
    void emptyMask(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty.nrrd");
        Files.writeString(empty, "NRRD0004\ntype: uint8\ndimension: 3\nspace: left-posterior-superior\nsizes: 256 256 25\n"
            + "space directions: (0.78125,0,0) (0,-0.78125,0) (0,0,6.5)\nspace origin: (0,0,0)\nencoding: raw\n\n");
        Files.write(empty, new byte[256 * 256 * 25], java.nio.file.StandardOpenOption.APPEND);
        assertFails(dir, BRAIN_IMAGE + " + " + empty + ": mask is empty: no voxel is segmented",
            "extract", BRAIN_IMAGE.toString(), empty.toString());
    }

    @Test
    void unknownParameterKeyAndNegativeBinWidth(@TempDir Path dir) throws IOException {
        Path p1 = dir.resolve("p1.yaml");
        Files.writeString(p1, "setting:\n  binWidth: 25\n  resampledSpacing: [1, 1, 1]\n");
        assertFails(dir, p1 + ": setting.resampledSpacing: unknown setting",
            "extract", BRAIN_IMAGE.toString(), BRAIN_LABEL.toString(), "--param", p1.toString());
        Path p2 = dir.resolve("p2.yaml");
        Files.writeString(p2, "setting:\n  binWidth: -25\n");
        assertFails(dir, p2 + ": setting.binWidth: expected a number greater than 0, got -25",
            "extract", BRAIN_IMAGE.toString(), BRAIN_LABEL.toString(), "--param", p2.toString());
    }

    @Test
    void wrongUsageExitsWithTwo() {
        Run r = run("extract", BRAIN_IMAGE.toString());
        assertEquals(2, r.code());
        assertEquals("radspark: extract needs IMAGE and MASK, or a batch file (.csv) alone\nsee 'radspark extract --help'",
            r.err().strip(), r.err());
        r = run("extract", BRAIN_IMAGE.toString(), BRAIN_LABEL.toString(), "--format", "xml");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("radspark: Invalid value for option '--format': expected one of [csv, json]"),
            r.err());
        r = run("extract", BRAIN_IMAGE.toString(), BRAIN_LABEL.toString(), "--roi", "GTV-1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is a label map (use --label)"), r.err());
        r = run("extract", BRAIN_IMAGE.toString(), BRAIN_LABEL.toString(), "--lable", "2");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("radspark: Unknown options: '--lable', '2'") && r.err().contains("--label"),
            r.err());
    }

    @Test
    void everyCommandAnswersHelpAndVersion() {
        for (String[] argv : new String[][] {{"--help"}, {"extract", "--help"}, {"filter", "--help"}, {"cohort", "--help"},
            {"cohort", "extract", "--help"}, {"study", "--help"}, {"study", "run", "--help"}, {"demo", "--help"},
            {"bench", "--help"}, {"bench-cohort", "--help"}, {"bench-synthetic", "--help"}, {"generate-completion",
            "--help"}}) {
            Run r = run(argv);
            assertEquals(0, r.code(), String.join(" ", argv) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: radspark"), String.join(" ", argv) + ": " + r.out());
        }
        Run v = run("--version");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().startsWith("radspark ") && v.out().contains("\nSpark 4.") && v.out().contains("\nJava 17"),
            v.out());
        Run sub = run("extract", "--version");
        assertEquals(v.out(), sub.out(), "every command answers --version");
        Run help = run("help", "extract");
        assertEquals(0, help.code(), help.err());
        assertEquals(run("extract", "--help").out(), help.out());
        Run bad = run("extract", BRAIN_IMAGE.toString(), BRAIN_LABEL.toString(), "--log-level", "loud");
        assertEquals(2, bad.code());
        assertTrue(bad.err().endsWith("see 'radspark extract --help'\n"), bad.err());
        Run top = run("frobnicate");
        assertTrue(top.err().contains("see 'radspark --help'"), top.err());
        Run c = run("generate-completion");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("complete -F _complete_radspark") && c.out().contains("--fail-on-errors"), c.out());
    }

    @Test
    void logFileGetsWhatTheCommandPrintsWithDates(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path log = dir.resolve("radspark.log");
        Run r = run("extract", BRAIN_IMAGE.toString(), dir.resolve("absent.nrrd").toString(), "--log-file", log.toString());
        assertEquals(1, r.code(), r.err());
        String text = java.nio.file.Files.readString(log);
        assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO output: .*absent\\.nrrd.*"),
            text);
        Run dirOut = run("extract", BRAIN_IMAGE.toString(), BRAIN_LABEL.toString(), "-o", dir.toString());
        assertEquals(1, dirOut.code(), dirOut.err());
        assertEquals("output " + dir + " is a folder; name a file", dirOut.err().strip());
    }

    @Test
    void anRtstructFolderGivenAsMaskNamesTheFileToGive() {
        Run r = run("extract", CT.resolve("dicom/image").toString(), CT.resolve("dicom/mask").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(CT.resolve("dicom/mask") + ": no DICOM image found; it holds the RTSTRUCT/SEG file rtstruct.dcm, "
            + "which is given as the mask file itself", r.err().strip());
    }
}
