package org.radspark.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * Univariate filter: per feature a two-sample test between label 1 and label 0 ({@code test}:
 * "welch" (default), "student" or "mannwhitney", computed as scipy.stats does, see
 * {@link UnivariateTests}), optionally Benjamini-Hochberg adjusted ({@code adjust} "bh"), keeping
 * features whose (adjusted) p-value is below {@code pThreshold}. The fit collects the feature
 * matrix to the driver.
 */
public class UnivariateFilter extends SelectorEstimator<UnivariateFilterModel> {
    private static final long serialVersionUID = 1L;

    private final Param<String> test;
    private final Param<String> adjust;
    private final DoubleParam pThreshold;

    public UnivariateFilter() {
        this(Identifiable.randomUID("univariateFilter"));
    }

    public UnivariateFilter(String uid) {
        super(uid);
        test = new Param<>(this, "test", "welch, student or mannwhitney",
                ParamValidators.inArray(new String[] {"welch", "student", "mannwhitney"}));
        adjust = new Param<>(this, "adjust", "none or bh (Benjamini-Hochberg)",
                ParamValidators.inArray(new String[] {"none", "bh"}));
        pThreshold = new DoubleParam(this, "pThreshold", "keep features with p below this", ParamValidators.inRange(0, 1));
        setDefault(test, "welch");
        setDefault(adjust, "none");
        setDefault(pThreshold, 0.05);
    }

    public Param<String> test() {
        return test;
    }

    public Param<String> adjust() {
        return adjust;
    }

    public DoubleParam pThreshold() {
        return pThreshold;
    }

    public UnivariateFilter setTest(String v) {
        setParam(test, v);
        return this;
    }

    public UnivariateFilter setAdjust(String v) {
        setParam(adjust, v);
        return this;
    }

    public UnivariateFilter setPThreshold(double v) {
        setParam(pThreshold, v);
        return this;
    }

    public UnivariateFilter setFeaturesCol(String v) {
        setParam(featuresCol(), v);
        return this;
    }

    public UnivariateFilter setLabelCol(String v) {
        setParam(labelCol(), v);
        return this;
    }

    public UnivariateFilter setOutputCol(String v) {
        setParam(outputCol(), v);
        return this;
    }

    /** p-values per column of x for the configured test; rows with label 1 against label 0. */
    public static double[] pValues(double[][] x, int[] y, String test) {
        int p = x[0].length;
        double[] out = new double[p];
        int n1 = 0;
        for (int v : y) {
            n1 += v;
        }
        for (int j = 0; j < p; j++) {
            double[] a = new double[n1];
            double[] b = new double[y.length - n1];
            int ia = 0;
            int ib = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] == 1) {
                    a[ia++] = x[i][j];
                } else {
                    b[ib++] = x[i][j];
                }
            }
            switch (test) {
                case "student":
                    out[j] = UnivariateTests.studentP(a, b);
                    break;
                case "mannwhitney":
                    out[j] = UnivariateTests.mannWhitneyP(a, b);
                    break;
                default:
                    out[j] = UnivariateTests.welchP(a, b);
            }
        }
        return out;
    }

    @Override
    public UnivariateFilterModel fit(Dataset<?> dataset) {
        String[] names = FeatureData.names(dataset.schema(), getFeaturesCol());
        FeatureData.Matrix m = FeatureData.collect(dataset, getFeaturesCol(), getLabelCol());
        double[] p = pValues(m.x, m.labels(), getOrDefault(test));
        double[] adj = "bh".equals(getOrDefault(adjust)) ? UnivariateTests.benjaminiHochberg(p) : p.clone();
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            if (adj[j] < (Double) getOrDefault(pThreshold)) {
                kept.add(names[j]);
            }
        }
        UnivariateFilterModel model = new UnivariateFilterModel(uid());
        model.set(model.featureNames(), names);
        model.set(model.pValues(), p);
        model.set(model.adjustedPValues(), adj);
        return configure(model, kept.toArray(new String[0]));
    }

    public static MLReader<UnivariateFilter> read() {
        return new DefaultParamsReader<>();
    }

    public static UnivariateFilter load(String path) {
        return read().load(path);
    }
}
