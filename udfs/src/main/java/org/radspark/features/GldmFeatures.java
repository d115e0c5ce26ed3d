package org.radspark.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grey level dependence matrix features: Sun &amp; Wee 1983; pyradiomics gldm.py / cmatrices.c semantics.
 *
 * <p>pyradiomics marks GrayLevelNonUniformityNormalized and DependencePercentage deprecated and, when they are
 * requested anyway, raises inside the getter so that no value at all is reported. They are therefore listed in
 * {@link #featureNames()} (requesting them is legal) but left out of {@code out}, exactly like pyradiomics' output.
 */
public final class GldmFeatures extends NamedFeatureFamily {

    public GldmFeatures() {
        super("gldm", NAMES, DEFAULTS);
    }

    /** Deprecated in pyradiomics: accepted when requested, never reported. */
    static final Set<String> DEPRECATED = Set.of("GrayLevelNonUniformityNormalized", "DependencePercentage");

    private static final List<String> NAMES = TextureMatrixMath.sortedLikePyradiomics(List.of(
        "SmallDependenceEmphasis", "LargeDependenceEmphasis", "GrayLevelNonUniformity",
        "GrayLevelNonUniformityNormalized", "DependenceNonUniformity", "DependenceNonUniformityNormalized",
        "GrayLevelVariance", "DependenceVariance", "DependenceEntropy", "DependencePercentage",
        "LowGrayLevelEmphasis", "HighGrayLevelEmphasis", "SmallDependenceLowGrayLevelEmphasis",
        "SmallDependenceHighGrayLevelEmphasis", "LargeDependenceLowGrayLevelEmphasis",
        "LargeDependenceHighGrayLevelEmphasis"));

    private static final List<String> DEFAULTS;

    static {
        List<String> d = new ArrayList<>(NAMES);
        d.removeAll(DEPRECATED);
        DEFAULTS = List.copyOf(d);
    }

    @Override
    public void compute(RoiData roi, Set<String> enabled, Map<String, Double> out) {
        if (roi.roiVoxelCount == 0) {
            for (String f : DEFAULTS) {
                if (enabled.contains(f)) {
                    out.put(f, Double.NaN);
                }
            }
            return;
        }
        Matrix m = matrix(roi);
        int rows = m.grayLevels.length;
        int cols = m.dependenceSizes.length;
        double[] pg = new double[rows];
        double[] pd = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double p = m.counts[r][c];
                pg[r] += p;
                pd[c] += p;
            }
        }
        // Every ROI voxel contributes exactly one entry, so pyradiomics normalises by Np (= Nz).
        double nz = roi.roiVoxelCount;
        double[] iv = new double[rows];
        for (int r = 0; r < rows; r++) {
            iv[r] = m.grayLevels[r];
        }
        double[] jv = new double[cols];
        for (int c = 0; c < cols; c++) {
            jv[c] = m.dependenceSizes[c];
        }

        for (String f : NAMES) {
            if (!enabled.contains(f) || DEPRECATED.contains(f)) {
                continue;
            }
            double v;
            switch (f) {
                case "SmallDependenceEmphasis": {
                    double s = 0;
                    for (int c = 0; c < cols; c++) {
                        s += pd[c] / (jv[c] * jv[c]);
                    }
                    v = s / nz;
                    break;
                }
                case "LargeDependenceEmphasis": {
                    double s = 0;
                    for (int c = 0; c < cols; c++) {
                        s += pd[c] * (jv[c] * jv[c]);
                    }
                    v = s / nz;
                    break;
                }
                case "GrayLevelNonUniformity":
                    v = TextureMatrixMath.sumSquares(pg) / nz;
                    break;
                case "DependenceNonUniformity":
                    v = TextureMatrixMath.sumSquares(pd) / nz;
                    break;
                case "DependenceNonUniformityNormalized":
                    v = TextureMatrixMath.sumSquares(pd) / (nz * nz);
                    break;
                case "GrayLevelVariance":
                    v = TextureMatrixMath.variance(pg, iv, nz);
                    break;
                case "DependenceVariance":
                    v = TextureMatrixMath.variance(pd, jv, nz);
                    break;
                case "DependenceEntropy":
                    v = TextureMatrixMath.entropy(m.counts, nz);
                    break;
                case "LowGrayLevelEmphasis": {
                    double s = 0;
                    for (int r = 0; r < rows; r++) {
                        s += pg[r] / (iv[r] * iv[r]);
                    }
                    v = s / nz;
                    break;
                }
                case "HighGrayLevelEmphasis": {
                    double s = 0;
                    for (int r = 0; r < rows; r++) {
                        s += pg[r] * (iv[r] * iv[r]);
                    }
                    v = s / nz;
                    break;
                }
                case "SmallDependenceLowGrayLevelEmphasis":
                    v = TextureMatrixMath.joint(m.counts, iv, jv, false, false) / nz;
                    break;
                case "SmallDependenceHighGrayLevelEmphasis":
                    v = TextureMatrixMath.joint(m.counts, iv, jv, true, false) / nz;
                    break;
                case "LargeDependenceLowGrayLevelEmphasis":
                    v = TextureMatrixMath.joint(m.counts, iv, jv, false, true) / nz;
                    break;
                case "LargeDependenceHighGrayLevelEmphasis":
                    v = TextureMatrixMath.joint(m.counts, iv, jv, true, true) / nz;
                    break;
                default:
                    throw new IllegalStateException("Unhandled GLDM feature " + f);
            }
            out.put(f, v);
        }
    }

    /**
     * The dependence matrix as pyradiomics keeps it: one row per grey level present in the ROI (ascending), one column
     * per dependence size that occurs (ascending; size = number of dependent neighbours + 1), entries = voxel counts.
     */
    static final class Matrix {
        final int[] grayLevels;
        final int[] dependenceSizes;
        final double[][] counts;

        Matrix(int[] grayLevels, int[] dependenceSizes, double[][] counts) {
            this.grayLevels = grayLevels;
            this.dependenceSizes = dependenceSizes;
            this.counts = counts;
        }

        /** Voxels with grey level {@code gl} and dependence size {@code size}; 0 when either is not in the matrix. */
        double count(int gl, int size) {
            int r = Arrays.binarySearch(grayLevels, gl);
            int c = Arrays.binarySearch(dependenceSizes, size);
            return r < 0 || c < 0 ? 0 : counts[r][c];
        }
    }

    /**
     * One pass over the ROI: for each voxel, counts the neighbours (all offsets at the configured infinity-norm
     * distances, both directions) that lie inside the grid and the ROI and whose grey level differs by at most gldm_a.
     * Neighbours outside the ROI never count as dependent.
     */
    static Matrix matrix(RoiData roi) {
        final int nx = roi.nx, ny = roi.ny, nz = roi.nz;
        final InfinityNormOffsets off = InfinityNormOffsets.of(nx, ny, nz, roi.settings.distances,
            roi.settings.force2D, roi.settings.force2Ddimension);
        final int na = off.count;
        final int width = na + 1;
        final int maxGl = roi.maxGrayLevel;
        long[] table = new long[(maxGl + 1) * width];
        LevelGrid grid = roi.levelGrid(Math.max(off.reachI, Math.max(off.reachJ, off.reachK)));
        int[] grey = grid.levels;
        int[] step = new int[na];
        for (int a = 0; a < na; a++) {
            step[a] = grid.step(off.di[a], off.dj[a], off.dk[a]);
        }
        // integer level differences within alpha are those within floor(alpha); capped below OUTSIDE's distance
        double alpha = roi.settings.gldm_a;
        int within = alpha >= maxGl ? maxGl : alpha >= 0 ? (int) Math.floor(alpha) : -1;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p = grid.index(0, j, k);
                for (int i = 0; i < nx; i++, p++) {
                    int gl = grey[p];
                    if (gl == LevelGrid.OUTSIDE) {
                        continue;
                    }
                    int dep = 0;
                    for (int a = 0; a < na; a++) {
                        dep += Math.abs(gl - grey[p + step[a]]) <= within ? 1 : 0;
                    }
                    table[gl * width + dep]++;
                }
            }
        }

        int[] rowOf = new int[maxGl + 1];
        int rows = 0;
        for (int l = 0; l <= maxGl; l++) {
            long total = 0;
            for (int d = 0; d < width; d++) {
                total += table[l * width + d];
            }
            rowOf[l] = total > 0 ? rows++ : -1;
        }
        int[] colOf = new int[width];
        int cols = 0;
        for (int d = 0; d < width; d++) {
            long total = 0;
            for (int l = 0; l <= maxGl; l++) {
                total += table[l * width + d];
            }
            colOf[d] = total > 0 ? cols++ : -1;
        }
        int[] levels = new int[rows];
        int[] sizes = new int[cols];
        double[][] counts = new double[rows][cols];
        for (int l = 0; l <= maxGl; l++) {
            if (rowOf[l] < 0) {
                continue;
            }
            levels[rowOf[l]] = l;
            for (int d = 0; d < width; d++) {
                if (colOf[d] >= 0) {
                    counts[rowOf[l]][colOf[d]] = table[l * width + d];
                }
            }
        }
        for (int d = 0; d < width; d++) {
            if (colOf[d] >= 0) {
                sizes[colOf[d]] = d + 1;
            }
        }
        return new Matrix(levels, sizes, counts);
    }
}
