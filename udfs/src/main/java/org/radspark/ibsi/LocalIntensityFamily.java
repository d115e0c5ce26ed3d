package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.List;

/**
 * Local intensity features, IBSI-1 manual section 3.2 (family 9ST6): mean intensity in a sphere of
 * 1 cm^3 (radius (3/(4 pi))^(1/3) cm) around a voxel, over every image voxel whose centre lies in the
 * sphere, in or out of the ROI. Local peak (VJGA): around the ROI voxel(s) of maximum intensity
 * (the largest mean if several); global peak (0F91): the largest mean over all ROI voxels.
 */
public final class LocalIntensityFamily {

    public static final String FAMILY = "local intensity";

    private LocalIntensityFamily() {
    }

    public static List<IbsiValue> compute(IbsiRoi roi) {
        double radius = Math.cbrt(3.0 * 1000.0 / (4.0 * Math.PI)); // mm
        double[] s = roi.spacing();
        int rx = (int) Math.floor(radius / s[0]), ry = (int) Math.floor(radius / s[1]), rz = (int) Math.floor(radius / s[2]);
        List<int[]> offsets = new ArrayList<>();
        for (int dk = -rz; dk <= rz; dk++) {
            for (int dj = -ry; dj <= ry; dj++) {
                for (int di = -rx; di <= rx; di++) {
                    double d2 = sq(di * s[0]) + sq(dj * s[1]) + sq(dk * s[2]);
                    if (d2 <= radius * radius * (1 + 1e-12)) {
                        offsets.add(new int[] {di, dj, dk});
                    }
                }
            }
        }
        double[] img = roi.intensities();
        byte[] mask = roi.intensityMask();
        double maxIntensity = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                maxIntensity = Math.max(maxIntensity, img[i]);
            }
        }
        double local = Double.NEGATIVE_INFINITY, global = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < roi.nz(); k++) {
            for (int j = 0; j < roi.ny(); j++) {
                for (int i = 0; i < roi.nx(); i++) {
                    int idx = roi.index(i, j, k);
                    if (mask[idx] == 0) {
                        continue;
                    }
                    double sum = 0;
                    int n = 0;
                    for (int[] o : offsets) {
                        int a = i + o[0], b = j + o[1], c = k + o[2];
                        if (a >= 0 && b >= 0 && c >= 0 && a < roi.nx() && b < roi.ny() && c < roi.nz()) {
                            sum += img[roi.index(a, b, c)];
                            n++;
                        }
                    }
                    double mean = sum / n;
                    global = Math.max(global, mean);
                    if (img[idx] == maxIntensity) {
                        local = Math.max(local, mean);
                    }
                }
            }
        }
        List<IbsiValue> out = new ArrayList<>();
        out.add(new IbsiValue(FAMILY, "Local intensity peak", "VJGA", IbsiExtractor.NO_AGGREGATION, local));
        out.add(new IbsiValue(FAMILY, "Global intensity peak", "0F91", IbsiExtractor.NO_AGGREGATION, global));
        return out;
    }

    private static double sq(double v) {
        return v * v;
    }
}
