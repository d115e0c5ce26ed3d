package org.radspark.ml;

import java.util.Arrays;

import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * C-SVC with libsvm (Chang and Lin), kernels "rbf" exp(-gamma |x - z|^2), "linear" x.z and
 * "poly" (gamma x.z + coef0)^degree. gamma &lt;= 0 means 1 / number of features (libsvm's default).
 * Training runs libsvm on the driver with the rows ordered by label (0 first, stable), the order
 * scikit-learn's SVC hands to its libsvm, so decision values agree with SVC.decision_function.
 * With {@code probability}, libsvm's Platt scaling (internal 5-fold CV, seeded by {@code seed})
 * gives the probability column; without it the probability is 1 / (1 + exp(-decision)).
 * Output columns: rawPrediction [-d, d] (d &gt; 0 favours label 1), probability, prediction.
 * In CrossValidator with a ParamGridBuilder over C and gamma, setParallelism(n) fits n grid
 * points at a time on the driver's threads.
 */
public class KernelSvc extends Estimator<KernelSvcModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> kernel;
    private final DoubleParam c;
    private final DoubleParam gamma;
    private final IntParam degree;
    private final DoubleParam coef0;
    private final BooleanParam probability;
    private final DoubleParam tol;
    private final DoubleParam cacheSizeMb;
    private final BooleanParam shrinking;
    private final LongParam seed;

    public KernelSvc() {
        this(Identifiable.randomUID("kernelSvc"));
    }

    public KernelSvc(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "vector column of features");
        labelCol = new Param<>(this, "labelCol", "0/1 label column");
        kernel = new Param<>(this, "kernel", "rbf, linear or poly", ParamValidators.inArray(new String[] {"rbf", "linear", "poly"}));
        c = new DoubleParam(this, "C", "cost", ParamValidators.gt(0));
        gamma = new DoubleParam(this, "gamma", "kernel coefficient (<= 0: 1 / number of features)");
        degree = new IntParam(this, "degree", "polynomial degree", ParamValidators.gtEq(1));
        coef0 = new DoubleParam(this, "coef0", "polynomial kernel offset");
        probability = new BooleanParam(this, "probability", "fit libsvm's Platt scaling");
        tol = new DoubleParam(this, "tol", "stopping tolerance (libsvm eps)", ParamValidators.gt(0));
        cacheSizeMb = new DoubleParam(this, "cacheSizeMb", "kernel cache in MB", ParamValidators.gt(0));
        shrinking = new BooleanParam(this, "shrinking", "libsvm shrinking heuristics");
        seed = new LongParam(this, "seed", "seed of the Platt-scaling cross-validation");
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(kernel, "rbf");
        setDefault(c, 1.0);
        setDefault(gamma, 0.0);
        setDefault(degree, 3);
        setDefault(coef0, 0.0);
        setDefault(probability, false);
        setDefault(tol, 1e-3);
        setDefault(cacheSizeMb, 200.0);
        setDefault(shrinking, true);
        setDefault(seed, 42L);
    }

    @Override
    public String uid() { return uid; }
    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> labelCol() { return labelCol; }
    public Param<String> kernel() { return kernel; }
    public DoubleParam C() { return c; }
    public DoubleParam gamma() { return gamma; }
    public IntParam degree() { return degree; }
    public DoubleParam coef0() { return coef0; }
    public BooleanParam probability() { return probability; }
    public DoubleParam tol() { return tol; }
    public DoubleParam cacheSizeMb() { return cacheSizeMb; }
    public BooleanParam shrinking() { return shrinking; }
    public LongParam seed() { return seed; }
    public KernelSvc setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public KernelSvc setLabelCol(String v) { set(labelCol, v); return this; }
    public KernelSvc setKernel(String v) { set(kernel, v); return this; }
    public KernelSvc setC(double v) { set(c, v); return this; }
    public KernelSvc setGamma(double v) { set(gamma, v); return this; }
    public KernelSvc setDegree(int v) { set(degree, v); return this; }
    public KernelSvc setCoef0(double v) { set(coef0, v); return this; }
    public KernelSvc setProbability(boolean v) { set(probability, v); return this; }
    public KernelSvc setTol(double v) { set(tol, v); return this; }
    public KernelSvc setSeed(long v) { set(seed, v); return this; }

    svm_parameter parameters(int nFeatures) {
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.C_SVC;
        String k = getOrDefault(kernel);
        p.kernel_type = "linear".equals(k) ? svm_parameter.LINEAR : "poly".equals(k) ? svm_parameter.POLY : svm_parameter.RBF;
        double g = (Double) getOrDefault(gamma);
        p.gamma = g > 0 ? g : 1.0 / nFeatures;
        p.degree = (Integer) getOrDefault(degree);
        p.coef0 = (Double) getOrDefault(coef0);
        p.C = (Double) getOrDefault(c);
        p.eps = (Double) getOrDefault(tol);
        p.cache_size = (Double) getOrDefault(cacheSizeMb);
        p.shrinking = (Boolean) getOrDefault(shrinking) ? 1 : 0;
        p.probability = (Boolean) getOrDefault(probability) ? 1 : 0;
        p.nr_weight = 0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        return p;
    }

    /** Trains libsvm on a matrix (rows reordered by label, 0 first). */
    public svm_model train(double[][] x, int[] y) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(y[a], y[b]));
        svm_problem prob = new svm_problem();
        prob.l = n;
        prob.x = new svm_node[n][];
        prob.y = new double[n];
        for (int r = 0; r < n; r++) {
            prob.x[r] = nodes(x[order[r]]);
            prob.y[r] = y[order[r]];
        }
        svm_parameter p = parameters(x[0].length);
        String err = svm.svm_check_parameter(prob, p);
        if (err != null) {
            throw new IllegalArgumentException("libsvm: " + err);
        }
        synchronized (svm.class) {
            svm.svm_set_print_string_function(s -> { });
            svm.rand.setSeed((Long) getOrDefault(seed));
            return svm.svm_train(prob, p);
        }
    }

    static svm_node[] nodes(double[] v) {
        svm_node[] out = new svm_node[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = new svm_node();
            out[j].index = j + 1;
            out[j].value = v[j];
        }
        return out;
    }

    @Override
    public KernelSvcModel fit(Dataset<?> dataset) {
        FeatureData.Matrix m = FeatureData.collect(dataset, getOrDefault(featuresCol), getOrDefault(labelCol));
        svm_model model = train(m.x, m.labels());
        KernelSvcModel out = new KernelSvcModel(uid, model);
        out.set(out.featuresCol(), getOrDefault(featuresCol));
        out.set(out.probability(), getOrDefault(probability));
        return out.setParent(this);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return BinaryOutputs.schema(schema, "rawPrediction", "probability", "prediction");
    }

    @Override
    public KernelSvc copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<KernelSvc> read() {
        return new DefaultParamsReader<>();
    }

    public static KernelSvc load(String path) {
        return read().load(path);
    }
}
