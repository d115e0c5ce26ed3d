package org.radspark.preprocess;

import org.radspark.extract.ExtractionException;
import org.radspark.extract.ExtractionException.Stage;
import org.radspark.image.Image;
import org.radspark.image.Mask;

/**
 * Intensity re-segmentation of the ROI (pyradiomics imageoperations.resegmentMask): keeps ROI voxels
 * with lower <= x (<= upper) where the thresholds are absolute, relative to the ROI maximum, or
 * mean + t * population standard deviation ("sigma").
 */
public final class Resegmenter {
    private Resegmenter() {
    }

    public static Mask resegment(Image image, Mask mask, int label, double[] range, String mode) {
        double[] v = image.voxels();
        int[] labels = mask.labels();
        double[] t = range.clone();
        java.util.Arrays.sort(t);
        switch (mode) {
            case "absolute" -> { }
            case "relative" -> {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < v.length; i++) {
                    if (labels[i] == label && v[i] > max) {
                        max = v[i];
                    }
                }
                for (int i = 0; i < t.length; i++) {
                    t[i] *= max;
                }
            }
            case "sigma" -> {
                long n = 0;
                double sum = 0;
                for (int i = 0; i < v.length; i++) {
                    if (labels[i] == label) {
                        sum += v[i];
                        n++;
                    }
                }
                double mean = sum / n;
                double ss = 0;
                for (int i = 0; i < v.length; i++) {
                    if (labels[i] == label) {
                        double d = v[i] - mean;
                        ss += d * d;
                    }
                }
                double sd = Math.sqrt(ss / n);
                for (int i = 0; i < t.length; i++) {
                    t[i] = mean + sd * t[i];
                }
            }
            default -> throw new ExtractionException(Stage.PREPROCESS, "unknown resegmentMode '" + mode + "'");
        }
        int[] out = new int[labels.length];
        long kept = 0;
        for (int i = 0; i < v.length; i++) {
            if (labels[i] == label && v[i] >= t[0] && (t.length < 2 || v[i] <= t[1])) {
                out[i] = label;
                kept++;
            }
        }
        if (kept <= 1) {
            throw new ExtractionException(Stage.PREPROCESS, "resegmentation kept " + kept
                + " voxel(s) of label " + label + "; features cannot be extracted");
        }
        return new Mask(mask.geometry(), out);
    }
}
