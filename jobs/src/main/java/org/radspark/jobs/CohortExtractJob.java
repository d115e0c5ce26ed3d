package org.radspark.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.LongAccumulator;
import org.radspark.extract.FeatureExtractor;
import org.radspark.params.ParamsHash;
import org.radspark.spark.CohortSchemas;
import org.radspark.spark.ExtractCasesFunction;

/**
 * The cohort extraction job: manifest -> per-patient extraction on the executors -> Delta tables.
 * Cases already in the feature table for this parameter set are skipped (unless recompute), the rest
 * run in batches; each batch is staged as Parquet and MERGEd, so an interrupted job loses at most the
 * batch in flight and a restart completes it without duplicates. Bad cases become errors rows.
 */
public final class CohortExtractJob {

    /** What to run. */
    public record Options(String manifest, String paramFile, String table, boolean recompute, int partitions,
                          int batchSize) {
    }

    /** What happened, for the summary and the runs table. */
    public record Summary(String runId, String paramsHash, long cases, long done, long skipped, long failed,
                          double seconds, List<Row> errors, Timings timings) {
    }

    /** Where a run's time went: extraction on the executors, table writes (MERGE), the wide table rebuild. */
    public record Timings(double extractSeconds, double writeSeconds, double wideSeconds) {
    }

    private final SparkSession spark;
    private final PrintStream console;

    public CohortExtractJob(SparkSession spark, PrintStream console) {
        this.spark = spark;
        this.console = console;
    }

    public Summary run(Options o) {
        long t0 = System.nanoTime();
        Timestamp startedAt = new Timestamp(System.currentTimeMillis());
        String paramsText = readText(o.paramFile());
        ExtractCasesFunction.validate(paramsText, o.paramFile());
        String paramsHash = ParamsHash.of(paramsText);
        CohortManifest manifest = CohortManifest.read(spark, o.manifest());
        FeatureTables tables = new FeatureTables(spark, o.table());
        tables.ensureExist();
        String runId = UUID.randomUUID().toString();

        List<Row> todo = new ArrayList<>();
        long skipped = 0;
        Set<String> extracted = new HashSet<>();
        if (!o.recompute()) {
            for (Row r : tables.extractedCases(paramsHash)) {
                extracted.add(key(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
            }
        }
        for (Row c : manifest.cases()) {
            if (extracted.contains(key(c.getString(0), c.getString(1), c.getString(2), c.getString(3)))) {
                skipped++;
            } else {
                todo.add(c);
            }
        }
        console.printf(Locale.ROOT, "[radspark] run %s: %d cases in %s, params_hash %s: %d to extract, %d already done%s%n",
            runId, manifest.size(), o.manifest(), paramsHash, todo.size(), skipped,
            manifest.missing().isEmpty() ? "" : ", " + manifest.missing().size() + " with missing files");
        if (!manifest.missing().isEmpty()) {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            List<Row> rows = new ArrayList<>();
            for (CohortManifest.MissingFiles m : manifest.missing()) {
                Row c = m.caseRow();
                rows.add(RowFactory.create(runId, c.getString(0), c.getString(1), c.getString(2), c.getString(3),
                    c.getString(4), paramsHash, "read", "FileNotFoundException", m.message(), now));
            }
            tables.mergeErrors(spark.createDataFrame(rows, FeatureTables.ERRORS));
        }

        LongAccumulator done = spark.sparkContext().longAccumulator("radspark.cases.done");
        LongAccumulator failed = spark.sparkContext().longAccumulator("radspark.cases.failed");
        ExtractCasesFunction fn = new ExtractCasesFunction(paramsText, o.paramFile(), paramsHash, runId, done, failed);
        String staging = tables.path("_staging/" + runId);
        int batchSize = o.batchSize() > 0 ? o.batchSize() : Math.max(16, 8 * spark.sparkContext().defaultParallelism());
        double[] phase = new double[2];
        try (ProgressReporter progress = new ProgressReporter(console, todo.size(), done::value, failed::value, 2000)) {
            for (int from = 0, batch = 0; from < todo.size(); from += batchSize, batch++) {
                List<Row> cases = todo.subList(from, Math.min(todo.size(), from + batchSize));
                runBatch(tables, fn, cases, staging + "/batch-" + batch, o.partitions(), paramsHash, o.recompute(), phase);
                progress.report();
            }
        }
        deletePath(staging);
        deletePath(tables.path("_staging"));
        long tw = System.nanoTime();
        if (!todo.isEmpty()) {
            tables.rebuildWide(paramsHash);
        }
        Timings timings = new Timings(phase[0], phase[1], (System.nanoTime() - tw) / 1e9);
        List<Row> errors = spark.read().format("delta").load(tables.path("errors"))
            .where(functions.col("run_id").equalTo(runId)).collectAsList();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long failedCount = errors.size();
        long doneCount = todo.size() + manifest.missing().size() - failedCount;
        tables.appendRun(RowFactory.create(runId, paramsHash, paramsText, o.paramFile(), manifest.location(),
            (long) manifest.size(), doneCount, skipped, failedCount, startedAt,
            new Timestamp(System.currentTimeMillis()), seconds, timings.extractSeconds(), timings.writeSeconds(),
            timings.wideSeconds(), FeatureExtractor.ENGINE_VERSION,
            spark.sparkContext().master()));
        return new Summary(runId, paramsHash, manifest.size(), doneCount, skipped, failedCount, seconds, errors, timings);
    }

    /**
     * Extracts one batch into a staging Parquet folder (so a retried task or a re-read never recomputes a
     * case), then MERGEs its feature rows and records its error rows. {@code phase} accumulates the
     * extraction and write seconds.
     */
    private void runBatch(FeatureTables tables, ExtractCasesFunction fn, List<Row> cases, String staging, int partitions,
                          String paramsHash, boolean recompute, double[] phase) {
        long t0 = System.nanoTime();
        int n = partitions > 0 ? Math.min(partitions, cases.size()) : cases.size();
        Dataset<Row> outcomes = spark.createDataFrame(cases, CohortSchemas.CASE).repartition(n)
            .mapPartitions(fn, Encoders.row(CohortSchemas.OUTCOME));
        outcomes.write().mode("overwrite").parquet(staging);
        long t1 = System.nanoTime();
        Dataset<Row> staged = spark.read().parquet(staging);
        Dataset<Row> features = staged.where(functions.col("kind").equalTo("F"))
            .select(java.util.Arrays.stream(FeatureTables.FEATURES.fieldNames()).map(functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
        tables.mergeFeatures(features, paramsHash, recompute);
        // error rows are few (at most one per case): collect them instead of running another MERGE scan
        List<Row> errors = staged.where(functions.col("kind").equalTo("E"))
            .withColumnRenamed("extracted_at", "at")
            .select("run_id", "patient_id", "reader", "modality", "timepoint", "center", "params_hash", "stage",
                "error_class", "message", "at").collectAsList();
        if (!errors.isEmpty()) {
            tables.mergeErrors(spark.createDataFrame(errors, FeatureTables.ERRORS));
        }
        deletePath(staging);
        phase[0] += (t1 - t0) / 1e9;
        phase[1] += (System.nanoTime() - t1) / 1e9;
    }

    private static String key(String patient, String reader, String modality, String timepoint) {
        return patient + "\u0000" + reader + "\u0000" + modality + "\u0000" + timepoint;
    }

    private String readText(String location) {
        Path p = new Path(location);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (FSDataInputStream in = fs.open(p)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new org.radspark.params.ParameterException(location + ": cannot read parameter file (" + e.getMessage() + ")");
        }
    }

    private void deletePath(String location) {
        Path p = new Path(location);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(p)) {
                fs.delete(p, true);
            }
        } catch (IOException e) {
            console.println("[radspark] warning: could not remove staging data " + location + ": " + e.getMessage());
        }
    }
}
