package org.radspark.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.radspark.jobs.CohortExtractJob;
import org.radspark.jobs.FeatureTables;
import org.radspark.jobs.Locations;
import org.radspark.jobs.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `radspark cohort`: cohort jobs on Spark; `cohort extract` fills the Delta feature tables. */
@Command(name = "cohort", mixinStandardHelpOptions = true, subcommands = CohortCommand.Extract.class,
    description = "Cohort jobs on Spark.")
final class CohortCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Radspark.usage(spec, "cohort needs a subcommand: cohort extract --manifest M --param FILE --table DIR");
    }

    /** `radspark cohort extract`: the cohort job on Spark, with a one-screen summary at the end. */
    @Command(name = "extract", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Extracts a cohort on Spark into Delta tables (features, features_wide, runs, errors). Cases "
            + "already in the tables for the parameter file are skipped; a bad case becomes an errors row.",
            "Everything that can be checked without Spark (files, manifest, table folder, master) is checked first."})
    static final class Extract implements Callable<Integer> {
        @Option(names = {"-m", "--manifest"}, required = true, paramLabel = "M",
            description = "Manifest: CSV, Parquet or Delta with patient_id,image,mask[,roi,segment,label,reader,"
                + "modality,timepoint,center]; paths relative to it.")
        String manifest;

        @Option(names = {"-p", "--param"}, required = true, paramLabel = "FILE", description = "pyradiomics parameter file.")
        String param;

        @Option(names = {"-t", "--table"}, required = true, paramLabel = "DIR", description = "Folder of the Delta tables.")
        String table;

        @Option(names = "--master", paramLabel = "URL", converter = MasterUrl.class,
            description = "Spark master: local[*] (default), local[N], spark://HOST:PORT, yarn, k8s://...")
        String master;

        @Option(names = "--partitions", paramLabel = "N", description = "Tasks per batch (default: by image size).")
        Integer partitions;

        @Option(names = "--batch-size", paramLabel = "N",
            description = "Cases per batch (default: 16 per task slot, at least 64).")
        Integer batchSize;

        @Option(names = "--only-missing", description = "Compute only cases not in the tables (the default).")
        boolean onlyMissing;

        @Option(names = "--recompute", description = "Compute every case again, replacing its rows.")
        boolean recompute;

        @Option(names = "--fail-on-errors", description = "Exit 3 when the run completes with failed cases.")
        boolean failOnErrors;

        @Option(names = "--validate-only", description = "Only the checks before Spark; extract nothing.")
        boolean validateOnly;

        @Option(names = "--mode", paramLabel = "segment|voxel", defaultValue = "segment",
            description = "segment: feature values into the features tables. voxel: feature maps (see extract "
                + "--mode voxel), one task per case using spark.task.cpus cores, written below TABLE/maps/ (a "
                + "folder per parameter set and case) with a row per map in the feature_maps table.")
        ExtractCommand.Mode mode;

        @Option(names = "--map-format", paramLabel = "nrrd|nifti", defaultValue = "nrrd",
            description = "Voxel mode: map files as NRRD (.nrrd) or NIfTI (.nii.gz).")
        org.radspark.io.MapFormat mapFormat;

        @Mixin
        LogOptions log;

        @Spec
        CommandSpec spec;

        private final PrintStream out;

        Extract(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            if (onlyMissing && recompute) {
                throw Radspark.usage(spec, "--only-missing and --recompute exclude each other");
            }
            if (mode == ExtractCommand.Mode.segment && mapFormat != org.radspark.io.MapFormat.nrrd) {
                throw Radspark.usage(spec, "--map-format is for voxel mode (--mode voxel)");
            }
            if (mode == ExtractCommand.Mode.voxel && partitions != null) {
                throw Radspark.usage(spec, "--partitions is for segment mode: voxel mode runs one task per case");
            }
            int cases = validateBeforeSpark(param, manifest, table);
            SparkSessions.requireReachable(master);
            if (validateOnly) {
                out.println("[radspark] valid: parameter file, manifest" + (cases >= 0 ? " (" + cases + " cases)" : "")
                    + ", table folder" + (master != null ? ", master" : "") + "; nothing extracted");
                return 0;
            }
            SparkSession spark = SparkSessions.create("radspark cohort extract", master);
            try {
                CohortExtractJob.Summary s;
                if (mode == ExtractCommand.Mode.voxel) {
                    s = new org.radspark.jobs.CohortFeatureMapJob(spark, out).run(
                        new org.radspark.jobs.CohortFeatureMapJob.Options(manifest, param, table, recompute,
                            batchSize == null ? 0 : batchSize, mapFormat));
                } else {
                    s = new CohortExtractJob(spark, out).run(new CohortExtractJob.Options(
                        manifest, param, table, recompute, partitions == null ? 0 : partitions,
                        batchSize == null ? 0 : batchSize));
                }
                printSummary(out, s, new FeatureTables(spark, table), mode == ExtractCommand.Mode.voxel);
                return exitCode(s, failOnErrors);
            } finally {
                spark.stop();
            }
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
            for (String t : new String[] {"features", "features_wide", "feature_maps", "runs", "errors"}) {
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

    static void printSummary(PrintStream out, CohortExtractJob.Summary s, FeatureTables tables, boolean voxel) {
        out.println("== radspark cohort extract: summary ==");
        out.printf(Locale.ROOT, "run %s, params_hash %s%n", s.runId(), s.paramsHash());
        out.printf(Locale.ROOT, "cases %d: %s %d, skipped %d (already in the table), failed %d%n",
            s.cases(), voxel ? "mapped" : "extracted", s.done(), s.skipped(), s.failed());
        double extracted = s.done() + s.failed();
        String rate = extracted > 0 ? String.format(Locale.ROOT, ", %.1f cases/min", extracted / s.seconds() * 60) : "";
        if (voxel) {
            out.printf(Locale.ROOT, "time %.1f s%s (maps %.1f s, table writes %.1f s)%n", s.seconds(), rate,
                s.timings().extractSeconds(), s.timings().writeSeconds());
        } else {
            out.printf(Locale.ROOT, "time %.1f s%s (extraction %.1f s, table writes %.1f s, of which wide table %.1f s)%n",
                s.seconds(), rate, s.timings().extractSeconds(), s.timings().writeSeconds(), s.timings().wideSeconds());
        }
        if (s.timings().caseSeconds() > 0) {
            out.printf(Locale.ROOT, "executor time of the cases themselves (read + extract): %.1f s%n", s.timings().caseSeconds());
        }
        for (Row e : s.errors()) {
            String msg = e.getAs("message");
            out.printf(Locale.ROOT, "  failed: patient %s%s [%s] %s: %s%n", e.<String>getAs("patient_id"),
                e.<String>getAs("reader").isEmpty() ? "" : " reader " + e.getAs("reader"), e.<String>getAs("stage"),
                e.<String>getAs("error_class"), msg.length() > 160 ? msg.substring(0, 160) + "..." : msg);
        }
        out.printf(Locale.ROOT, voxel ? "tables: %s (feature_maps, runs, errors; map files in maps/)%n"
            : "tables: %s (features, features_wide, runs, errors)%n", tables.root());
    }
}
