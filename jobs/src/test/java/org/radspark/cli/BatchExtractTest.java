package org.radspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.io.CsvRecords;
import org.radspark.jobs.CohortFixtures;

/**
 * pyradiomics' batch mode: radspark's output for testdata/pyradiomics/batch/cases.csv against the output
 * pyradiomics itself wrote for it (make_reference.sh there): the same columns in the same order, the input
 * columns passed through, the diagnostics as pyradiomics writes them and the features within 1e-6.
 */
class BatchExtractTest {
    static final Path BATCH = CohortFixtures.DATA.resolve("pyradiomics/batch");
    static final Path PARAMS = CohortFixtures.DATA.getParent().resolve("conf/params/pyradiomics-default.yaml");
    /** Diagnostics that name each tool's own components, or Python's float text of a mean. */
    static final Set<String> OWN = Set.of("diagnostics_Versions_PyRadiomics", "diagnostics_Versions_Numpy",
        "diagnostics_Versions_SimpleITK", "diagnostics_Versions_PyWavelet", "diagnostics_Versions_Python",
        "diagnostics_Versions_radspark", "diagnostics_Versions_Java");

    @Test
    void batchOutputHasPyradiomicsLayoutAndValues(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results.csv");
        ExtractCommandTest.Run r = ExtractCommandTest.run("extract", BATCH.resolve("cases.csv").toString(), "-p",
            PARAMS.toString(), "-o", out.toString(), "--format-path", "relative", "-j", "2");
        assertEquals(0, r.code(), r.err());
        List<Map<String, String>> ours = rows(out);
        List<Map<String, String>> theirs = rows(BATCH.resolve("pyradiomics_batch.csv"));
        assertEquals(strip(theirs.get(0).keySet()), strip(ours.get(0).keySet()));
        assertEquals(2, ours.size());
        for (int i = 0; i < theirs.size(); i++) {
            Map<String, String> t = theirs.get(i);
            Map<String, String> o = ours.get(i);
            for (String k : t.keySet()) {
                if (OWN.contains(k)) {
                    continue;
                }
                String a = t.get(k);
                String b = o.get(k);
                if (k.startsWith("original_") || k.endsWith("_Mean")) {
                    double x = Double.parseDouble(a);
                    double y = Double.parseDouble(b);
                    assertEquals(x, y, 1e-6 * Math.max(1, Math.abs(x)), "case " + (i + 1) + " " + k);
                } else if (k.endsWith("CenterOfMass") || k.endsWith("CenterOfMassIndex") || k.endsWith("_Spacing")) {
                    String[] xa = a.replaceAll("[() ]", "").split(",");
                    String[] ya = b.replaceAll("[() ]", "").split(",");
                    for (int j = 0; j < xa.length; j++) {
                        assertEquals(Double.parseDouble(xa[j]), Double.parseDouble(ya[j]), 1e-9, k);
                    }
                } else {
                    assertEquals(a, b, "case " + (i + 1) + " " + k);
                }
            }
        }
        assertTrue(r.err().contains("[radspark] cases 2/2 done, 0 failed"), r.err());
    }

    @Test
    void aFailingCaseIsReportedAndTheBatchGoesOn(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("cases.csv"), "Image,Mask,Site\n"
            + BATCH.resolve("../brain1_image.nrrd").normalize() + "," + BATCH.resolve("../breast1_label.nrrd").normalize()
            + ",A\n" + BATCH.resolve("../breast1_image.nrrd").normalize() + ","
            + BATCH.resolve("../breast1_label.nrrd").normalize() + ",B\n");
        ExtractCommandTest.Run r = ExtractCommandTest.run("extract", csv.toString(), "-s", "binWidth:50", "-f", "json",
            "--format-path", "basename");
        assertEquals(Radspark.CASES_FAILED, r.code(), r.err());
        assertTrue(r.err().contains("[radspark] case 1 (") && r.err().contains("geometry mismatch"), r.err());
        assertTrue(r.err().contains("[radspark] 1 of 2 cases failed"), r.err());
        // as pyradiomics: the failed case keeps its row with the input columns only
        assertTrue(r.out().startsWith("[\n  {\n    \"Image\": \"brain1_image.nrrd\",\n    \"Mask\": \"breast1_label.nrrd\","
            + "\n    \"Site\": \"A\"\n  },\n  {\n    \"Image\": \"breast1_image.nrrd\",\n    \"Mask\": "
            + "\"breast1_label.nrrd\",\n    \"Site\": \"B\","), r.out());
        // diagnostics as JSON values, as pyradiomics' -f json gives them
        assertTrue(r.out().contains("\"diagnostics_Mask-original_VoxelNum\": 143,")
            && r.out().contains("\"diagnostics_Configuration_EnabledImageTypes\": {\"Original\": {}},"), r.out());
        assertTrue(r.out().contains("\"binWidth\": 50"), "the -s override is in the settings");
        // the override changes the values: fewer grey levels with a wider bin
        ExtractCommandTest.Run narrow = ExtractCommandTest.run("extract", csv.toString(), "-f", "json");
        assertTrue(!narrow.out().equals(r.out()));
        r = ExtractCommandTest.run("extract", csv.toString(), "-s", "binWidht:50");
        assertEquals(1, r.code(), r.err());
        assertEquals("-s binWidht:50: setting.binWidht: unknown setting (did you mean binWidth?)", r.err().strip());
        r = ExtractCommandTest.run("extract", csv.toString(), "-s", "binWidth");
        assertEquals(2, r.code(), r.err());
        r = ExtractCommandTest.run("extract", BATCH.resolve("../brain1_image.nrrd").toString());
        assertEquals(2, r.code(), r.err());
        r = ExtractCommandTest.run("extract", csv.toString(), BATCH.resolve("../brain1_label.nrrd").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("radspark: a batch file (" + csv + ") names each case's mask itself"), r.err());
        r = ExtractCommandTest.run("extract", csv.toString(), "-j", "0");
        assertEquals(2, r.code(), r.err());
        Path empty = Files.writeString(dir.resolve("empty.csv"), "Image,Mask\n");
        r = ExtractCommandTest.run("extract", empty.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(empty + ": no cases (a header line only)", r.err().strip());
        // a bad Label cell fails that case only
        Path badLabel = Files.writeString(dir.resolve("label.csv"), "Image,Mask,Label\n"
            + BATCH.resolve("../breast1_image.nrrd").normalize() + "," + BATCH.resolve("../breast1_label.nrrd").normalize()
            + ",abc\n" + BATCH.resolve("../breast1_image.nrrd").normalize() + ","
            + BATCH.resolve("../breast1_label.nrrd").normalize() + ",1\n");
        r = ExtractCommandTest.run("extract", badLabel.toString(), "-o", dir.resolve("label-out.csv").toString());
        assertEquals(Radspark.CASES_FAILED, r.code(), r.err());
        assertTrue(r.err().contains("Label must be a number, got 'abc'"), r.err());
        assertEquals(3, Files.readAllLines(dir.resolve("label-out.csv")).size(), "header and both cases' rows");
    }

    private static List<String> strip(Set<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (!OWN.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private static List<Map<String, String>> rows(Path csv) throws Exception {
        List<List<String>> records = CsvRecords.parse(Files.readString(csv, StandardCharsets.UTF_8));
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> rec : records.subList(1, records.size())) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < records.get(0).size(); i++) {
                m.put(records.get(0).get(i), rec.get(i));
            }
            out.add(m);
        }
        return out;
    }
}
