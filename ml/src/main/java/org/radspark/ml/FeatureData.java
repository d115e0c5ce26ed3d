package org.radspark.ml;

import java.util.List;

import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Feature tables as MLlib expects them: one vector column whose ML attribute metadata carries the
 * feature names (as written by VectorAssembler). Selection stages slice that vector and keep the
 * names of what they keep, so stages compose in a Pipeline. The helpers collect a table to the
 * driver for the stages whose fit runs there (the selected radiomics matrix is n x p doubles).
 */
public final class FeatureData {

    private FeatureData() {
    }

    /** Feature names of a vector column; "f0", "f1", ... where the metadata has none. */
    public static String[] names(StructType schema, String vectorCol) {
        AttributeGroup g = AttributeGroup.fromStructField(schema.apply(vectorCol));
        if (g.attributes().isEmpty()) {
            int size = g.size();
            if (size < 0) {
                throw new IllegalArgumentException("column " + vectorCol + " has no ML attribute metadata; "
                        + "build it with VectorAssembler so the feature names are known");
            }
            String[] out = new String[size];
            for (int i = 0; i < size; i++) {
                out[i] = "f" + i;
            }
            return out;
        }
        Attribute[] attrs = g.attributes().get();
        String[] out = new String[attrs.length];
        for (int i = 0; i < attrs.length; i++) {
            out[i] = attrs[i].name().isDefined() ? attrs[i].name().get() : "f" + i;
        }
        return out;
    }

    /** A vector field carrying the given feature names. */
    public static StructField vectorField(String col, String[] names) {
        Attribute[] attrs = new Attribute[names.length];
        for (int i = 0; i < names.length; i++) {
            attrs[i] = NumericAttribute.defaultAttr().withName(names[i]);
        }
        return new AttributeGroup(col, attrs).toStructField();
    }

    /** Collected matrix: x[i] is row i's feature vector, y[i] its label (NaN without a label column). */
    public static final class Matrix {
        public final double[][] x;
        public final double[] y;

        Matrix(double[][] x, double[] y) {
            this.x = x;
            this.y = y;
        }

        public int[] labels() {
            return Glmnet.toInt(y);
        }

        public double[] column(int j) {
            double[] c = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                c[i] = x[i][j];
            }
            return c;
        }
    }

    public static Matrix collect(Dataset<?> df, String featuresCol, String labelCol) {
        return collect(df, featuresCol, labelCol, null).matrix;
    }

    /** Collected matrix plus an extra integer column (e.g. the fold id). */
    public static final class WithExtra {
        public final Matrix matrix;
        public final int[] extra;

        WithExtra(Matrix matrix, int[] extra) {
            this.matrix = matrix;
            this.extra = extra;
        }
    }

    public static WithExtra collect(Dataset<?> df, String featuresCol, String labelCol, String intCol) {
        Column[] cols = intCol == null
                ? new Column[] {functions.col(featuresCol), functions.col(labelCol).cast("double")}
                : new Column[] {functions.col(featuresCol), functions.col(labelCol).cast("double"),
                    functions.col(intCol).cast("int")};
        List<Row> rows = df.select(cols).collectAsList();
        int n = rows.size();
        double[][] x = new double[n][];
        double[] y = new double[n];
        int[] extra = intCol == null ? null : new int[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            x[i] = ((Vector) r.get(0)).toArray();
            y[i] = r.isNullAt(1) ? Double.NaN : r.getDouble(1);
            if (extra != null) {
                extra[i] = r.getInt(2);
            }
        }
        return new WithExtra(new Matrix(x, y), extra);
    }

    /** Replaces (or adds) outputCol with the vector restricted to idx, named accordingly. */
    public static Dataset<Row> slice(Dataset<?> df, String inputCol, String outputCol, int[] idx, String[] keptNames) {
        int[] ix = idx.clone();
        UserDefinedFunction f = functions.udf((UDF1<Vector, Vector>) v -> {
            double[] out = new double[ix.length];
            for (int k = 0; k < ix.length; k++) {
                out[k] = v.apply(ix[k]);
            }
            return new DenseVector(out);
        }, new VectorUDT());
        StructField field = vectorField(outputCol, keptNames);
        return df.withColumn(outputCol, f.apply(functions.col(inputCol)).as(outputCol, field.metadata()));
    }

    /** Schema after {@link #slice}. */
    public static StructType sliceSchema(StructType schema, String outputCol, String[] keptNames) {
        StructField field = vectorField(outputCol, keptNames);
        StructField[] fs = schema.fields();
        java.util.List<StructField> out = new java.util.ArrayList<>();
        boolean replaced = false;
        for (StructField s : fs) {
            if (s.name().equals(outputCol)) {
                out.add(field);
                replaced = true;
            } else {
                out.add(s);
            }
        }
        if (!replaced) {
            out.add(field);
        }
        return new StructType(out.toArray(new StructField[0]));
    }

    /** Indices of the given names within all names; fails on an unknown name. */
    public static int[] indexOf(String[] all, String[] wanted) {
        java.util.Map<String, Integer> pos = new java.util.HashMap<>();
        for (int i = 0; i < all.length; i++) {
            pos.put(all[i], i);
        }
        int[] out = new int[wanted.length];
        for (int k = 0; k < wanted.length; k++) {
            Integer p = pos.get(wanted[k]);
            if (p == null) {
                throw new IllegalArgumentException("feature not in the input vector: " + wanted[k]);
            }
            out[k] = p;
        }
        return out;
    }
}
