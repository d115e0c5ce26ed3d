package org.radspark.ml;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes MLlib's classifier columns from a per-row score function returning {margin, p(1)}:
 * rawPrediction = [-margin, margin], probability = [1 - p, p], prediction = 1 when margin &gt; 0
 * (ties at 0 predict 0), so BinaryClassificationEvaluator and CrossValidator can use the stage.
 */
final class BinaryOutputs {
    private BinaryOutputs() {
    }

    interface Scorer extends java.io.Serializable {
        double[] score(double[] features);
    }

    static Dataset<Row> apply(Dataset<?> df, String featuresCol, String rawCol, String probCol, String predCol, Scorer s) {
        String tmp = "_radspark_score";
        UDF1<Vector, double[]> f = v -> s.score(v.toArray());
        Dataset<Row> out = df.withColumn(tmp, functions.udf(f, DataTypes.createArrayType(DataTypes.DoubleType, false))
                .apply(functions.col(featuresCol)));
        UDF1<scala.collection.Seq<Object>, Vector> raw = a -> {
            double m = (Double) a.apply(0);
            return Vectors.dense(-m, m);
        };
        UDF1<scala.collection.Seq<Object>, Vector> prob = a -> {
            double p = (Double) a.apply(1);
            return Vectors.dense(1 - p, p);
        };
        out = out.withColumn(rawCol, functions.udf(raw, new VectorUDT()).apply(functions.col(tmp)));
        if (probCol != null && !probCol.isEmpty()) {
            out = out.withColumn(probCol, functions.udf(prob, new VectorUDT()).apply(functions.col(tmp)));
        }
        return out.withColumn(predCol, functions.when(functions.col(tmp).getItem(0).gt(0), 1.0).otherwise(0.0))
                .drop(tmp);
    }

    static StructType schema(StructType schema, String rawCol, String probCol, String predCol) {
        StructType s = schema.add(rawCol, new VectorUDT(), false);
        if (probCol != null && !probCol.isEmpty()) {
            s = s.add(probCol, new VectorUDT(), false);
        }
        return s.add(predCol, DataTypes.DoubleType, false);
    }
}
