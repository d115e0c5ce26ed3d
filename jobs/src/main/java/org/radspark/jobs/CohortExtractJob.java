package org.radspark.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.util.LongAccumulator;
import org.radspark.extract.FeatureExtractor;
import org.radspark.params.ParamsHash;
import org.radspark.spark.CohortSchemas;
import org.radspark.spark.ExtractCasesFunction;

/**
 * The cohort extraction job: manifest -> per-patient extraction on the executors -> Delta tables.
 * Cases already in the feature table for this parameter set are skipped (unless recompute), the rest
 * run in batches (one task per case, biggest image first); each batch is staged as Parquet (one compact
 * row per case) and MERGEd into the long table by a committer thread while the executors extract the
 * next batch, so an interrupted job loses at most the batches in flight and a restart completes them
 * without duplicates. The wide table gets the staged rows of many batches in one MERGE (at the end of
 * the run, or every 15 minutes), beside a long-table MERGE; a restart fills in wide rows of cases a
 * killed run had committed to the long table only. Errors are written once at the end: a case that
 * failed in a killed run is simply tried again.
 */
public final class CohortExtractJob {

    /** What to run. */
    public record Options(String manifest, String paramFile, String table, boolean recompute, int partitions,
                          int batchSize) {
    }

    /**
     * What happened, for the summary and the runs table. {@code interrupted}: the run was stopped by
     * SIGINT or SIGTERM; its finished batches are committed and {@code done + failed} counts only them.
     */
    public record Summary(String runId, String paramsHash, long cases, long done, long skipped, long failed,
                          double seconds, List<Row> errors, Timings timings, boolean interrupted) {
    }

    /**
     * Where a run's time went: extraction on the executors (wall time of the extraction stages), table
     * writes (the MERGEs of both tables; overlapped with the next batch's extraction, so the parts may sum
     * to more than the whole), the part of the writes spent on the wide table, and the sum over cases of
     * each case's own time on its executor (read and extract; divided by extraction time and slots it
     * shows how well the executors were used).
     */
    public record Timings(double extractSeconds, double writeSeconds, double wideSeconds, double caseSeconds) {
    }

    private final SparkSession spark;
    private final PrintStream console;
    /** Set by SIGINT/SIGTERM (or {@link #stop()}): no new batch starts, finished ones are committed. */
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
    /** Job group of this run's extraction jobs, cancelled on a stop. */
    private final String jobGroup = "radspark-extract-" + UUID.randomUUID();

    public CohortExtractJob(SparkSession spark, PrintStream console) {
        this.spark = spark;
        this.console = console;
    }

    /**
     * Asks a running {@link #run} to stop as SIGINT or SIGTERM does: extraction jobs in flight are
     * cancelled, batches already extracted are committed to both tables, and the run is recorded as
     * interrupted.
     */
    public void stop() {
        if (stopping.compareAndSet(false, true)) {
            console.println("[radspark] stopping: committing the batches already extracted; the next run "
                + "extracts the rest (a second signal or SIGKILL stops at once; the next run then merges what "
                + "was staged)");
            spark.sparkContext().cancelJobGroup(jobGroup);
        }
    }

    /**
     * Runs the job. SIGINT and SIGTERM during the run call {@link #stop()} and hold the JVM's shutdown
     * ({@link SignalStop}) until the finished batches are committed and the run is recorded.
     */
    public Summary run(Options o) {
        try (SignalStop signals = new SignalStop(this::stop, console)) {
            return runUntilDoneOrStopped(o);
        }
    }

    private Summary runUntilDoneOrStopped(Options o) {
        long t0 = System.nanoTime();
        Timestamp startedAt = new Timestamp(System.currentTimeMillis());
        String paramFile = Locations.config(o.paramFile());
        String paramsText = Locations.readText("parameter file", o.paramFile(), paramFile,
            spark.sparkContext().hadoopConfiguration());
        ExtractCasesFunction.validate(paramsText, o.paramFile());
        String paramsHash = ParamsHash.of(paramsText);
        CohortManifest manifest = CohortManifest.read(spark, o.manifest());
        FeatureTables tables = new FeatureTables(spark, o.table());
        String runId = UUID.randomUUID().toString();
        adoptStaging(tables, System.currentTimeMillis() - DEAD_RUN_MILLIS);

        Set<List<String>> extracted = new HashSet<>();
        for (Row r : tables.extractedCases(paramsHash)) {
            extracted.add(List.of(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
        }
        List<Row> todo = new ArrayList<>();
        long skipped = 0;
        for (Row c : manifest.cases()) {
            if (!o.recompute() && extracted.contains(key(c))) {
                skipped++;
            } else {
                todo.add(c);
            }
        }
        // key order makes each batch a narrow patient_id range, which lets the MERGE skip other batches' files
        todo.sort(Comparator.comparing((Row c) -> String.join("\u0000", key(c))));
        console.printf(Locale.ROOT, "[radspark] manifest %s%n[radspark] parameter file %s%n[radspark] tables %s%n",
            manifest.location(), paramFile, tables.root());
        console.printf(Locale.ROOT, "[radspark] run %s: %d cases, params_hash %s: %d to extract, %d already done%s%n",
            runId, manifest.size(), paramsHash, todo.size(), skipped,
            manifest.missing().isEmpty() ? "" : ", " + manifest.missing().size() + " with missing files");
        List<Row> errors = new ArrayList<>();
        Timestamp now = new Timestamp(System.currentTimeMillis());
        for (CohortManifest.MissingFiles m : manifest.missing()) {
            Row c = m.caseRow();
            errors.add(errorRow(runId, c.getString(0), c.getString(1), c.getString(2), c.getString(3),
                c.getString(4), paramsHash, "read", "FileNotFoundException", m.message(), now));
        }

        LongAccumulator done = spark.sparkContext().longAccumulator("radspark.cases.done");
        LongAccumulator failed = spark.sparkContext().longAccumulator("radspark.cases.failed");
        ExtractCasesFunction fn = new ExtractCasesFunction(paramsText, o.paramFile(), paramsHash, runId, done, failed);
        String staging = tables.path("_staging/" + runId);
        List<List<Row>> batches = batches(todo, o.batchSize(), spark.sparkContext().defaultParallelism());
        Set<List<String>> computed = new HashSet<>();
        double[] writeSeconds = {0};
        double[] wideSeconds = {0};
        double caseSeconds = 0;
        long attempted = 0;
        // staged batches committed to the long table but not yet to the wide one, and their feature names
        List<String> wideDirs = new ArrayList<>();
        java.util.SortedSet<String> wideNames = new java.util.TreeSet<>();
        java.util.concurrent.atomic.AtomicLong lastWide = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime());
        long extractStart = System.nanoTime();
        long extractEnd = extractStart;
        // two extraction jobs in flight keep every executor busy across batch boundaries; one committer
        // MERGEs finished batches in order, in its own scheduler pool so its tasks need not queue behind
        // the extraction tasks
        ExecutorService extractors = Executors.newFixedThreadPool(2, daemon("radspark-extract", null));
        ExecutorService committer = Executors.newSingleThreadExecutor(daemon("radspark-committer", "radspark-commit"));
        ExecutorService wideWriter = Executors.newSingleThreadExecutor(daemon("radspark-committer-wide", "radspark-commit"));
        // tables are created (and Delta warmed up) on the driver while the executors start extracting
        Future<?> commit = committer.submit(() -> {
            tables.ensureFeatures();
            tables.ensureErrors();
            return null;
        });
        // the heartbeat tells concurrent runs that this run's staging folder is in use
        java.util.concurrent.ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            daemon("radspark-staging-heartbeat", null));
        if (!batches.isEmpty()) {
            touch(staging + "/" + HEARTBEAT);
            heartbeat.scheduleWithFixedDelay(() -> touch(staging + "/" + HEARTBEAT), HEARTBEAT_MILLIS,
                HEARTBEAT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        try (ProgressReporter progress = new ProgressReporter(console, todo.size(), done::value, failed::value, 2000)) {
            java.util.ArrayDeque<Future<List<Row>>> inFlight = new java.util.ArrayDeque<>();
            java.util.ArrayDeque<Integer> inFlightIndex = new java.util.ArrayDeque<>();
            int next = 0;
            while ((next < batches.size() && !stopping.get()) || !inFlight.isEmpty()) {
                while (next < batches.size() && inFlight.size() < 2 && !stopping.get()) {
                    List<Row> cases = batches.get(next);
                    String batchDir = staging + "/batch-" + next;
                    inFlight.add(extractors.submit(() -> {
                        spark.sparkContext().setJobGroup(jobGroup, "radspark extraction", true);
                        return extractBatch(fn, manifest, cases, batchDir, o.partitions());
                    }));
                    inFlightIndex.add(next++);
                }
                Future<List<Row>> extraction = inFlight.poll();
                int batch = inFlightIndex.poll();
                String batchDir = staging + "/batch-" + batch;
                List<Row> outcomes;
                try {
                    outcomes = waitFor(extraction);
                } catch (RuntimeException e) {
                    if (!stopping.get()) {
                        throw e;
                    }
                    // cancelled by the stop: nothing of this batch counts; the next run extracts it
                    deletePath(batchDir);
                    continue;
                }
                extractEnd = System.nanoTime();
                List<Row> cases = batches.get(batch);
                attempted += cases.size();
                for (Row r : outcomes) {
                    caseSeconds += r.getDouble(13);
                    if (r.getString(0).equals("F")) {
                        computed.add(List.of(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                    } else {
                        errors.add(errorRow(r.getString(11), r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                            r.getString(9), r.getTimestamp(12)));
                    }
                }
                String lo = cases.get(0).getString(0);
                String hi = cases.get(cases.size() - 1).getString(0);
                boolean longDue = outcomes.stream().anyMatch(r -> r.getString(0).equals("F"));
                if (longDue) {
                    wideDirs.add(batchDir);
                    for (Row r : outcomes) {
                        if (r.getString(0).equals("F")) {
                            wideNames.addAll(r.getList(14));
                        }
                    }
                }
                // the wide rows of all batches since the last wide write go in one MERGE: at the end of the
                // run, or when the last wide write is older than WIDE_WRITE_INTERVAL_NANOS
                boolean last = (next == batches.size() || stopping.get()) && inFlight.isEmpty();
                boolean wideDue = !wideDirs.isEmpty()
                    && (last || System.nanoTime() - lastWide.get() > WIDE_WRITE_INTERVAL_NANOS);
                List<String> wideBatch = wideDue ? wideDirs : List.of();
                java.util.SortedSet<String> names = wideDue ? wideNames : null;
                if (wideDue) {
                    wideDirs = new ArrayList<>();
                    wideNames = new java.util.TreeSet<>();
                }
                waitFor(commit);
                progress.report();
                commit = committer.submit(() -> {
                    long tw = System.nanoTime();
                    // the two tables are independent: both MERGEs run at once
                    Future<?> wide = wideBatch.isEmpty() ? null : wideWriter.submit(() -> {
                        long tm = System.nanoTime();
                        tables.mergeWide(wideBatch.toArray(String[]::new), paramsHash, o.recompute(), names);
                        lastWide.set(System.nanoTime());
                        addSeconds(wideSeconds, tm);
                    });
                    if (longDue) {
                        tables.mergeFeatures(batchDir, paramsHash, lo, hi, o.recompute());
                    }
                    waitFor(wide);
                    if (!longDue) {
                        deletePath(batchDir);
                    }
                    for (String dir : wideBatch) {
                        deletePath(dir);
                    }
                    addSeconds(writeSeconds, tw);
                    return null;
                });
            }
            waitFor(commit);
            if (!wideDirs.isEmpty()) {
                // a stop arrived after the last batch's commit was planned: its wide rows go in now
                long tm = System.nanoTime();
                tables.mergeWide(wideDirs.toArray(String[]::new), paramsHash, o.recompute(), wideNames);
                addSeconds(wideSeconds, tm);
                addSeconds(writeSeconds, tm);
                for (String dir : wideDirs) {
                    deletePath(dir);
                }
            }
            progress.finish(computed.size(), errors.size() - manifest.missing().size());
        } finally {
            extractors.shutdownNow();
            committer.shutdownNow();
            wideWriter.shutdownNow();
            heartbeat.shutdownNow();
        }
        double extractSeconds = (extractEnd - extractStart) / 1e9;
        deletePath(staging);
        long tw = System.nanoTime();
        extracted.removeAll(computed);
        long filled = tables.fillWideGaps(paramsHash, extracted);
        if (filled > 0) {
            console.printf(Locale.ROOT, "[radspark] added %d wide rows an interrupted run had left out%n", filled);
        }
        addSeconds(wideSeconds, tw);
        if (!errors.isEmpty()) {
            tables.mergeErrors(spark.createDataFrame(errors, FeatureTables.ERRORS));
        }
        Timings timings = new Timings(extractSeconds, writeSeconds[0], wideSeconds[0], caseSeconds);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long failedCount = errors.size();
        boolean interrupted = stopping.get() && attempted < todo.size();
        // every attempted case gave one feature row or one error; cases with missing files are errors too
        long doneCount = computed.size();
        tables.appendRun(RowFactory.create(runId, paramsHash, paramsText, paramFile, manifest.location(),
            (long) manifest.size(), doneCount, skipped, failedCount, startedAt,
            new Timestamp(System.currentTimeMillis()), seconds, timings.extractSeconds(), timings.writeSeconds(),
            timings.wideSeconds(), FeatureExtractor.ENGINE_VERSION,
            spark.sparkContext().master(), interrupted ? "interrupted" : "completed", tables.root()));
        if (interrupted) {
            console.printf(Locale.ROOT, "[radspark] run %s interrupted: %d cases committed, %d failed, %d not started "
                + "or cut off; run the same command again to extract them%n", runId, doneCount, failedCount,
                todo.size() - attempted);
        }
        return new Summary(runId, paramsHash, manifest.size(), doneCount, skipped, failedCount, seconds, errors, timings,
            interrupted);
    }

    /**
     * Extracts one batch into a staging Parquet folder, so that a retried task or the MERGEs' re-reads never
     * recompute a case. Returns the staged rows without their feature values (the names give the wide
     * table's columns without another pass over the staged files).
     */
    private List<Row> extractBatch(ExtractCasesFunction fn, CohortManifest manifest, List<Row> cases, String staging,
                                   int partitions) {
        List<List<Row>> groups = partitions > 0 ? packInto(cases, manifest::imageBytes, Math.min(partitions, cases.size()))
            : groupSmallCases(cases, manifest::imageBytes, SMALL_CASE_TASK_BYTES);
        JavaRDD<Row> input = JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(groups, groups.size()).flatMap(List::iterator);
        spark.createDataFrame(input, CohortSchemas.CASE).mapPartitions(fn, Encoders.row(CohortSchemas.CASE_RESULT))
            .write().mode("overwrite").parquet(staging);
        return spark.read().schema(CohortSchemas.CASE_RESULT).parquet(staging)
            .select("kind", "patient_id", "reader", "modality", "timepoint", "center", "params_hash", "stage",
                "error_class", "message", "engine_version", "run_id", "extracted_at", "seconds", "names")
            .collectAsList();
    }

    /**
     * Longest time between two wide-table writes during a run. Each wide MERGE costs seconds whatever its
     * size (a plan over thousands of columns), so batches share one; the long table, which decides what
     * is done, is written per batch. A wide write cut off by a kill is redone from the long table by the
     * next run.
     */
    static final long WIDE_WRITE_INTERVAL_NANOS = 15L * 60 * 1_000_000_000L;

    /** Image bytes below which cases share a task: a task costs tens of milliseconds of scheduling and output. */
    static final long SMALL_CASE_TASK_BYTES = 1L << 20;

    /**
     * One task per case, biggest image first, so that Spark's dynamic scheduling balances the load; cases
     * smaller than {@code minBytes} are gathered into shared tasks of about {@code minBytes}.
     */
    static <T> List<List<T>> groupSmallCases(List<T> cases, ToLongFunction<T> bytes, long minBytes) {
        List<T> bySize = new ArrayList<>(cases);
        bySize.sort(Comparator.comparingLong(bytes).reversed());
        List<List<T>> groups = new ArrayList<>();
        List<T> open = null;
        long openBytes = 0;
        for (T c : bySize) {
            long b = bytes.applyAsLong(c);
            if (b >= minBytes) {
                groups.add(List.of(c));
                continue;
            }
            if (open == null || openBytes >= minBytes) {
                open = new ArrayList<>();
                openBytes = 0;
                groups.add(open);
            }
            open.add(c);
            openBytes += Math.max(1, b);
        }
        return groups;
    }

    /** Exactly {@code tasks} groups of about equal image bytes (biggest case into the lightest group), heaviest first. */
    static <T> List<List<T>> packInto(List<T> cases, ToLongFunction<T> bytes, int tasks) {
        List<T> bySize = new ArrayList<>(cases);
        bySize.sort(Comparator.comparingLong(bytes).reversed());
        List<List<T>> groups = new ArrayList<>();
        long[] load = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            groups.add(new ArrayList<>());
        }
        for (T c : bySize) {
            int lightest = 0;
            for (int i = 1; i < tasks; i++) {
                if (load[i] < load[lightest]) {
                    lightest = i;
                }
            }
            groups.get(lightest).add(c);
            load[lightest] += Math.max(1, bytes.applyAsLong(c));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> load[i]).reversed());
        return order.stream().map(groups::get).filter(g -> !g.isEmpty()).toList();
    }

    static Row errorRow(String runId, String patient, String reader, String modality, String timepoint,
                                String center, String paramsHash, String stage, String errorClass, String message,
                                Timestamp at) {
        return new GenericRowWithSchema(new Object[] {runId, patient, reader, modality, timepoint, center, paramsHash,
            stage, errorClass, message, at}, FeatureTables.ERRORS);
    }

    private static void addSeconds(double[] sum, long sinceNanos) {
        synchronized (sum) {
            sum[0] += (System.nanoTime() - sinceNanos) / 1e9;
        }
    }

    /**
     * Cuts the cases into batches of {@code fixed} cases, or by default of 16 cases per task slot (at least
     * 64): every batch costs two MERGEs, so batches are as large as a tolerable loss on interruption allows.
     */
    static List<List<Row>> batches(List<Row> todo, int fixed, int slots) {
        List<List<Row>> out = new ArrayList<>();
        int size = fixed > 0 ? fixed : Math.max(64, 16 * slots);
        for (int from = 0; from < todo.size(); from += size) {
            out.add(todo.subList(from, Math.min(todo.size(), from + size)));
        }
        return out;
    }

    /** Daemon threads; with a pool name, their Spark jobs run in that fair-scheduler pool (conf: fairscheduler.xml). */
    private java.util.concurrent.ThreadFactory daemon(String name, String pool) {
        return r -> {
            Thread t = new Thread(() -> {
                if (pool != null) {
                    spark.sparkContext().setLocalProperty("spark.scheduler.pool", pool);
                }
                r.run();
            }, name);
            t.setDaemon(true);
            return t;
        };
    }

    static <T> T waitFor(Future<T> future) {
        if (future == null) {
            return null;
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("a batch failed: " + cause, cause);
        }
    }

    static List<String> key(Row c) {
        return List.of(c.getString(0), c.getString(1), c.getString(2), c.getString(3));
    }

    /** Name of the file whose modification time shows that a run's staging folder is in use. */
    static final String HEARTBEAT = "_heartbeat";

    /** How often a run touches its heartbeat file. */
    static final long HEARTBEAT_MILLIS = 60_000;

    /**
     * Age of a heartbeat after which its run is taken as dead (killed with SIGKILL, or its machine lost):
     * five missed beats. A run cannot tell a dead run from a live one sooner, so a rerun within this time
     * extracts again what the dead run had staged (without duplicates: the MERGEs are keyed).
     */
    static final long DEAD_RUN_MILLIS = 5 * HEARTBEAT_MILLIS;

    private void touch(String location) {
        Path p = new Path(location);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(p)) {
                fs.setTimes(p, System.currentTimeMillis(), -1);
            } else {
                fs.create(p, true).close();
            }
        } catch (IOException e) {
            console.println("[radspark] warning: could not update " + location + ": " + e.getMessage());
        }
    }

    /**
     * Finishes what dead runs left in the staging folder: every complete staged batch (Spark wrote its
     * _SUCCESS marker) of a run whose heartbeat (or, lacking one, folder) is older than {@code deadBefore}
     * is MERGEd into the long and the wide table, insert-only and keyed, so a batch its run had already
     * committed adds nothing; then the run's folder is removed. Cases that failed in the dead run are not
     * taken over: the next extraction tries them again. Folders of live runs are left alone.
     */
    void adoptStaging(FeatureTables tables, long deadBefore) {
        Path root = new Path(tables.path("_staging"));
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                return;
            }
            for (FileStatus run : fs.listStatus(root)) {
                Path beat = new Path(run.getPath(), HEARTBEAT);
                long last = fs.exists(beat) ? Math.max(fs.getFileStatus(beat).getModificationTime(),
                    run.getModificationTime()) : run.getModificationTime();
                if (!run.isDirectory() || last >= deadBefore) {
                    continue;
                }
                long cases = 0;
                for (FileStatus batch : fs.listStatus(run.getPath())) {
                    if (batch.isDirectory() && batch.getPath().getName().startsWith("batch-")
                        && fs.exists(new Path(batch.getPath(), "_SUCCESS"))) {
                        cases += adoptBatch(tables, batch.getPath().toString());
                    }
                }
                if (cases > 0) {
                    console.printf(Locale.ROOT, "[radspark] merged %d cases that run %s had staged before it died%n",
                        cases, run.getPath().getName());
                }
                fs.delete(run.getPath(), true);
            }
            if (fs.exists(root) && fs.listStatus(root).length == 0) {
                try {
                    fs.delete(root, false);
                } catch (IOException createdMeanwhile) {
                    // a run that started meanwhile staged into it: keep it
                }
            }
        } catch (IOException e) {
            console.println("[radspark] warning: could not check staged data of earlier runs under " + root + ": "
                + e.getMessage());
        }
    }

    /** MERGEs one complete staged batch of a dead run into both tables; returns its extracted cases. */
    private long adoptBatch(FeatureTables tables, String dir) {
        Row summary = spark.read().schema(CohortSchemas.CASE_RESULT).parquet(dir)
            .where(functions.col("kind").equalTo("F"))
            .agg(functions.count("*"), functions.min("params_hash"), functions.max("params_hash"),
                functions.min("patient_id"), functions.max("patient_id"),
                functions.array_distinct(functions.flatten(functions.collect_list("names"))))
            .head();
        long cases = summary.getLong(0);
        if (cases == 0) {
            return 0;
        }
        if (!summary.getString(1).equals(summary.getString(2))) {
            throw new IllegalStateException(dir + ": a staged batch with several parameter sets");
        }
        String hash = summary.getString(1);
        tables.mergeFeatures(dir, hash, summary.getString(3), summary.getString(4), false);
        tables.mergeWide(new String[] {dir}, hash, false, new java.util.TreeSet<>(summary.<String>getList(5)));
        return cases;
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
