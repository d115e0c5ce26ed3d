package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cohort job killed (SIGKILL) after its first batch is committed, then started again, ends with the
 * same table as an uninterrupted run: same rows, same values, no duplicates.
 */
class KillAndResumeTest {

    static List<String> jvm(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        for (String open : new String[] {"java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
            "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs",
            "sun.security.action", "sun.util.calendar"}) {
            cmd.add("--add-opens=java.base/" + open + "=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.radspark.cli.Radspark");
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void killedJobResumesToTheSameTable(@TempDir Path dir) throws Exception {
        CohortFixtures.copyPyradiomicsCases(dir);
        List<String> rows = new ArrayList<>(List.of("patient_id,image,mask,reader"));
        for (int i = 1; i <= 6; i++) {
            String c = i % 2 == 0 ? "brain1" : "breast1";
            rows.add("K" + i + ",data/" + c + "_image.nrrd,data/" + c + "_label.nrrd,r" + (i % 3));
        }
        Path manifest = CohortFixtures.writeManifest(dir, rows.toArray(String[]::new));
        Path killed = dir.resolve("killed");
        Process p = new ProcessBuilder(jvm("cohort", "extract", "--manifest", manifest.toString(), "--param",
            CohortFixtures.PARAMS.toString(), "--table", killed.toString(), "--master", "local[1]", "--batch-size", "1"))
            .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        Path firstMerge = killed.resolve("features/_delta_log/00000000000000000001.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.exists(firstMerge) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(firstMerge), "the first batch never committed: " + Files.readString(dir.resolve("killed.log")));
        assertTrue(p.isAlive(), "the job finished before it could be killed");
        p.destroyForcibly().waitFor(60, TimeUnit.SECONDS);

        SparkSession spark = CohortFixtures.spark();
        long partial = spark.read().format("delta").load(killed.resolve("features").toString()).count();
        assertTrue(partial > 0 && partial < 6L * CohortFixtures.DEFAULT_FEATURES, "partial table: " + partial);

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        CohortExtractJob.Summary resumed = new CohortExtractJob(spark, quiet).run(new CohortExtractJob.Options(
            manifest.toString(), CohortFixtures.PARAMS.toString(), killed.toString(), false, 0, 2));
        assertTrue(resumed.skipped() >= 1, "committed cases are not recomputed");
        assertEquals(6, resumed.skipped() + resumed.done());
        Path clean = dir.resolve("clean");
        new CohortExtractJob(spark, quiet).run(new CohortExtractJob.Options(manifest.toString(),
            CohortFixtures.PARAMS.toString(), clean.toString(), false, 0, 0));

        Dataset<Row> a = content(spark, killed);
        Dataset<Row> b = content(spark, clean);
        assertEquals(6L * CohortFixtures.DEFAULT_FEATURES, a.count());
        assertEquals(a.count(), a.distinct().count(), "no duplicate rows");
        assertEquals(0, a.exceptAll(b).count());
        assertEquals(0, b.exceptAll(a).count());

        // the resumed run removed its own staging; the killed run's is younger than the staleness limit (a
        // run still going looks the same), so it is kept for now
        File[] left = killed.resolve("_staging").toFile().listFiles();
        assertTrue(left != null && left.length == 1, "staging left: " + java.util.Arrays.toString(left));
        assertTrue(!left[0].getName().equals(resumed.runId()) && new File(left[0], CohortExtractJob.HEARTBEAT).exists(),
            left[0].getName());
        // once its heartbeat is older than the limit, the next run removes it, and keeps a live run's folder
        long old = System.currentTimeMillis() - CohortExtractJob.STALE_STAGING_MILLIS - 60_000;
        try (java.util.stream.Stream<Path> walk = Files.walk(left[0].toPath())) {
            walk.forEach(f -> assertTrue(f.toFile().setLastModified(old)));
        }
        Path live = Files.createDirectories(killed.resolve("_staging/live-run"));
        Files.writeString(live.resolve(CohortExtractJob.HEARTBEAT), "");
        CohortExtractJob.Summary again = new CohortExtractJob(spark, quiet).run(new CohortExtractJob.Options(
            manifest.toString(), CohortFixtures.PARAMS.toString(), killed.toString(), false, 0, 2));
        assertEquals(0, again.done());
        assertTrue(!left[0].exists(), "stale staging removed");
        assertTrue(Files.exists(live.resolve(CohortExtractJob.HEARTBEAT)), "a live run's staging is kept");
    }

    private static Dataset<Row> content(SparkSession spark, Path table) {
        return spark.read().format("delta").load(table.resolve("features").toString())
            .select("patient_id", "reader", "modality", "timepoint", "center", "params_hash", "image_type",
                "feature_class", "feature", "value");
    }
}
