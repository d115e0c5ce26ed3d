package org.radspark.jobs.study;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.radspark.ml.BinaryMetrics;
import org.radspark.ml.Calibration;
import org.radspark.ml.ClinicalLogisticModel;
import org.radspark.ml.ClinicalModel;
import org.radspark.ml.FeatureData;
import org.radspark.ml.FeatureSubsetModel;
import org.radspark.ml.Glmnet;
import org.radspark.ml.IccFilter;
import org.radspark.ml.IccFilterModel;
import org.radspark.ml.LassoSelector;
import org.radspark.ml.LassoSelectorModel;
import org.radspark.ml.Nomogram;
import org.radspark.ml.RadScore;
import org.radspark.ml.Roc;
import org.radspark.ml.Smote;
import org.radspark.ml.SmoteModel;
import org.radspark.ml.UnivariateFilterModel;

/**
 * Runs a study file: reads the feature table (one params_hash, optional modality/timepoint filter,
 * the modelling reader's rows, the ICC readers' rows) and the clinical table, joins them on the
 * patient id, splits into train and test (stratified and seeded, or a given column), and runs the
 * steps in order on a named feature vector (z-scored with the training means and SDs unless
 * {@code standardize: false}). Selection steps shrink the vector on train and test; ICC is computed
 * on the training patients' reader rows; smote oversamples the training rows seen by the later
 * classifier and selection fits (never the evaluation); each model step is fitted on the training
 * data and scored on the real training cases and the test cases. Fitted stages are saved with their
 * MLlib writers under OUTPUT/models, metrics go to the Delta table OUTPUT/metrics (model, split,
 * metric, value, ci_low, ci_high) and the report to OUTPUT/report.html.
 *
 * <p>{@link #prepare} does every check that needs data (tables, params_hash, readers, columns,
 * labels, class sizes against CV folds) before anything is fitted; {@link #run} calls it first.
 */
public final class StudyRunner {
    static final String ID = "patient_id";
    static final String LABEL = "_label";
    private static final Set<String> KEY_COLUMNS = Set.of("patient_id", "reader", "modality", "timepoint", "center",
        "params_hash");

    private final SparkSession spark;
    private final PrintStream out;

    public StudyRunner(SparkSession spark, PrintStream out) {
        this.spark = spark;
        this.out = out;
    }

    /** Checked inputs of a study, ready to run. */
    public static final class Prepared {
        final StudyConfig config;
        final String tablePath;
        final String paramsHash;
        final String modelReader;
        final Dataset<Row> modelRows;
        final Dataset<Row> readerRows;
        final String[] features;
        final Set<String> trainIds;
        final Set<String> testIds;
        final int trainPositives;
        final int testPositives;
        final List<String> notes;

        Prepared(StudyConfig config, String tablePath, String paramsHash, String modelReader, Dataset<Row> modelRows,
                 Dataset<Row> readerRows, String[] features, Set<String> trainIds, Set<String> testIds,
                 int trainPositives, int testPositives, List<String> notes) {
            this.config = config;
            this.tablePath = tablePath;
            this.paramsHash = paramsHash;
            this.modelReader = modelReader;
            this.modelRows = modelRows;
            this.readerRows = readerRows;
            this.features = features;
            this.trainIds = trainIds;
            this.testIds = testIds;
            this.trainPositives = trainPositives;
            this.testPositives = testPositives;
            this.notes = notes;
        }

        public int trainCases() {
            return trainIds.size();
        }

        public int testCases() {
            return testIds.size();
        }

        public int features() {
            return features.length;
        }
    }

    /** Where a finished run put its outputs. */
    public record Outcome(String report, String metrics, String models, int modelCount, double seconds) {
    }

    /** Validates and runs a study. */
    public Outcome run(StudyConfig cfg) throws IOException {
        long t0 = System.nanoTime();
        Prepared d = prepare(cfg);
        out.printf(Locale.ROOT, "[radspark] study %s: %d train / %d test cases, %d candidate features, %d steps%n",
            cfg.name, d.trainCases(), d.testCases(), d.features.length, cfg.steps.size());
        StudyResult r = execute(d);
        String outDir = outputDir(cfg);
        String metrics = outDir + "/metrics";
        writeMetrics(r, metrics);
        r.seconds = (System.nanoTime() - t0) / 1e9;
        String report = outDir + "/report.html";
        StudyReport.write(r, report, spark.sparkContext().hadoopConfiguration());
        return new Outcome(report, metrics, outDir + "/models", r.models.size(), r.seconds);
    }

    /** The study's output folder as a URI, by the data-location rule of {@link org.radspark.jobs.Locations}. */
    private String outputDir(StudyConfig cfg) {
        return org.radspark.jobs.FeatureTables.qualify(spark, cfg.output);
    }

    // ------------------------------------------------------------------ validation

    /** Every data check, before any fit. Throws {@link StudyConfigException} naming the problem. */
    public Prepared prepare(StudyConfig cfg) {
        List<String> notes = new ArrayList<>();
        String root = org.radspark.jobs.FeatureTables.qualify(spark, cfg.featureTable);
        String tablePath;
        if (DeltaTable.isDeltaTable(spark, root + "/features_wide")) {
            tablePath = root + "/features_wide";
        } else if (DeltaTable.isDeltaTable(spark, root)) {
            tablePath = root;
        } else {
            throw new StudyConfigException("feature table not found: no Delta table at " + root + "/features_wide or "
                + root);
        }
        Dataset<Row> all = spark.read().format("delta").load(tablePath);
        for (String c : List.of(ID, "reader", "params_hash")) {
            if (!Arrays.asList(all.columns()).contains(c)) {
                throw new StudyConfigException("feature table " + tablePath + " has no column '" + c
                    + "' (is it a features_wide table?)");
            }
        }
        List<String> hashes = all.select("params_hash").distinct().orderBy("params_hash").as(
            org.apache.spark.sql.Encoders.STRING()).collectAsList();
        String hash = cfg.paramsHash;
        if (hash.equals("only")) {
            if (hashes.size() != 1) {
                throw new StudyConfigException("params_hash 'only' needs a feature table with one params_hash; "
                    + tablePath + " holds " + (hashes.isEmpty() ? "none" : String.join(", ", hashes)));
            }
            hash = hashes.get(0);
        } else if (!hashes.contains(hash)) {
            throw new StudyConfigException("params_hash '" + hash + "' not found in feature table " + tablePath
                + "; present: " + (hashes.isEmpty() ? "none" : String.join(", ", hashes)));
        }
        Dataset<Row> rows = all.where(functions.col("params_hash").equalTo(hash));
        if (cfg.modality != null) {
            rows = rows.where(functions.col("modality").equalTo(cfg.modality));
        }
        if (cfg.timepoint != null) {
            rows = rows.where(functions.col("timepoint").equalTo(cfg.timepoint));
        }
        Map<String, Long> perReader = new TreeMap<>();
        for (Row r : rows.groupBy("reader").count().collectAsList()) {
            perReader.put(r.getString(0), r.getLong(1));
        }
        String filter = "params_hash " + hash + (cfg.modality == null ? "" : ", modality " + cfg.modality)
            + (cfg.timepoint == null ? "" : ", timepoint " + cfg.timepoint);
        if (perReader.isEmpty()) {
            throw new StudyConfigException("feature table " + tablePath + " has no rows for " + filter);
        }
        String modelReader = cfg.modelReader;
        if (modelReader == null) {
            if (perReader.size() != 1) {
                throw new StudyConfigException("features.model_reader is missing and the table has several readers ("
                    + String.join(", ", perReader.keySet()) + ") for " + filter);
            }
            modelReader = perReader.keySet().iterator().next();
        }
        if (!perReader.containsKey(modelReader)) {
            throw new StudyConfigException("reader '" + modelReader + "' has no rows in feature table " + tablePath
                + " for " + filter + "; readers: " + String.join(", ", perReader.keySet()));
        }
        boolean icc = cfg.steps.stream().anyMatch(s -> s.step.equals("icc"));
        if (icc) {
            for (String rd : cfg.readers) {
                if (!perReader.containsKey(rd)) {
                    throw new StudyConfigException("ICC reader '" + rd + "' has no rows in feature table " + tablePath
                        + " for " + filter + "; readers: " + String.join(", ", perReader.keySet()));
                }
            }
        }
        // feature columns
        Pattern inc = cfg.include == null ? null : Pattern.compile(cfg.include);
        Pattern exc = cfg.exclude == null ? null : Pattern.compile(cfg.exclude);
        List<String> feats = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            if (KEY_COLUMNS.contains(f.name()) || !(f.dataType() instanceof NumericType)) {
                continue;
            }
            if ((inc == null || inc.matcher(f.name()).find()) && (exc == null || !exc.matcher(f.name()).find())) {
                feats.add(f.name());
            }
        }
        if (feats.isEmpty()) {
            throw new StudyConfigException("no feature columns in " + tablePath
                + (cfg.include != null || cfg.exclude != null ? " match features.include/exclude" : ""));
        }
        // clinical table
        Dataset<Row> clinical = readClinical(cfg);
        Set<String> vars = checkClinicalColumns(cfg, Arrays.asList(clinical.columns()));
        for (String v : vars) {
            if (!(clinical.schema().apply(v).dataType() instanceof NumericType)) {
                throw new StudyConfigException(notNumeric(cfg, v, "type "
                    + clinical.schema().apply(v).dataType().simpleString()));
            }
            if (feats.contains(v)) {
                throw new StudyConfigException("clinical variable '" + v + "' has the name of a feature column");
            }
        }
        List<Column> csel = new ArrayList<>();
        csel.add(functions.col(cfg.idColumn).cast("string").as(ID));
        csel.add(functions.col(cfg.label).cast("double").as(LABEL));
        csel.add(functions.col(cfg.label).cast("string").as("_label_raw"));
        for (String v : vars) {
            csel.add(functions.col(v).cast("double").as(v));
        }
        if (cfg.splitColumn != null) {
            csel.add(functions.lower(functions.trim(functions.col(cfg.splitColumn).cast("string"))).as("_split"));
        }
        Dataset<Row> clin = clinical.select(csel.toArray(new Column[0]));
        // modelling rows
        List<Column> fsel = new ArrayList<>();
        fsel.add(functions.col(ID).cast("string").as(ID));
        for (String f : feats) {
            fsel.add(functions.col("`" + f + "`").cast("double").as(f));
        }
        Dataset<Row> model = rows.where(functions.col("reader").equalTo(modelReader)).select(fsel.toArray(new Column[0]));
        long nModel = model.count();
        long nDistinct = model.select(ID).distinct().count();
        if (nModel != nDistinct) {
            throw new StudyConfigException("reader '" + modelReader + "' has " + (nModel - nDistinct)
                + " duplicate patient rows for " + filter + "; filter by modality/timepoint");
        }
        Dataset<Row> joined = model.join(clin, ID);
        List<Row> labels = joined.select(ID, LABEL, "_label_raw").collectAsList();
        if (labels.isEmpty()) {
            throw new StudyConfigException("no patient of feature table " + tablePath + " (reader " + modelReader
                + ") is in the clinical table " + cfg.clinicalPath + " (joined on " + cfg.idColumn + ")");
        }
        long clinRows = clin.count();
        if (labels.size() < nModel) {
            notes.add((nModel - labels.size()) + " patients of the feature table have no clinical row and are left out");
        }
        if (labels.size() < clinRows) {
            notes.add((clinRows - labels.size()) + " clinical rows have no features (reader " + modelReader
                + ") and are left out");
        }
        Map<String, Integer> y = new TreeMap<>();
        for (Row r : labels) {
            if (r.isNullAt(1) || (r.getDouble(1) != 0 && r.getDouble(1) != 1)) {
                throw new StudyConfigException("label column '" + cfg.label + "' of the clinical table "
                    + cfg.clinicalPath + " must hold 0 or 1; patient "
                    + r.getString(0) + " has " + (r.isNullAt(2) ? "no value" : "'" + r.getString(2) + "'"));
            }
            y.put(r.getString(0), (int) r.getDouble(1));
        }
        // missing values
        List<Column> nulls = new ArrayList<>();
        for (String f : feats) {
            Column c = functions.col("`" + f + "`");
            nulls.add(functions.sum(functions.when(c.isNull().or(functions.isnan(c)), 1).otherwise(0)));
        }
        for (String v : vars) {
            nulls.add(functions.sum(functions.when(functions.col(v).isNull(), 1).otherwise(0)));
        }
        Row nr = joined.agg(nulls.get(0), nulls.subList(1, nulls.size()).toArray(new Column[0])).head();
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (int j = 0; j < feats.size(); j++) {
            if (nr.isNullAt(j) || nr.getLong(j) == 0) {
                kept.add(feats.get(j));
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            notes.add(dropped + " features with missing values were left out");
        }
        if (kept.isEmpty()) {
            throw new StudyConfigException("every feature column has missing values for some patient");
        }
        int vi = feats.size();
        for (String v : vars) {
            long missing = nr.isNullAt(vi) ? 0 : nr.getLong(vi);
            if (missing > 0) {
                throw new StudyConfigException("clinical variable '" + v + "' is missing for " + missing + " patients");
            }
            vi++;
        }
        // split
        Set<String> train = new HashSet<>();
        Set<String> test = new HashSet<>();
        String splitRule;
        if (cfg.splitColumn != null) {
            for (Row r : joined.select(ID, "_split").collectAsList()) {
                String s = r.isNullAt(1) ? "" : r.getString(1);
                if (s.equals("train")) {
                    train.add(r.getString(0));
                } else if (s.equals("test")) {
                    test.add(r.getString(0));
                } else {
                    throw new StudyConfigException("split column '" + cfg.splitColumn + "' must hold train or test; "
                        + "patient " + r.getString(0) + " has '" + s + "'");
                }
            }
        } else {
            stratifiedSplit(y, cfg.testFraction, cfg.seed, train, test);
        }
        int[] trainCount = new int[2];
        int[] testCount = new int[2];
        for (Map.Entry<String, Integer> e : y.entrySet()) {
            (train.contains(e.getKey()) ? trainCount : testCount)[e.getValue()]++;
        }
        int folds = cfg.maxFolds();
        for (int c = 1; c >= 0; c--) {
            if (folds > 0 && trainCount[c] < folds) {
                StudyConfig.Step fs = cfg.foldStep();
                throw new StudyConfigException("class " + c + " of label '" + cfg.label + "' has " + trainCount[c]
                    + " training cases, fewer than the " + folds + " cross-validation folds of step '" + fs.step
                    + "' at steps[" + fs.index + "]");
            }
            if (trainCount[c] < 2) {
                throw new StudyConfigException("class " + c + " of label '" + cfg.label + "' has " + trainCount[c]
                    + " training cases; at least 2 are needed");
            }
            if (testCount[c] < 1) {
                throw new StudyConfigException("the test split has no case of class " + c + " of label '" + cfg.label
                    + "'");
            }
        }
        Dataset<Row> readerRows = null;
        if (icc) {
            List<Column> rsel = new ArrayList<>();
            rsel.add(functions.col(ID).cast("string").as(ID));
            rsel.add(functions.col("reader"));
            for (String f : kept) {
                rsel.add(functions.col("`" + f + "`").cast("double").as(f));
            }
            readerRows = rows.where(functions.col("reader").isin(cfg.readers.toArray()))
                .where(functions.col(ID).cast("string").isin(train.toArray())).select(rsel.toArray(new Column[0]));
        }
        List<Column> msel = new ArrayList<>();
        msel.add(functions.col(ID));
        msel.add(functions.col(LABEL));
        for (String v : vars) {
            msel.add(functions.col(v));
        }
        for (String f : kept) {
            msel.add(functions.col("`" + f + "`"));
        }
        Prepared p = new Prepared(cfg, tablePath, hash, modelReader, joined.select(msel.toArray(new Column[0])),
            readerRows, kept.toArray(new String[0]), train, test, trainCount[1], testCount[1], notes);
        notes.add(0, "split: " + (cfg.splitColumn != null ? "column '" + cfg.splitColumn + "'"
            : String.format(Locale.ROOT, "stratified by label, test fraction %.2f, seed %d", cfg.testFraction,
                cfg.seed)));
        return p;
    }

    /**
     * Checks that the clinical table has the id, label, split and variable columns the study names;
     * returns the clinical variables (those of the clinical table section and of clinical/nomogram steps).
     */
    public static Set<String> checkClinicalColumns(StudyConfig cfg, List<String> ccols) {
        String cdesc = "the clinical table " + cfg.clinicalPath + " (columns: " + String.join(", ", ccols) + ")";
        if (!ccols.contains(cfg.idColumn)) {
            throw new StudyConfigException("id column '" + cfg.idColumn + "' is not in " + cdesc);
        }
        if (!ccols.contains(cfg.label)) {
            throw new StudyConfigException("label column '" + cfg.label + "' is not in " + cdesc);
        }
        Set<String> vars = new java.util.LinkedHashSet<>(cfg.variables);
        for (StudyConfig.Step s : cfg.steps) {
            if (s.kind() == StudySteps.Kind.CLINICAL || s.kind() == StudySteps.Kind.NOMOGRAM) {
                vars.addAll(cfg.clinicalVariables(s.options));
            }
        }
        for (String v : vars) {
            if (!ccols.contains(v)) {
                throw new StudyConfigException("clinical variable '" + v + "' is not in " + cdesc);
            }
        }
        if (cfg.splitColumn != null && !ccols.contains(cfg.splitColumn)) {
            throw new StudyConfigException("split column '" + cfg.splitColumn + "' is not in " + cdesc);
        }
        return vars;
    }

    /** The message of a clinical variable that is not numeric (one wording before and after Spark). */
    public static String notNumeric(StudyConfig cfg, String variable, String found) {
        return "clinical variable '" + variable + "' is not numeric in " + cfg.clinicalPath + " (" + found
            + "); code categories as numbers";
    }

    private Dataset<Row> readClinical(StudyConfig cfg) {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        String uri = org.radspark.jobs.FeatureTables.qualify(spark, cfg.clinicalPath);
        org.apache.hadoop.fs.FileStatus st;
        try {
            st = org.radspark.jobs.Locations.requireExists("clinical table", cfg.clinicalPath, uri, conf);
        } catch (org.radspark.jobs.Locations.LocationException e) {
            throw new StudyConfigException(e.getMessage());
        }
        // a folder is a Parquet table unless the study file says otherwise
        if (cfg.clinicalFormat.equals("parquet") || (st.isDirectory() && !cfg.clinicalFormatGiven)) {
            return spark.read().parquet(uri);
        }
        return spark.read().option("header", "true").option("inferSchema", "true").csv(uri);
    }

    /** Per class: ids sorted, shuffled with the seed, the first round(fraction * n) (at least 1) to test. */
    public static void stratifiedSplit(Map<String, Integer> y, double fraction, long seed, Set<String> train,
                                Set<String> test) {
        Random rnd = new Random(seed);
        for (int c = 0; c <= 1; c++) {
            List<String> ids = new ArrayList<>();
            for (Map.Entry<String, Integer> e : y.entrySet()) {
                if (e.getValue() == c) {
                    ids.add(e.getKey());
                }
            }
            java.util.Collections.sort(ids);
            java.util.Collections.shuffle(ids, rnd);
            int nTest = ids.size() < 2 ? 0 : Math.max(1, (int) Math.round(fraction * ids.size()));
            for (int i = 0; i < ids.size(); i++) {
                (i < nTest ? test : train).add(ids.get(i));
            }
        }
    }

    // ------------------------------------------------------------------ execution

    /** Mutable state of the chain. */
    private static final class Chain {
        Dataset<Row> fitTrain;
        Dataset<Row> evalTrain;
        Dataset<Row> test;
        String col;
        String[] names;
        LassoSelectorModel lastLasso;
        String lassoInputCol;
        List<String> clinicalSelected;
        boolean radScore;
    }

    private StudyResult execute(Prepared d) throws IOException {
        StudyConfig cfg = d.config;
        StudyResult r = new StudyResult();
        r.config = cfg;
        r.tablePath = d.tablePath;
        r.paramsHash = d.paramsHash;
        r.modelReader = d.modelReader;
        r.trainCases = d.trainCases();
        r.testCases = d.testCases();
        r.trainPositives = d.trainPositives;
        r.testPositives = d.testPositives;
        r.candidateFeatures = d.features.length;
        r.notes.addAll(d.notes);
        String modelsDir = outputDir(cfg) + "/models";

        VectorAssembler assembler = new VectorAssembler().setInputCols(d.features).setOutputCol("x_raw");
        save(assembler, modelsDir + "/00_assemble");
        Dataset<Row> assembled = assembler.transform(d.modelRows);
        // one partition in patient order: fits that sum over rows (MLP, naive Bayes, LASSO's CV folds, SMOTE's
        // sampling) then see the same rows in the same order on local[1], local[N] or a cluster, so a seed
        // gives the same model everywhere (a study's tables are small: patients, not voxels)
        Dataset<Row> train = assembled.where(functions.col(ID).isin(d.trainIds.toArray())).orderBy(ID).coalesce(1);
        Dataset<Row> test = assembled.where(functions.col(ID).isin(d.testIds.toArray())).orderBy(ID).coalesce(1);
        String col = "x_raw";
        if (cfg.standardize) {
            StandardScalerModel sc = new StandardScaler().setInputCol("x_raw").setOutputCol("x0").setWithMean(true)
                .setWithStd(true).fit(train);
            save(sc, modelsDir + "/00_standardize");
            StructField named = FeatureData.vectorField("x0", d.features);
            train = sc.transform(train).withColumn("x0", functions.col("x0").as("x0", named.metadata()));
            test = sc.transform(test).withColumn("x0", functions.col("x0").as("x0", named.metadata()));
            col = "x0";
        }
        Chain ch = new Chain();
        ch.evalTrain = train.cache();
        ch.fitTrain = ch.evalTrain;
        ch.test = test.cache();
        ch.col = col;
        ch.names = d.features;

        // on a terminal a bar over the chain's steps (elapsed time and ETA while a long fit runs), with each
        // finished step's line above it; elsewhere the step lines alone
        java.util.concurrent.atomic.AtomicLong stepsDone = new java.util.concurrent.atomic.AtomicLong();
        org.radspark.jobs.ProgressReporter progress = new org.radspark.jobs.ProgressReporter(
            new java.io.PrintWriter(out, true), "steps", () -> cfg.steps.size(), stepsDone::get, null, 1000);
        if (org.radspark.jobs.ProgressReporter.bar()) {
            progress.start();
        }
        try {
            for (StudyConfig.Step s : cfg.steps) {
                long t0 = System.nanoTime();
                int in = ch.names.length;
                String detail = runStep(s, ch, d, r, modelsDir);
                stepsDone.incrementAndGet();
                progress.println(String.format(Locale.ROOT, "[radspark] step %d %s: %s (%.1f s)", s.index, s.step,
                    detail, (System.nanoTime() - t0) / 1e9));
                r.steps.add(new StudyResult.StepSummary(s.index, s.step, s.name, settingsText(s), in,
                    ch.names.length, detail));
            }
        } finally {
            progress.close();
        }
        if (org.radspark.jobs.ProgressReporter.bar()) {
            progress.finish(stepsDone.get(), -1);
        }
        if (r.heatmap == null) {
            r.heatmap = heatmap(ch.evalTrain, ch.lassoInputCol != null ? ch.lassoInputCol : ch.col, "pearson");
        }
        if (r.weights == null && ch.lastLasso != null) {
            r.weights = lassoWeights(ch.lastLasso);
        }
        StudyMetrics.compute(r);
        return r;
    }

    private String runStep(StudyConfig.Step s, Chain ch, Prepared d, StudyResult r, String modelsDir)
        throws IOException {
        String outCol = String.format(Locale.ROOT, "x%02d", s.index);
        String where = modelsDir + String.format(Locale.ROOT, "/%02d_%s", s.index, s.name);
        switch (s.kind()) {
            case SELECT: {
                if (s.step.equals("correlation")) {
                    r.heatmap = heatmap(ch.evalTrain, ch.col, String.valueOf(
                        s.stage.getOrDefault(s.stage.getParam("method"))));
                }
                if (s.step.equals("lasso")) {
                    ch.lassoInputCol = ch.col;
                    if (r.heatmap == null) {
                        r.heatmap = heatmap(ch.evalTrain, ch.col, "pearson");
                    }
                }
                FeatureSubsetModel<?> m;
                if (s.step.equals("icc")) {
                    IccFilter f = StudySteps.with((IccFilter) s.stage(), Map.of("subjectCol", ID, "readerCol", "reader",
                        "inputCols", ch.names, "featuresCol", ch.col, "outputCol", outCol));
                    IccFilterModel im = f.fit(d.readerRows);
                    r.icc = iccInfo(im, f);
                    m = im;
                } else {
                    @SuppressWarnings("unchecked")
                    Estimator<? extends FeatureSubsetModel<?>> e = (Estimator<? extends FeatureSubsetModel<?>>)
                        StudySteps.with(s.stage(), Map.of("featuresCol", ch.col, "labelCol", LABEL, "outputCol", outCol));
                    m = e.fit(ch.fitTrain);
                }
                String[] kept = m.getSelectedFeatures();
                if (kept.length == 0) {
                    throw new IllegalStateException("step '" + s.step + "' at steps[" + s.index + "] kept no feature of "
                        + ch.names.length + " (" + settingsText(s) + "); relax its parameters");
                }
                save(m, where);
                ch.fitTrain = m.transform(ch.fitTrain);
                ch.evalTrain = m.transform(ch.evalTrain);
                ch.test = m.transform(ch.test);
                ch.col = outCol;
                ch.names = FeatureData.names(ch.evalTrain.schema(), outCol);
                String detail = kept.length + " of " + FeatureData.names(ch.test.schema(), m.getInputCol()).length
                    + " features kept";
                if (m instanceof LassoSelectorModel) {
                    LassoSelectorModel lm = (LassoSelectorModel) m;
                    ch.lastLasso = lm;
                    r.lasso = lassoInfo(lm, (LassoSelector) s.stage(), ch.fitTrain, lm.getInputCol());
                    r.weights = lassoWeights(lm);
                    detail += String.format(Locale.ROOT, " at lambda %.4g (lambda.min %.4g, lambda.1se %.4g)",
                        lm.getLambdaChosen(), lm.getLambdaMin(), lm.getLambda1se());
                } else if (m instanceof UnivariateFilterModel) {
                    detail += " (p below threshold)";
                }
                return detail;
            }
            case SMOTE: {
                Smote sm = StudySteps.with((Smote) s.stage(), Map.of("featuresCol", ch.col, "labelCol", LABEL));
                Dataset<Row> base = ch.fitTrain;
                SmoteModel m = sm.fit(base);
                save(m, where);
                // the synthetic rows' own partitions joined to the real ones': one partition again, in order
                ch.fitTrain = m.transform(base).coalesce(1).cache();
                return m.getOrDefault(m.syntheticCount()) + " synthetic minority rows added to the training fits";
            }
            case CLASSIFIER: {
                Map<String, Object> cols = new HashMap<>(Map.of("featuresCol", ch.col, "labelCol", LABEL));
                Params stage = s.stage();
                if (s.step.equals("mlp")) {
                    List<Integer> layers = new ArrayList<>();
                    layers.add(ch.names.length);
                    for (Object h : StudySteps.list(s.options.getOrDefault("hidden", List.of(8)))) {
                        layers.add(StudySteps.number(h).intValue());
                    }
                    layers.add(2);
                    cols.put("layers", layers.stream().mapToInt(Integer::intValue).toArray());
                }
                @SuppressWarnings("unchecked")
                Estimator<? extends Model<?>> e = (Estimator<? extends Model<?>>) StudySteps.with(stage, cols);
                Model<?> m = e.fit(ch.fitTrain);
                save(m, where);
                r.models.add(score(s, m, ch.evalTrain.select(ID, LABEL, ch.col), ch.test.select(ID, LABEL, ch.col),
                    false));
                return "fitted on " + ch.names.length + " features";
            }
            case RADSCORE: {
                RadScore rs = RadScore.fromLasso(ch.lastLasso).setOutputCol("rad_score");
                save(rs, where);
                ch.evalTrain = rs.transform(ch.evalTrain);
                ch.test = rs.transform(ch.test);
                ch.radScore = true;
                StudyResult.ModelResult mr = score(s, rs, ch.evalTrain.select(ID, LABEL, ch.lassoInputCol),
                    ch.test.select(ID, LABEL, ch.lassoInputCol), true);
                r.models.add(mr);
                r.radScores = radScores(ch);
                return "rad-score = LASSO linear predictor over " + rs.getOrDefault(rs.featureNames()).length
                    + " features";
            }
            case CLINICAL: {
                List<String> vars = d.config.clinicalVariables(s.options);
                String vcol = String.format(Locale.ROOT, "clin%02d", s.index);
                VectorAssembler va = new VectorAssembler().setInputCols(vars.toArray(new String[0])).setOutputCol(vcol);
                FeatureData.Matrix all = FeatureData.collect(va.transform(ch.evalTrain), vcol, LABEL);
                List<double[]> uni = ClinicalModel.univariate(all.x, all.y);
                double selectP = s.options.containsKey("selectP")
                    ? StudySteps.number(s.options.get("selectP")).doubleValue() : 1.0;
                List<String> selected = new ArrayList<>();
                int best = 0;
                for (int j = 0; j < vars.size(); j++) {
                    if (uni.get(j)[3] < selectP) {
                        selected.add(vars.get(j));
                    }
                    if (uni.get(j)[3] < uni.get(best)[3]) {
                        best = j;
                    }
                }
                String detail;
                if (selected.isEmpty()) {
                    selected.add(vars.get(best));
                    detail = "no variable had univariate p < " + selectP + "; the smallest p (" + vars.get(best)
                        + ") enters the multivariate model";
                    r.notes.add("clinical step: " + detail);
                } else {
                    detail = selected.size() + " of " + vars.size() + " variables enter the multivariate model";
                }
                ClinicalLogisticModel m = fitLogistic(s, ch, selected, vcol + "m", r);
                save(m, where);
                double[][] sum = m.summary();
                double[][] multi = new double[sum.length - 1][];
                for (int j = 1; j < sum.length; j++) {
                    multi[j - 1] = new double[] {sum[j][4], sum[j][5], sum[j][6], sum[j][3]};
                }
                double[][] uniRows = uni.stream().map(u -> new double[] {u[4], u[5], u[6], u[3]})
                    .toArray(double[][]::new);
                r.clinical = new StudyResult.ClinicalTables(vars.toArray(new String[0]), uniRows,
                    selected.toArray(new String[0]), multi, selectP);
                ch.clinicalSelected = selected;
                return detail;
            }
            case NOMOGRAM: {
                List<String> vars = new ArrayList<>();
                vars.add("rad_score");
                vars.addAll(s.options.containsKey("variables") ? d.config.clinicalVariables(s.options)
                    : ch.clinicalSelected);
                String vcol = String.format(Locale.ROOT, "nomo%02d", s.index);
                ClinicalLogisticModel m = fitLogistic(s, ch, vars, vcol, r);
                save(m, where);
                VectorAssembler va = new VectorAssembler().setInputCols(vars.toArray(new String[0])).setOutputCol(vcol);
                FeatureData.Matrix x = FeatureData.collect(va.transform(ch.evalTrain), vcol, LABEL);
                double[] b = m.getCoefficients();
                double maxPoints = s.options.containsKey("maxPoints")
                    ? StudySteps.number(s.options.get("maxPoints")).doubleValue() : 100;
                Nomogram base = Nomogram.fromData(vars.toArray(new String[0]), b[0], Arrays.copyOfRange(b, 1, b.length),
                    x.x);
                r.nomogram = new Nomogram(base.names, base.intercept, base.coef, base.lo, base.hi, maxPoints);
                r.nomogramModel = s.name;
                return "clinical-radiomics logistic model on " + String.join(", ", vars);
            }
            default:
                throw new IllegalStateException(s.step);
        }
    }

    /** Fits a Wald-inference logistic model on named columns of the real training rows and scores it. */
    private ClinicalLogisticModel fitLogistic(StudyConfig.Step s, Chain ch, List<String> vars, String vcol,
                                              StudyResult r) {
        VectorAssembler va = new VectorAssembler().setInputCols(vars.toArray(new String[0])).setOutputCol(vcol);
        List<Column> cols = new ArrayList<>(List.of(functions.col(ID), functions.col(LABEL)));
        for (String v : vars) {
            cols.add(functions.col("`" + v + "`"));
        }
        Dataset<Row> tr = va.transform(ch.evalTrain.select(cols.toArray(new Column[0])));
        Dataset<Row> te = va.transform(ch.test.select(cols.toArray(new Column[0])));
        ClinicalModel cm = StudySteps.with((ClinicalModel) s.stage(), Map.of("featuresCol", vcol, "labelCol", LABEL));
        ClinicalLogisticModel m = cm.fit(tr);
        r.models.add(score(s, m, tr, te, false));
        return m;
    }

    /** Scores a fitted model on the real training rows and the test rows (probability of class 1). */
    private StudyResult.ModelResult score(StudyConfig.Step s, Transformer m, Dataset<Row> tr, Dataset<Row> te,
                                          boolean radScore) {
        Column p = radScore
            ? functions.lit(1.0).divide(functions.lit(1.0).plus(functions.exp(functions.negate(functions.col("rad_score")))))
            : org.apache.spark.ml.functions.vector_to_array(functions.col("probability"), "float64").getItem(1);
        List<Row> a = m.transform(tr).select(functions.col(ID), functions.col(LABEL), p.as("_p")).orderBy(ID)
            .collectAsList();
        List<Row> b = m.transform(te).select(functions.col(ID), functions.col(LABEL), p.as("_p")).orderBy(ID)
            .collectAsList();
        return new StudyResult.ModelResult(s.name, s.step, ids(a), labels(a), probs(a), ids(b), labels(b), probs(b));
    }

    private static String[] ids(List<Row> rows) {
        return rows.stream().map(r -> r.getString(0)).toArray(String[]::new);
    }

    private static int[] labels(List<Row> rows) {
        return rows.stream().mapToInt(r -> (int) r.getDouble(1)).toArray();
    }

    private static double[] probs(List<Row> rows) {
        return rows.stream().mapToDouble(r -> r.getDouble(2)).toArray();
    }

    private static StudyResult.IccInfo iccInfo(IccFilterModel m, IccFilter f) {
        String[] names = m.getFeatureNames();
        String type = f.getOrDefault(f.iccType());
        Set<String> kept = new HashSet<>(Arrays.asList(m.getSelectedFeatures()));
        double[] est = new double[names.length];
        double[] lo = new double[names.length];
        double[] hi = new double[names.length];
        boolean[] k = new boolean[names.length];
        for (int j = 0; j < names.length; j++) {
            double[] v = m.icc(names[j], type);
            est[j] = v[0];
            lo[j] = v[1];
            hi[j] = v[2];
            k[j] = kept.contains(names[j]);
        }
        return new StudyResult.IccInfo(names, est, lo, hi, k, type, (Double) f.getOrDefault(f.threshold()),
            (Boolean) f.getOrDefault(f.useLowerBound()));
    }

    /** The LASSO path refitted on the selector's own training matrix along its lambda sequence. */
    private static StudyResult.LassoInfo lassoInfo(LassoSelectorModel m, LassoSelector est, Dataset<Row> fitTrain,
                                                   String inputCol) {
        FeatureData.Matrix x = FeatureData.collect(fitTrain, inputCol, LABEL);
        Glmnet.Options o = new Glmnet.Options();
        o.alpha = (Double) est.getOrDefault(est.alpha());
        o.standardize = (Boolean) est.getOrDefault(est.standardize());
        o.thresh = (Double) est.getOrDefault(est.thresh());
        o.lambda = m.getLambdaPath();
        Glmnet.Path path = Glmnet.fit(x.x, x.y, o);
        double[][] beta = new double[path.lambda.length][];
        for (int l = 0; l < beta.length; l++) {
            beta[l] = path.beta[l].clone();
        }
        return new StudyResult.LassoInfo(m.getFeatureNames(), path.lambda.clone(), beta, m.getLambdaPath(), m.getCvm(),
            m.getCvsd(), m.getLambdaMin(), m.getLambda1se(), m.getLambdaChosen(), est.getOrDefault(est.measure()),
            (Integer) est.getOrDefault(est.nFolds()));
    }

    private static StudyResult.Weights lassoWeights(LassoSelectorModel m) {
        String[] names = m.getFeatureNames();
        double[] b = m.getCoefficients();
        List<String> n = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            if (b[j] != 0) {
                n.add(names[j]);
                v.add(b[j]);
            }
        }
        return new StudyResult.Weights(n.toArray(new String[0]), v.stream().mapToDouble(Double::doubleValue).toArray(),
            String.format(Locale.ROOT, "LASSO coefficients at lambda %.4g (the rad-score weights)", m.getLambdaChosen()));
    }

    /** Correlation matrix of the features in a vector column over the real training rows (first 40 features). */
    private static StudyResult.Heatmap heatmap(Dataset<Row> df, String col, String method) {
        String[] all = FeatureData.names(df.schema(), col);
        FeatureData.Matrix m = FeatureData.collect(df, col, LABEL);
        int p = Math.min(40, all.length);
        int n = m.x.length;
        boolean spearman = method.equals("spearman");
        double[][] cols = new double[p][];
        for (int j = 0; j < p; j++) {
            cols[j] = spearman ? ranks(m.column(j)) : m.column(j);
        }
        double[][] r = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double v = pearson(cols[a], cols[b], n);
                r[a][b] = v;
                r[b][a] = v;
            }
        }
        return new StudyResult.Heatmap(Arrays.copyOf(all, p), r, spearman ? "Spearman" : "Pearson", all.length);
    }

    static double pearson(double[] x, double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[idx[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }

    private static StudyResult.RadScores radScores(Chain ch) {
        List<Object[]> rows = new ArrayList<>();
        for (Row x : ch.evalTrain.select(ID, LABEL, "rad_score").collectAsList()) {
            rows.add(new Object[] {x.getString(0), "train", (int) x.getDouble(1), x.getDouble(2)});
        }
        for (Row x : ch.test.select(ID, LABEL, "rad_score").collectAsList()) {
            rows.add(new Object[] {x.getString(0), "test", (int) x.getDouble(1), x.getDouble(2)});
        }
        rows.sort((a, b) -> Double.compare((Double) a[3], (Double) b[3]));
        return new StudyResult.RadScores(rows.stream().map(a -> (String) a[0]).toArray(String[]::new),
            rows.stream().map(a -> (String) a[1]).toArray(String[]::new),
            rows.stream().mapToInt(a -> (Integer) a[2]).toArray(),
            rows.stream().mapToDouble(a -> (Double) a[3]).toArray());
    }

    /** The metrics as a Delta table (overwritten on each run). */
    private void writeMetrics(StudyResult r, String where) {
        StructType schema = new StructType()
            .add("model", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, true)
            .add("ci_low", DataTypes.DoubleType, true)
            .add("ci_high", DataTypes.DoubleType, true);
        List<Row> rows = new ArrayList<>();
        for (StudyResult.MetricRow m : r.metrics) {
            rows.add(RowFactory.create(m.model(), m.split(), m.metric(), Double.isNaN(m.value()) ? null : m.value(),
                m.ciLow(), m.ciHigh()));
        }
        spark.createDataFrame(rows, schema).coalesce(1).write().format("delta").mode("overwrite")
            .option("overwriteSchema", "true").save(where);
    }

    private static String settingsText(StudyConfig.Step s) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : s.settings.entrySet()) {
            parts.add(e.getKey() + "=" + e.getValue());
        }
        for (Map.Entry<String, Object> e : s.options.entrySet()) {
            parts.add(e.getKey() + "=" + e.getValue());
        }
        return parts.isEmpty() ? "defaults" : String.join(", ", parts);
    }

    private static void save(Object stage, String where) throws IOException {
        ((MLWritable) stage).write().overwrite().save(where);
    }
}
