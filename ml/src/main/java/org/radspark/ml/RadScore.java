package org.radspark.ml;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Rad-score: the LASSO linear predictor intercept + sum coef_j * feature_j, features looked up by
 * name in the vector column {@code inputCol}; written to {@code outputCol} as a double.
 * Build it from a fitted selector with {@link #fromLasso}.
 */
public class RadScore extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final StringArrayParam featureNames;
    private final DoubleArrayParam coefficients;
    private final DoubleParam intercept;

    public RadScore() {
        this(Identifiable.randomUID("radScore"));
    }

    public RadScore(String uid) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "vector column with named features");
        outputCol = new Param<>(this, "outputCol", "rad-score column");
        featureNames = new StringArrayParam(this, "featureNames", "features with non-zero coefficients");
        coefficients = new DoubleArrayParam(this, "coefficients", "coefficient per feature name");
        intercept = new DoubleParam(this, "intercept", "intercept of the linear predictor");
        setDefault(inputCol, "features");
        setDefault(outputCol, "radScore");
        setDefault(featureNames, new String[0]);
        setDefault(coefficients, new double[0]);
        setDefault(intercept, 0.0);
    }

    /** Rad-score of the chosen lambda of a fitted LASSO; only non-zero coefficients are kept. */
    public static RadScore fromLasso(LassoSelectorModel m) {
        String[] names = m.getFeatureNames();
        double[] b = m.getCoefficients();
        java.util.List<String> n = new java.util.ArrayList<>();
        java.util.List<Double> c = new java.util.ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            if (b[j] != 0) {
                n.add(names[j]);
                c.add(b[j]);
            }
        }
        RadScore r = new RadScore();
        r.set(r.featureNames, n.toArray(new String[0]));
        r.set(r.coefficients, c.stream().mapToDouble(Double::doubleValue).toArray());
        r.set(r.intercept, m.getIntercept());
        r.set(r.inputCol, m.getInputCol());
        return r;
    }

    @Override
    public String uid() { return uid; }
    public Param<String> inputCol() { return inputCol; }
    public Param<String> outputCol() { return outputCol; }
    public StringArrayParam featureNames() { return featureNames; }
    public DoubleArrayParam coefficients() { return coefficients; }
    public DoubleParam intercept() { return intercept; }
    public RadScore setInputCol(String v) { set(inputCol, v); return this; }
    public RadScore setOutputCol(String v) { set(outputCol, v); return this; }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        String[] all = FeatureData.names(dataset.schema(), getOrDefault(inputCol));
        int[] idx = FeatureData.indexOf(all, getOrDefault(featureNames));
        double[] c = getOrDefault(coefficients);
        double b0 = (Double) getOrDefault(intercept);
        UDF1<Vector, Double> f = v -> {
            double s = b0;
            for (int k = 0; k < idx.length; k++) {
                s += c[k] * v.apply(idx[k]);
            }
            return s;
        };
        return dataset.withColumn(getOrDefault(outputCol),
                functions.udf(f, DataTypes.DoubleType).apply(functions.col(getOrDefault(inputCol))));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return schema.add(getOrDefault(outputCol), DataTypes.DoubleType, false);
    }

    @Override
    public RadScore copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<RadScore> read() {
        return new DefaultParamsReader<>();
    }

    public static RadScore load(String path) {
        return read().load(path);
    }
}
