package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cohort job killed (SIGKILL) once its second batch is staged, then started again after its heartbeat
 * stopped, merges what the killed run had committed or staged, extracts only the rest, and ends with
 * the same tables as an uninterrupted run: same rows, same values, no duplicates.
 */
class KillAndResumeTest {

    @Test
    void killedJobResumesToTheSameTable(@TempDir Path dir) throws Exception {
        Path manifest = CohortFixtures.alternatingCases(dir, "K", 6, i -> "r" + (i % 3));
        Path killed = dir.resolve("killed");
        Process p = new ProcessBuilder(CohortFixtures.jvm("cohort", "extract", "--manifest", manifest.toString(), "--param",
            CohortFixtures.PARAMS.toString(), "--table", killed.toString(), "--master", "local[1]", "--batch-size", "1"))
            .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        // killed as soon as the second batch is staged: batches are committed in order and a MERGE takes
        // seconds, so that batch is staged and not yet committed
        Path secondStaged = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (secondStaged == null && p.isAlive() && System.nanoTime() < deadline) {
            secondStaged = stagedBatch(killed, "batch-1");
            Thread.sleep(50);
        }
        assertTrue(secondStaged != null, "the second batch was never staged: " + Files.readString(dir.resolve("killed.log")));
        assertTrue(p.isAlive(), "the job finished before it could be killed");
        p.destroyForcibly().waitFor(60, TimeUnit.SECONDS);

        SparkSession spark = CohortFixtures.spark();
        java.util.Set<String> committed = cases(spark.read().format("delta").load(killed.resolve("features").toString()));
        File[] runs = killed.resolve("_staging").toFile().listFiles();
        assertTrue(runs != null && runs.length == 1, "one staging folder of the killed run");
        File killedRun = runs[0];
        java.util.Set<String> staged = new java.util.TreeSet<>();
        for (File batch : killedRun.listFiles()) {
            if (new File(batch, "_SUCCESS").exists()) {
                staged.addAll(cases(spark.read().parquet(batch.toString()).where("kind = 'F'")));
            }
        }
        assertTrue(!committed.containsAll(staged), "a staged batch not committed: " + staged + " vs " + committed);
        java.util.Set<String> finished = new java.util.TreeSet<>(committed);
        finished.addAll(staged);
        assertTrue(finished.size() < 6, "the kill left work: " + finished);

        // a run cannot tell a killed run from a live one until its heartbeat is old: a folder with a fresh
        // heartbeat is left alone, the killed run's (aged here) is taken over
        Path live = Files.createDirectories(killed.resolve("_staging/live-run"));
        Files.writeString(live.resolve(CohortExtractJob.HEARTBEAT), "");
        long old = System.currentTimeMillis() - CohortExtractJob.DEAD_RUN_MILLIS - 60_000;
        try (java.util.stream.Stream<Path> walk = Files.walk(killedRun.toPath())) {
            walk.forEach(f -> assertTrue(f.toFile().setLastModified(old)));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        CohortExtractJob.Summary resumed = new CohortExtractJob(spark, new PrintStream(log, true)).run(
            new CohortExtractJob.Options(manifest.toString(), CohortFixtures.PARAMS.toString(), killed.toString(),
                false, 0, 2));
        // every case the killed run had finished, committed or only staged, counts as done: none is recomputed
        assertEquals(finished.size(), resumed.skipped(), log.toString());
        assertEquals(6 - finished.size(), resumed.done());
        assertTrue(!killedRun.exists(), "the killed run's staging is merged and removed");
        assertTrue(Files.exists(live.resolve(CohortExtractJob.HEARTBEAT)), "a live run's staging is kept");
        assertTrue(log.toString().contains("that run " + killedRun.getName() + " had staged before it died"),
            log.toString());

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Path clean = dir.resolve("clean");
        new CohortExtractJob(spark, quiet).run(new CohortExtractJob.Options(manifest.toString(),
            CohortFixtures.PARAMS.toString(), clean.toString(), false, 0, 0));
        Dataset<Row> a = content(spark, killed);
        Dataset<Row> b = content(spark, clean);
        assertEquals(6L * CohortFixtures.DEFAULT_FEATURES, a.count());
        assertEquals(a.count(), a.distinct().count(), "no duplicate rows");
        assertEquals(0, a.exceptAll(b).count());
        assertEquals(0, b.exceptAll(a).count());
        Dataset<Row> wide = spark.read().format("delta").load(killed.resolve("features_wide").toString());
        assertEquals(6, wide.count());
        assertEquals(6, wide.select("patient_id", "reader").distinct().count());
    }

    /** A complete (Spark's _SUCCESS written) staged batch folder of any run, or null. */
    static Path stagedBatch(Path table, String batch) {
        File[] runs = table.resolve("_staging").toFile().listFiles();
        if (runs != null) {
            for (File run : runs) {
                if (new File(run, batch + "/_SUCCESS").exists()) {
                    return run.toPath().resolve(batch);
                }
            }
        }
        return null;
    }

    /** The cases (patient_id/reader) of rows of the long table or of staged rows. */
    static java.util.Set<String> cases(Dataset<Row> rows) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Row r : rows.select("patient_id", "reader").distinct().collectAsList()) {
            out.add(r.getString(0) + "/" + r.getString(1));
        }
        return out;
    }

    private static Dataset<Row> content(SparkSession spark, Path table) {
        return spark.read().format("delta").load(table.resolve("features").toString())
            .select("patient_id", "reader", "modality", "timepoint", "center", "params_hash", "image_type",
                "feature_class", "feature", "value");
    }
}
