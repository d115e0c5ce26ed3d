package org.radspark.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Row layouts shared by the cohort job and the per-patient extraction function. */
public final class CohortSchemas {
    private CohortSchemas() {
    }

    /** The leading columns of a case's result rows: the row's kind, the case key, its center and parameter set. */
    private static StructType resultOfCase() {
        return new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("patient_id", DataTypes.StringType, false)
            .add("reader", DataTypes.StringType, false)
            .add("modality", DataTypes.StringType, false)
            .add("timepoint", DataTypes.StringType, false)
            .add("center", DataTypes.StringType, false)
            .add("params_hash", DataTypes.StringType, false);
    }

    /** {@code rows} followed by the error's stage, class and message, and the engine, run, time and seconds. */
    private static StructType withOutcome(StructType rows) {
        return rows
            .add("stage", DataTypes.StringType, true)
            .add("error_class", DataTypes.StringType, true)
            .add("message", DataTypes.StringType, true)
            .add("engine_version", DataTypes.StringType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("extracted_at", DataTypes.TimestampType, false)
            .add("seconds", DataTypes.DoubleType, false);
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
     * The result of one case: kind "F" carries the case's feature names and values (parallel arrays, in
     * the engine's order), kind "E" the case's error (stage, class, message). One compact row per case
     * keeps the staged batch small; the job expands it into the long and wide tables.
     */
    public static final StructType CASE_RESULT = withOutcome(resultOfCase()
        .add("names", DataTypes.createArrayType(DataTypes.StringType, false), true)
        .add("values", DataTypes.createArrayType(DataTypes.DoubleType, true), true));

    /**
     * The result of one case of voxel-based extraction, one row per feature map written (kind "M": the
     * map's image type, class, feature, file and grid size), or one row for a case that failed (kind "E":
     * stage, class, message; map columns null).
     */
    public static final StructType MAP_RESULT = withOutcome(resultOfCase()
        .add("image_type", DataTypes.StringType, true)
        .add("feature_class", DataTypes.StringType, true)
        .add("feature", DataTypes.StringType, true)
        .add("path", DataTypes.StringType, true)
        .add("size_x", DataTypes.IntegerType, true)
        .add("size_y", DataTypes.IntegerType, true)
        .add("size_z", DataTypes.IntegerType, true)
        .add("roi_voxels", DataTypes.LongType, true));
}
