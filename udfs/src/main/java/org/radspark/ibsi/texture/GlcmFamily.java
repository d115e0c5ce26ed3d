package org.radspark.ibsi.texture;

import java.util.ArrayList;
import java.util.List;

import org.radspark.ibsi.IbsiValue;
import org.radspark.ibsi.IbsiVolume;

/** IBSI-1 grey level co-occurrence matrix family (manual section "Grey level co-occurrence based features", LFYI). */
public final class GlcmFamily {
    public static final String FAMILY = "grey level co-occurrence matrix (GLCM)";

    static final String[] NAMES = {
        "Joint maximum", "Joint average", "Joint variance", "Joint entropy",
        "Difference average", "Difference variance", "Difference entropy",
        "Sum average", "Sum variance", "Sum entropy",
        "Angular second moment", "Contrast", "Dissimilarity",
        "Inverse difference", "Normalised inverse difference",
        "Inverse difference moment", "Normalised inverse difference moment", "Inverse variance",
        "Correlation", "Autocorrelation", "Cluster tendency", "Cluster shade", "Cluster prominence",
        "Information correlation 1", "Information correlation 2",
    };
    static final String[] CODES = {
        "GYBY", "60VM", "UR99", "TU9B",
        "TF7R", "D3YU", "NTRS",
        "ZGXS", "OEEB", "P6QZ",
        "8ZQL", "ACUI", "8S9J",
        "IB1Z", "NDRX",
        "WF0Z", "1QCO", "E8JP",
        "NI2N", "QWB0", "DG8W", "7NFM", "AE86",
        "R8DG", "JN9H",
    };

    private GlcmFamily() {
    }

    /**
     * All 25 GLCM features at the six IBSI aggregations ("2D, averaged", "2D, slice-merged",
     * "2.5D, direction-merged", "2.5D, merged", "3D, averaged", "3D, merged"). Symmetric matrices at
     * Chebyshev distance 1, ng x ng (absent grey levels stay as zero rows), 4 in-plane directions for
     * 2D/2.5D and 13 directions for 3D. One pass over the voxels builds every matrix: the slice
     * matrices of the 4 in-plane directions are accumulated into the volume matrices of the same
     * directions, which are then both the 2.5D per-direction matrices and 4 of the 13 3D matrices.
     */
    public static List<IbsiValue> compute(IbsiVolume v) {
        TextureSupport.checkLevels(v);
        int ng = v.ng();
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        int[] lv = v.levels();
        int nd = TextureSupport.DIRECTIONS.length;
        int cells = ng * ng;
        double[][] slice = new double[TextureSupport.IN_PLANE][cells];
        double[][] volume = new double[nd][cells];
        double[] sliceMerged = new double[cells];
        TextureSupport.Mean avg2d = new TextureSupport.Mean(NAMES.length);
        TextureSupport.Mean merged2d = new TextureSupport.Mean(NAMES.length);
        double[] scratch = new double[4 * ng + 2];

        for (int k = 0; k < nz; k++) {
            boolean any = false;
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int idx = v.index(i, j, k);
                    if (!TextureSupport.inRoi(v, idx)) {
                        continue;
                    }
                    any = true;
                    int a = lv[idx] - 1;
                    for (int d = 0; d < nd; d++) {
                        int[] dir = TextureSupport.DIRECTIONS[d];
                        int i2 = i + dir[0], j2 = j + dir[1], k2 = k + dir[2];
                        if (i2 < 0 || i2 >= nx || j2 < 0 || j2 >= ny || k2 < 0 || k2 >= nz) {
                            continue;
                        }
                        int idx2 = v.index(i2, j2, k2);
                        if (!TextureSupport.inRoi(v, idx2)) {
                            continue;
                        }
                        int b = lv[idx2] - 1;
                        double[] m = d < TextureSupport.IN_PLANE ? slice[d] : volume[d];
                        m[a * ng + b] += 1;
                        m[b * ng + a] += 1;
                    }
                }
            }
            if (!any) {
                continue;
            }
            java.util.Arrays.fill(sliceMerged, 0);
            for (int d = 0; d < TextureSupport.IN_PLANE; d++) {
                avg2d.add(features(slice[d], ng, scratch));
                TextureSupport.add(sliceMerged, slice[d]);
                TextureSupport.add(volume[d], slice[d]);
                java.util.Arrays.fill(slice[d], 0);
            }
            merged2d.add(features(sliceMerged, ng, scratch));
        }

        List<IbsiValue> out = new ArrayList<>(NAMES.length * 6);
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "2D, averaged", avg2d.mean());
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "2D, slice-merged", merged2d.mean());

        TextureSupport.Mean dirMerged = new TextureSupport.Mean(NAMES.length);
        double[] all2d = new double[cells];
        for (int d = 0; d < TextureSupport.IN_PLANE; d++) {
            dirMerged.add(features(volume[d], ng, scratch));
            TextureSupport.add(all2d, volume[d]);
        }
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "2.5D, direction-merged", dirMerged.mean());
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "2.5D, merged", features(all2d, ng, scratch));

        TextureSupport.Mean avg3d = new TextureSupport.Mean(NAMES.length);
        double[] all3d = new double[cells];
        for (int d = 0; d < nd; d++) {
            avg3d.add(features(volume[d], ng, scratch));
            TextureSupport.add(all3d, volume[d]);
        }
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "3D, averaged", avg3d.mean());
        TextureSupport.emit(out, FAMILY, NAMES, CODES, "3D, merged", features(all3d, ng, scratch));
        return out;
    }

    /**
     * The 25 features of one co-occurrence count matrix (ng x ng, row = first grey level - 1), in the
     * order of {@link #NAMES}; all NaN for an empty matrix. {@code scratch} holds at least 4 ng + 2
     * doubles (marginal, diagonal and cross-diagonal probabilities).
     */
    static double[] features(double[] counts, int ng, double[] scratch) {
        double[] f = new double[NAMES.length];
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        if (total <= 0) {
            java.util.Arrays.fill(f, Double.NaN);
            return f;
        }
        // scratch layout: [0, ng) row marginal p_i., [ng, 2ng) difference p_{i-j,k} (k = 0..ng-1),
        // [2ng, 4ng+1) sum p_{i+j,k} at offset k - 2 (k = 2..2ng)
        java.util.Arrays.fill(scratch, 0, 4 * ng + 1, 0.0);
        int pd = ng, ps = 2 * ng;
        double max = 0, mu = 0, entropy = 0, asm = 0, contrast = 0, dissim = 0;
        double invDiff = 0, invDiffN = 0, idm = 0, idmN = 0, autocorr = 0;
        for (int r = 0; r < ng; r++) {
            for (int c = 0; c < ng; c++) {
                double x = counts[r * ng + c];
                if (x == 0) {
                    continue;
                }
                double p = x / total;
                double i = r + 1, j = c + 1;
                int k = Math.abs(r - c);
                max = Math.max(max, p);
                mu += i * p;
                entropy -= p * TextureSupport.log2(p);
                asm += p * p;
                contrast += (double) k * k * p;
                dissim += k * p;
                invDiff += p / (1.0 + k);
                invDiffN += p / (1.0 + (double) k / ng);
                idm += p / (1.0 + (double) k * k);
                idmN += p / (1.0 + ((double) k * k) / ((double) ng * ng));
                autocorr += i * j * p;
                scratch[r] += p;
                scratch[pd + k] += p;
                scratch[ps + r + c] += p;
            }
        }
        double jointVar = 0, clusterT = 0, clusterS = 0, clusterP = 0, cov = 0;
        double hxy1 = 0, hxy2 = 0;
        for (int r = 0; r < ng; r++) {
            double pi = scratch[r];
            for (int c = 0; c < ng; c++) {
                double pj = scratch[c];
                double pipj = pi * pj;
                if (pipj > 0) {
                    hxy2 -= pipj * TextureSupport.log2(pipj);
                }
                double x = counts[r * ng + c];
                if (x == 0) {
                    continue;
                }
                double p = x / total;
                double di = r + 1 - mu, dj = c + 1 - mu;
                jointVar += di * di * p;
                cov += di * dj * p;
                double s = di + dj;
                double s2 = s * s;
                clusterT += s2 * p;
                clusterS += s2 * s * p;
                clusterP += s2 * s2 * p;
                hxy1 -= p * TextureSupport.log2(pipj);
            }
        }
        double hx = 0;
        for (int r = 0; r < ng; r++) {
            if (scratch[r] > 0) {
                hx -= scratch[r] * TextureSupport.log2(scratch[r]);
            }
        }
        double diffAvg = 0, diffEnt = 0, invVar = 0;
        for (int k = 0; k < ng; k++) {
            double p = scratch[pd + k];
            diffAvg += k * p;
            if (p > 0) {
                diffEnt -= p * TextureSupport.log2(p);
            }
            if (k > 0) {
                invVar += p / ((double) k * k);
            }
        }
        double diffVar = 0;
        for (int k = 0; k < ng; k++) {
            double dk = k - diffAvg;
            diffVar += dk * dk * scratch[pd + k];
        }
        double sumAvg = 0, sumEnt = 0;
        for (int s = 0; s <= 2 * ng - 2; s++) {
            double p = scratch[ps + s];
            sumAvg += (s + 2) * p;
            if (p > 0) {
                sumEnt -= p * TextureSupport.log2(p);
            }
        }
        double sumVar = 0;
        for (int s = 0; s <= 2 * ng - 2; s++) {
            double dk = s + 2 - sumAvg;
            sumVar += dk * dk * scratch[ps + s];
        }
        // symmetric matrix: row and column marginals coincide, so sigma_i = sigma_j = sqrt(jointVar)
        f[0] = max;
        f[1] = mu;
        f[2] = jointVar;
        f[3] = entropy;
        f[4] = diffAvg;
        f[5] = diffVar;
        f[6] = diffEnt;
        f[7] = sumAvg;
        f[8] = sumVar;
        f[9] = sumEnt;
        f[10] = asm;
        f[11] = contrast;
        f[12] = dissim;
        f[13] = invDiff;
        f[14] = invDiffN;
        f[15] = idm;
        f[16] = idmN;
        f[17] = invVar;
        f[18] = jointVar > 0 ? cov / jointVar : Double.NaN;
        f[19] = autocorr;
        f[20] = clusterT;
        f[21] = clusterS;
        f[22] = clusterP;
        f[23] = hx > 0 ? (entropy - hxy1) / hx : Double.NaN;
        f[24] = Math.sqrt(Math.max(0.0, 1.0 - Math.exp(-2.0 * (hxy2 - entropy))));
        return f;
    }
}
