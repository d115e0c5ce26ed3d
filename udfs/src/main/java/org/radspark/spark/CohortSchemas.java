package org.radspark.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Row layouts shared by the cohort job and the per-patient extraction function. */
public final class CohortSchemas {
    private CohortSchemas() {
    }

    /** One case of a validated manifest; paths are absolute URIs; empty strings for absent optional values. */
    public static final StructType CASE = new StructType()
        .add("patient_id", DataTypes.StringType, false)
        .add("reader", DataTypes.StringType, false)
        .add("modality", DataTypes.StringType, false)
        .add("timepoint", DataTypes.StringType, false)
        .add("center", DataTypes.StringType, false)
        .add("image", DataTypes.StringType, false)
        .add("mask", DataTypes.StringType, false)
        .add("roi", DataTypes.StringType, true)
        .add("segment", DataTypes.IntegerType, true)
        .add("label", DataTypes.IntegerType, true);

    /**
     * One result row of a case: kind "F" carries a feature value, kind "E" the case's error (stage, class,
     * message). Both carry the case key, so one staged batch feeds the features and errors tables.
     */
    public static final StructType OUTCOME = new StructType()
        .add("kind", DataTypes.StringType, false)
        .add("patient_id", DataTypes.StringType, false)
        .add("reader", DataTypes.StringType, false)
        .add("modality", DataTypes.StringType, false)
        .add("timepoint", DataTypes.StringType, false)
        .add("center", DataTypes.StringType, false)
        .add("params_hash", DataTypes.StringType, false)
        .add("image_type", DataTypes.StringType, true)
        .add("feature_class", DataTypes.StringType, true)
        .add("feature", DataTypes.StringType, true)
        .add("value", DataTypes.DoubleType, true)
        .add("stage", DataTypes.StringType, true)
        .add("error_class", DataTypes.StringType, true)
        .add("message", DataTypes.StringType, true)
        .add("engine_version", DataTypes.StringType, false)
        .add("run_id", DataTypes.StringType, false)
        .add("extracted_at", DataTypes.TimestampType, false)
        .add("seconds", DataTypes.DoubleType, false);
}
