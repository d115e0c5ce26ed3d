package org.radspark.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.radspark.jobs.CohortExtractJob;
import org.radspark.jobs.CohortManifest;
import org.radspark.jobs.SparkSessions;
import org.radspark.params.ParamsHash;
import org.radspark.spark.ExtractCasesFunction;

/**
 * Cohort benchmark: builds a cohort of N cases from the bundled test data under distinct patient ids,
 * then times, each in a fresh JVM so that neither inherits the other's JIT warm-up, (1) the engine in a
 * plain single-threaded Java loop over the cases (the same per-case code the executors run: read,
 * extract, result row) and (2) the cohort job on the given Spark master into new Delta tables. Each is
 * run {@code repeat} times in its JVM (the Spark job into fresh tables each time): the first run is
 * the cold figure a cron-started job sees, the last the steady state of a long-lived Spark application.
 * Reports cases per minute and the Spark job's overhead over the loop (Spark time x cores / loop time);
 * with more than one core, also the plain loop on that many threads, the machine's own scaling ceiling.
 *
 * <p>Mixes: {@code small} cycles brain1 (MR) and breast1 (MR); {@code ct} cycles the IBSI CT phantom
 * as NIfTI, the same phantom as a DICOM series with an RTSTRUCT (a CT-sized 512x512x60 volume each),
 * brain1 and breast1.
 */
public final class CohortBenchmark {
    private CohortBenchmark() {
    }

    /** Timings of one child JVM: seconds of each repetition, and the Spark session start-up (0 for the loop). */
    record ChildResult(List<Double> seconds, double sessionSeconds, int cores, List<String> details) {
    }

    public static String run(Path testdata, Path param, int cases, String mix, String master, int repeat,
                             boolean loop) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("radspark-bench-");
        try {
            Path manifest = writeManifest(testdata, cases, mix, work);
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "cohort of %d cases (mix %s), %s, each measurement in a fresh JVM, %d run(s) per JVM%n",
                cases, mix, param.getFileName(), repeat));
            ChildResult spark = child(work, "spark", manifest, param, master, repeat);
            report.append(String.format(Locale.ROOT,
                "  Spark job, %s (%d cores): runs %s s; first %.1f s = %.1f cases/min, last %.1f s = %.1f cases/min"
                    + " (session start %.1f s, not included)%n",
                master == null ? "local[*]" : master, spark.cores(), format(spark.seconds()), first(spark),
                cases / first(spark) * 60, last(spark), cases / last(spark) * 60, spark.sessionSeconds()));
            for (String d : spark.details()) {
                report.append("    ").append(d).append(System.lineSeparator());
            }
            if (loop) {
                ChildResult plain = child(work, "loop", manifest, param, "1", repeat);
                appendLoop(report, plain, cases);
                report.append(String.format(Locale.ROOT,
                    "  Spark time x cores / loop time: first runs %.3f (overhead %+.1f %%), last runs %.3f (overhead %+.1f %%)%n",
                    first(spark) * spark.cores() / first(plain), (first(spark) * spark.cores() / first(plain) - 1) * 100,
                    last(spark) * spark.cores() / last(plain), (last(spark) * spark.cores() / last(plain) - 1) * 100));
                if (spark.cores() > 1) {
                    // the machine's own ceiling: the same loop on as many threads as the Spark job has slots
                    ChildResult threaded = child(work, "loop", manifest, param, Integer.toString(spark.cores()), repeat);
                    appendLoop(report, threaded, cases);
                    report.append(String.format(Locale.ROOT,
                        "  plain loop speed-up on %d threads: first runs %.2fx, last runs %.2fx%n", spark.cores(),
                        first(plain) / first(threaded), last(plain) / last(threaded)));
                }
            }
            return report.toString().stripTrailing();
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void appendLoop(StringBuilder report, ChildResult plain, int cases) {
        report.append(String.format(Locale.ROOT,
            "  plain Java loop (%d thread(s)): runs %s s; first %.1f s = %.1f cases/min, last %.1f s = %.1f cases/min%n",
            plain.cores(), format(plain.seconds()), first(plain), cases / first(plain) * 60, last(plain),
            cases / last(plain) * 60));
        for (String d : plain.details()) {
            report.append("    ").append(d).append(System.lineSeparator());
        }
    }

    static Path writeManifest(Path testdata, int cases, String mix, Path work) throws IOException {
        String t = testdata.toAbsolutePath().normalize().toString();
        String[] brain = {t + "/pyradiomics/brain1_image.nrrd", t + "/pyradiomics/brain1_label.nrrd", ""};
        String[] breast = {t + "/pyradiomics/breast1_image.nrrd", t + "/pyradiomics/breast1_label.nrrd", ""};
        String[] ctNifti = {t + "/ibsi1/ct_phantom/nifti/image.nii.gz", t + "/ibsi1/ct_phantom/nifti/mask.nii.gz", ""};
        String[] ctDicom = {t + "/ibsi1/ct_phantom/dicom/image", t + "/ibsi1/ct_phantom/dicom/mask/rtstruct.dcm", "GTV-1"};
        List<String[]> cycle = switch (mix) {
            case "small" -> List.of(brain, breast);
            case "ct" -> List.of(ctNifti, ctDicom, brain, breast);
            default -> throw new IllegalArgumentException("unknown mix '" + mix + "' (small, ct)");
        };
        List<String> lines = new ArrayList<>(List.of("patient_id,image,mask,roi"));
        for (int i = 0; i < cases; i++) {
            String[] c = cycle.get(i % cycle.size());
            lines.add(String.format(Locale.ROOT, "BENCH-%04d,%s,%s,%s", i, c[0], c[1], c[2]));
        }
        Path manifest = work.resolve("manifest.csv");
        Files.writeString(manifest, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return manifest;
    }

    private static ChildResult child(Path work, String mode, Path manifest, Path param, String master, int repeat)
        throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Xm") || a.startsWith("-XX:")).toList());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CohortBenchmark.class.getName());
        cmd.addAll(List.of(mode, manifest.toString(), param.toString(), master == null ? "" : master,
            Integer.toString(repeat), work.resolve("tables-" + mode).toString()));
        Path log = work.resolve(mode + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        List<String> out = Files.readAllLines(log);
        List<String> details = out.stream().filter(l -> l.startsWith("DETAIL ")).map(l -> l.substring(7)).toList();
        for (String line : out) {
            if (line.startsWith("RESULT ")) {
                String[] f = line.substring(7).split(" ");
                List<Double> seconds = new ArrayList<>();
                for (String s : f[2].split(",")) {
                    seconds.add(Double.parseDouble(s));
                }
                return new ChildResult(seconds, Double.parseDouble(f[0]), Integer.parseInt(f[1]), details);
            }
        }
        throw new IllegalStateException("benchmark child '" + mode + "' failed (exit " + code + "):\n"
            + String.join("\n", out.subList(Math.max(0, out.size() - 30), out.size())));
    }

    /** Child JVM entry: MODE MANIFEST PARAM MASTER REPEAT TABLES; prints "RESULT session cores s1,s2,...". */
    public static void main(String[] a) throws Exception {
        String mode = a[0];
        String manifest = a[1];
        String paramFile = a[2];
        int repeat = Integer.parseInt(a[4]);
        List<String> seconds = new ArrayList<>();
        if (mode.equals("loop")) {
            int threads = a[3].isEmpty() ? 1 : Integer.parseInt(a[3]);
            String paramsText = Files.readString(Path.of(paramFile));
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                List<Row> cases = CohortManifest.readCsv(manifest, new Configuration()).cases();
                LongAccumulator done = new LongAccumulator();
                LongAccumulator failed = new LongAccumulator();
                ExtractCasesFunction fn = new ExtractCasesFunction(paramsText, paramFile, ParamsHash.of(paramsText),
                    "bench", done, failed);
                // K threads take the cases from one queue in manifest order, as K task slots would
                java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
                double[] caseSeconds = new double[cases.size()];
                List<Thread> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Thread w = new Thread(() -> {
                        for (int i = next.getAndIncrement(); i < cases.size(); i = next.getAndIncrement()) {
                            caseSeconds[i] = fn.call(List.of(cases.get(i)).iterator()).next().getDouble(15);
                        }
                    });
                    w.start();
                    workers.add(w);
                }
                for (Thread w : workers) {
                    w.join();
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                seconds.add(String.format(Locale.ROOT, "%.3f", wall));
                System.out.printf(Locale.ROOT, "DETAIL run %d: %.1f s (%d thread(s) holding %.1f s of case work)%n", r,
                    wall, threads, java.util.Arrays.stream(caseSeconds).sum());
                if (failed.value() != 0 || done.value() != cases.size()) {
                    throw new IllegalStateException("loop: " + failed.value() + " of " + cases.size() + " cases failed");
                }
            }
            System.out.println("RESULT 0 " + threads + " " + String.join(",", seconds));
            return;
        }
        long s0 = System.nanoTime();
        SparkSession spark = SparkSessions.create("radspark bench-cohort", a[3].isEmpty() ? null : a[3]);
        double session = (System.nanoTime() - s0) / 1e9;
        try {
            for (int r = 0; r < repeat; r++) {
                long t0 = System.nanoTime();
                CohortExtractJob.Summary s = new CohortExtractJob(spark, new PrintStream(new ByteArrayOutputStream()))
                    .run(new CohortExtractJob.Options(manifest, paramFile, a[5] + "-" + r, false, 0, 0));
                seconds.add(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - t0) / 1e9));
                if (s.failed() != 0 || s.done() != s.cases()) {
                    throw new IllegalStateException("benchmark cohort did not extract cleanly: " + s);
                }
                System.out.printf(Locale.ROOT, "DETAIL run %d: %.1f s (extraction %.1f s holding %.1f s of case work,"
                    + " table writes %.1f s, of which wide %.1f s)%n", r, s.seconds(), s.timings().extractSeconds(),
                    s.timings().caseSeconds(), s.timings().writeSeconds(), s.timings().wideSeconds());
            }
            System.out.printf(Locale.ROOT, "RESULT %.3f %d %s%n", session, spark.sparkContext().defaultParallelism(),
                String.join(",", seconds));
        } finally {
            spark.stop();
        }
    }

    private static double first(ChildResult r) {
        return r.seconds().get(0);
    }

    private static double last(ChildResult r) {
        return r.seconds().get(r.seconds().size() - 1);
    }

    private static String format(List<Double> seconds) {
        return String.join(", ", seconds.stream().map(s -> String.format(Locale.ROOT, "%.1f", s)).toList());
    }
}
