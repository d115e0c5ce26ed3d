package org.radspark.ml;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Fitted {@link ClinicalModel}: coefficients (intercept first) and standard errors; transform
 * writes rawPrediction (linear predictor), probability and prediction.
 */
public class ClinicalLogisticModel extends Model<ClinicalLogisticModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final StringArrayParam featureNames;
    private final DoubleArrayParam coefficients;
    private final DoubleArrayParam standardErrors;

    public ClinicalLogisticModel(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "vector column of named predictors");
        featureNames = new StringArrayParam(this, "featureNames", "predictor names");
        coefficients = new DoubleArrayParam(this, "coefficients", "intercept then one coefficient per predictor");
        standardErrors = new DoubleArrayParam(this, "standardErrors", "standard error per coefficient");
        setDefault(featuresCol, "features");
    }

    @Override
    public String uid() { return uid; }
    public Param<String> featuresCol() { return featuresCol; }
    public StringArrayParam featureNames() { return featureNames; }
    public DoubleArrayParam coefficients() { return coefficients; }
    public DoubleArrayParam standardErrors() { return standardErrors; }
    public double[] getCoefficients() { return getOrDefault(coefficients); }
    public double[] getStandardErrors() { return getOrDefault(standardErrors); }
    public String[] getFeatureNames() { return getOrDefault(featureNames); }

    /**
     * Rows per term (intercept first): {coef, se, z, p, odds ratio, OR lower, OR upper}, 95 % Wald.
     */
    public double[][] summary() {
        NormalDistribution n01 = new NormalDistribution(null, 0, 1);
        double z975 = n01.inverseCumulativeProbability(0.975);
        double[] b = getCoefficients();
        double[] se = getStandardErrors();
        double[][] out = new double[b.length][];
        for (int j = 0; j < b.length; j++) {
            double z = b[j] / se[j];
            out[j] = new double[] {b[j], se[j], z, 2 * n01.cumulativeProbability(-Math.abs(z)), Math.exp(b[j]),
                Math.exp(b[j] - z975 * se[j]), Math.exp(b[j] + z975 * se[j])};
        }
        return out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        double[] b = getCoefficients();
        return BinaryOutputs.apply(dataset, getOrDefault(featuresCol), "rawPrediction", "probability", "prediction", x -> {
            double eta = b[0];
            for (int j = 1; j < b.length; j++) {
                eta += b[j] * x[j - 1];
            }
            return new double[] {eta, 1 / (1 + Math.exp(-eta))};
        });
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return BinaryOutputs.schema(schema, "rawPrediction", "probability", "prediction");
    }

    @Override
    public ClinicalLogisticModel copy(ParamMap extra) {
        ClinicalLogisticModel m = defaultCopy(extra);
        return m.setParent(parent());
    }

    public static MLReader<ClinicalLogisticModel> read() {
        return new DefaultParamsReader<>();
    }

    public static ClinicalLogisticModel load(String path) {
        return read().load(path);
    }
}
