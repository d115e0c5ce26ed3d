package org.radspark.jobs.study;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.radspark.ml.BinaryMetrics;
import org.radspark.ml.Calibration;
import org.radspark.ml.Roc;

/**
 * The metric rows of a study: per model and split the AUC with its DeLong 95 % CI; sensitivity,
 * specificity, accuracy (Wilson 95 % CIs), precision and F1 at the Youden threshold chosen on the
 * training split (the same threshold is applied to the test split) and at probability 0.5; Brier
 * score, Hosmer-Lemeshow p (10 groups), calibration intercept and slope; and per split the paired
 * DeLong test between every two models (metric delong_p, model "A vs B", z in the value of delong_z).
 */
final class StudyMetrics {
    static final List<String> SPLITS = List.of("train", "test");
    private static final double Z975 = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.975);

    private StudyMetrics() {
    }

    static void compute(StudyResult r) {
        for (StudyResult.ModelResult m : r.models) {
            m.youden = BinaryMetrics.youdenThreshold(m.trainP, m.trainY);
            for (String split : SPLITS) {
                int[] y = m.y(split);
                double[] p = m.p(split);
                int pos = 0;
                for (int v : y) {
                    pos += v;
                }
                add(r, m.name, split, "n", y.length);
                add(r, m.name, split, "n_positive", pos);
                Roc.DeLong dl = Roc.delong(p, y);
                double[] ci = dl.ci(0.95);
                r.metrics.add(new StudyResult.MetricRow(m.name, split, "auc", dl.auc, ci[0], ci[1]));
                BinaryMetrics b = BinaryMetrics.at(p, y, m.youden);
                add(r, m.name, split, "threshold", m.youden);
                proportion(r, m.name, split, "sensitivity", b.tp, b.tp + b.fn);
                proportion(r, m.name, split, "specificity", b.tn, b.tn + b.fp);
                proportion(r, m.name, split, "accuracy", b.tp + b.tn, b.tp + b.tn + b.fp + b.fn);
                add(r, m.name, split, "precision", b.precision());
                add(r, m.name, split, "f1", b.f1());
                BinaryMetrics half = BinaryMetrics.at(p, y, 0.5);
                proportion(r, m.name, split, "sensitivity_at_0.5", half.tp, half.tp + half.fn);
                proportion(r, m.name, split, "specificity_at_0.5", half.tn, half.tn + half.fp);
                double[] pc = clipped(p);
                add(r, m.name, split, "brier", Calibration.brier(p, y));
                add(r, m.name, split, "hosmer_lemeshow_p", safe(() -> Calibration.hosmerLemeshow(pc, y, 10)[2]));
                double[] rc = safeArray(() -> Calibration.recalibration(pc, y));
                add(r, m.name, split, "calibration_intercept", rc[0]);
                add(r, m.name, split, "calibration_slope", rc[1]);
            }
        }
        for (String split : SPLITS) {
            for (int a = 0; a < r.models.size(); a++) {
                for (int b = a + 1; b < r.models.size(); b++) {
                    StudyResult.ModelResult ma = r.models.get(a);
                    StudyResult.ModelResult mb = r.models.get(b);
                    double[] t = Roc.pairedTest(ma.p(split), mb.p(split), ma.y(split));
                    r.delong.add(new StudyResult.DeLongRow(split, ma.name, mb.name, t[2], t[3], t[0], t[1]));
                    add(r, ma.name + " vs " + mb.name, split, "delong_z", t[0]);
                    add(r, ma.name + " vs " + mb.name, split, "delong_p", t[1]);
                }
            }
        }
    }

    /** Probabilities moved into [1e-6, 1 - 1e-6] so logits stay finite. */
    static double[] clipped(double[] p) {
        double[] c = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            c[i] = Math.min(1 - 1e-6, Math.max(1e-6, p[i]));
        }
        return c;
    }

    /** Wilson score interval. */
    static double[] wilson(long k, long n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double ph = (double) k / n;
        double z2 = Z975 * Z975;
        double den = 1 + z2 / n;
        double mid = (ph + z2 / (2.0 * n)) / den;
        double half = Z975 * Math.sqrt(ph * (1 - ph) / n + z2 / (4.0 * n * n)) / den;
        return new double[] {ph, Math.max(0, mid - half), Math.min(1, mid + half)};
    }

    private static void proportion(StudyResult r, String model, String split, String metric, long k, long n) {
        double[] w = wilson(k, n);
        r.metrics.add(new StudyResult.MetricRow(model, split, metric, w[0], finite(w[1]), finite(w[2])));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void add(StudyResult r, String model, String split, String metric, double v) {
        r.metrics.add(new StudyResult.MetricRow(model, split, metric, v, null, null));
    }

    private interface Calc {
        double get();
    }

    private interface CalcArray {
        double[] get();
    }

    /** A statistic that can fail on degenerate data (separation, empty groups) becomes NaN. */
    private static double safe(Calc c) {
        try {
            double v = c.get();
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double[] safeArray(CalcArray c) {
        try {
            return c.get();
        } catch (RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }
}
