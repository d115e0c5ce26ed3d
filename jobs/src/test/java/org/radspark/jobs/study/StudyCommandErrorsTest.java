package org.radspark.jobs.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.cli.Radspark;

/**
 * A study's missing input is one line naming the resolved location, exit 1, found before Spark starts
 * (no Spark session in this JVM is needed for it).
 */
class StudyCommandErrorsTest {

    @Test
    void missingClinicalTableIsOneLineBeforeSpark(@TempDir Path dir) throws Exception {
        StudyFixtures.cohort(StudyFixtures.spark(), dir, new SyntheticStudyCohort.Spec());
        String missing = "file:" + dir.resolve("absent/clinical.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Radspark.run(new String[] {"study", "run", StudyFixtures.STUDIES.resolve("demo.yaml").toString(),
            "--table", dir.resolve("tables").toString(), "--clinical", missing, "--out", dir.resolve("out").toString()},
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertEquals(1, text.lines().count(), text);
        assertEquals("clinical table " + missing + " not found: " + missing, text.strip());
    }
}
