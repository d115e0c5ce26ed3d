package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.cli.Radspark;

/** One bad case never fails the cohort: good cases get features, each bad case one errors row with its cause. */
class BadCohortTest {

    @Test
    void goodCasesSucceedAndEachBadCaseIsRecorded(@TempDir Path dir) throws IOException {
        CohortFixtures.copyPyradiomicsCases(dir);
        Path series = dir.resolve("ct-truncated");
        CohortFixtures.copyCtSeries(series);
        Path victim = series.resolve("DCM_IMG_00020.dcm");
        byte[] b = Files.readAllBytes(victim);
        Files.write(victim, Arrays.copyOf(b, b.length / 3));
        Files.copy(CohortFixtures.DATA.resolve("ibsi1/ct_phantom/dicom/mask/rtstruct.dcm"), dir.resolve("rtstruct.dcm"));
        Path empty = dir.resolve("data/empty_label.nrrd");
        Files.writeString(empty, "NRRD0004\ntype: uint8\ndimension: 3\nspace: left-posterior-superior\nsizes: 45 120 21\n"
            + "space directions: (0.664062,0,0) (0,0.664062,0) (0,0,2.1)\nspace origin: (0,0,0)\nencoding: raw\n\n");
        Files.write(empty, new byte[45 * 120 * 21], java.nio.file.StandardOpenOption.APPEND);
        Path manifest = CohortFixtures.writeManifest(dir,
            "patient_id,image,mask,roi",
            "GOOD1,data/brain1_image.nrrd,data/brain1_label.nrrd,",
            "GOOD2,data/breast1_image.nrrd,data/breast1_label.nrrd,",
            "TRUNC,ct-truncated,rtstruct.dcm,GTV-1",
            "MISSING,data/brain1_image.nrrd,data/no_such_label.nrrd,",
            "EMPTY,data/breast1_image.nrrd,data/empty_label.nrrd,",
            "MISMATCH,data/brain1_image.nrrd,data/breast1_label.nrrd,");
        String table = dir.resolve("tables").toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Radspark.run(new String[] {"cohort", "extract", "--manifest", manifest.toString(), "--param",
            CohortFixtures.PARAMS.toString(), "--table", table, "--master", "local[2]"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String console = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, console);
        assertTrue(console.contains("cases 6: extracted 2, skipped 0 (already in the table), failed 4"), console);

        SparkSession spark = CohortFixtures.spark();
        FeatureTables tables = new FeatureTables(spark, table);
        List<Row> patients = tables.features().select("patient_id").distinct().orderBy("patient_id").collectAsList();
        assertEquals(List.of("GOOD1", "GOOD2"), patients.stream().map(r -> r.getString(0)).toList());
        Map<String, Row> errors = new TreeMap<>();
        for (Row r : spark.read().format("delta").load(tables.path("errors")).collectAsList()) {
            errors.put(r.getAs("patient_id"), r);
        }
        assertEquals(List.of("EMPTY", "MISMATCH", "MISSING", "TRUNC"), List.copyOf(errors.keySet()));
        assertError(errors.get("TRUNC"), "read", "ReadException", victim.getFileName() + ": truncated or corrupt DICOM (");
        assertError(errors.get("MISSING"), "read", "FileNotFoundException", "mask not found: ");
        assertError(errors.get("EMPTY"), "preprocess", "ExtractionException", "mask is empty: no voxel is segmented");
        assertError(errors.get("MISMATCH"), "preprocess", "ExtractionException", "image/mask geometry mismatch: image size");
    }

    private static void assertError(Row r, String stage, String errorClass, String messagePart) {
        assertEquals(stage, r.getAs("stage"), r.toString());
        assertEquals(errorClass, r.getAs("error_class"), r.toString());
        assertTrue(r.<String>getAs("message").contains(messagePart), r.toString());
    }

    @Test
    void structuralManifestProblemsAreListedTogetherBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path manifest = CohortFixtures.writeManifest(dir,
            "patient_id,image,mask,scanner",
            "P1,a.nrrd,b.nrrd,x");
        CohortManifest.InvalidManifestException e = assertThrows(CohortManifest.InvalidManifestException.class,
            () -> CohortManifest.read(CohortFixtures.spark(), manifest.toString()));
        assertTrue(e.getMessage().contains("unknown column 'scanner'"), e.getMessage());

        Path dup = CohortFixtures.writeManifest(dir,
            "patient_id,image,mask,label",
            "P1,a.nrrd,b.nrrd,1",
            "P1,a.nrrd,b.nrrd,one",
            ",a.nrrd,b.nrrd,1");
        e = assertThrows(CohortManifest.InvalidManifestException.class,
            () -> CohortManifest.read(CohortFixtures.spark(), dup.toString()));
        assertTrue(e.getMessage().contains("row 3 (patient P1): duplicate case"), e.getMessage());
        assertTrue(e.getMessage().contains("row 3 (patient P1): label must be an integer, got 'one'"), e.getMessage());
        assertTrue(e.getMessage().contains("row 4: empty patient_id"), e.getMessage());
    }
}
