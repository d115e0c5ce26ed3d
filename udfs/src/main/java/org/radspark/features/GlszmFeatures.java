package org.radspark.features;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Grey level size zone matrix features: Thibault et al. 2009; pyradiomics glszm.py / cmatrices.c semantics. */
public final class GlszmFeatures extends NamedFeatureFamily {

    public GlszmFeatures() {
        super("glszm", NAMES, NAMES);
    }

    /** pyradiomics lists a class's features sorted by their getter name (inspect.getmembers). */
    private static final List<String> NAMES = TextureMatrixMath.sortedLikePyradiomics(List.of(
        "SmallAreaEmphasis", "LargeAreaEmphasis", "GrayLevelNonUniformity", "GrayLevelNonUniformityNormalized",
        "SizeZoneNonUniformity", "SizeZoneNonUniformityNormalized", "ZonePercentage", "GrayLevelVariance",
        "ZoneVariance", "ZoneEntropy", "LowGrayLevelZoneEmphasis", "HighGrayLevelZoneEmphasis",
        "SmallAreaLowGrayLevelEmphasis", "SmallAreaHighGrayLevelEmphasis", "LargeAreaLowGrayLevelEmphasis",
        "LargeAreaHighGrayLevelEmphasis"));

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
        int rows = m.grayLevels.length;
        int cols = m.zoneSizes.length;
        double[] pg = new double[rows];
        double[] ps = new double[cols];
        double nz = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double p = m.counts[r][c];
                pg[r] += p;
                ps[c] += p;
                nz += p;
            }
        }
        if (nz == 0) {
            nz = 1;
        }
        double np = roi.roiVoxelCount;
        double[] iv = new double[rows];
        for (int r = 0; r < rows; r++) {
            iv[r] = m.grayLevels[r];
        }
        double[] jv = new double[cols];
        for (int c = 0; c < cols; c++) {
            jv[c] = m.zoneSizes[c];
        }

        for (String f : NAMES) {
            if (!enabled.contains(f)) {
                continue;
            }
            double v;
            switch (f) {
                case "SmallAreaEmphasis": {
                    double s = 0;
                    for (int c = 0; c < cols; c++) {
                        s += ps[c] / (jv[c] * jv[c]);
                    }
                    v = s / nz;
                    break;
                }
                case "LargeAreaEmphasis": {
                    double s = 0;
                    for (int c = 0; c < cols; c++) {
                        s += ps[c] * (jv[c] * jv[c]);
                    }
                    v = s / nz;
                    break;
                }
                case "GrayLevelNonUniformity":
                    v = TextureMatrixMath.sumSquares(pg) / nz;
                    break;
                case "GrayLevelNonUniformityNormalized":
                    v = TextureMatrixMath.sumSquares(pg) / (nz * nz);
                    break;
                case "SizeZoneNonUniformity":
                    v = TextureMatrixMath.sumSquares(ps) / nz;
                    break;
                case "SizeZoneNonUniformityNormalized":
                    v = TextureMatrixMath.sumSquares(ps) / (nz * nz);
                    break;
                case "ZonePercentage":
                    v = nz / np;
                    break;
                case "GrayLevelVariance":
                    v = TextureMatrixMath.variance(pg, iv, nz);
                    break;
                case "ZoneVariance":
                    v = TextureMatrixMath.variance(ps, jv, nz);
                    break;
                case "ZoneEntropy":
                    v = TextureMatrixMath.entropy(m.counts, nz);
                    break;
                case "LowGrayLevelZoneEmphasis": {
                    double s = 0;
                    for (int r = 0; r < rows; r++) {
                        s += pg[r] / (iv[r] * iv[r]);
                    }
                    v = s / nz;
                    break;
                }
                case "HighGrayLevelZoneEmphasis": {
                    double s = 0;
                    for (int r = 0; r < rows; r++) {
                        s += pg[r] * (iv[r] * iv[r]);
                    }
                    v = s / nz;
                    break;
                }
                case "SmallAreaLowGrayLevelEmphasis":
                    v = TextureMatrixMath.joint(m.counts, iv, jv, false, false) / nz;
                    break;
                case "SmallAreaHighGrayLevelEmphasis":
                    v = TextureMatrixMath.joint(m.counts, iv, jv, true, false) / nz;
                    break;
                case "LargeAreaLowGrayLevelEmphasis":
                    v = TextureMatrixMath.joint(m.counts, iv, jv, false, true) / nz;
                    break;
                case "LargeAreaHighGrayLevelEmphasis":
                    v = TextureMatrixMath.joint(m.counts, iv, jv, true, true) / nz;
                    break;
                default:
                    throw new IllegalStateException("Unhandled GLSZM feature " + f);
            }
            out.put(f, v);
        }
    }

    /**
     * The size zone matrix as pyradiomics keeps it after cropping: one row per grey level present in the ROI (ascending),
     * one column per zone size that occurs (ascending), entries = number of zones.
     */
    static final class Matrix {
        final int[] grayLevels;
        final int[] zoneSizes;
        final double[][] counts;

        Matrix(int[] grayLevels, int[] zoneSizes, double[][] counts) {
            this.grayLevels = grayLevels;
            this.zoneSizes = zoneSizes;
            this.counts = counts;
        }

        /** Number of zones with grey level {@code gl} and size {@code size}; 0 when either is not in the matrix. */
        double count(int gl, int size) {
            int r = Arrays.binarySearch(grayLevels, gl);
            int c = Arrays.binarySearch(zoneSizes, size);
            return r < 0 || c < 0 ? 0 : counts[r][c];
        }
    }

    /**
     * Finds all zones (connected voxels of equal grey level; neighbours are all offsets at infinity-norm distance 1,
     * restricted to the slice plane with force2D) by an iterative flood fill, then tabulates them.
     */
    static Matrix matrix(RoiData roi) {
        final int nx = roi.nx, ny = roi.ny, nz = roi.nz;
        final InfinityNormOffsets off = InfinityNormOffsets.of(nx, ny, nz, new int[] {1},
            roi.settings.force2D, roi.settings.force2Ddimension);
        final int na = off.count;
        LevelGrid grid = roi.levelGrid(1);
        int[] step = new int[na];
        for (int a = 0; a < na; a++) {
            step[a] = grid.step(off.di[a], off.dj[a], off.dk[a]);
        }
        // levels of the voxels not yet in a zone; a voxel joins a zone by turning OUTSIDE
        int[] pending = grid.levels.clone();
        int[] stack = new int[Math.max(1, roi.roiVoxelCount)];
        int[] zoneLevel = new int[Math.max(1, roi.roiVoxelCount)];
        int[] zoneSize = new int[zoneLevel.length];
        int zones = 0;
        int maxSize = 0;

        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int seed = grid.index(0, j, k);
                for (int i = 0; i < nx; i++, seed++) {
                    int gl = pending[seed];
                    if (gl == LevelGrid.OUTSIDE) {
                        continue;
                    }
                    pending[seed] = LevelGrid.OUTSIDE;
                    int top = 0;
                    stack[top++] = seed;
                    int size = 0;
                    while (top > 0) {
                        int cur = stack[--top];
                        size++;
                        for (int a = 0; a < na; a++) {
                            int nb = cur + step[a];
                            if (pending[nb] == gl) {
                                pending[nb] = LevelGrid.OUTSIDE;
                                stack[top++] = nb;
                            }
                        }
                    }
                    zoneLevel[zones] = gl;
                    zoneSize[zones] = size;
                    zones++;
                    if (size > maxSize) {
                        maxSize = size;
                    }
                }
            }
        }

        // Rows: grey levels present in the ROI (every ROI voxel belongs to a zone, so these are the zone levels).
        boolean[] levelSeen = new boolean[roi.maxGrayLevel + 1];
        int[] sizeColumn = new int[maxSize + 1];
        for (int z = 0; z < zones; z++) {
            levelSeen[zoneLevel[z]] = true;
            sizeColumn[zoneSize[z]] = 1;
        }
        int[] levelRow = new int[roi.maxGrayLevel + 1];
        int rows = 0;
        for (int l = 0; l <= roi.maxGrayLevel; l++) {
            levelRow[l] = levelSeen[l] ? rows++ : -1;
        }
        int[] levels = new int[rows];
        for (int l = 0; l <= roi.maxGrayLevel; l++) {
            if (levelRow[l] >= 0) {
                levels[levelRow[l]] = l;
            }
        }
        int cols = 0;
        for (int s = 1; s <= maxSize; s++) {
            sizeColumn[s] = sizeColumn[s] != 0 ? cols++ : -1;
        }
        int[] sizes = new int[cols];
        for (int s = 1; s <= maxSize; s++) {
            if (sizeColumn[s] >= 0) {
                sizes[sizeColumn[s]] = s;
            }
        }
        double[][] counts = new double[rows][cols];
        for (int z = 0; z < zones; z++) {
            counts[levelRow[zoneLevel[z]]][sizeColumn[zoneSize[z]]]++;
        }
        return new Matrix(levels, sizes, counts);
    }
}
