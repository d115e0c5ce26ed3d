package org.radspark.jobs;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.radspark.spark.CohortSchemas;

/**
 * The Delta tables of a feature store below one folder (local path or hdfs:// URI): {@code features}
 * (long form, partitioned by params_hash), {@code features_wide} (one row per case and params_hash,
 * one column per feature), {@code runs} and {@code errors}. Writes are MERGEs on the case key, so a
 * re-run, a retried task or a resumed job never duplicates a row.
 */
public final class FeatureTables {
    /** Columns identifying one case's extraction with one parameter set. */
    public static final List<String> CASE_KEY = List.of("patient_id", "reader", "modality", "timepoint", "params_hash");

    /** The long-form table: the feature rows of {@link CohortSchemas#OUTCOME}, every column but the value required. */
    public static final StructType FEATURES = project(CohortSchemas.OUTCOME, "patient_id", "reader", "modality",
        "timepoint", "center", "params_hash", "image_type", "feature_class", "feature", "value", "engine_version",
        "run_id", "extracted_at");

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
        .add("master", DataTypes.StringType, false);

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

    private final SparkSession spark;
    private final String root;

    /** The named fields of {@code source}, in the given order; only "value" may be null. */
    private static StructType project(StructType source, String... names) {
        StructType out = new StructType();
        for (String n : names) {
            org.apache.spark.sql.types.StructField f = source.apply(n);
            out = out.add(n, f.dataType(), n.equals("value"));
        }
        return out;
    }

    public FeatureTables(SparkSession spark, String root) {
        this.spark = spark;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String path(String table) {
        return root + "/" + table;
    }

    /** Creates the long-form, runs and errors tables when they do not exist yet. */
    public void ensureExist() {
        DeltaTable.createIfNotExists(spark).location(path("features")).addColumns(FEATURES)
            .partitionedBy("params_hash").execute();
        DeltaTable.createIfNotExists(spark).location(path("runs")).addColumns(RUNS).execute();
        DeltaTable.createIfNotExists(spark).location(path("errors")).addColumns(ERRORS).execute();
    }

    public Dataset<Row> features() {
        return spark.read().format("delta").load(path("features"));
    }

    /** Case keys already extracted with {@code paramsHash}. */
    public List<Row> extractedCases(String paramsHash) {
        return features().where(functions.col("params_hash").equalTo(paramsHash))
            .select("patient_id", "reader", "modality", "timepoint").distinct().collectAsList();
    }

    /**
     * MERGE of one batch's feature rows of {@code paramsHash} on (case key, feature): new rows are
     * inserted; with {@code recompute}, rows whose value changed are updated and equal rows are left
     * untouched. The target side is pruned to the parameter set's partition. Without recompute the
     * MERGE is insert-only, which Delta executes without rewriting existing files.
     */
    public void mergeFeatures(Dataset<Row> rows, String paramsHash, boolean recompute) {
        Column on = functions.col("t.params_hash").equalTo(functions.lit(paramsHash));
        for (String k : CASE_KEY) {
            on = on.and(functions.col("t." + k).equalTo(functions.col("s." + k)));
        }
        on = on.and(functions.col("t.feature").equalTo(functions.col("s.feature")));
        io.delta.tables.DeltaMergeBuilder merge = DeltaTable.forPath(spark, path("features")).as("t")
            .merge(rows.as("s"), on);
        if (recompute) {
            merge = merge.whenMatched(functions.not(functions.col("t.value").eqNullSafe(functions.col("s.value"))))
                .updateAll();
        }
        merge.whenNotMatched().insertAll().execute();
    }

    /** Adds a batch's error rows; keyed by run and case so a retried batch adds nothing twice. */
    public void mergeErrors(Dataset<Row> rows) {
        Column on = functions.col("t.run_id").equalTo(functions.col("s.run_id"));
        for (String k : CASE_KEY) {
            on = on.and(functions.col("t." + k).equalTo(functions.col("s." + k)));
        }
        DeltaTable.forPath(spark, path("errors")).as("t").merge(rows.as("s"), on).whenNotMatched().insertAll().execute();
    }

    public void appendRun(Row run) {
        spark.createDataFrame(List.of(run), RUNS).write().format("delta").mode("append").save(path("runs"));
    }

    /**
     * Rewrites the wide table's partition for {@code paramsHash}: one row per case, one double column
     * per feature (pyradiomics names), for modelling and notebooks.
     */
    public void rebuildWide(String paramsHash) {
        Dataset<Row> longForm = features().where(functions.col("params_hash").equalTo(paramsHash));
        List<String> names = longForm.select("feature").distinct().as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList().stream().sorted().toList();
        if (names.isEmpty()) {
            return;
        }
        Dataset<Row> wide = longForm
            .groupBy("patient_id", "reader", "modality", "timepoint", "center", "params_hash")
            .pivot("feature", List.copyOf(names).stream().map(n -> (Object) n).toList())
            .agg(functions.first("value"));
        wide.write().format("delta").mode("overwrite").partitionBy("params_hash")
            .option("replaceWhere", "params_hash = '" + paramsHash + "'")
            .option("mergeSchema", "true")
            .save(path("features_wide"));
    }

    /** Row counts of each table, for the summary. */
    public Map<String, Long> counts() {
        return Map.of("features", features().count(),
            "errors", spark.read().format("delta").load(path("errors")).count(),
            "runs", spark.read().format("delta").load(path("runs")).count());
    }
}
