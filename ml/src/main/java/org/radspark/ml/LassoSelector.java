package org.radspark.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * LASSO feature selection: L1-penalised logistic regression over glmnet's lambda path with K-fold
 * cross-validation ({@link Glmnet}, run on the driver). Folds come from {@code foldCol} (integers
 * 1..K, so R's cv.glmnet can be given the same foldid) or, when it is unset, from a seeded random
 * assignment into {@code nFolds} folds. {@code measure} "deviance" or "auc"; {@code lambdaChoice}
 * "lambda.min" or "lambda.1se" decides which solution selects the features (non-zero
 * coefficients). The model keeps the path, cvm/cvsd and the coefficients at both choices.
 */
public class LassoSelector extends SelectorEstimator<LassoSelectorModel> {
    private static final long serialVersionUID = 1L;

    private final Param<String> foldCol;
    private final IntParam nFolds;
    private final Param<String> measure;
    private final Param<String> lambdaChoice;
    private final IntParam nLambda;
    private final DoubleParam lambdaMinRatio;
    private final DoubleParam thresh;
    private final DoubleParam alpha;
    private final BooleanParam standardize;
    private final LongParam seed;

    public LassoSelector() {
        this(Identifiable.randomUID("lassoSelector"));
    }

    public LassoSelector(String uid) {
        super(uid);
        foldCol = new Param<>(this, "foldCol", "integer fold id column (1..K); empty: seeded random folds");
        nFolds = new IntParam(this, "nFolds", "number of folds when foldCol is empty", ParamValidators.gtEq(3));
        measure = new Param<>(this, "measure", "deviance or auc", ParamValidators.inArray(new String[] {"deviance", "auc"}));
        lambdaChoice = new Param<>(this, "lambdaChoice", "lambda.min or lambda.1se",
                ParamValidators.inArray(new String[] {"lambda.min", "lambda.1se"}));
        nLambda = new IntParam(this, "nLambda", "length of the lambda path", ParamValidators.gtEq(3));
        lambdaMinRatio = new DoubleParam(this, "lambdaMinRatio",
                "smallest lambda / lambda_max; 0 means glmnet's default (0.01 if n < p else 1e-4)");
        thresh = new DoubleParam(this, "thresh", "coordinate-descent convergence threshold", ParamValidators.gt(0));
        alpha = new DoubleParam(this, "alpha", "elastic-net mixing (1 = lasso)", ParamValidators.inRange(0, 1, false, true));
        standardize = new BooleanParam(this, "standardize", "standardise predictors before fitting");
        seed = new LongParam(this, "seed", "seed of the random fold assignment");
        setDefault(foldCol, "");
        setDefault(nFolds, 10);
        setDefault(measure, "deviance");
        setDefault(lambdaChoice, "lambda.1se");
        setDefault(nLambda, 100);
        setDefault(lambdaMinRatio, 0.0);
        setDefault(thresh, 1e-7);
        setDefault(alpha, 1.0);
        setDefault(standardize, true);
        setDefault(seed, 42L);
    }

    public Param<String> foldCol() { return foldCol; }
    public IntParam nFolds() { return nFolds; }
    public Param<String> measure() { return measure; }
    public Param<String> lambdaChoice() { return lambdaChoice; }
    public IntParam nLambda() { return nLambda; }
    public DoubleParam lambdaMinRatio() { return lambdaMinRatio; }
    public DoubleParam thresh() { return thresh; }
    public DoubleParam alpha() { return alpha; }
    public BooleanParam standardize() { return standardize; }
    public LongParam seed() { return seed; }

    public LassoSelector setFoldCol(String v) { setParam(foldCol, v); return this; }
    public LassoSelector setNFolds(int v) { setParam(nFolds, v); return this; }
    public LassoSelector setMeasure(String v) { setParam(measure, v); return this; }
    public LassoSelector setLambdaChoice(String v) { setParam(lambdaChoice, v); return this; }
    public LassoSelector setNLambda(int v) { setParam(nLambda, v); return this; }
    public LassoSelector setLambdaMinRatio(double v) { setParam(lambdaMinRatio, v); return this; }
    public LassoSelector setThresh(double v) { setParam(thresh, v); return this; }
    public LassoSelector setAlpha(double v) { setParam(alpha, v); return this; }
    public LassoSelector setStandardize(boolean v) { setParam(standardize, v); return this; }
    public LassoSelector setSeed(long v) { setParam(seed, v); return this; }
    public LassoSelector setFeaturesCol(String v) { setParam(featuresCol(), v); return this; }
    public LassoSelector setLabelCol(String v) { setParam(labelCol(), v); return this; }
    public LassoSelector setOutputCol(String v) { setParam(outputCol(), v); return this; }

    Glmnet.Options options() {
        Glmnet.Options o = new Glmnet.Options();
        o.alpha = (Double) getOrDefault(alpha);
        o.nlambda = (Integer) getOrDefault(nLambda);
        double r = (Double) getOrDefault(lambdaMinRatio);
        o.lambdaMinRatio = r > 0 ? r : Double.NaN;
        o.thresh = (Double) getOrDefault(thresh);
        o.standardize = (Boolean) getOrDefault(standardize);
        return o;
    }

    /** Seeded random folds 1..k of (nearly) equal size, as cv.glmnet's sample(rep(1:k, length = n)). */
    public static int[] randomFolds(int n, int k, long seed) {
        int[] f = new int[n];
        for (int i = 0; i < n; i++) {
            f[i] = i % k + 1;
        }
        Random rnd = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = f[i];
            f[i] = f[j];
            f[j] = t;
        }
        return f;
    }

    @Override
    public LassoSelectorModel fit(Dataset<?> dataset) {
        String[] names = FeatureData.names(dataset.schema(), getFeaturesCol());
        String fc = getOrDefault(foldCol);
        FeatureData.WithExtra d = FeatureData.collect(dataset, getFeaturesCol(), getLabelCol(), fc.isEmpty() ? null : fc);
        int[] folds = d.extra != null ? d.extra
                : randomFolds(d.matrix.x.length, (Integer) getOrDefault(nFolds), (Long) getOrDefault(seed));
        Glmnet.CvResult cv = Glmnet.cv(d.matrix.x, d.matrix.y, folds, getOrDefault(measure), options());
        int chosen = "lambda.min".equals(getOrDefault(lambdaChoice)) ? cv.indexMin : cv.index1se;
        List<String> sel = new ArrayList<>();
        double[] b = cv.fit.beta[chosen];
        for (int j = 0; j < names.length; j++) {
            if (b[j] != 0) {
                sel.add(names[j]);
            }
        }
        LassoSelectorModel m = new LassoSelectorModel(uid());
        m.set(m.featureNames(), names);
        m.set(m.lambdaPath(), cv.fit.lambda);
        m.set(m.cvm(), cv.cvm);
        m.set(m.cvsd(), cv.cvsd);
        m.set(m.lambdaMin(), cv.lambdaMin());
        m.set(m.lambda1se(), cv.lambda1se());
        m.set(m.lambdaChosen(), cv.fit.lambda[chosen]);
        m.set(m.interceptMin(), cv.fit.a0[cv.indexMin]);
        m.set(m.coefficientsMin(), cv.fit.beta[cv.indexMin]);
        m.set(m.intercept1se(), cv.fit.a0[cv.index1se]);
        m.set(m.coefficients1se(), cv.fit.beta[cv.index1se]);
        m.set(m.intercept(), cv.fit.a0[chosen]);
        m.set(m.coefficients(), b);
        return configure(m, sel.toArray(new String[0]));
    }

    public static MLReader<LassoSelector> read() {
        return new DefaultParamsReader<>();
    }

    public static LassoSelector load(String path) {
        return read().load(path);
    }
}
