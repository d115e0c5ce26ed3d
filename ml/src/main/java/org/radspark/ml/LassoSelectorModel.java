package org.radspark.ml;

import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;

/**
 * Fitted {@link LassoSelector}: features with a non-zero coefficient at the chosen lambda, the
 * lambda path with cvm/cvsd, lambda.min and lambda.1se, and the intercept and coefficients (on
 * the original feature scale, one per input feature) at lambda.min, lambda.1se and the chosen one.
 */
public class LassoSelectorModel extends FeatureSubsetModel<LassoSelectorModel> {
    private static final long serialVersionUID = 1L;

    private final StringArrayParam featureNames;
    private final DoubleArrayParam lambdaPath;
    private final DoubleArrayParam cvm;
    private final DoubleArrayParam cvsd;
    private final DoubleParam lambdaMin;
    private final DoubleParam lambda1se;
    private final DoubleParam lambdaChosen;
    private final DoubleParam interceptMin;
    private final DoubleArrayParam coefficientsMin;
    private final DoubleParam intercept1se;
    private final DoubleArrayParam coefficients1se;
    private final DoubleParam intercept;
    private final DoubleArrayParam coefficients;

    public LassoSelectorModel(String uid) {
        super(uid);
        featureNames = new StringArrayParam(this, "featureNames", "all input features");
        lambdaPath = new DoubleArrayParam(this, "lambdaPath", "lambda sequence");
        cvm = new DoubleArrayParam(this, "cvm", "mean cross-validated measure per lambda");
        cvsd = new DoubleArrayParam(this, "cvsd", "standard error of cvm per lambda");
        lambdaMin = new DoubleParam(this, "lambdaMin", "lambda with the best cvm");
        lambda1se = new DoubleParam(this, "lambda1se", "largest lambda within one SE of the best cvm");
        lambdaChosen = new DoubleParam(this, "lambdaChosen", "lambda used for the selection");
        interceptMin = new DoubleParam(this, "interceptMin", "intercept at lambda.min");
        coefficientsMin = new DoubleArrayParam(this, "coefficientsMin", "coefficients at lambda.min");
        intercept1se = new DoubleParam(this, "intercept1se", "intercept at lambda.1se");
        coefficients1se = new DoubleArrayParam(this, "coefficients1se", "coefficients at lambda.1se");
        intercept = new DoubleParam(this, "intercept", "intercept at the chosen lambda");
        coefficients = new DoubleArrayParam(this, "coefficients", "coefficients at the chosen lambda");
    }

    public StringArrayParam featureNames() { return featureNames; }
    public DoubleArrayParam lambdaPath() { return lambdaPath; }
    public DoubleArrayParam cvm() { return cvm; }
    public DoubleArrayParam cvsd() { return cvsd; }
    public DoubleParam lambdaMin() { return lambdaMin; }
    public DoubleParam lambda1se() { return lambda1se; }
    public DoubleParam lambdaChosen() { return lambdaChosen; }
    public DoubleParam interceptMin() { return interceptMin; }
    public DoubleArrayParam coefficientsMin() { return coefficientsMin; }
    public DoubleParam intercept1se() { return intercept1se; }
    public DoubleArrayParam coefficients1se() { return coefficients1se; }
    public DoubleParam intercept() { return intercept; }
    public DoubleArrayParam coefficients() { return coefficients; }

    public String[] getFeatureNames() { return getOrDefault(featureNames); }
    public double[] getLambdaPath() { return getOrDefault(lambdaPath); }
    public double[] getCvm() { return getOrDefault(cvm); }
    public double[] getCvsd() { return getOrDefault(cvsd); }
    public double getLambdaMin() { return (Double) getOrDefault(lambdaMin); }
    public double getLambda1se() { return (Double) getOrDefault(lambda1se); }
    public double getLambdaChosen() { return (Double) getOrDefault(lambdaChosen); }
    public double getInterceptMin() { return (Double) getOrDefault(interceptMin); }
    public double[] getCoefficientsMin() { return getOrDefault(coefficientsMin); }
    public double getIntercept1se() { return (Double) getOrDefault(intercept1se); }
    public double[] getCoefficients1se() { return getOrDefault(coefficients1se); }
    public double getIntercept() { return (Double) getOrDefault(intercept); }
    public double[] getCoefficients() { return getOrDefault(coefficients); }

    public static MLReader<LassoSelectorModel> read() {
        return new DefaultParamsReader<>();
    }

    public static LassoSelectorModel load(String path) {
        return read().load(path);
    }
}
