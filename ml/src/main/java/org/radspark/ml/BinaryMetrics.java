package org.radspark.ml;

/**
 * Confusion matrix and threshold metrics of a score against 0/1 labels. A case is predicted
 * positive when its score is &gt;= the threshold. The Youden threshold is the observed score value
 * maximising sensitivity + specificity - 1 (the smallest such score when several tie).
 */
public final class BinaryMetrics {
    public final double threshold;
    public final long tp;
    public final long fp;
    public final long tn;
    public final long fn;

    private BinaryMetrics(double threshold, long tp, long fp, long tn, long fn) {
        this.threshold = threshold;
        this.tp = tp;
        this.fp = fp;
        this.tn = tn;
        this.fn = fn;
    }

    public static BinaryMetrics at(double[] score, int[] label, double threshold) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < score.length; i++) {
            boolean pos = score[i] >= threshold;
            if (label[i] == 1) {
                if (pos) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (pos) {
                fp++;
            } else {
                tn++;
            }
        }
        return new BinaryMetrics(threshold, tp, fp, tn, fn);
    }

    public static BinaryMetrics atYouden(double[] score, int[] label) {
        return at(score, label, youdenThreshold(score, label));
    }

    public static double youdenThreshold(double[] score, int[] label) {
        int n = score.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(score[b], score[a]));
        long pos = 0;
        for (int l : label) {
            pos += l;
        }
        long neg = n - pos;
        long tp = 0;
        long fp = 0;
        double best = Double.NEGATIVE_INFINITY;
        double bestT = Double.POSITIVE_INFINITY;
        int i = 0;
        while (i < n) {
            double t = score[idx[i]];
            while (i < n && score[idx[i]] == t) {
                if (label[idx[i]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            double j = (double) tp / pos + (double) (neg - fp) / neg - 1;
            if (j >= best) {
                best = j;
                bestT = t;
            }
        }
        return bestT;
    }

    public long[][] confusionMatrix() {
        return new long[][] {{tn, fp}, {fn, tp}};
    }

    public double sensitivity() {
        return (double) tp / (tp + fn);
    }

    public double specificity() {
        return (double) tn / (tn + fp);
    }

    public double accuracy() {
        return (double) (tp + tn) / (tp + tn + fp + fn);
    }

    public double precision() {
        return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    }

    public double f1() {
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
