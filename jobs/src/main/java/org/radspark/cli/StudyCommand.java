package org.radspark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.radspark.jobs.Locations;
import org.radspark.jobs.SparkSessions;
import org.radspark.jobs.study.StudyConfig;
import org.radspark.jobs.study.StudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `radspark study`: modelling studies over the feature tables; `study run STUDY.yaml` runs one. */
@Command(name = "study", mixinStandardHelpOptions = true, subcommands = StudyCommand.Run.class,
    description = "Modelling studies over the feature tables.")
final class StudyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw Radspark.usage(spec, "study needs a subcommand: study run STUDY.yaml");
    }

    /** `radspark study run STUDY.yaml`: validates the study file and its inputs, then runs it. */
    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a study file: selection, models, metrics (Delta table), fitted models and an HTML report, "
            + "all under the output folder.", "The options override the study file's features.table, "
            + "features.params_hash, clinical.path and output."})
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "Study file (see conf/studies/).")
        String file;

        @Option(names = {"-t", "--table"}, paramLabel = "DIR", description = "Folder holding features_wide.")
        String table;

        @Option(names = "--params-hash", paramLabel = "H", description = "The extraction's params_hash, or 'only'.")
        String paramsHash;

        @Option(names = {"-c", "--clinical"}, paramLabel = "FILE", description = "Clinical table (CSV or Parquet).")
        String clinical;

        @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (local or hdfs://).")
        String outDir;

        @Option(names = "--master", paramLabel = "URL", converter = MasterUrl.class,
            description = "Spark master: local[*] (default), local[N], spark://HOST:PORT, yarn, k8s://...")
        String master;

        @Option(names = "--validate-only", description = "Check the study and its data; fit nothing.")
        boolean validateOnly;

        @Mixin
        LogOptions log;

        private final PrintStream out;

        Run(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws IOException {
            Map<String, String> overrides = new HashMap<>();
            put(overrides, StudyConfig.TABLE, table);
            put(overrides, StudyConfig.PARAMS_HASH, paramsHash);
            put(overrides, StudyConfig.CLINICAL, clinical);
            put(overrides, StudyConfig.OUTPUT, outDir);
            org.apache.hadoop.conf.Configuration conf = Locations.hadoopConf();
            String text = Locations.readText("study file", file, Locations.config(file), conf);
            StudyConfig cfg;
            try {
                cfg = StudyConfig.parse(Path.of(file), text, overrides);
            } catch (org.radspark.jobs.study.StudyConfigException e) {
                // name the file on every problem found in it
                throw e.getMessage().contains(file) ? e
                    : new org.radspark.jobs.study.StudyConfigException("study file " + file + ": " + e.getMessage());
            }
            validateBeforeSpark(cfg, conf, out);
            SparkSessions.requireReachable(master);
            SparkSession spark = SparkSessions.create("radspark study " + cfg.name, master);
            try {
                StudyRunner runner = new StudyRunner(spark, out);
                if (validateOnly) {
                    StudyRunner.Prepared p = runner.prepare(cfg);
                    out.printf(Locale.ROOT, "[radspark] study %s is valid: %d train / %d test cases, %d candidate "
                        + "features, %d steps%n", cfg.name, p.trainCases(), p.testCases(), p.features(), cfg.steps.size());
                    return 0;
                }
                report(out, runner.run(cfg));
                return 0;
            } finally {
                spark.stop();
            }
        }
    }

    /**
     * The study's locations, resolved by the data-location rule and checked before Spark starts: a Delta
     * feature table (features_wide under the folder, or the folder itself), the clinical table, and an
     * output folder this user can write in. Prints where each is.
     */
    static void validateBeforeSpark(StudyConfig cfg, org.apache.hadoop.conf.Configuration conf, PrintStream out) {
        String table = Locations.data(cfg.featureTable, conf);
        Locations.requireExists("feature table", cfg.featureTable, table, conf);
        try {
            org.apache.hadoop.fs.Path t = new org.apache.hadoop.fs.Path(table);
            org.apache.hadoop.fs.FileSystem fs = t.getFileSystem(conf);
            if (!fs.exists(new org.apache.hadoop.fs.Path(table + "/features_wide/_delta_log"))
                && !fs.exists(new org.apache.hadoop.fs.Path(table + "/_delta_log"))) {
                throw new Locations.LocationException("feature table " + cfg.featureTable + ": no Delta table at "
                    + table + "/features_wide or " + table);
            }
        } catch (java.io.IOException e) {
            throw new Locations.LocationException("feature table " + cfg.featureTable + ": cannot reach " + table
                + " (" + e.getMessage() + ")");
        }
        String clinical = Locations.data(cfg.clinicalPath, conf);
        if (!Locations.requireExists("clinical table", cfg.clinicalPath, clinical, conf).isDirectory()
            && cfg.clinicalFormat.equals("csv")) {
            checkClinicalCsv(cfg, Locations.readText("clinical table", cfg.clinicalPath, clinical, conf));
        }
        String output = Locations.data(cfg.output, conf);
        Locations.requireWritableDir("study output", cfg.output, output, conf);
        out.printf(Locale.ROOT, "[radspark] feature table %s%n[radspark] clinical table %s%n[radspark] output %s%n",
            table, clinical, output);
    }

    /**
     * A CSV clinical table before Spark: the columns the study names, and clinical variables whose
     * values are all numbers (Spark's inferSchema would read anything else as text).
     */
    static void checkClinicalCsv(StudyConfig cfg, String text) {
        List<List<String>> records;
        try {
            records = org.radspark.io.CsvRecords.parse(text);
        } catch (org.radspark.io.CsvRecords.CsvException e) {
            throw new org.radspark.jobs.study.StudyConfigException("clinical table " + cfg.clinicalPath
                + " is not valid CSV: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new org.radspark.jobs.study.StudyConfigException("clinical table " + cfg.clinicalPath
                + " is empty (no header line)");
        }
        List<String> header = records.get(0);
        for (String v : StudyRunner.checkClinicalColumns(cfg, header)) {
            int c = header.indexOf(v);
            for (List<String> row : records.subList(1, records.size())) {
                String x = c < row.size() ? row.get(c).strip() : "";
                if (!x.isEmpty() && !isNumber(x)) {
                    int idc = header.indexOf(cfg.idColumn);
                    throw new org.radspark.jobs.study.StudyConfigException(StudyRunner.notNumeric(cfg, v,
                        "'" + x + "' for " + cfg.idColumn + " " + (idc < row.size() ? row.get(idc).strip() : "?")));
                }
            }
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.equalsIgnoreCase("nan") && !s.toLowerCase(Locale.ROOT).contains("infinity");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void report(PrintStream out, StudyRunner.Outcome o) {
        out.printf(Locale.ROOT, "[radspark] study done in %.1f s: %d models%n", o.seconds(), o.modelCount());
        out.println("[radspark] report:  " + o.report());
        out.println("[radspark] metrics: " + o.metrics() + " (Delta table: model, split, metric, value, ci_low, ci_high)");
        out.println("[radspark] models:  " + o.models());
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
