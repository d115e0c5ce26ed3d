package org.radspark.ml;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.stat.Correlation;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * Redundancy pruning. Correlations come from MLlib's distributed {@link Correlation}
 * ({@code method} "pearson", "spearman" or "both"; with "both" a pair's strength is the larger of
 * its two |r|). Greedy rule: all pairs with |r| above {@code threshold} are sorted by |r|
 * descending (ties: lower first index, then lower second index); for each pair whose two features
 * are both still kept, the feature with the lower univariate discrimination is dropped, measured
 * by max(AUC, 1 - AUC) of the feature against the label (ties: the later feature is dropped).
 */
public class CorrelationPruner extends SelectorEstimator<CorrelationPrunerModel> {
    private static final long serialVersionUID = 1L;

    private final Param<String> method;
    private final DoubleParam threshold;

    public CorrelationPruner() {
        this(Identifiable.randomUID("correlationPruner"));
    }

    public CorrelationPruner(String uid) {
        super(uid);
        method = new Param<>(this, "method", "pearson, spearman or both",
                ParamValidators.inArray(new String[] {"pearson", "spearman", "both"}));
        threshold = new DoubleParam(this, "threshold", "|r| above which one of a pair is dropped", ParamValidators.inRange(0, 1));
        setDefault(method, "pearson");
        setDefault(threshold, 0.9);
    }

    public Param<String> method() { return method; }
    public DoubleParam threshold() { return threshold; }
    public CorrelationPruner setMethod(String v) { setParam(method, v); return this; }
    public CorrelationPruner setThreshold(double v) { setParam(threshold, v); return this; }
    public CorrelationPruner setFeaturesCol(String v) { setParam(featuresCol(), v); return this; }
    public CorrelationPruner setLabelCol(String v) { setParam(labelCol(), v); return this; }
    public CorrelationPruner setOutputCol(String v) { setParam(outputCol(), v); return this; }

    private static double[][] corr(Dataset<?> df, String col, String method) {
        Matrix m = (Matrix) Correlation.corr(df, col, method).head().get(0);
        int p = m.numRows();
        double[][] r = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                r[i][j] = m.apply(i, j);
            }
        }
        return r;
    }

    /** Greedy pruning; returns keep flags. auc: discrimination per feature. */
    public static boolean[] prune(double[][] absR, double[] discrimination, double threshold, List<String> log, String[] names) {
        int p = discrimination.length;
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                if (absR[i][j] > threshold) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        pairs.sort((a, b) -> {
            int c = Double.compare(absR[b[0]][b[1]], absR[a[0]][a[1]]);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a[0], b[0]);
            return c != 0 ? c : Integer.compare(a[1], b[1]);
        });
        boolean[] keep = new boolean[p];
        java.util.Arrays.fill(keep, true);
        for (int[] pr : pairs) {
            int i = pr[0];
            int j = pr[1];
            if (!keep[i] || !keep[j]) {
                continue;
            }
            int drop = discrimination[i] >= discrimination[j] ? j : i;
            keep[drop] = false;
            if (log != null) {
                int other = drop == i ? j : i;
                log.add(names[drop] + " dropped for " + names[other] + " (|r| = " + absR[i][j] + ")");
            }
        }
        return keep;
    }

    @Override
    public CorrelationPrunerModel fit(Dataset<?> dataset) {
        String[] names = FeatureData.names(dataset.schema(), getFeaturesCol());
        String m = getOrDefault(method);
        int p = names.length;
        double[][] abs = new double[p][p];
        for (String meth : "both".equals(m) ? new String[] {"pearson", "spearman"} : new String[] {m}) {
            double[][] r = corr(dataset, getFeaturesCol(), meth);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    double a = Math.abs(r[i][j]);
                    abs[i][j] = Double.isNaN(a) ? abs[i][j] : Math.max(abs[i][j], a);
                }
            }
        }
        FeatureData.Matrix data = FeatureData.collect(dataset, getFeaturesCol(), getLabelCol());
        int[] y = data.labels();
        double[] disc = new double[p];
        for (int j = 0; j < p; j++) {
            double a = Roc.auc(data.column(j), y);
            disc[j] = Math.max(a, 1 - a);
        }
        List<String> log = new ArrayList<>();
        boolean[] keep = prune(abs, disc, (Double) getOrDefault(threshold), log, names);
        List<String> sel = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            if (keep[j]) {
                sel.add(names[j]);
            }
        }
        CorrelationPrunerModel model = new CorrelationPrunerModel(uid());
        model.set(model.featureNames(), names);
        model.set(model.discrimination(), disc);
        model.set(model.decisions(), log.toArray(new String[0]));
        return configure(model, sel.toArray(new String[0]));
    }

    public static MLReader<CorrelationPruner> read() {
        return new DefaultParamsReader<>();
    }

    public static CorrelationPruner load(String path) {
        return read().load(path);
    }
}
