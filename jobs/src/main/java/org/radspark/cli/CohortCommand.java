package org.radspark.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.radspark.jobs.CohortExtractJob;
import org.radspark.jobs.FeatureTables;
import org.radspark.jobs.Locations;
import org.radspark.jobs.SparkSessions;

/** `radspark cohort extract`: the cohort job on Spark, with a one-screen summary at the end. */
final class CohortCommand {
    private CohortCommand() {
    }

    static int run(String[] argv, PrintStream out) {
        if (argv.length < 2 || !argv[1].equals("extract")) {
            throw new Args.UsageException("cohort needs a subcommand: cohort extract --manifest M --param FILE --table DIR");
        }
        Args a = Args.parse(argv, 2, Set.of("manifest", "param", "table", "master", "partitions", "batch-size"),
            Set.of("only-missing", "recompute", "verbose", "fail-on-errors", "validate-only"));
        for (String required : new String[] {"manifest", "param", "table"}) {
            if (!a.options.containsKey(required)) {
                throw new Args.UsageException("cohort extract needs --" + required);
            }
        }
        if (a.flags.contains("only-missing") && a.flags.contains("recompute")) {
            throw new Args.UsageException("--only-missing and --recompute exclude each other");
        }
        Integer partitions = a.intOption("partitions");
        Integer batch = a.intOption("batch-size");
        int cases = validateBeforeSpark(a.options.get("param"), a.options.get("manifest"), a.options.get("table"));
        SparkSessions.requireReachable(a.options.get("master"));
        if (a.flags.contains("validate-only")) {
            out.println("[radspark] valid: parameter file, manifest" + (cases >= 0 ? " (" + cases + " cases)" : "")
                + ", table folder" + (a.options.containsKey("master") ? ", master" : "") + "; nothing extracted");
            return 0;
        }
        SparkSession spark = SparkSessions.create("radspark cohort extract", a.options.get("master"));
        try {
            CohortExtractJob.Summary s = new CohortExtractJob(spark, out).run(new CohortExtractJob.Options(
                a.options.get("manifest"), a.options.get("param"), a.options.get("table"), a.flags.contains("recompute"),
                partitions == null ? 0 : partitions, batch == null ? 0 : batch));
            printSummary(out, s, new FeatureTables(spark, a.options.get("table")));
            return exitCode(s, a.flags.contains("fail-on-errors"));
        } finally {
            spark.stop();
        }
    }

    /** Exit status of a cohort run: 0, or {@link Radspark#CASES_FAILED} when asked to flag failed cases. */
    static int exitCode(CohortExtractJob.Summary s, boolean failOnErrors) {
        return failOnErrors && s.failed() > 0 ? Radspark.CASES_FAILED : 0;
    }

    /**
     * What can be checked without Spark, checked first, so that a wrong file fails in a second and not
     * after Spark's start: the parameter file (local unless it has a scheme), the manifest (exists; a CSV
     * one is read and checked: columns, values, duplicate cases) and the tables' folder (a folder this
     * user can write in, and any table already there a Delta table). Locations follow
     * {@link Locations}' rule, read through Hadoop's file systems, so hdfs:// works too. Returns the
     * number of cases of a CSV manifest, else -1 (other manifests are read by Spark).
     */
    static int validateBeforeSpark(String paramFile, String manifest, String table) {
        org.apache.hadoop.conf.Configuration conf = Locations.hadoopConf();
        String param = Locations.config(paramFile);
        org.radspark.params.ParamFileParser.parse(Locations.readText("parameter file", paramFile, param, conf), paramFile);
        String m = Locations.data(manifest, conf);
        Locations.requireExists("manifest", manifest, m, conf);
        int cases = -1;
        if (m.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            cases = org.radspark.jobs.CohortManifest.readCsv(manifest, conf).size();
        }
        checkTables(table, Locations.data(table, conf), conf);
        return cases;
    }

    /** The tables' folder is writable, and each of the four tables already there is a Delta table. */
    static void checkTables(String given, String root, org.apache.hadoop.conf.Configuration conf) {
        Locations.requireWritableDir("table folder", given, root, conf);
        try {
            org.apache.hadoop.fs.Path r = new org.apache.hadoop.fs.Path(root);
            org.apache.hadoop.fs.FileSystem fs = r.getFileSystem(conf);
            if (!fs.exists(r)) {
                return;
            }
            for (String t : new String[] {"features", "features_wide", "runs", "errors"}) {
                org.apache.hadoop.fs.Path tp = new org.apache.hadoop.fs.Path(r, t);
                if (fs.exists(tp) && !fs.exists(new org.apache.hadoop.fs.Path(tp, "_delta_log"))) {
                    throw new Locations.LocationException("table folder " + given + ": " + tp
                        + " exists but is not a Delta table (no _delta_log); give another --table");
                }
            }
        } catch (java.io.IOException e) {
            throw new Locations.LocationException("table folder " + given + ": cannot reach " + root + " ("
                + e.getMessage() + ")");
        }
    }

    static void printSummary(PrintStream out, CohortExtractJob.Summary s, FeatureTables tables) {
        out.println("== radspark cohort extract: summary ==");
        out.printf(Locale.ROOT, "run %s, params_hash %s%n", s.runId(), s.paramsHash());
        out.printf(Locale.ROOT, "cases %d: extracted %d, skipped %d (already in the table), failed %d%n",
            s.cases(), s.done(), s.skipped(), s.failed());
        double extracted = s.done() + s.failed();
        out.printf(Locale.ROOT, "time %.1f s%s (extraction %.1f s, table writes %.1f s, of which wide table %.1f s)%n",
            s.seconds(),
            extracted > 0 ? String.format(Locale.ROOT, ", %.1f cases/min", extracted / s.seconds() * 60) : "",
            s.timings().extractSeconds(), s.timings().writeSeconds(), s.timings().wideSeconds());
        if (s.timings().caseSeconds() > 0) {
            out.printf(Locale.ROOT, "executor time of the cases themselves (read + extract): %.1f s%n", s.timings().caseSeconds());
        }
        for (Row e : s.errors()) {
            String msg = e.getAs("message");
            out.printf(Locale.ROOT, "  failed: patient %s%s [%s] %s: %s%n", e.<String>getAs("patient_id"),
                e.<String>getAs("reader").isEmpty() ? "" : " reader " + e.getAs("reader"), e.<String>getAs("stage"),
                e.<String>getAs("error_class"), msg.length() > 160 ? msg.substring(0, 160) + "..." : msg);
        }
        out.printf(Locale.ROOT, "tables: %s (features, features_wide, runs, errors)%n", tables.root());
    }
}
