package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identifying DICOM attributes (names, birth date, MRN, accession, institution) never reach a table,
 * a table file, or a log line: a cohort job over a series carrying them is checked end to end.
 */
class NoPhiTest {
    static final List<String> PHI = List.of("Rossi^Maria^Secret", "19800229", "MRN-7788991", "ACC-555-0199",
        "Ospedale Segreto", "Dr^Who^Referring");

    @Test
    void identifyingAttributesNeverReachTablesOrLogs(@TempDir Path dir) throws Exception {
        Path series = dir.resolve("ct");
        CohortFixtures.copyCtSeries(series);
        try (Stream<Path> files = Files.list(series)) {
            for (Path f : files.toList()) {
                AttributeList list = new AttributeList();
                list.read(f.toFile());
                set(list, TagFromName.PatientName, PHI.get(0));
                set(list, TagFromName.PatientBirthDate, PHI.get(1));
                set(list, TagFromName.PatientID, PHI.get(2));
                set(list, TagFromName.AccessionNumber, PHI.get(3));
                set(list, TagFromName.InstitutionName, PHI.get(4));
                set(list, TagFromName.ReferringPhysicianName, PHI.get(5));
                list.remove(TagFromName.TransferSyntaxUID);
                com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian,
                    "RADSPARK");
                list.write(f.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
            }
        }
        Files.copy(CohortFixtures.DATA.resolve("ibsi1/ct_phantom/dicom/mask/rtstruct.dcm"), dir.resolve("rtstruct.dcm"));
        // the second case fails (bad ROI name) so that error paths are covered as well
        Path manifest = CohortFixtures.writeManifest(dir, "patient_id,image,mask,roi",
            "PSEUDO-01,ct,rtstruct.dcm,GTV-1",
            "PSEUDO-02,ct,rtstruct.dcm,NoSuchRoi");
        Path table = dir.resolve("tables");
        Path log = dir.resolve("job.log");
        Process p = new ProcessBuilder(CohortFixtures.jvm("cohort", "extract", "--manifest", manifest.toString(),
            "--param", CohortFixtures.PARAMS.toString(), "--table", table.toString(), "--master", "local[2]",
            "--verbose")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.waitFor(300, TimeUnit.SECONDS);
        String logText = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), logText);

        for (String secret : PHI) {
            assertFalse(logText.contains(secret), "log contains " + secret);
        }
        SparkSession spark = CohortFixtures.spark();
        List<Row> errors = spark.read().format("delta").load(table.resolve("errors").toString()).collectAsList();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("PSEUDO-02", errors.get(0).getAs("patient_id"));
        for (String t : List.of("features", "features_wide", "runs", "errors")) {
            for (Row r : spark.read().format("delta").load(table.resolve(t).toString()).collectAsList()) {
                String text = r.toString();
                for (String secret : PHI) {
                    assertFalse(text.contains(secret), t + " row contains " + secret);
                }
            }
        }
        try (Stream<Path> files = Files.walk(table)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String secret : PHI) {
                    assertFalse(raw.contains(secret), f + " contains " + secret);
                }
            }
        }
    }

    private static void set(AttributeList list, AttributeTag tag, String value) throws Exception {
        list.remove(tag);
        com.pixelmed.dicom.Attribute a = com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
        a.addValue(value);
        list.put(a);
    }
}
