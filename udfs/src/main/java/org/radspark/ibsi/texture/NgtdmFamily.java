package org.radspark.ibsi.texture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.radspark.ibsi.IbsiValue;
import org.radspark.ibsi.IbsiVolume;

/** IBSI-1 neighbourhood grey tone difference matrix family (manual section "Neighbourhood grey tone difference based features", IPET). */
public final class NgtdmFamily {
    public static final String FAMILY = "neighbourhood grey tone difference matrix (NGTDM)";

    static final String[] NAMES = {"Coarseness", "Contrast", "Busyness", "Complexity", "Strength"};
    static final String[] CODES = {"QCDE", "65HE", "NQ30", "HDEZ", "1X9X"};

    /** Coarseness when every s_i is 0 (IBSI's stand-in for an infinite value). */
    static final double MAX_COARSENESS = 1.0e6;

    private NgtdmFamily() {
    }

    /**
     * All 5 NGTDM features at "2D" (per slice, 8 in-plane neighbours, features averaged over slices),
     * "2.5D" (n_i and s_i summed over slices) and "3D" (26 neighbours). The neighbourhood is Chebyshev
     * distance 1 without the centre; only neighbours inside the ROI (and the image) are averaged, and
     * a voxel with no such neighbour does not enter the matrix. One pass serves all three.
     */
    public static List<IbsiValue> compute(IbsiVolume v) {
        TextureSupport.checkLevels(v);
        int ng = v.ng();
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        int[] lv = v.levels();
        double[] n2 = new double[ng], s2 = new double[ng];
        double[] n25 = new double[ng], s25 = new double[ng];
        double[] n3 = new double[ng], s3 = new double[ng];
        TextureSupport.Mean mean2d = new TextureSupport.Mean(NAMES.length);
        for (int k = 0; k < nz; k++) {
            boolean any = false;
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int idx = v.index(i, j, k);
                    if (!TextureSupport.inRoi(v, idx)) {
                        continue;
                    }
                    any = true;
                    double sumPlane = 0, sumAll = 0;
                    int wPlane = 0, wAll = 0;
                    for (int dz = -1; dz <= 1; dz++) {
                        int kk = k + dz;
                        if (kk < 0 || kk >= nz) {
                            continue;
                        }
                        for (int dy = -1; dy <= 1; dy++) {
                            int jj = j + dy;
                            if (jj < 0 || jj >= ny) {
                                continue;
                            }
                            for (int dx = -1; dx <= 1; dx++) {
                                int ii = i + dx;
                                if (ii < 0 || ii >= nx || (dx == 0 && dy == 0 && dz == 0)) {
                                    continue;
                                }
                                int nb = v.index(ii, jj, kk);
                                if (!TextureSupport.inRoi(v, nb)) {
                                    continue;
                                }
                                sumAll += lv[nb];
                                wAll++;
                                if (dz == 0) {
                                    sumPlane += lv[nb];
                                    wPlane++;
                                }
                            }
                        }
                    }
                    int g = lv[idx] - 1;
                    if (wPlane > 0) {
                        n2[g] += 1;
                        s2[g] += Math.abs(lv[idx] - sumPlane / wPlane);
                    }
                    if (wAll > 0) {
                        n3[g] += 1;
                        s3[g] += Math.abs(lv[idx] - sumAll / wAll);
                    }
                }
            }
            if (!any) {
                continue;
            }
            mean2d.add(features(n2, s2));
            TextureSupport.add(n25, n2);
            TextureSupport.add(s25, s2);
            Arrays.fill(n2, 0);
            Arrays.fill(s2, 0);
        }
        List<IbsiValue> out = new ArrayList<>(NAMES.length * 3);
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_2D, mean2d.mean());
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_25D, features(n25, s25));
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_3D, features(n3, s3));
        return out;
    }

    /** The 5 features from voxel counts n_i and absolute-difference sums s_i; NaN when n is empty. */
    static double[] features(double[] n, double[] s) {
        int ng = n.length;
        double nvc = 0, sTotal = 0;
        int ngp = 0;
        for (int q = 0; q < ng; q++) {
            nvc += n[q];
            sTotal += s[q];
            if (n[q] > 0) {
                ngp++;
            }
        }
        double[] f = new double[NAMES.length];
        if (nvc <= 0) {
            Arrays.fill(f, Double.NaN);
            return f;
        }
        double ps = 0;
        for (int q = 0; q < ng; q++) {
            ps += n[q] / nvc * s[q];
        }
        double contrastSum = 0, busyDen = 0, complexity = 0, strengthNum = 0;
        for (int a = 0; a < ng; a++) {
            if (n[a] <= 0) {
                continue;
            }
            double pa = n[a] / nvc;
            for (int b = 0; b < ng; b++) {
                if (n[b] <= 0) {
                    continue;
                }
                double pb = n[b] / nvc;
                double d = a - b;
                contrastSum += pa * pb * d * d;
                busyDen += Math.abs((a + 1) * pa - (b + 1) * pb);
                complexity += Math.abs(d) * (pa * s[a] + pb * s[b]) / (pa + pb);
                strengthNum += (pa + pb) * d * d;
            }
        }
        f[0] = ps > 0 ? 1.0 / ps : MAX_COARSENESS;
        f[1] = ngp > 1 ? contrastSum / (ngp * (ngp - 1.0)) * sTotal / nvc : 0.0;
        f[2] = busyDen > 0 ? ps / busyDen : 0.0;
        f[3] = complexity / nvc;
        f[4] = sTotal > 0 ? strengthNum / sTotal : 0.0;
        return f;
    }
}
