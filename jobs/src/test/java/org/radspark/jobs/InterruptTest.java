package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators stop runs with a scheduler's SIGTERM or with Ctrl-C (SIGINT): a cohort job stopped either way
 * commits every batch it had extracted to both tables, records itself as interrupted with its counts, and
 * exits with the signal's status (143, 130); the next runs extract only what is left, so that over all
 * runs every case is extracted exactly once and the tables equal an uninterrupted run's.
 */
class InterruptTest {

    @Test
    void sigtermAndSigintCommitFinishedBatchesAndRerunsExtractOnlyTheRest(@TempDir Path dir) throws Exception {
        Path manifest = CohortFixtures.alternatingCases(dir, "S", 8, i -> "r1");
        Path table = dir.resolve("tables");

        // SIGTERM once the first batch is committed to the long table
        Process term = start(manifest, table, dir.resolve("term.log"));
        awaitFile(term, table.resolve("features/_delta_log/00000000000000000001.json"), dir.resolve("term.log"));
        term.destroy();
        assertTrue(term.waitFor(180, TimeUnit.SECONDS), "SIGTERM: the job did not exit");
        assertEquals(143, term.exitValue(), Files.readString(dir.resolve("term.log")));
        assertTrue(Files.readString(dir.resolve("term.log")).contains("interrupted:"));

        SparkSession spark = CohortFixtures.spark();
        Row first = lastRun(spark, table);
        assertEquals("interrupted", first.getAs("status"));
        long afterTerm = committedCases(spark, table);
        assertEquals(afterTerm, (long) first.getAs("done"), "runs counts what the tables hold");
        assertTrue(afterTerm >= 1 && afterTerm < 8, "committed after SIGTERM: " + afterTerm);
        assertEquals(afterTerm, spark.read().format("delta").load(table.resolve("features_wide").toString()).count(),
            "the wide table holds the same cases as the long table");
        assertTrue(noStaging(table), "the stopped run committed or removed its staged batches");

        // SIGINT (Ctrl-C) once the rerun has committed a batch of its own
        Process intr = start(manifest, table, dir.resolve("int.log"));
        awaitFile(intr, table.resolve(String.format("features/_delta_log/%020d.json", versionAfter(table))),
            dir.resolve("int.log"));
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(intr.pid())).start().waitFor());
        assertTrue(intr.waitFor(180, TimeUnit.SECONDS), "SIGINT: the job did not exit");
        assertEquals(130, intr.exitValue(), Files.readString(dir.resolve("int.log")));
        Row second = lastRun(spark, table);
        long afterInt = committedCases(spark, table);
        assertEquals(afterTerm, (long) second.getAs("skipped"));
        assertEquals(afterInt - afterTerm, (long) second.getAs("done"));

        // the last run extracts what is left; over the three runs each case was extracted once
        CohortExtractJob.Summary last = new CohortExtractJob(spark, new PrintStream(new ByteArrayOutputStream()))
            .run(new CohortExtractJob.Options(manifest.toString(), CohortFixtures.PARAMS.toString(), table.toString(),
                false, 0, 1));
        assertEquals(afterInt, last.skipped());
        assertEquals(8, last.skipped() + last.done());
        assertTrue(!last.interrupted());
        Dataset<Row> runs = spark.read().format("delta").load(table.resolve("runs").toString());
        assertEquals(8L, runs.agg(org.apache.spark.sql.functions.sum("done")).head().getLong(0),
            "no finished case extracted twice");
        assertEquals(List.of("completed", "interrupted", "interrupted"), runs.orderBy("status").select("status")
            .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());

        Path clean = dir.resolve("clean");
        new CohortExtractJob(spark, new PrintStream(new ByteArrayOutputStream())).run(new CohortExtractJob.Options(
            manifest.toString(), CohortFixtures.PARAMS.toString(), clean.toString(), false, 0, 0));
        for (String t : new String[] {"features", "features_wide"}) {
            Dataset<Row> a = content(spark, table, t);
            Dataset<Row> b = content(spark, clean, t);
            assertEquals(a.count(), a.distinct().count(), t + ": no duplicate rows");
            assertEquals(b.count(), a.count(), t);
            assertEquals(0, a.exceptAll(b).count(), t);
            assertEquals(0, b.exceptAll(a).count(), t);
        }
    }

    private static Process start(Path manifest, Path table, Path log) throws Exception {
        return new ProcessBuilder(CohortFixtures.jvm("cohort", "extract", "--manifest", manifest.toString(),
            "--param", CohortFixtures.PARAMS.toString(), "--table", table.toString(), "--master", "local[1]",
            "--batch-size", "1")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits (bounded) until {@code file} exists while the job runs. */
    private static void awaitFile(Process p, Path file, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.exists(file) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), file + " never appeared: " + Files.readString(log));
        assertTrue(p.isAlive(), "the job finished before it could be stopped: " + Files.readString(log));
    }

    /** The version the long table's next commit will have. */
    private static long versionAfter(Path table) {
        long v = 0;
        while (Files.exists(table.resolve(String.format("features/_delta_log/%020d.json", v)))) {
            v++;
        }
        return v;
    }

    private static Row lastRun(SparkSession spark, Path table) {
        return spark.read().format("delta").load(table.resolve("runs").toString()).orderBy(
            org.apache.spark.sql.functions.col("started_at").desc()).head();
    }

    private static long committedCases(SparkSession spark, Path table) {
        Set<String> cases = KillAndResumeTest.cases(spark.read().format("delta").load(table.resolve("features").toString()));
        return cases.size();
    }

    private static boolean noStaging(Path table) {
        File[] runs = table.resolve("_staging").toFile().listFiles();
        if (runs == null) {
            return true;
        }
        for (File run : runs) {
            File[] left = run.listFiles((d, n) -> n.startsWith("batch-"));
            if (left != null && left.length > 0) {
                return false;
            }
        }
        return true;
    }

    private static Dataset<Row> content(SparkSession spark, Path table, String name) {
        Dataset<Row> t = spark.read().format("delta").load(table.resolve(name).toString());
        return name.equals("features") ? t.select("patient_id", "reader", "modality", "timepoint", "center",
            "params_hash", "image_type", "feature_class", "feature", "value") : t;
    }
}
