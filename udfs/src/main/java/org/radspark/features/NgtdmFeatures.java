package org.radspark.features;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Neighbouring grey tone difference matrix features: Amadasun &amp; King 1989; pyradiomics ngtdm.py / cmatrices.c
 * semantics.
 *
 * <p>As in pyradiomics' C code, a ROI voxel without any neighbour in the ROI still counts towards n_i (with an absolute
 * difference of 0), so N_vp equals the ROI voxel count even though pyradiomics' documentation describes it as the
 * number of voxels with at least one neighbour.
 */
public final class NgtdmFeatures extends NamedFeatureFamily {

    public NgtdmFeatures() {
        super("ngtdm", NAMES, NAMES);
    }

    private static final List<String> NAMES = TextureMatrixMath.sortedLikePyradiomics(List.of(
        "Coarseness", "Contrast", "Busyness", "Complexity", "Strength"));

    /** Value pyradiomics returns for Coarseness when sum(p_i s_i) is 0 (homogeneous ROI). */
    static final double COARSENESS_HOMOGENEOUS = 1_000_000;

    @Override
    public void compute(RoiData roi, Set<String> enabled, Map<String, Double> out) {
        if (roi.roiVoxelCount == 0) {
            for (String f : NAMES) {
                if (enabled.contains(f)) {
                    out.put(f, Double.NaN);
                }
            }
            return;
        }
        Matrix m = matrix(roi);
        int ngp = m.grayLevels.length;
        double nvp = 0;
        for (double n : m.n) {
            nvp += n;
        }
        double[] p = new double[ngp];
        double[] iv = new double[ngp];
        double[] s = m.s;
        for (int a = 0; a < ngp; a++) {
            p[a] = m.n[a] / nvp;
            iv[a] = m.grayLevels[a];
        }
        double sumPs = 0;
        double sumS = 0;
        for (int a = 0; a < ngp; a++) {
            sumPs += p[a] * s[a];
            sumS += s[a];
        }

        for (String f : NAMES) {
            if (!enabled.contains(f)) {
                continue;
            }
            double v;
            switch (f) {
                case "Coarseness":
                    v = sumPs == 0 ? COARSENESS_HOMOGENEOUS : 1 / sumPs;
                    break;
                case "Contrast": {
                    if (ngp <= 1) {
                        v = 0;
                        break;
                    }
                    double acc = 0;
                    for (int a = 0; a < ngp; a++) {
                        for (int b = 0; b < ngp; b++) {
                            double d = iv[a] - iv[b];
                            acc += p[a] * p[b] * (d * d);
                        }
                    }
                    v = (acc / (ngp * (ngp - 1.0))) * (sumS / nvp);
                    break;
                }
                case "Busyness": {
                    double absDiff = 0;
                    for (int a = 0; a < ngp; a++) {
                        for (int b = 0; b < ngp; b++) {
                            absDiff += Math.abs(iv[a] * p[a] - iv[b] * p[b]);
                        }
                    }
                    v = absDiff == 0 ? 0 : sumPs / absDiff;
                    break;
                }
                case "Complexity": {
                    double acc = 0;
                    for (int a = 0; a < ngp; a++) {
                        for (int b = 0; b < ngp; b++) {
                            acc += Math.abs(iv[a] - iv[b]) * ((p[a] * s[a] + p[b] * s[b]) / (p[a] + p[b]));
                        }
                    }
                    v = acc / nvp;
                    break;
                }
                case "Strength": {
                    if (sumS == 0) {
                        v = 0;
                        break;
                    }
                    double acc = 0;
                    for (int a = 0; a < ngp; a++) {
                        for (int b = 0; b < ngp; b++) {
                            double d = iv[a] - iv[b];
                            acc += (p[a] + p[b]) * (d * d);
                        }
                    }
                    v = acc / sumS;
                    break;
                }
                default:
                    throw new IllegalStateException("Unhandled NGTDM feature " + f);
            }
            out.put(f, v);
        }
    }

    /** The NGTDM restricted to grey levels present in the ROI (ascending): n_i and s_i per level. */
    static final class Matrix {
        final int[] grayLevels;
        final double[] n;
        final double[] s;

        Matrix(int[] grayLevels, double[] n, double[] s) {
            this.grayLevels = grayLevels;
            this.n = n;
            this.s = s;
        }

        /** Row of grey level {@code gl}, or -1 when it is not present. */
        int row(int gl) {
            int r = Arrays.binarySearch(grayLevels, gl);
            return r < 0 ? -1 : r;
        }
    }

    /**
     * One pass over the ROI: each voxel's |grey level - mean grey level of its neighbours in the ROI| (centre excluded,
     * neighbours at the configured infinity-norm distances) is added to s_i of its grey level.
     */
    static Matrix matrix(RoiData roi) {
        final int nx = roi.nx, ny = roi.ny, nz = roi.nz;
        final InfinityNormOffsets off = InfinityNormOffsets.of(nx, ny, nz, roi.settings.distances,
            roi.settings.force2D, roi.settings.force2Ddimension);
        final int na = off.count;
        final int maxGl = roi.maxGrayLevel;
        long[] count = new long[maxGl + 1];
        double[] diffSum = new double[maxGl + 1];
        LevelGrid grid = roi.levelGrid(Math.max(off.reachI, Math.max(off.reachJ, off.reachK)));
        int[] grey = grid.levels;
        int[] step = new int[na];
        for (int a = 0; a < na; a++) {
            step[a] = grid.step(off.di[a], off.dj[a], off.dk[a]);
        }

        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p = grid.index(0, j, k);
                for (int i = 0; i < nx; i++, p++) {
                    int gl = grey[p];
                    if (gl == LevelGrid.OUTSIDE) {
                        continue;
                    }
                    double neighbours = 0;
                    double sum = 0;
                    for (int a = 0; a < na; a++) {
                        int nb = grey[p + step[a]];
                        if (nb != LevelGrid.OUTSIDE) {
                            neighbours++;
                            sum += nb;
                        }
                    }
                    double diff = neighbours == 0 ? 0 : Math.abs(gl - sum / neighbours);
                    count[gl]++;
                    diffSum[gl] += diff;
                }
            }
        }

        int rows = 0;
        for (int l = 0; l <= maxGl; l++) {
            if (count[l] > 0) {
                rows++;
            }
        }
        int[] levels = new int[rows];
        double[] n = new double[rows];
        double[] s = new double[rows];
        int r = 0;
        for (int l = 0; l <= maxGl; l++) {
            if (count[l] > 0) {
                levels[r] = l;
                n[r] = count[l];
                s[r] = diffSum[l];
                r++;
            }
        }
        return new Matrix(levels, n, s);
    }
}
