package org.radspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.image.Image;
import org.radspark.io.NiftiWriter;
import org.radspark.io.VolumeReaders;
import org.radspark.jobs.CohortFixtures;
import org.radspark.jobs.SparkSessions;

/**
 * The bad-input corpus: broken images, masks, manifests, parameter and study files, clinical tables and
 * locations, each through the command that meets it. A problem with the command's own input is one line
 * on stderr naming the input and the cause, with its documented exit code and no output written; a bad
 * case in a cohort is one {@code errors} row while the other cases finish, and the tables change only by
 * the cases that succeeded.
 */
class BadInputCorpusTest {
    static final Path DATA = CohortFixtures.DATA;
    static final Path PARAMS = DATA.getParent().resolve("conf/params/pyradiomics-default.yaml");

    @TempDir
    static Path dir;
    /** The broken cases: name -> {image, mask, roi}. */
    static final Map<String, String[]> BROKEN = new LinkedHashMap<>();

    @BeforeAll
    static void buildCorpus() throws IOException {
        Path py = DATA.resolve("pyradiomics");
        Path brainImage = py.resolve("brain1_image.nrrd");
        Path brainLabel = py.resolve("brain1_label.nrrd");
        Path c = Files.createDirectories(dir.resolve("corpus"));

        BROKEN.put("truncated-nrrd", new String[] {truncate(brainImage, c.resolve("trunc.nrrd"), 0.5).toString(),
            brainLabel.toString(), ""});
        Path gz = truncate(DATA.resolve("ibsi1/ct_phantom/nifti/image.nii.gz"), c.resolve("trunc.nii.gz"), 0.6);
        BROKEN.put("corrupt-gzip-nifti", new String[] {gz.toString(),
            DATA.resolve("ibsi1/ct_phantom/nifti/mask.nii.gz").toString(), ""});
        Path garbage = Files.createDirectories(c.resolve("garbage-dicom"));
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        Files.write(garbage.resolve("IM0001.dcm"), noise);
        BROKEN.put("garbage-dicom", new String[] {garbage.toString(), brainLabel.toString(), ""});
        BROKEN.put("geometry-mismatch", new String[] {brainImage.toString(), py.resolve("breast1_label.nrrd").toString(),
            ""});
        Image brain = VolumeReaders.readImage(brainImage, null);
        Path empty = c.resolve("empty-mask.nii.gz");
        NiftiWriter.write(new Image(brain.geometry(), new double[brain.voxels().length]), empty);
        BROKEN.put("empty-mask", new String[] {brainImage.toString(), empty.toString(), ""});
        BROKEN.put("missing-image", new String[] {c.resolve("absent.nrrd").toString(), brainLabel.toString(), ""});
        Path ctSeries = DATA.resolve("ibsi1/ct_phantom/dicom/image");
        Path rtstruct = DATA.resolve("ibsi1/ct_phantom/dicom/mask/rtstruct.dcm");
        BROKEN.put("rtstruct-missing-roi", new String[] {ctSeries.toString(), rtstruct.toString(), "NO-SUCH-ROI"});
        Path gap = copySeries(ctSeries, c.resolve("series-with-gap"));
        Files.delete(gap.resolve("DCM_IMG_00030.dcm"));
        BROKEN.put("dicom-missing-slice", new String[] {gap.toString(), rtstruct.toString(), "GTV-1"});
        Path other = copySeries(ctSeries, c.resolve("other-series"));
        renameSeries(other);
        BROKEN.put("rtstruct-other-series", new String[] {other.toString(), rtstruct.toString(), "GTV-1"});
        Path truncDicom = copySeries(ctSeries, c.resolve("truncated-dicom"));
        truncate(truncDicom.resolve("DCM_IMG_00010.dcm"), truncDicom.resolve("DCM_IMG_00010.dcm"), 0.3);
        BROKEN.put("truncated-dicom-slice", new String[] {truncDicom.toString(), rtstruct.toString(), "GTV-1"});
    }

    // ------------------------------------------------------------------ extract: one case

    @Test
    void extractNamesTheBrokenInputInOneLineAndWritesNothing() throws IOException {
        Map<String, String> expected = new TreeMap<>(Map.of(
            "truncated-nrrd", "trunc.nrrd",
            "corrupt-gzip-nifti", "trunc.nii.gz",
            "garbage-dicom", "garbage-dicom",
            "geometry-mismatch", "geometry mismatch",
            "empty-mask", "mask is empty",
            "missing-image", "absent.nrrd",
            "rtstruct-missing-roi", "NO-SUCH-ROI",
            "dicom-missing-slice", "slice",
            "rtstruct-other-series", "the structure set was drawn on series",
            "truncated-dicom-slice", "DCM_IMG_00010.dcm"));
        assertEquals(BROKEN.keySet().stream().sorted().toList(), List.copyOf(expected.keySet()));
        for (Map.Entry<String, String[]> e : BROKEN.entrySet()) {
            String[] f = e.getValue();
            List<String> args = new ArrayList<>(List.of("extract", f[0], f[1], "--param", PARAMS.toString()));
            if (!f[2].isEmpty()) {
                args.addAll(List.of("--roi", f[2]));
            }
            Path out = dir.resolve("out-" + e.getKey() + ".csv");
            args.addAll(List.of("--out", out.toString()));
            Result r = run(args.toArray(String[]::new));
            r.oneLine(1, e.getKey(), expected.get(e.getKey()));
            assertTrue(!Files.exists(out), e.getKey() + ": no output file");
        }
        Path brainImage = DATA.resolve("pyradiomics/brain1_image.nrrd");
        Path brainLabel = DATA.resolve("pyradiomics/brain1_label.nrrd");
        run("extract", brainImage.toString(), brainLabel.toString(), "--label", "7").oneLine(1, "label-absent", "7");
        Path yamlError = Files.writeString(dir.resolve("syntax.yaml"), "setting:\n  binWidth: [25\n");
        run("extract", brainImage.toString(), brainLabel.toString(), "--param", yamlError.toString())
            .oneLine(1, "yaml-syntax", "syntax.yaml: not valid YAML, line 3, column 1");
        Path unknownKey = Files.writeString(dir.resolve("unknown.yaml"), "setting:\n  binWidht: 25\n");
        run("extract", brainImage.toString(), brainLabel.toString(), "--param", unknownKey.toString())
            .oneLine(1, "yaml-unknown-key", "binWidht");
        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), "setting:\n  binWidth: -5\n");
        run("extract", brainImage.toString(), brainLabel.toString(), "--param", invalid.toString())
            .oneLine(1, "yaml-invalid-value", "binWidth");
        Path aFile = Files.writeString(dir.resolve("plain-file"), "x");
        run("extract", brainImage.toString(), brainLabel.toString(), "--out", aFile.resolve("f.csv").toString())
            .oneLine(1, "unwritable-output", "cannot create its folder (" + aFile + " is a file, not a folder)");
        run("extract", brainImage.toString(), "hdfs://127.0.0.1:1/mask.nrrd")
            .oneLine(1, "remote-path-for-local-command", "hdfs://127.0.0.1:1/mask.nrrd");
        run("extract", brainImage.toString(), brainLabel.toString(), "--format", "xml").usage("--format");
    }

    // ------------------------------------------------------------------ cohort extract: before Spark

    @Test
    void cohortInputsAreCheckedBeforeSparkInOneLine() throws IOException {
        Path good = CohortFixtures.alternatingCases(Files.createDirectories(dir.resolve("good")), "G", 2, i -> "r1");
        Path tables = dir.resolve("before-spark-tables");
        Map<String, String[]> manifests = new LinkedHashMap<>();
        manifests.put("manifest-missing-column", new String[] {"patient_id,image\nP1,a.nrrd\n", "mask"});
        manifests.put("manifest-duplicates", new String[] {"patient_id,image,mask\nP1,a,b\nP1,a,b\n", "duplicate"});
        manifests.put("manifest-empty", new String[] {"", "empty"});
        manifests.put("manifest-ragged", new String[] {"patient_id,image,mask\nP1,a\n", "row 2"});
        manifests.put("manifest-bad-label", new String[] {"patient_id,image,mask,label\nP1,a,b,one\n", "label"});
        for (Map.Entry<String, String[]> e : manifests.entrySet()) {
            Path m = Files.writeString(dir.resolve(e.getKey() + ".csv"), e.getValue()[0]);
            long t0 = System.nanoTime();
            Result r = run("cohort", "extract", "--manifest", m.toString(), "--param", PARAMS.toString(), "--table",
                tables.toString());
            assertEquals(1, r.code, e.getKey() + ": " + r.err);
            assertTrue(r.err.startsWith("file:" + m + ": invalid manifest"), e.getKey() + ": " + r.err);
            assertTrue(r.err.contains(e.getValue()[1]), e.getKey() + ": " + r.err);
            System.out.println("corpus " + e.getKey() + ": " + r.err.strip());
            assertTrue((System.nanoTime() - t0) / 1e9 < 2, e.getKey() + ": answered within 2 s");
        }
        String[] base = {"cohort", "extract", "--manifest", good.toString(), "--param", PARAMS.toString()};
        // a BOM and CRLF line ends are a valid manifest
        Path bom = Files.write(dir.resolve("bom-crlf.csv"), ("\uFEFF" + Files.readString(good).replace("\n", "\r\n")
            .replace("data/", good.getParent().resolve("data") + "/")).getBytes(StandardCharsets.UTF_8));
        Result ok = run("cohort", "extract", "--manifest", bom.toString(), "--param", PARAMS.toString(), "--table",
            tables.toString(), "--validate-only");
        assertEquals(0, ok.code, ok.err);
        assertTrue(ok.out.contains("(2 cases)"), ok.out);

        Path yaml = Files.writeString(dir.resolve("cohort-syntax.yaml"), "imageType:\n  Original: {\n");
        run(with(base, 5, yaml.toString(), "--table", tables.toString())).oneLine(1, "param-yaml-syntax",
            "cohort-syntax.yaml");
        Path notDelta = Files.createDirectories(dir.resolve("not-delta/features"));
        Files.writeString(notDelta.resolve("part-0.csv"), "x\n");
        run(with(base, -1, "--table", notDelta.getParent().toString())).oneLine(1, "table-not-delta",
            "not a Delta table");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        run(with(base, -1, "--table", file.resolve("tables").toString())).oneLine(1, "table-under-a-file",
            "is a file, not a folder");
        run(with(base, -1, "--table", "hdfs://127.0.0.1:1/tables")).oneLine(1, "unreachable-hdfs", "127.0.0.1:1");
        System.setProperty("radspark.masterTimeoutSeconds", "2");
        try {
            run(with(base, -1, "--table", tables.toString(), "--master", "spark://127.0.0.1:1")).oneLine(1,
                "unreachable-master", "spark://127.0.0.1:1 not reachable within 2 s");
        } finally {
            System.clearProperty("radspark.masterTimeoutSeconds");
        }
        run(with(base, -1, "--table", tables.toString(), "--master", "sparkk://x")).usage("--master 'sparkk://x'");
        run(with(base, -1, "--table", tables.toString(), "--batch-size", "many")).usage("--batch-size");
        assertTrue(!Files.exists(tables), "no table folder created");
    }

    // ------------------------------------------------------------------ cohort extract: bad cases

    @Test
    void eachBadCaseIsAnErrorRowAndTheGoodOnesFinish() throws IOException {
        Path m = dir.resolve("cohort-bad.csv");
        List<String> rows = new ArrayList<>(List.of("patient_id,image,mask,roi"));
        rows.add("GOOD," + DATA.resolve("pyradiomics/breast1_image.nrrd") + "," + DATA.resolve("pyradiomics/breast1_label.nrrd")
            + ",");
        for (Map.Entry<String, String[]> e : BROKEN.entrySet()) {
            rows.add(e.getKey() + "," + String.join(",", e.getValue()));
        }
        Files.writeString(m, String.join("\n", rows) + "\n");
        String tables = dir.resolve("bad-cases-tables").toString();
        String[] cmd = {"cohort", "extract", "--manifest", m.toString(), "--param", PARAMS.toString(), "--table", tables,
            "--master", "local[2]", "--fail-on-errors"};
        Result r = run(cmd);
        assertEquals(Radspark.CASES_FAILED, r.code, r.out + r.err);
        assertTrue(r.out.contains("cases 11: extracted 1, skipped 0 (already in the table), failed 10"), r.out);

        SparkSession spark = SparkSessions.create("corpus", "local[2]");
        Map<String, Row> errors = new TreeMap<>();
        for (Row e : spark.read().format("delta").load(tables + "/errors").collectAsList()) {
            errors.put(e.getAs("patient_id"), e);
        }
        assertEquals(BROKEN.keySet().stream().sorted().toList(), List.copyOf(errors.keySet()));
        for (Row e : errors.values()) {
            String msg = e.getAs("message");
            assertTrue(!msg.isBlank() && !msg.contains("\n\tat "), e.toString());
        }
        assertEquals(List.of("GOOD"), spark.read().format("delta").load(tables + "/features").select("patient_id")
            .distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        long featureRows = spark.read().format("delta").load(tables + "/features").count();

        // the same run again: nothing recomputed for the good case, the bad ones tried again, no duplicate row
        r = run(cmd);
        assertEquals(Radspark.CASES_FAILED, r.code, r.out + r.err);
        assertTrue(r.out.contains("cases 11: extracted 0, skipped 1 (already in the table), failed 10"), r.out);
        spark = SparkSessions.create("corpus", "local[2]");
        assertEquals(featureRows, spark.read().format("delta").load(tables + "/features").count());
        assertEquals(1L, spark.read().format("delta").load(tables + "/features_wide").count());
        assertEquals(10L, spark.read().format("delta").load(tables + "/errors").select("patient_id").distinct().count());
    }

    // ------------------------------------------------------------------ study run

    @Test
    void studyInputsAreOneLineWithNoOutput() throws IOException {
        Path cohort = dir.resolve("study-cohort");
        org.radspark.jobs.study.SyntheticStudyCohort.Spec spec = new org.radspark.jobs.study.SyntheticStudyCohort.Spec();
        spec.patients = 24;
        SparkSession spark = SparkSessions.create("corpus", "local[2]");
        // templates: the real features of brain1 and breast1, as the demo derives its study cohort
        List<Map<String, Double>> templates = new ArrayList<>();
        org.radspark.extract.FeatureExtractor fx = new org.radspark.extract.FeatureExtractor(
            org.radspark.params.ParamFileParser.parse(PARAMS));
        for (String c : List.of("brain1", "breast1")) {
            Image image = VolumeReaders.readImage(DATA.resolve("pyradiomics/" + c + "_image.nrrd"), null);
            templates.add(fx.extract(image, VolumeReaders.readMask(DATA.resolve("pyradiomics/" + c + "_label.nrrd"),
                image.geometry(), new org.radspark.io.MaskSelection(null, null, null)), null).features());
        }
        org.radspark.jobs.study.SyntheticStudyCohort.write(spark, templates, "h1", spec, cohort.resolve("tables").toString(),
            cohort.resolve("clinical.csv").toString());
        List<String> clinical = Files.readAllLines(cohort.resolve("clinical.csv"));
        Path study = DATA.getParent().resolve("conf/studies/demo.yaml");
        Path out = dir.resolve("study-out");

        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("clinical-label-not-0-1", new String[] {replaceColumn(clinical, 1, "2"),
            "clinical-label-not-0-1.csv must hold 0 or 1"});
        cases.put("clinical-no-matching-patients", new String[] {String.join("\n", clinical).replace("SYN-", "XX-"),
            "no patient"});
        cases.put("clinical-text-in-numeric", new String[] {replaceColumn(clinical, 2, "old"),
            "clinical variable 'age' is not numeric in " + dir.resolve("clinical-text-in-numeric.csv") + " ('old' for "
            + "patient_id SYN-001)"});
        cases.put("clinical-missing-label-column", new String[] {String.join("\n", clinical).replaceFirst("outcome",
            "result"), "label column 'outcome' is not in the clinical table"});
        for (Map.Entry<String, String[]> e : cases.entrySet()) {
            Path csv = Files.writeString(dir.resolve(e.getKey() + ".csv"), e.getValue()[0] + "\n");
            run("study", "run", study.toString(), "--table", cohort.resolve("tables").toString(), "--clinical",
                csv.toString(), "--out", out.toString(), "--master", "local[1]").oneLine(1, e.getKey(), e.getValue()[1]);
        }
        String[] tail = {"--table", cohort.resolve("tables").toString(), "--clinical",
            cohort.resolve("clinical.csv").toString(), "--out", out.toString()};
        Map<String, String[]> files = new LinkedHashMap<>();
        files.put("study-yaml-syntax", new String[] {"name: x\nsteps: [\n", "not valid YAML, line 3, column 1"});
        files.put("study-unknown-key", new String[] {Files.readString(study).replace("split:", "spilt:"),
            "study-unknown-key.yaml: unknown key 'spilt'"});
        files.put("study-invalid-value", new String[] {Files.readString(study).replaceFirst("test_fraction: [0-9.]+",
            "test_fraction: 2"), "study-invalid-value.yaml: split.test_fraction must be between 0 and 1"});
        for (Map.Entry<String, String[]> e : files.entrySet()) {
            Path f = Files.writeString(dir.resolve(e.getKey() + ".yaml"), e.getValue()[0]);
            List<String> args = new ArrayList<>(List.of("study", "run", f.toString()));
            args.addAll(List.of(tail));
            run(args.toArray(String[]::new)).oneLine(1, e.getKey(), e.getValue()[1]);
        }
        Path notDelta = Files.createDirectories(dir.resolve("study-not-delta"));
        run("study", "run", study.toString(), "--table", notDelta.toString(), "--clinical",
            cohort.resolve("clinical.csv").toString(), "--out", out.toString()).oneLine(1, "feature-table-not-delta",
            "no Delta table");
        assertTrue(!Files.exists(out), "no study output written");
    }

    // ------------------------------------------------------------------ helpers

    record Result(int code, String out, String err) {
        /** Exit {@code code}, one line on stderr that contains {@code part}. */
        void oneLine(int expectedCode, String kind, String part) {
            assertEquals(expectedCode, code, kind + ": " + err + out);
            assertEquals(1, err.strip().lines().count(), kind + ": " + err);
            assertTrue(err.contains(part), kind + ": '" + part + "' not in: " + err);
            assertTrue(!err.contains("Exception:") || err.startsWith("radspark: "), kind + ": " + err);
            System.out.println("corpus " + kind + ": " + err.strip());
        }

        /** Exit 2, the problem named on the first line, then the usage text. */
        void usage(String part) {
            assertEquals(2, code, err);
            assertTrue(err.lines().findFirst().orElse("").contains(part), err);
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Radspark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code base} with element {@code at} replaced (when >= 0) and {@code more} appended. */
    static String[] with(String[] base, int at, String... more) {
        List<String> a = new ArrayList<>(List.of(base));
        if (at >= 0) {
            a.set(at, more[0]);
            a.addAll(List.of(more).subList(1, more.length));
        } else {
            a.addAll(List.of(more));
        }
        return a.toArray(String[]::new);
    }

    static String replaceColumn(List<String> csv, int column, String value) {
        List<String> out = new ArrayList<>(List.of(csv.get(0)));
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            f[column] = value;
            out.add(String.join(",", f));
        }
        return String.join("\n", out);
    }

    static Path truncate(Path src, Path dst, double keep) throws IOException {
        byte[] b = Files.readAllBytes(src);
        Files.write(dst, java.util.Arrays.copyOf(b, (int) (b.length * keep)));
        return dst;
    }

    static Path copySeries(Path series, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> s = Files.list(series)) {
            for (Path f : s.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    /**
     * Gives every slice another SeriesInstanceUID (0020,000E) and FrameOfReferenceUID (0020,0052) of the
     * same length: an RTSTRUCT made for the original series then references a series, and a frame of
     * reference, that the image is not in.
     */
    static void renameSeries(Path series) throws IOException {
        try (Stream<Path> s = Files.list(series)) {
            for (Path f : s.toList()) {
                byte[] b = Files.readAllBytes(f);
                changeUid(b, new byte[] {0x20, 0x00, 0x0e, 0x00});
                changeUid(b, new byte[] {0x20, 0x00, 0x52, 0x00});
                Files.write(f, b);
            }
        }
    }

    /** Changes the last digit of the UID value of the first element with {@code tag} (explicit or implicit VR). */
    static void changeUid(byte[] b, byte[] tag) {
        int i = indexOf(b, tag);
        int len = (b[i + 4] & 0xff) | (b[i + 5] & 0xff) << 8 | (b[i + 6] & 0xff) << 16 | (b[i + 7] & 0xff) << 24;
        if (b[i + 4] == 'U' && b[i + 5] == 'I') {
            len = (b[i + 6] & 0xff) | (b[i + 7] & 0xff) << 8;
        }
        int last = i + 8 + len - 1;
        while (b[last] == 0 || b[last] == ' ') {
            last--;
        }
        b[last] = (byte) (b[last] == '9' ? '8' : '9');
    }

    static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("tag not found");
    }
}
