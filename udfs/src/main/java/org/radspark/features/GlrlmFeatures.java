package org.radspark.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grey Level Run Length Matrix features (Galloway 1975; Chu, Sehgal &amp; Greenleaf 1990; Dasarathy &amp; Holder 1991;
 * pyradiomics glrlm.py and cmatrices.c semantics).
 *
 * <p>For each of the 13 (3D) or 4 (force2D) distance-1 directions, P(i,j) counts the maximal runs of ROI voxels with
 * grey level i and length j along that direction (a run ends at the grid edge, at a non-ROI voxel or at a level
 * change). A direction along which no line crosses the ROI more than once is treated as empty. Levels absent from the
 * ROI are dropped (present levels keep their values as i); without weightingNorm empty directions are dropped, the
 * features are computed per direction and NaN-ignoring averaged; with weightingNorm the matrices are first summed
 * with the direction's physical length as weight.
 */
public final class GlrlmFeatures extends NamedFeatureFamily {

    public GlrlmFeatures() {
        super("glrlm", FEATURES, FEATURES);
    }
    /** All names, sorted as pyradiomics enumerates its get...FeatureValue methods. */
    static final List<String> FEATURES = List.of(
        "GrayLevelNonUniformity", "GrayLevelNonUniformityNormalized", "GrayLevelVariance",
        "HighGrayLevelRunEmphasis", "LongRunEmphasis", "LongRunHighGrayLevelEmphasis",
        "LongRunLowGrayLevelEmphasis", "LowGrayLevelRunEmphasis", "RunEntropy", "RunLengthNonUniformity",
        "RunLengthNonUniformityNormalized", "RunPercentage", "RunVariance", "ShortRunEmphasis",
        "ShortRunHighGrayLevelEmphasis", "ShortRunLowGrayLevelEmphasis");

    private static final double EPS = Math.ulp(1.0);
    private static final double LN2 = Math.log(2);

    /** Raw run-length counts per angle, before level removal, weighting and the empty-angle rule. */
    static final class Runs {
        /** Angles as {dx, dy, dz}, pyradiomics order. */
        final int[][] angles;
        final int ng;
        /** Longest possible run (largest grid dimension); matrices are ng x maxRun. */
        final int maxRun;
        /** counts[a][(i-1)*maxRun + (j-1)] for grey level i and run length j. */
        final int[][] counts;
        /** Whether some line along the angle holds two or more ROI voxels (pyradiomics zeroes the angle if not). */
        final boolean[] multiElement;

        Runs(int[][] angles, int ng, int maxRun, int[][] counts, boolean[] multiElement) {
            this.angles = angles;
            this.ng = ng;
            this.maxRun = maxRun;
            this.counts = counts;
            this.multiElement = multiElement;
        }

        /** P(i, j) for angle a, grey level i and run length j (1-based), after the empty-angle rule. */
        int get(int a, int i, int j) {
            return multiElement[a] ? counts[a][(i - 1) * maxRun + (j - 1)] : 0;
        }
    }

    /** Builds the per-angle run-length matrices in one pass over the ROI. */
    static Runs countRuns(RoiData roi) {
        int[][] angles = TextureAngles.generate(roi.nx, roi.ny, roi.nz, new int[] {1},
            TextureAngles.planeDimension(roi));
        int na = angles.length;
        int nx = roi.nx, ny = roi.ny, nz = roi.nz;
        int ng = roi.maxGrayLevel;
        int maxRun = Math.max(nx, Math.max(ny, nz));
        int[][] counts = new int[na][ng * maxRun];
        boolean[] adjacent = new boolean[na];
        LevelGrid grid = roi.levelGrid(1);
        int[] levels = grid.levels;
        int[] step = new int[na];
        for (int a = 0; a < na; a++) {
            step[a] = grid.step(angles[a][0], angles[a][1], angles[a][2]);
        }
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int p = grid.index(0, j, k);
                for (int i = 0; i < nx; i++, p++) {
                    int g = levels[p];
                    if (g == LevelGrid.OUTSIDE) {
                        continue;
                    }
                    for (int a = 0; a < na; a++) {
                        int s = step[a];
                        // the successor is in the ROI: this line holds at least two ROI voxels
                        if (levels[p + s] != LevelGrid.OUTSIDE) {
                            adjacent[a] = true;
                        }
                        // a run starts here unless the predecessor is an ROI voxel of the same level
                        if (levels[p - s] == g) {
                            continue;
                        }
                        int length = 1;
                        for (int cur = p + s; levels[cur] == g; cur += s) {
                            length++;
                        }
                        counts[a][(g - 1) * maxRun + length - 1]++;
                    }
                }
            }
        }
        boolean[] multi = new boolean[na];
        for (int a = 0; a < na; a++) {
            multi[a] = adjacent[a] || hasSeparatedPair(roi, angles[a]);
        }
        return new Runs(angles, ng, maxRun, counts, multi);
    }

    /**
     * Whether two ROI voxels lie on one line along the angle with a gap between them (only consulted when no two
     * ROI voxels are adjacent along it, e.g. a single-slice ROI and an out-of-plane direction).
     */
    private static boolean hasSeparatedPair(RoiData roi, int[] angle) {
        int nx = roi.nx, ny = roi.ny, nz = roi.nz;
        int step = angle[0] + nx * (angle[1] + ny * angle[2]);
        int v = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, v++) {
                    if (roi.roi[v] == 0) {
                        continue;
                    }
                    int ci = i + angle[0], cj = j + angle[1], ck = k + angle[2], cur = v + step;
                    while (ci >= 0 && ci < nx && cj >= 0 && cj < ny && ck >= 0 && ck < nz) {
                        if (roi.roi[cur] != 0) {
                            return true;
                        }
                        ci += angle[0];
                        cj += angle[1];
                        ck += angle[2];
                        cur += step;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public void compute(RoiData roi, Set<String> enabled, Map<String, Double> out) {
        List<String> wanted = new ArrayList<>();
        for (String f : FEATURES) {
            if (enabled.contains(f)) {
                wanted.add(f);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        int[] levels = GlcmFeatures.presentLevels(roi);
        if (levels.length == 0) {
            for (String f : wanted) {
                out.put(f, Double.NaN);
            }
            return;
        }
        Runs runs = countRuns(roi);
        List<double[]> matrices = mergeAngles(roi, runs, levels);
        int nm = matrices.size();
        int nr = runs.maxRun;
        double[][] values = new double[FEATURES.size()][nm];
        for (int m = 0; m < nm; m++) {
            AngleValues av = new AngleValues(matrices.get(m), levels, nr);
            for (int f = 0; f < FEATURES.size(); f++) {
                if (wanted.contains(FEATURES.get(f))) {
                    values[f][m] = av.value(FEATURES.get(f));
                }
            }
        }
        for (String f : wanted) {
            out.put(f, TextureAngles.nanMean(values[FEATURES.indexOf(f)], nm));
        }
    }

    /**
     * Restricts every angle to the present levels (rows) and either merges the angles with the distance weights or
     * drops the empty ones. Matrices stay unnormalised (counts).
     */
    private static List<double[]> mergeAngles(RoiData roi, Runs runs, int[] levels) {
        int nl = levels.length;
        int nr = runs.maxRun;
        int na = runs.angles.length;
        List<double[]> reduced = new ArrayList<>(na);
        for (int a = 0; a < na; a++) {
            double[] p = new double[nl * nr];
            if (runs.multiElement[a]) {
                int[] c = runs.counts[a];
                for (int x = 0; x < nl; x++) {
                    int base = (levels[x] - 1) * nr;
                    for (int r = 0; r < nr; r++) {
                        p[x * nr + r] = c[base + r];
                    }
                }
            }
            reduced.add(p);
        }
        String norm = roi.settings == null ? null : roi.settings.weightingNorm;
        List<double[]> result = new ArrayList<>();
        if (norm != null) {
            double[] merged = new double[nl * nr];
            for (int a = 0; a < na; a++) {
                double w = TextureAngles.weight(runs.angles[a], roi.spacing, norm, false);
                double[] p = reduced.get(a);
                for (int t = 0; t < merged.length; t++) {
                    merged[t] += p[t] * w;
                }
            }
            result.add(merged);
        } else if (na == 1) {
            result.add(reduced.get(0));
        } else {
            for (double[] p : reduced) {
                double s = 0;
                for (double x : p) {
                    s += x;
                }
                if (s != 0) {
                    result.add(p);
                }
            }
        }
        return result;
    }

    private static double log2(double x) {
        return Math.log(x) / LN2;
    }

    /** Marginals of one (unnormalised) run-length matrix and the feature formulas on them. */
    static final class AngleValues {
        final double[] p;
        final int nl, nr;
        final double[] iv;
        /** Runs per length (sum over levels) and per level (sum over lengths). */
        final double[] pr, pg;
        /** Number of runs N_r(theta); NaN when zero. */
        final double runCount;

        AngleValues(double[] p, int[] levels, int nr) {
            this.p = p;
            this.nl = levels.length;
            this.nr = nr;
            iv = new double[nl];
            pr = new double[nr];
            pg = new double[nl];
            double total = 0;
            for (int x = 0; x < nl; x++) {
                iv[x] = levels[x];
                for (int r = 0; r < nr; r++) {
                    double v = p[x * nr + r];
                    pr[r] += v;
                    pg[x] += v;
                    total += v;
                }
            }
            runCount = total == 0 ? Double.NaN : total;
        }

        double value(String feature) {
            double n = runCount;
            switch (feature) {
                case "ShortRunEmphasis": {
                    double s = 0;
                    for (int r = 0; r < nr; r++) {
                        double j = r + 1;
                        s += pr[r] / (j * j);
                    }
                    return s / n;
                }
                case "LongRunEmphasis": {
                    double s = 0;
                    for (int r = 0; r < nr; r++) {
                        double j = r + 1;
                        s += pr[r] * (j * j);
                    }
                    return s / n;
                }
                case "GrayLevelNonUniformity":
                    return sumSquares(pg) / n;
                case "GrayLevelNonUniformityNormalized":
                    return sumSquares(pg) / (n * n);
                case "RunLengthNonUniformity":
                    return sumSquares(pr) / n;
                case "RunLengthNonUniformityNormalized":
                    return sumSquares(pr) / (n * n);
                case "RunPercentage": {
                    double voxels = 0;
                    for (int r = 0; r < nr; r++) {
                        voxels += pr[r] * (r + 1);
                    }
                    return n / voxels;
                }
                case "GrayLevelVariance": {
                    double mu = 0;
                    for (int x = 0; x < nl; x++) {
                        mu += (pg[x] / n) * iv[x];
                    }
                    double s = 0;
                    for (int x = 0; x < nl; x++) {
                        double d = iv[x] - mu;
                        s += (pg[x] / n) * (d * d);
                    }
                    return s;
                }
                case "RunVariance": {
                    double mu = 0;
                    for (int r = 0; r < nr; r++) {
                        mu += (pr[r] / n) * (r + 1);
                    }
                    double s = 0;
                    for (int r = 0; r < nr; r++) {
                        double d = (r + 1) - mu;
                        s += (pr[r] / n) * (d * d);
                    }
                    return s;
                }
                case "RunEntropy": {
                    double s = 0;
                    for (double v : p) {
                        double q = v / n;
                        s += q * log2(q + EPS);
                    }
                    return -s;
                }
                case "LowGrayLevelRunEmphasis": {
                    double s = 0;
                    for (int x = 0; x < nl; x++) {
                        s += pg[x] / (iv[x] * iv[x]);
                    }
                    return s / n;
                }
                case "HighGrayLevelRunEmphasis": {
                    double s = 0;
                    for (int x = 0; x < nl; x++) {
                        s += pg[x] * (iv[x] * iv[x]);
                    }
                    return s / n;
                }
                case "ShortRunLowGrayLevelEmphasis":
                    return joint(-2, -2) / n;
                case "ShortRunHighGrayLevelEmphasis":
                    return joint(2, -2) / n;
                case "LongRunLowGrayLevelEmphasis":
                    return joint(-2, 2) / n;
                case "LongRunHighGrayLevelEmphasis":
                    return joint(2, 2) / n;
                default:
                    throw new IllegalArgumentException("unknown GLRLM feature " + feature);
            }
        }

        /** sum over the matrix of P(i,j) times i^2 (or 1/i^2) times j^2 (or 1/j^2). */
        private double joint(int levelPower, int runPower) {
            double s = 0;
            for (int x = 0; x < nl; x++) {
                double i2 = iv[x] * iv[x];
                for (int r = 0; r < nr; r++) {
                    double v = p[x * nr + r];
                    double j2 = (double) (r + 1) * (r + 1);
                    if (levelPower < 0 && runPower < 0) {
                        s += v / (i2 * j2);
                    } else if (levelPower < 0) {
                        s += v * j2 / i2;
                    } else if (runPower < 0) {
                        s += v * i2 / j2;
                    } else {
                        s += v * (j2 * i2);
                    }
                }
            }
            return s;
        }

        private static double sumSquares(double[] a) {
            double s = 0;
            for (double v : a) {
                s += v * v;
            }
            return s;
        }
    }
}
