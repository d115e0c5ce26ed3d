package org.radspark.jobs;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.radspark.spark.CohortSchemas;

/**
 * The Delta tables of a feature store below one folder (local path or hdfs:// URI): {@code features}
 * (long form, partitioned by params_hash), {@code features_wide} (one row per case and params_hash,
 * one column per feature), {@code runs} and {@code errors}. Writes are MERGEs on the case key, so a
 * re-run, a retried task or a resumed job never duplicates a row. Tables are created by the first run
 * that needs them; whether a table exists is a file-system check, so a run with nothing to do starts no
 * Spark job for it.
 */
public final class FeatureTables {
    /** Columns identifying one case's extraction with one parameter set. */
    public static final List<String> CASE_KEY = List.of("patient_id", "reader", "modality", "timepoint", "params_hash");

    /** Columns of a wide row before its feature columns. */
    public static final List<String> WIDE_KEY = List.of("patient_id", "reader", "modality", "timepoint", "center",
        "params_hash");

    /** The long-form table: one row per case, parameter set and feature; every column but the value required. */
    public static final StructType FEATURES = project(CohortSchemas.CASE_RESULT, "patient_id", "reader", "modality",
        "timepoint", "center", "params_hash")
        .add("image_type", DataTypes.StringType, false)
        .add("feature_class", DataTypes.StringType, false)
        .add("feature", DataTypes.StringType, false)
        .add("value", DataTypes.DoubleType, true)
        .add("engine_version", DataTypes.StringType, false)
        .add("run_id", DataTypes.StringType, false)
        .add("extracted_at", DataTypes.TimestampType, false);

    /**
     * One row per voxel-based feature map ({@code cohort extract --mode voxel}): the case, the parameter set,
     * the feature as image type, class and pyradiomics name, the map file (NRRD or NIfTI, float64, the ROI box
     * padded by kernelRadius) with its grid size, and the number of ROI voxels that hold values.
     */
    public static final StructType FEATURE_MAPS = project(CohortSchemas.MAP_RESULT, "patient_id", "reader", "modality",
        "timepoint", "center", "params_hash", "image_type", "feature_class", "feature", "path", "size_x", "size_y",
        "size_z", "roi_voxels", "engine_version", "run_id", "extracted_at");

    public static final StructType RUNS = new StructType()
        .add("run_id", DataTypes.StringType, false)
        .add("params_hash", DataTypes.StringType, false)
        .add("params_text", DataTypes.StringType, false)
        .add("params_source", DataTypes.StringType, false)
        .add("manifest", DataTypes.StringType, false)
        .add("cases", DataTypes.LongType, false)
        .add("done", DataTypes.LongType, false)
        .add("skipped", DataTypes.LongType, false)
        .add("failed", DataTypes.LongType, false)
        .add("started_at", DataTypes.TimestampType, false)
        .add("finished_at", DataTypes.TimestampType, false)
        .add("seconds", DataTypes.DoubleType, false)
        .add("extract_seconds", DataTypes.DoubleType, false)
        .add("write_seconds", DataTypes.DoubleType, false)
        .add("wide_seconds", DataTypes.DoubleType, false)
        .add("engine_version", DataTypes.StringType, false)
        .add("master", DataTypes.StringType, false)
        // "completed", or "interrupted" (SIGINT/SIGTERM: finished batches committed, the rest left to the
        // next run); null in rows written before the column existed
        .add("status", DataTypes.StringType, true)
        // the resolved location of the tables (the parameter file's and the manifest's are in
        // params_source and manifest); null in rows written before the column existed
        .add("tables_location", DataTypes.StringType, true);

    public static final StructType ERRORS = new StructType()
        .add("run_id", DataTypes.StringType, false)
        .add("patient_id", DataTypes.StringType, false)
        .add("reader", DataTypes.StringType, false)
        .add("modality", DataTypes.StringType, false)
        .add("timepoint", DataTypes.StringType, false)
        .add("center", DataTypes.StringType, false)
        .add("params_hash", DataTypes.StringType, false)
        .add("stage", DataTypes.StringType, false)
        .add("error_class", DataTypes.StringType, false)
        .add("message", DataTypes.StringType, false)
        .add("at", DataTypes.TimestampType, false);

    private static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

    /**
     * Columns of the long table whose per-file minimum and maximum Delta records, for skipping files: the
     * case key (the MERGE prunes each batch's patient_id range; notebooks select patients), center and the
     * run. A file holds every feature of its cases, so statistics of feature, image type, class, value
     * and engine version would skip nothing; statistics took a quarter of a MERGE's task time with them
     * and a 64-case MERGE is about 10 % faster without them.
     */
    static final List<String> FEATURES_STATS_COLUMNS = List.of("patient_id", "reader", "modality", "timepoint",
        "center", "run_id", "extracted_at");

    private static final String MATERIALIZE_SOURCE = "spark.databricks.delta.merge.materializeSource";

    private final SparkSession spark;
    /**
     * The session of the long table's MERGEs (same Spark context, own settings): their sources are
     * immutable staged files, so Delta need not copy the source before the MERGE reads it twice. Its plans
     * run interpreted, without whole-stage code generation: a batch is some 10^5 rows, which interpreted
     * operators handle in well under a second, while compiling the generated code (Janino, then the JIT)
     * cost the first MERGE of a fresh JVM seconds of CPU on a machine whose cores the extraction keeps busy
     * (a 20-case all-filters cohort on local[2]: 2-3 s less wall over two interleaved pairs of runs).
     */
    private final SparkSession mergeSpark;
    /**
     * The session the wide table is written in: like {@link #mergeSpark}. A wide plan has one column per
     * feature (~1,800) and one row per case, so compiling its generated projections costs seconds per plan
     * and buys nothing on a few hundred rows (measured, first wide write in a JVM: 5.6-7.3 s with generated
     * code, 3.4-3.6 s interpreted; later writes 1.5-1.9 s either way).
     */
    private final SparkSession wideSpark;
    private final String root;

    /** The named fields of {@code source}, in the given order, as required columns. */
    private static StructType project(StructType source, String... names) {
        StructType out = new StructType();
        for (String n : names) {
            out = out.add(n, source.apply(n).dataType(), false);
        }
        return out;
    }

    public FeatureTables(SparkSession spark, String root) {
        this.spark = spark;
        this.mergeSpark = interpreted(spark.newSession());
        this.wideSpark = interpreted(spark.newSession());
        this.root = qualify(spark, root);
    }

    /** A session for MERGEs of staged files: no source copy, interpreted plans (see {@link #mergeSpark}). */
    private static SparkSession interpreted(SparkSession session) {
        session.conf().set(MATERIALIZE_SOURCE, "none");
        session.conf().set("spark.sql.codegen.wholeStage", "false");
        session.conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
        return session;
    }

    /**
     * A data location as a fully qualified URI, resolved as {@code spark.read} resolves it: an explicit
     * scheme wins; a scheme-less path is on Hadoop's default file system, a relative one below its
     * working directory. Delta cannot take a relative path as a table location, so every table path is
     * made absolute before any work.
     */
    public static String qualify(SparkSession spark, String location) {
        return Locations.data(location, spark.sparkContext().hadoopConfiguration());
    }

    /** The tables' folder as a fully qualified URI. */
    public String root() {
        return root;
    }

    public String path(String table) {
        return root + "/" + table;
    }

    /** Whether {@code table} exists as a Delta table (a file-system check, no Spark job). */
    public boolean exists(String table) {
        Path log = new Path(path(table) + "/_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(log)) {
                return false;
            }
            for (FileStatus f : fs.listStatus(log)) {
                if (f.getPath().getName().endsWith(".json") || f.getPath().getName().endsWith(".checkpoint.parquet")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + log + ": " + e.getMessage(), e);
        }
    }

    /** Creates the long-form table (partitioned by params_hash) when it does not exist yet. */
    public void ensureFeatures() {
        if (!exists("features")) {
            DeltaTable.createIfNotExists(spark).location(path("features")).addColumns(FEATURES)
                .partitionedBy("params_hash").property(STATS_COLUMNS, String.join(",", FEATURES_STATS_COLUMNS))
                .execute();
        }
    }

    /** Creates the errors table when it does not exist yet, so that readers find all four tables after a run. */
    public void ensureErrors() {
        if (!exists("errors")) {
            DeltaTable.createIfNotExists(spark).location(path("errors")).addColumns(ERRORS).execute();
        }
    }

    /** Creates the feature_maps table (partitioned by params_hash) when it does not exist yet. */
    public void ensureFeatureMaps() {
        if (!exists("feature_maps")) {
            DeltaTable.createIfNotExists(spark).location(path("feature_maps")).addColumns(FEATURE_MAPS)
                .partitionedBy("params_hash").execute();
        }
    }

    /** Case keys (patient_id, reader, modality, timepoint) whose maps are in feature_maps for {@code paramsHash}. */
    public List<Row> mappedCases(String paramsHash) {
        if (!exists("feature_maps")) {
            return List.of();
        }
        return spark.read().format("delta").load(path("feature_maps"))
            .where(functions.col("params_hash").equalTo(paramsHash))
            .select("patient_id", "reader", "modality", "timepoint").distinct().collectAsList();
    }

    /**
     * MERGE of map rows (kind "M" rows of {@link CohortSchemas#MAP_RESULT}) into feature_maps on (case key,
     * params_hash, feature): a case computed again (recompute, or after an interrupted run) replaces its rows.
     */
    public void mergeFeatureMaps(List<Row> mapRows, String paramsHash) {
        ensureFeatureMaps();
        Dataset<Row> rows = spark.createDataFrame(mapRows, CohortSchemas.MAP_RESULT)
            .select(java.util.Arrays.stream(FEATURE_MAPS.fieldNames()).map(functions::col).toArray(Column[]::new));
        Column on = functions.col("t.params_hash").equalTo(functions.lit(paramsHash));
        for (String k : CASE_KEY) {
            on = on.and(functions.col("t." + k).equalTo(functions.col("s." + k)));
        }
        on = on.and(functions.col("t.feature").equalTo(functions.col("s.feature")));
        DeltaTable.forPath(spark, path("feature_maps")).as("t").merge(rows.as("s"), on)
            .whenMatched().updateAll().whenNotMatched().insertAll().execute();
    }

    public Dataset<Row> features() {
        return spark.read().format("delta").load(path("features"));
    }

    /** Case keys (patient_id, reader, modality, timepoint) already extracted with {@code paramsHash}. */
    public List<Row> extractedCases(String paramsHash) {
        if (!exists("features")) {
            return List.of();
        }
        return features().where(functions.col("params_hash").equalTo(paramsHash))
            .select("patient_id", "reader", "modality", "timepoint").distinct().collectAsList();
    }

    /**
     * MERGE of one staged batch folder (Parquet rows of {@link CohortSchemas#CASE_RESULT}) into the long
     * table on (case key, params_hash, feature): new rows are inserted; with {@code recompute}, rows whose
     * value changed are updated and equal rows are left untouched. The target side is pruned to the parameter set's
     * partition and to the batch's patient_id range (files of other batches are skipped by their
     * statistics). Without recompute the MERGE is insert-only, which Delta executes without rewriting
     * existing files. The staged files are immutable, so Delta need not copy the source first.
     */
    public void mergeFeatures(String stagedDir, String paramsHash, String minPatient, String maxPatient,
                              boolean recompute) {
        ensureFeatures();
        Dataset<Row> staged = mergeSpark.read().schema(CohortSchemas.CASE_RESULT).parquet(stagedDir);
        Column pair = functions.explode(functions.arrays_zip(functions.col("names"), functions.col("values")));
        // pyradiomics names are IMAGETYPE_CLASS_FEATURE; substring_index cuts them without a regular expression
        Column feature = functions.col("feature");
        Column imageType = functions.substring_index(feature, "_", 1);
        Column featureClass = functions.substring_index(functions.substring_index(feature, "_", 2), "_", -1);
        Dataset<Row> rows = staged.where(functions.col("kind").equalTo("F"))
            .select(functions.col("patient_id"), functions.col("reader"), functions.col("modality"),
                functions.col("timepoint"), functions.col("center"), functions.col("params_hash"),
                functions.col("engine_version"), functions.col("run_id"), functions.col("extracted_at"), pair.as("p"))
            .withColumn("feature", functions.col("p.names"))
            .select(java.util.Arrays.stream(FEATURES.fieldNames()).map(n -> switch (n) {
                case "image_type" -> imageType.as(n);
                case "feature_class" -> featureClass.as(n);
                case "value" -> functions.col("p.values").as(n);
                default -> functions.col(n);
            }).toArray(Column[]::new));
        Column on = functions.col("t.params_hash").equalTo(functions.lit(paramsHash))
            .and(functions.col("t.patient_id").geq(functions.lit(minPatient)))
            .and(functions.col("t.patient_id").leq(functions.lit(maxPatient)));
        for (String k : CASE_KEY) {
            on = on.and(functions.col("t." + k).equalTo(functions.col("s." + k)));
        }
        on = on.and(functions.col("t.feature").equalTo(functions.col("s.feature")));
        io.delta.tables.DeltaMergeBuilder merge = DeltaTable.forPath(mergeSpark, path("features")).as("t")
            .merge(rows.as("s"), on);
        if (recompute) {
            merge = merge.whenMatched(functions.not(functions.col("t.value").eqNullSafe(functions.col("s.value"))))
                .updateAll();
        }
        merge.whenNotMatched().insertAll().execute();
    }

    /** Adds error rows; keyed by run and case so a retried write adds nothing twice. */
    public void mergeErrors(Dataset<Row> rows) {
        ensureErrors();
        Column on = functions.col("t.run_id").equalTo(functions.col("s.run_id"));
        for (String k : CASE_KEY) {
            on = on.and(functions.col("t." + k).equalTo(functions.col("s." + k)));
        }
        DeltaTable.forPath(spark, path("errors")).as("t").merge(rows.as("s"), on).whenNotMatched().insertAll().execute();
    }

    public void appendRun(Row run) {
        // mergeSchema: runs tables written before the status column get it on their next run
        spark.createDataFrame(List.of(run), RUNS).write().format("delta").mode("append").option("mergeSchema", "true")
            .save(path("runs"));
    }

    /**
     * MERGE of staged batch folders into the wide table: one row per extracted case (one double column per
     * feature, pyradiomics names) built from the case's staged names and values; new cases are inserted,
     * and with {@code recompute} cases already present are rewritten (without it, a present row is kept,
     * as in the long table). {@code featureNames} is the union of the batch's feature names (known to the
     * driver from the extraction); columns new to the table are added.
     */
    public void mergeWide(String[] stagedDirs, String paramsHash, boolean recompute,
                          java.util.SortedSet<String> featureNames) {
        if (featureNames.isEmpty()) {
            return;
        }
        Dataset<Row> staged = wideSpark.read().schema(CohortSchemas.CASE_RESULT).parquet(stagedDirs);
        java.util.TreeSet<String> names = new java.util.TreeSet<>(featureNames);
        StructType schema = wideSchema(names);
        writeWide(staged.where(functions.col("kind").equalTo("F"))
            .select("patient_id", "reader", "modality", "timepoint", "center", "params_hash", "names", "values")
            .mapPartitions(new WideRows(List.copyOf(names), false), Encoders.row(schema)), paramsHash, recompute);
    }

    /**
     * Adds wide rows for cases of {@code featureCases} (in the long table for {@code paramsHash}) that the
     * wide table lacks: cases a killed run committed to the long table but not yet to the wide one. The
     * rows are built from the long table itself.
     *
     * @return the number of wide rows added
     */
    public long fillWideGaps(String paramsHash, Set<List<String>> featureCases) {
        if (featureCases.isEmpty()) {
            return 0;
        }
        Set<List<String>> target = new java.util.LinkedHashSet<>(featureCases);
        if (exists("features_wide")) {
            for (Row r : wide().where(functions.col("params_hash").equalTo(paramsHash))
                .select("patient_id", "reader", "modality", "timepoint").collectAsList()) {
                target.remove(List.of(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
            }
        }
        if (target.isEmpty()) {
            return 0;
        }
        StructType keyType = project(FEATURES, "patient_id", "reader", "modality", "timepoint");
        List<Row> keyRows = target.stream().map(k -> RowFactory.create(k.toArray())).toList();
        Dataset<Row> longForm = wideSpark.read().format("delta").load(path("features"))
            .where(functions.col("params_hash").equalTo(paramsHash))
            .join(functions.broadcast(wideSpark.createDataFrame(keyRows, keyType)),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("patient_id", "reader", "modality",
                    "timepoint")).toSeq(), "left_semi");
        java.util.TreeSet<String> names = new java.util.TreeSet<>(
            longForm.select("feature").distinct().as(Encoders.STRING()).collectAsList());
        StructType schema = wideSchema(names);
        writeWide(longForm
            .groupBy(WIDE_KEY.stream().map(functions::col).toArray(Column[]::new))
            .agg(functions.collect_list(functions.struct(functions.col("feature"), functions.col("value"))).as("fv"))
            .mapPartitions(new WideRows(List.copyOf(names), true), Encoders.row(schema)), paramsHash, false);
        return target.size();
    }

    /** Wide schema: the key columns, then {@code names} plus the table's existing feature columns, sorted (adds those to names). */
    private StructType wideSchema(java.util.TreeSet<String> names) {
        if (exists("features_wide")) {
            for (String existing : wide().columns()) {
                if (!WIDE_KEY.contains(existing)) {
                    names.add(existing);
                }
            }
        }
        StructType schema = new StructType();
        for (String k : WIDE_KEY) {
            schema = schema.add(k, DataTypes.StringType, false);
        }
        for (String n : names) {
            schema = schema.add(n, DataTypes.DoubleType, true);
        }
        return schema;
    }

    /**
     * Creates the wide table with {@code rows}, or MERGEs them into it on the case key: new cases are
     * inserted; present ones are rewritten with {@code rewrite}, else kept. An insert-only MERGE is an
     * anti-join and an append, which Delta runs without reading the matched rows' files.
     */
    private void writeWide(Dataset<Row> rows, String paramsHash, boolean rewrite) {
        if (!exists("features_wide")) {
            try {
                rows.write().format("delta").mode("errorifexists").partitionBy("params_hash").save(path("features_wide"));
                return;
            } catch (RuntimeException e) {
                if (!exists("features_wide")) {
                    throw e;
                }
                // created meanwhile by a concurrent run: merge into it below
            }
        }
        Column on = functions.col("t.params_hash").equalTo(functions.lit(paramsHash));
        for (String k : CASE_KEY) {
            on = on.and(functions.col("t." + k).equalTo(functions.col("s." + k)));
        }
        io.delta.tables.DeltaMergeBuilder merge = DeltaTable.forPath(wideSpark, path("features_wide")).as("t")
            .merge(rows.as("s"), on).withSchemaEvolution();
        if (rewrite) {
            merge = merge.whenMatched().updateAll();
        }
        merge.whenNotMatched().insertAll().execute();
    }

    public Dataset<Row> wide() {
        return spark.read().format("delta").load(path("features_wide"));
    }

    /**
     * Turns a case's features into a wide row with a fixed column order: from a staged row (key columns,
     * then parallel names and values arrays) or from the long table grouped per case (key columns, then
     * a list of (feature, value) pairs).
     */
    private static final class WideRows implements org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final List<String> names;
        private final boolean pairs;

        WideRows(List<String> names, boolean pairs) {
            this.names = names;
            this.pairs = pairs;
        }

        @Override
        public java.util.Iterator<Row> call(java.util.Iterator<Row> cases) {
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                index.put(names.get(i), i);
            }
            int keys = WIDE_KEY.size();
            return new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return cases.hasNext();
                }

                @Override
                public Row next() {
                    Row c = cases.next();
                    Object[] values = new Object[keys + names.size()];
                    for (int i = 0; i < keys; i++) {
                        values[i] = c.get(i);
                    }
                    if (pairs) {
                        for (Row pair : c.<Row>getList(keys)) {
                            values[keys + index.get(pair.getString(0))] = pair.isNullAt(1) ? null : pair.getDouble(1);
                        }
                    } else {
                        List<String> n = c.getList(keys);
                        List<Double> v = c.getList(keys + 1);
                        for (int i = 0; i < n.size(); i++) {
                            values[keys + index.get(n.get(i))] = v.get(i);
                        }
                    }
                    return RowFactory.create(values);
                }
            };
        }
    }
}
