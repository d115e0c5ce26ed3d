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

/** A Spark error reaching the command line (here: a clinical table that is not there) is one line, exit 1. */
class StudyCommandErrorsTest {

    @Test
    void sparkAnalysisErrorsAreOneLine(@TempDir Path dir) throws Exception {
        StudyFixtures.cohort(StudyFixtures.spark(), dir, new SyntheticStudyCohort.Spec());
        String missing = dir.resolve("absent/clinical.csv").toUri().toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Radspark.run(new String[] {"study", "run", StudyFixtures.STUDIES.resolve("demo.yaml").toString(),
            "--table", dir.resolve("tables").toString(), "--clinical", missing, "--out", dir.resolve("out").toString()},
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("radspark: [PATH_NOT_FOUND]") && text.contains("absent/clinical.csv"), text);
    }
}
