package org.radspark.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.radspark.jobs.CohortExtractJob;
import org.radspark.jobs.FeatureTables;
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
            Set.of("only-missing", "recompute", "verbose"));
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
        validateBeforeSpark(a.options.get("param"), a.options.get("manifest"));
        SparkSession spark = SparkSessions.create("radspark cohort extract", a.options.get("master"));
        try {
            CohortExtractJob.Summary s = new CohortExtractJob(spark, out).run(new CohortExtractJob.Options(
                a.options.get("manifest"), a.options.get("param"), a.options.get("table"), a.flags.contains("recompute"),
                partitions == null ? 0 : partitions, batch == null ? 0 : batch));
            printSummary(out, s, new FeatureTables(spark, a.options.get("table")));
            return 0;
        } finally {
            spark.stop();
        }
    }

    /**
     * What can be checked without Spark, checked first, so that a wrong file fails in a second and not
     * after Spark's start: the parameter file (when local) and a CSV manifest (its columns, values and
     * duplicate cases; read through Hadoop's file system, so hdfs:// works too).
     */
    static void validateBeforeSpark(String paramFile, String manifest) {
        if (!paramFile.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            org.radspark.params.ParamFileParser.parse(java.nio.file.Path.of(paramFile));
        } else if (paramFile.startsWith("file:")) {
            org.radspark.params.ParamFileParser.parse(java.nio.file.Path.of(java.net.URI.create(paramFile)));
        }
        if (manifest.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            org.radspark.jobs.CohortManifest.readCsv(manifest, new org.apache.hadoop.conf.Configuration());
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
        out.printf(Locale.ROOT, "tables: %s (features, features_wide, runs, errors)%n", tables.path(""));
    }
}
