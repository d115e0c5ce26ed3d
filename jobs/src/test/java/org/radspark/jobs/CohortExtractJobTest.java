package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifest -> Delta tables on local files: counts, wide view, idempotent re-runs, incremental cases. */
class CohortExtractJobTest {

    static long version(SparkSession spark, String path) {
        return DeltaTable.forPath(spark, path).history(1).select("version").head().getLong(0);
    }

    @Test
    void relativeTableAndManifestPathsAreResolvedBeforeAnyWork(@TempDir Path dir) throws IOException {
        SparkSession spark = CohortFixtures.spark();
        CohortFixtures.copyPyradiomicsCases(dir);
        Path manifest = CohortFixtures.writeManifest(dir, "patient_id,image,mask",
            "R1,data/breast1_image.nrrd,data/breast1_label.nrrd");
        Path cwd = Path.of("").toAbsolutePath();
        String table = cwd.relativize(dir.resolve("rel/tables")).toString();
        assertTrue(!table.startsWith("/"), table);
        CohortExtractJob.Summary s = new CohortExtractJob(spark, new PrintStream(new ByteArrayOutputStream()))
            .run(new CohortExtractJob.Options(cwd.relativize(manifest).toString(), CohortFixtures.PARAMS.toString(),
                table, false, 0, 0));
        assertEquals(1, s.done(), s.errors().toString());
        assertEquals(dir.resolve("rel/tables").toUri().toString().replaceAll("/$", "").replace("file:///", "file:/"),
            FeatureTables.qualify(spark, table));
        assertEquals(CohortFixtures.DEFAULT_FEATURES, spark.read().format("delta")
            .load(dir.resolve("rel/tables/features").toString()).count());
        assertEquals(1, spark.read().format("delta").load(dir.resolve("rel/tables/features_wide").toString()).count());
        assertTrue(!Files.exists(cwd.resolve("spark-warehouse")), "no spark-warehouse in the working directory");
    }

    @Test
    void endToEndRerunAndIncrementalCase(@TempDir Path dir) throws IOException {
        SparkSession spark = CohortFixtures.spark();
        CohortFixtures.copyPyradiomicsCases(dir);
        Path manifest = CohortFixtures.writeManifest(dir,
            "patient_id,image,mask,center,reader",
            "P001,data/brain1_image.nrrd,data/brain1_label.nrrd,A,r1",
            "P002,data/breast1_image.nrrd,data/breast1_label.nrrd,B,r1",
            "P001,data/brain1_image.nrrd,data/brain1_label.nrrd,A,r2");
        String table = dir.resolve("tables").toString();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        CohortExtractJob job = new CohortExtractJob(spark, new PrintStream(console, true, StandardCharsets.UTF_8));
        CohortExtractJob.Options options = new CohortExtractJob.Options(manifest.toString(),
            CohortFixtures.PARAMS.toString(), table, false, 0, 2);

        // the session's local file system is the shell-free one (no chmod/readlink process per file)
        assertEquals(org.radspark.jobs.fs.NioLocalFileSystem.class.getName(),
            spark.sparkContext().hadoopConfiguration().get("fs.file.impl"));
        CohortExtractJob.Summary first = job.run(options);
        assertEquals(3, first.cases());
        assertEquals(3, first.done());
        assertEquals(0, first.failed(), first.errors().toString());
        FeatureTables tables = new FeatureTables(spark, table);
        Dataset<Row> features = tables.features();
        assertEquals(3L * CohortFixtures.DEFAULT_FEATURES, features.count());
        assertEquals(features.count(), features.select("patient_id", "reader", "feature").distinct().count());
        double mean = features.where("patient_id = 'P001' AND reader = 'r1' AND feature = 'original_firstorder_Mean'")
            .select("value").head().getDouble(0);
        assertEquals(825.2354363065023, mean, 1e-9);
        // image type and class are the first two parts of the pyradiomics name
        Row parts = features.where("feature = 'original_glcm_Correlation' AND patient_id = 'P002'")
            .select("image_type", "feature_class").head();
        assertEquals("original", parts.getString(0));
        assertEquals("glcm", parts.getString(1));
        assertEquals(0, features.where("concat(image_type, '_', feature_class, '_', "
            + "substring(feature, length(image_type) + length(feature_class) + 3)) != feature").count());
        Dataset<Row> wide = spark.read().format("delta").load(tables.path("features_wide"));
        assertEquals(3, wide.count());
        assertEquals(6 + CohortFixtures.DEFAULT_FEATURES, wide.columns().length);
        assertEquals(825.2354363065023, wide.where("patient_id = 'P001' AND reader = 'r2'")
            .select("original_firstorder_Mean").head().getDouble(0), 1e-9);
        String progress = console.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("[radspark] cases 3/3 done, 0 failed"), progress);
        // per-file statistics of the long table cover the case key (MERGEs skip other batches' files by
        // patient_id range), not the feature names or values that every file spans
        List<String> stats = spark.read().json(tables.path("features") + "/_delta_log/*.json")
            .where("add IS NOT NULL").select("add.stats").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertTrue(!stats.isEmpty());
        for (String s : stats) {
            assertTrue(s.contains("\"minValues\":{\"patient_id\":\"P00") && s.contains("\"run_id\":"), s);
            assertTrue(!s.contains("\"feature\":") && !s.contains("\"value\":"), s);
        }

        long v1 = version(spark, tables.path("features"));
        List<Row> before = features.orderBy("patient_id", "reader", "feature").collectAsList();
        CohortExtractJob.Summary second = job.run(options);
        assertEquals(0, second.done());
        assertEquals(3, second.skipped());
        assertEquals(v1, version(spark, tables.path("features")), "a re-run must not write the feature table");
        assertEquals(before, tables.features().orderBy("patient_id", "reader", "feature").collectAsList());

        Files.writeString(manifest, "P003,data/breast1_image.nrrd,data/breast1_label.nrrd,B,r2\n",
            java.nio.file.StandardOpenOption.APPEND);
        CohortExtractJob.Summary third = job.run(options);
        assertEquals(1, third.done());
        assertEquals(3, third.skipped());
        Dataset<Row> after = tables.features();
        assertEquals(4L * CohortFixtures.DEFAULT_FEATURES, after.count());
        assertEquals(CohortFixtures.DEFAULT_FEATURES, after.where(functions.col("run_id").equalTo(third.runId())).count());
        assertEquals(CohortFixtures.DEFAULT_FEATURES, after.where("patient_id = 'P003'").count());
        assertEquals(3L * CohortFixtures.DEFAULT_FEATURES, after.where(functions.col("run_id").equalTo(first.runId())).count());
        assertEquals(4, spark.read().format("delta").load(tables.path("features_wide")).count());
        // earlier versions stay readable (time travel)
        assertEquals(3L * CohortFixtures.DEFAULT_FEATURES,
            spark.read().format("delta").option("versionAsOf", v1).load(tables.path("features")).count());
        Dataset<Row> runs = spark.read().format("delta").load(tables.path("runs"));
        assertEquals(3, runs.count());
        assertEquals(1, runs.select("params_hash").distinct().count());

        // a wide row lost (as when a run is killed between its two MERGEs) is rebuilt from the long table
        List<Row> wideBefore = tables.wide().orderBy("patient_id", "reader").collectAsList();
        DeltaTable.forPath(spark, tables.path("features_wide")).delete("patient_id = 'P002'");
        assertEquals(3, tables.wide().count());
        CohortExtractJob.Summary fourth = job.run(options);
        assertEquals(0, fourth.done());
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("added 1 wide rows an interrupted run had left out"));
        List<Row> wideAfter = tables.wide().orderBy("patient_id", "reader").collectAsList();
        assertEquals(wideBefore, wideAfter);
    }

    @Test
    void newParameterFileAddsAParamsHashBesideTheOld(@TempDir Path dir) throws IOException {
        SparkSession spark = CohortFixtures.spark();
        CohortFixtures.copyPyradiomicsCases(dir);
        Path manifest = CohortFixtures.writeManifest(dir, "patient_id,image,mask",
            "P002,data/breast1_image.nrrd,data/breast1_label.nrrd");
        Path params2 = dir.resolve("bw10.yaml");
        Files.writeString(params2, "setting:\n  binWidth: 10\nfeatureClass:\n  firstorder:\n  glcm:\n");
        String table = dir.resolve("tables").toString();
        CohortExtractJob job = new CohortExtractJob(spark, new PrintStream(new ByteArrayOutputStream()));
        job.run(new CohortExtractJob.Options(manifest.toString(), CohortFixtures.PARAMS.toString(), table, false, 0, 0));
        CohortExtractJob.Summary s = job.run(new CohortExtractJob.Options(manifest.toString(), params2.toString(), table,
            false, 0, 0));
        assertEquals(1, s.done());
        Dataset<Row> f = new FeatureTables(spark, table).features();
        assertEquals(2, f.select("params_hash").distinct().count());
        assertEquals(CohortFixtures.DEFAULT_FEATURES + 18 + 24, f.count());
        assertEquals(2, spark.read().format("delta").load(dir.resolve("tables/features_wide").toString()).count());
    }

    @Test
    void recomputeRestoresChangedValuesAndOnlyMissingLeavesThem(@TempDir Path dir) throws IOException {
        SparkSession spark = CohortFixtures.spark();
        CohortFixtures.copyPyradiomicsCases(dir);
        Path manifest = CohortFixtures.writeManifest(dir, "patient_id,image,mask",
            "P001,data/brain1_image.nrrd,data/brain1_label.nrrd",
            "P002,data/breast1_image.nrrd,data/breast1_label.nrrd");
        Path params = dir.resolve("firstorder.yaml");
        Files.writeString(params, "setting:\n  binWidth: 25\nfeatureClass:\n  firstorder:\n");
        String table = dir.resolve("tables").toString();
        CohortExtractJob job = new CohortExtractJob(spark, new PrintStream(new ByteArrayOutputStream()));
        CohortExtractJob.Summary first = job.run(new CohortExtractJob.Options(manifest.toString(), params.toString(),
            table, false, 0, 0));
        assertEquals(2, first.done());
        FeatureTables tables = new FeatureTables(spark, table);
        String cell = "patient_id = 'P002' AND feature = 'original_firstorder_Mean'";
        double mean = tables.features().where(cell).select("value").head().getDouble(0);
        // a value changed behind the job's back, in both tables
        DeltaTable.forPath(spark, tables.path("features")).updateExpr(cell, java.util.Map.of("value", "-1.0"));
        DeltaTable.forPath(spark, tables.path("features_wide")).updateExpr("patient_id = 'P002'",
            java.util.Map.of("original_firstorder_Mean", "-1.0"));

        CohortExtractJob.Summary onlyMissing = job.run(new CohortExtractJob.Options(manifest.toString(),
            params.toString(), table, false, 0, 0));
        assertEquals(2, onlyMissing.skipped());
        assertEquals(-1.0, tables.features().where(cell).select("value").head().getDouble(0));

        CohortExtractJob.Summary recompute = job.run(new CohortExtractJob.Options(manifest.toString(),
            params.toString(), table, true, 0, 0));
        assertEquals(2, recompute.done());
        assertEquals(0, recompute.skipped());
        Dataset<Row> features = tables.features();
        assertEquals(2L * 18, features.count());
        assertEquals(mean, features.where(cell).select("value").head().getDouble(0), 0.0);
        // equal rows are left as they were: only the changed row carries the recompute's run id
        assertEquals(1, features.where(functions.col("run_id").equalTo(recompute.runId())).count());
        assertEquals(2L * 18 - 1, features.where(functions.col("run_id").equalTo(first.runId())).count());
        Dataset<Row> wide = tables.wide();
        assertEquals(2, wide.count());
        assertEquals(mean, wide.where("patient_id = 'P002'").select("original_firstorder_Mean").head().getDouble(0), 0.0);
    }
}
