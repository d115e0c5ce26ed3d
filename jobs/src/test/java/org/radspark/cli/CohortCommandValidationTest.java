package org.radspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `cohort extract` checks its parameter file and CSV manifest before Spark starts: a wrong file is one
 * error naming the file and the cause, exit code 1, and no table is created.
 */
class CohortCommandValidationTest {

    private static String[] run(Path dir, String param, String manifest) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Radspark.run(new String[] {"cohort", "extract", "--manifest", manifest, "--param", param,
            "--table", dir.resolve("tables").toString(), "--master", "local[1]"},
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(!Files.exists(dir.resolve("tables")), "no table written");
        return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void badParameterFilesAndManifestsFailBeforeSpark(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"), "setting:\n  binWidth: 25\n");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "setting:\n  binWidth: [25\n");
        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), "setting:\n  binWidht: 25\n");
        Path manifest = Files.writeString(dir.resolve("m.csv"), "patient_id,image,mask\nP1,a.nrrd,b.nrrd\n");
        Path badColumns = Files.writeString(dir.resolve("cols.csv"), "patient,image,mask\nP1,a.nrrd,b.nrrd\n");
        Path duplicate = Files.writeString(dir.resolve("dup.csv"),
            "patient_id,image,mask\nP1,a.nrrd,b.nrrd\nP1,a.nrrd,b.nrrd\n");

        String[] r = run(dir, bad.toString(), manifest.toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].startsWith(bad.toString()), r[1]);
        r = run(dir, unknown.toString(), manifest.toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].contains("binWidht"), r[1]);
        r = run(dir, dir.resolve("absent.yaml").toString(), manifest.toString());
        assertEquals("1", r[0]);
        assertEquals("parameter file " + dir.resolve("absent.yaml") + " not found: file:" + dir.resolve("absent.yaml"),
            r[1].strip());
        r = run(dir, good.toString(), dir.resolve("absent.csv").toString());
        assertEquals("1", r[0]);
        assertEquals("manifest " + dir.resolve("absent.csv") + " not found: file:" + dir.resolve("absent.csv"),
            r[1].strip());
        r = run(dir, good.toString(), badColumns.toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].contains("unknown column 'patient'"), r[1]);
        r = run(dir, good.toString(), duplicate.toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].toLowerCase().contains("duplicate"), r[1]);
    }
}
