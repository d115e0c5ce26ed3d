package org.radspark.preprocess;

import org.radspark.image.Image;

/**
 * Whole-image z-score normalisation (pyradiomics imageoperations.normalizeImage, which applies ITK's
 * NormalizeImageFilter: sample standard deviation with n-1), optional clipping at +/- removeOutliers
 * standard deviations, then multiplication by normalizeScale.
 */
public final class Normalizer {
    private Normalizer() {
    }

    public static Image normalize(Image image, double scale, Double removeOutliers) {
        double[] v = image.voxels();
        int n = v.length;
        // Compensated (Kahan) sums, as ITK's StatisticsImageFilter accumulates them.
        double sum = 0, sumC = 0, sq = 0, sqC = 0;
        for (double x : v) {
            double y = x - sumC;
            double t = sum + y;
            sumC = (t - sum) - y;
            sum = t;
            double y2 = x * x - sqC;
            double t2 = sq + y2;
            sqC = (t2 - sq) - y2;
            sq = t2;
        }
        double mean = sum / n;
        double variance = n > 1 ? (sq - sum * sum / n) / (n - 1) : 0;
        double sigma = Math.sqrt(variance);
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("cannot normalise an image with zero standard deviation");
        }
        double inv = 1.0 / sigma;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double z = (v[i] - mean) * inv;
            if (removeOutliers != null) {
                if (z > removeOutliers) {
                    z = removeOutliers;
                } else if (z < -removeOutliers) {
                    z = -removeOutliers;
                }
            }
            out[i] = z * scale;
        }
        return new Image(image.geometry(), out);
    }
}
