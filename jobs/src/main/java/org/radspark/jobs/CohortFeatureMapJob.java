package org.radspark.jobs;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.radspark.extract.FeatureExtractor;
import org.radspark.io.MapFormat;
import org.radspark.params.ParamsHash;
import org.radspark.spark.CohortSchemas;
import org.radspark.spark.FeatureMapCasesFunction;
import org.radspark.spark.ExtractCasesFunction;

/**
 * Voxel-based extraction of a cohort: manifest -> feature maps computed on the executors (one task per case,
 * the task's cores for its kernels) -> map files next to the tables ({@code TABLES/maps/PARAMS_HASH/case...}, see
 * {@link FeatureMapCasesFunction#caseFolder}) and one row per map in the {@code feature_maps} Delta table.
 * Cases whose maps are in the table for this parameter set are skipped (unless recompute). Cases run in batches;
 * after each batch its rows are MERGEd, so an interrupted run (SIGINT, SIGTERM: the batch in flight is cancelled;
 * kill -9) loses at most a batch in flight, whose cases the next run computes again into the same folders.
 * Failed cases go to the errors table and the run to runs, as for segment extraction.
 */
public final class CohortFeatureMapJob {
    /** What to run. */
    public record Options(String manifest, String paramFile, String table, boolean recompute, int batchSize,
                          MapFormat format) {
    }

    private final SparkSession spark;
    private final PrintStream console;
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
    private final String jobGroup = "radspark-maps-" + UUID.randomUUID();

    public CohortFeatureMapJob(SparkSession spark, PrintStream console) {
        this.spark = spark;
        this.console = console;
    }

    /** As {@link CohortExtractJob#stop()}: the batch in flight is cancelled, committed batches stay. */
    public void stop() {
        if (stopping.compareAndSet(false, true)) {
            console.println("[radspark] stopping: the batch in flight is cancelled, finished batches are in the "
                + "tables; the next run computes the rest");
            spark.sparkContext().cancelJobGroup(jobGroup);
        }
    }

    /** Runs the job; SIGINT and SIGTERM stop it as {@link #stop()} does ({@link SignalStop}). */
    public CohortExtractJob.Summary run(Options o) {
        try (SignalStop signals = new SignalStop(this::stop, console)) {
            return runUntilDoneOrStopped(o);
        }
    }

    private CohortExtractJob.Summary runUntilDoneOrStopped(Options o) {
        long t0 = System.nanoTime();
        Timestamp startedAt = new Timestamp(System.currentTimeMillis());
        String paramFile = Locations.config(o.paramFile());
        String paramsText = Locations.readText("parameter file", o.paramFile(), paramFile,
            spark.sparkContext().hadoopConfiguration());
        // the voxel settings are checked here too, before any executor sees them
        new org.radspark.extract.FeatureMapExtractor(ExtractCasesFunction.validate(paramsText, o.paramFile()));
        String paramsHash = ParamsHash.of(paramsText);
        CohortManifest manifest = CohortManifest.read(spark, o.manifest());
        FeatureTables tables = new FeatureTables(spark, o.table());
        String runId = UUID.randomUUID().toString();

        Set<List<String>> mapped = new HashSet<>();
        for (Row r : tables.mappedCases(paramsHash)) {
            mapped.add(List.of(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
        }
        List<Row> todo = new ArrayList<>();
        long skipped = 0;
        for (Row c : manifest.cases()) {
            if (!o.recompute() && mapped.contains(CohortExtractJob.key(c))) {
                skipped++;
            } else {
                todo.add(c);
            }
        }
        todo.sort(Comparator.comparing((Row c) -> String.join("\u0000", CohortExtractJob.key(c))));
        String mapsRoot = tables.path("maps");
        console.printf(Locale.ROOT, "[radspark] manifest %s%n[radspark] parameter file %s%n[radspark] tables %s "
            + "(maps in %s)%n", manifest.location(), paramFile, tables.root(), mapsRoot);
        console.printf(Locale.ROOT, "[radspark] run %s: %d cases, params_hash %s, voxel mode: %d to map, %d already "
            + "done%s%n", runId, manifest.size(), paramsHash, todo.size(), skipped,
            manifest.missing().isEmpty() ? "" : ", " + manifest.missing().size() + " with missing files");
        List<Row> errors = new ArrayList<>();
        Timestamp now = new Timestamp(System.currentTimeMillis());
        for (CohortManifest.MissingFiles m : manifest.missing()) {
            Row c = m.caseRow();
            errors.add(CohortExtractJob.errorRow(runId, c.getString(0), c.getString(1), c.getString(2), c.getString(3),
                c.getString(4), paramsHash, "read", "FileNotFoundException", m.message(), now));
        }

        LongAccumulator done = spark.sparkContext().longAccumulator("radspark.maps.done");
        LongAccumulator failed = spark.sparkContext().longAccumulator("radspark.maps.failed");
        FeatureMapCasesFunction fn = new FeatureMapCasesFunction(paramsText, o.paramFile(), paramsHash, runId,
            mapsRoot, o.format(), done, failed);
        int slots = spark.sparkContext().defaultParallelism();
        // a case's maps take seconds to minutes: small batches lose little to an interruption
        int size = o.batchSize() > 0 ? o.batchSize() : Math.max(4, 2 * slots);
        long mappedCount = 0;
        long attempted = 0;
        double extractSeconds = 0, writeSeconds = 0, caseSeconds = 0;
        tables.ensureFeatureMaps();
        tables.ensureErrors();
        try (ProgressReporter progress = new ProgressReporter(console, todo.size(), done::value, failed::value, 2000)) {
            for (int from = 0; from < todo.size() && !stopping.get(); from += size) {
                List<Row> cases = todo.subList(from, Math.min(todo.size(), from + size));
                long te = System.nanoTime();
                List<Row> outcomes;
                try {
                    spark.sparkContext().setJobGroup(jobGroup, "radspark feature maps", true);
                    JavaRDD<Row> input = JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(cases, cases.size());
                    outcomes = spark.createDataFrame(input, CohortSchemas.CASE)
                        .mapPartitions(fn, Encoders.row(CohortSchemas.MAP_RESULT)).collectAsList();
                } catch (RuntimeException e) {
                    if (!stopping.get()) {
                        throw e;
                    }
                    break; // cancelled by the stop: the next run computes this batch again
                }
                extractSeconds += (System.nanoTime() - te) / 1e9;
                attempted += cases.size();
                List<Row> maps = new ArrayList<>();
                Set<List<String>> casesMapped = new HashSet<>();
                Set<List<String>> timed = new HashSet<>();
                for (Row r : outcomes) {
                    List<String> key = List.of(r.getString(1), r.getString(2), r.getString(3), r.getString(4));
                    if (timed.add(key)) {
                        caseSeconds += r.getDouble(21);
                    }
                    if (r.getString(0).equals("M")) {
                        maps.add(r);
                        casesMapped.add(key);
                    } else {
                        errors.add(CohortExtractJob.errorRow(r.getString(19), r.getString(1), r.getString(2),
                            r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(15),
                            r.getString(16), r.getString(17), r.getTimestamp(20)));
                    }
                }
                long tw = System.nanoTime();
                if (!maps.isEmpty()) {
                    tables.mergeFeatureMaps(maps, paramsHash);
                }
                writeSeconds += (System.nanoTime() - tw) / 1e9;
                mappedCount += casesMapped.size();
                progress.report();
            }
            progress.finish(mappedCount, errors.size() - manifest.missing().size());
        }
        if (!errors.isEmpty()) {
            tables.mergeErrors(spark.createDataFrame(errors, FeatureTables.ERRORS));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean interrupted = stopping.get() && attempted < todo.size();
        tables.appendRun(RowFactory.create(runId, paramsHash, paramsText, paramFile, manifest.location(),
            (long) manifest.size(), mappedCount, skipped, (long) errors.size(), startedAt,
            new Timestamp(System.currentTimeMillis()), seconds, extractSeconds, writeSeconds, 0.0,
            FeatureExtractor.ENGINE_VERSION, spark.sparkContext().master(), interrupted ? "interrupted" : "completed",
            tables.root()));
        if (interrupted) {
            console.printf(Locale.ROOT, "[radspark] run %s interrupted: %d cases mapped, %d failed, %d not started or "
                + "cut off; run the same command again to map them%n", runId, mappedCount, errors.size(),
                todo.size() - attempted);
        }
        return new CohortExtractJob.Summary(runId, paramsHash, manifest.size(), mappedCount, skipped, errors.size(),
            seconds, errors, new CohortExtractJob.Timings(extractSeconds, writeSeconds, 0, caseSeconds), interrupted);
    }
}
