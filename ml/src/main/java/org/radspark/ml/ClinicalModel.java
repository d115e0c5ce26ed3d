package org.radspark.ml;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Clinical (or combined clinical + rad-score) logistic model with Wald inference, fitted by exact
 * IRLS on the driver ({@link LogisticFit}, as R's glm): coefficients, standard errors, z, p-values,
 * odds ratios and 95 % Wald intervals per predictor of the named feature vector. {@link #univariate}
 * gives the one-predictor-at-a-time table. As comparators, MLlib's LogisticRegression, NaiveBayes
 * and MultilayerPerceptronClassifier take the same featuresCol/labelCol and write the same
 * rawPrediction/probability/prediction columns, so they drop into the same Pipeline and evaluators.
 */
public class ClinicalModel extends Estimator<ClinicalLogisticModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;

    public ClinicalModel() {
        this(Identifiable.randomUID("clinicalModel"));
    }

    public ClinicalModel(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "vector column of named predictors");
        labelCol = new Param<>(this, "labelCol", "0/1 outcome column");
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
    }

    @Override
    public String uid() { return uid; }
    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> labelCol() { return labelCol; }
    public ClinicalModel setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public ClinicalModel setLabelCol(String v) { set(labelCol, v); return this; }

    @Override
    public ClinicalLogisticModel fit(Dataset<?> dataset) {
        String[] names = FeatureData.names(dataset.schema(), getOrDefault(featuresCol));
        FeatureData.Matrix m = FeatureData.collect(dataset, getOrDefault(featuresCol), getOrDefault(labelCol));
        LogisticFit f = LogisticFit.fit(m.x, m.y);
        ClinicalLogisticModel model = new ClinicalLogisticModel(uid);
        model.set(model.featureNames(), names);
        model.set(model.coefficients(), f.coef);
        model.set(model.standardErrors(), f.se);
        model.set(model.featuresCol(), getOrDefault(featuresCol));
        return model.setParent(this);
    }

    /** One row per predictor of a univariate fit: {coef, se, z, p, OR, OR lower, OR upper}. */
    public static List<double[]> univariate(double[][] x, double[] y) {
        List<double[]> rows = new ArrayList<>();
        for (int j = 0; j < x[0].length; j++) {
            double[][] one = new double[x.length][1];
            for (int i = 0; i < x.length; i++) {
                one[i][0] = x[i][j];
            }
            LogisticFit f = LogisticFit.fit(one, y);
            double[] ci = f.oddsRatioCi(1, 0.95);
            rows.add(new double[] {f.coef[1], f.se[1], f.z(1), f.pValue(1), f.oddsRatio(1), ci[0], ci[1]});
        }
        return rows;
    }

    /** Univariate table of a DataFrame's feature vector. */
    public List<double[]> univariate(Dataset<?> dataset) {
        FeatureData.Matrix m = FeatureData.collect(dataset, getOrDefault(featuresCol), getOrDefault(labelCol));
        return univariate(m.x, m.y);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return BinaryOutputs.schema(schema, "rawPrediction", "probability", "prediction");
    }

    @Override
    public ClinicalModel copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<ClinicalModel> read() {
        return new DefaultParamsReader<>();
    }

    public static ClinicalModel load(String path) {
        return read().load(path);
    }
}
