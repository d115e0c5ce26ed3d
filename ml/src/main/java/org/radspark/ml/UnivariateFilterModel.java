package org.radspark.ml;

import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;

/** Fitted {@link UnivariateFilter}: selected features plus every feature's raw and adjusted p-value. */
public class UnivariateFilterModel extends FeatureSubsetModel<UnivariateFilterModel> {
    private static final long serialVersionUID = 1L;

    private final StringArrayParam featureNames;
    private final DoubleArrayParam pValues;
    private final DoubleArrayParam adjustedPValues;

    public UnivariateFilterModel(String uid) {
        super(uid);
        featureNames = new StringArrayParam(this, "featureNames", "all tested features");
        pValues = new DoubleArrayParam(this, "pValues", "p-value per tested feature");
        adjustedPValues = new DoubleArrayParam(this, "adjustedPValues", "adjusted p-value per tested feature");
        setDefault(featureNames, new String[0]);
        setDefault(pValues, new double[0]);
        setDefault(adjustedPValues, new double[0]);
    }

    public StringArrayParam featureNames() {
        return featureNames;
    }

    public DoubleArrayParam pValues() {
        return pValues;
    }

    public DoubleArrayParam adjustedPValues() {
        return adjustedPValues;
    }

    public String[] getFeatureNames() {
        return getOrDefault(featureNames);
    }

    public double[] getPValues() {
        return getOrDefault(pValues);
    }

    public double[] getAdjustedPValues() {
        return getOrDefault(adjustedPValues);
    }

    public static MLReader<UnivariateFilterModel> read() {
        return new DefaultParamsReader<>();
    }

    public static UnivariateFilterModel load(String path) {
        return read().load(path);
    }
}
