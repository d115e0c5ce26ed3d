package org.radspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.radspark.jobs.SparkSessions;

/** A wrong --master is a usage error found before Spark starts, for every command that takes one. */
class MasterOptionTest {

    @Test
    void sparkMasterUrlsAreAccepted() {
        for (String m : new String[] {"local", "local[*]", "local[2]", "local[4,3]", "spark://127.0.0.1:7077",
            "spark://a:7077,b:7077", "yarn", "k8s://https://10.0.0.1:6443", "local-cluster[2, 1, 1024]"}) {
            SparkSessions.checkMaster(m);
        }
        for (String m : new String[] {"bogus", "local[0]", "local[x]", "spark://host", "spark//host:7077", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkSessions.checkMaster(m));
            assertTrue(e.getMessage().contains("'" + m + "'"), e.getMessage());
        }
    }

    @Test
    void aBogusMasterFailsAtOnceWithOneLineAndExitCode2() {
        for (String[] argv : new String[][] {
            {"cohort", "extract", "--manifest", "m.csv", "--param", "p.yaml", "--table", "t", "--master", "bogus"},
            {"study", "run", "s.yaml", "--master", "bogus"},
            {"demo", "--master", "bogus"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Radspark.run(argv, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, code);
            String first = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
            assertEquals("radspark: Invalid value for option '--master': --master 'bogus' is not a Spark master URL "
                + "(local[*], local[N], spark://HOST:PORT, yarn, k8s://https://HOST:PORT)", first);
        }
    }
}
