package org.radspark.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.radspark.features.math.Eigen;
import org.radspark.params.ExtractionSettings;

/**
 * Grey Level Co-occurrence Matrix features (Haralick, Shanmugam &amp; Dinstein 1973; pyradiomics glcm.py and
 * cmatrices.c semantics).
 *
 * <p>Per angle, P(i,j) counts ordered pairs (centre level i, neighbour level j at +angle) with both voxels in the ROI;
 * with symmetricalGLCM the transpose is added. Rows and columns of grey levels absent from the ROI are dropped and
 * the remaining levels keep their actual values in the formulas. Without weightingNorm, angles whose matrix is
 * empty are dropped, every feature is computed per angle and the NaN-ignoring mean is returned; with weightingNorm the
 * angle matrices are merged into one weighted sum first. The deprecated names (Dissimilarity, Homogeneity1,
 * Homogeneity2, SumVariance) are accepted but, as in pyradiomics, produce no value.
 */
public final class GlcmFeatures extends NamedFeatureFamily {

    public GlcmFeatures() {
        super("glcm", FEATURES, DEFAULTS);
    }
    /** All names, sorted as pyradiomics enumerates its get...FeatureValue methods. */
    static final List<String> FEATURES = List.of(
        "Autocorrelation", "ClusterProminence", "ClusterShade", "ClusterTendency", "Contrast", "Correlation",
        "DifferenceAverage", "DifferenceEntropy", "DifferenceVariance", "Dissimilarity", "Homogeneity1",
        "Homogeneity2", "Id", "Idm", "Idmn", "Idn", "Imc1", "Imc2", "InverseVariance", "JointAverage",
        "JointEnergy", "JointEntropy", "MCC", "MaximumProbability", "SumAverage", "SumEntropy", "SumSquares",
        "SumVariance");
    /** Deprecated in pyradiomics: mathematically equal to another feature and never given a value. */
    static final Set<String> DEPRECATED = Set.of("Dissimilarity", "Homogeneity1", "Homogeneity2", "SumVariance");

    private static final List<String> DEFAULTS;

    static {
        List<String> d = new ArrayList<>();
        for (String f : FEATURES) {
            if (!DEPRECATED.contains(f)) {
                d.add(f);
            }
        }
        DEFAULTS = List.copyOf(d);
    }

    /** numpy.spacing(1). */
    private static final double EPS = Math.ulp(1.0);
    private static final double LN2 = Math.log(2);

    /** Raw co-occurrence counts per angle, before level removal, weighting and normalisation. */
    static final class Counts {
        /** Angles as {dx, dy, dz}, pyradiomics order. */
        final int[][] angles;
        /** Number of grey levels (= maxGrayLevel); matrices are ng x ng. */
        final int ng;
        /** counts[a][(i-1)*ng + (j-1)] for grey levels i, j. */
        final int[][] counts;

        Counts(int[][] angles, int ng, int[][] counts) {
            this.angles = angles;
            this.ng = ng;
            this.counts = counts;
        }

        /** P(i, j) for angle a, grey levels 1-based. */
        int get(int a, int i, int j) {
            return counts[a][(i - 1) * ng + (j - 1)];
        }
    }

    /** Builds the per-angle matrices in one pass over the ROI (symmetrised when symmetricalGLCM is on). */
    static Counts countMatrices(RoiData roi) {
        return countMatrices(roi, roi.kernel == null ? angles(roi) : roi.kernel.glcmAngles(), roi.maxGrayLevel);
    }

    /**
     * The facts of one voxel batch that pyradiomics' voxel-based GLCM depends on (see {@link VoxelKernel}): the angles
     * of the whole grid, which of them some kernel has a pair along, and whether a kernel lacks pairs along a kept
     * angle (with weightingNorm: has no pair at all), which makes MCC undefined for the batch.
     *
     * @param grid       the image type's grid (cropped box padded by the kernel radius)
     * @param kernelMask voxels that may enter a kernel: the ROI, or the whole grid without maskedKernel
     * @param roiLevels  grey levels present in {@code kernelMask}, ascending
     * @param centres    the batch's ROI voxels (linear indices on {@code grid})
     */
    public static VoxelKernel voxelKernel(RoiData grid, byte[] kernelMask, int[] roiLevels, int[] centres, int radius) {
        int[][] angles = angles(grid);
        int na = angles.length;
        boolean[][] pairs = new boolean[centres.length][];
        boolean[] kept = new boolean[na];
        for (int c = 0; c < centres.length; c++) {
            KernelWindow w = KernelWindow.around(grid, centres[c], radius);
            boolean[] has = new boolean[na];
            for (int k = w.loK; k <= w.hiK; k++) {
                for (int j = w.loJ; j <= w.hiJ; j++) {
                    for (int i = w.loI; i <= w.hiI; i++) {
                        if (kernelMask[grid.index(i, j, k)] == 0) {
                            continue;
                        }
                        for (int a = 0; a < na; a++) {
                            int ii = i + angles[a][0], jj = j + angles[a][1], kk = k + angles[a][2];
                            if (!has[a] && w.contains(ii, jj, kk) && kernelMask[grid.index(ii, jj, kk)] != 0) {
                                has[a] = true;
                            }
                        }
                    }
                }
            }
            pairs[c] = has;
            for (int a = 0; a < na; a++) {
                kept[a] |= has[a];
            }
        }
        boolean merged = grid.settings != null && grid.settings.weightingNorm != null;
        if (merged || na == 1) {
            java.util.Arrays.fill(kept, true); // one (merged) matrix: nothing is dropped
        }
        boolean mccUndefined = false;
        for (boolean[] has : pairs) {
            boolean any = false, missing = false;
            for (int a = 0; a < na; a++) {
                any |= has[a];
                missing |= kept[a] && !has[a];
            }
            mccUndefined |= merged ? !any : missing;
        }
        return new VoxelKernel(roiLevels, angles, kept, mccUndefined);
    }

    /** The GLCM angles for the grid of {@code roi} and its distances setting. */
    static int[][] angles(RoiData roi) {
        ExtractionSettings s = roi.settings;
        int[] distances = s == null || s.distances == null ? new int[] {1} : s.distances;
        return TextureAngles.generate(roi.nx, roi.ny, roi.nz, distances, TextureAngles.planeDimension(roi));
    }

    private static Counts countMatrices(RoiData roi, int[][] angles, int ng) {
        ExtractionSettings s = roi.settings;
        int na = angles.length;
        int[][] counts = new int[na][ng * ng];
        int nx = roi.nx, ny = roi.ny, nz = roi.nz;
        int reach = 1;
        for (int[] angle : angles) {
            reach = Math.max(reach, Math.max(Math.abs(angle[0]), Math.max(Math.abs(angle[1]), Math.abs(angle[2]))));
        }
        LevelGrid grid = roi.levelGrid(reach);
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
                    int row = (g - 1) * ng - 1;
                    for (int a = 0; a < na; a++) {
                        int neighbour = levels[p + step[a]];
                        if (neighbour != LevelGrid.OUTSIDE) {
                            counts[a][row + neighbour]++;
                        }
                    }
                }
            }
        }
        if (s == null || s.symmetricalGLCM) {
            for (int[] c : counts) {
                for (int i = 0; i < ng; i++) {
                    c[i * ng + i] *= 2;
                    for (int j = i + 1; j < ng; j++) {
                        int sum = c[i * ng + j] + c[j * ng + i];
                        c[i * ng + j] = sum;
                        c[j * ng + i] = sum;
                    }
                }
            }
        }
        return new Counts(angles, ng, counts);
    }

    @Override
    public void compute(RoiData roi, Set<String> enabled, Map<String, Double> out) {
        List<String> wanted = new ArrayList<>();
        for (String f : FEATURES) {
            if (enabled.contains(f) && !DEPRECATED.contains(f)) {
                wanted.add(f);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        VoxelKernel kernel = roi.kernel;
        // A kernel's matrices keep rows for all of the ROI's levels (pyradiomics); those absent from the kernel are
        // zero and add nothing to any sum, so the formulas run over the kernel's own levels. Only MCC sees them:
        // each is one more zero eigenvalue of Q (absentLevels), and the ROI's level count decides the flat case.
        int[] levels = presentLevels(roi);
        int ngMax = kernel == null ? roi.maxGrayLevel : kernel.maxGrayLevel();
        int absentLevels = kernel == null ? 0 : kernel.roiLevels().length - levels.length;
        int nl = levels.length;
        if (nl == 0) {
            for (String f : wanted) {
                out.put(f, Double.NaN);
            }
            return;
        }
        Counts counts = countMatrices(roi);
        List<double[]> matrices = mergeAngles(roi, counts, levels);
        int nm = matrices.size();
        boolean wantMcc = wanted.contains("MCC") && (kernel == null || !kernel.glcmMccUndefined());
        double[][] values = new double[FEATURES.size()][nm];
        double[][] mccEigen = wantMcc ? new double[nm][] : null;
        boolean[] anyComplex = {false};
        for (int m = 0; m < nm; m++) {
            AngleValues av = new AngleValues(matrices.get(m), levels, ngMax);
            for (int f = 0; f < FEATURES.size(); f++) {
                String name = FEATURES.get(f);
                if (!"MCC".equals(name) && wanted.contains(name)) {
                    values[f][m] = av.value(name);
                }
            }
            if (wantMcc && nl + absentLevels >= 2) {
                mccEigen[m] = secondLargestEigenvalue(av, absentLevels, anyComplex);
            }
        }
        for (String f : wanted) {
            double v;
            if ("MCC".equals(f) && !wantMcc) {
                continue; // voxel batch where pyradiomics cannot compute it: the map keeps initValue
            } else if ("MCC".equals(f)) {
                v = mcc(mccEigen, nm, nl + absentLevels, anyComplex[0]);
            } else if ("JointAverage".equals(f)) {
                v = plainMean(values[FEATURES.indexOf(f)], nm);
            } else {
                v = TextureAngles.nanMean(values[FEATURES.indexOf(f)], nm);
            }
            out.put(f, v);
        }
    }

    /** Sorted grey levels that occur in the ROI. */
    public static int[] presentLevels(RoiData roi) {
        boolean[] seen = new boolean[roi.maxGrayLevel + 1];
        int count = 0;
        for (int v = 0; v < roi.roi.length; v++) {
            if (roi.roi[v] != 0 && !seen[roi.grayLevels[v]]) {
                seen[roi.grayLevels[v]] = true;
                count++;
            }
        }
        int[] levels = new int[count];
        int t = 0;
        for (int g = 1; g <= roi.maxGrayLevel; g++) {
            if (seen[g]) {
                levels[t++] = g;
            }
        }
        return levels;
    }

    /**
     * Restricts every angle's matrix to the present levels, then either merges them with the distance weights
     * (weightingNorm set) or drops the empty ones (for a voxel kernel: the angles no kernel of its batch has pairs
     * along); finally normalises each to sum 1 (NaN when empty).
     */
    private static List<double[]> mergeAngles(RoiData roi, Counts counts, int[] levels) {
        int nl = levels.length;
        int na = counts.angles.length;
        int ng = counts.ng;
        List<double[]> reduced = new ArrayList<>(na);
        for (int a = 0; a < na; a++) {
            double[] p = new double[nl * nl];
            int[] c = counts.counts[a];
            for (int x = 0; x < nl; x++) {
                int base = (levels[x] - 1) * ng - 1;
                for (int y = 0; y < nl; y++) {
                    p[x * nl + y] = c[base + levels[y]];
                }
            }
            reduced.add(p);
        }
        String norm = roi.settings == null ? null : roi.settings.weightingNorm;
        List<double[]> result = new ArrayList<>();
        if (norm != null) {
            double[] merged = new double[nl * nl];
            for (int a = 0; a < na; a++) {
                double w = TextureAngles.weight(counts.angles[a], roi.spacing, norm, true);
                double[] p = reduced.get(a);
                for (int t = 0; t < merged.length; t++) {
                    merged[t] += p[t] * w;
                }
            }
            result.add(merged);
        } else if (na == 1) {
            result.add(reduced.get(0));
        } else if (roi.kernel != null) {
            for (int a = 0; a < na; a++) {
                if (roi.kernel.glcmAnglesKept()[a]) {
                    result.add(reduced.get(a));
                }
            }
        } else {
            for (double[] p : reduced) {
                if (sum(p) != 0) {
                    result.add(p);
                }
            }
        }
        for (double[] p : result) {
            double total = sum(p);
            double divisor = total == 0 ? Double.NaN : total;
            for (int t = 0; t < p.length; t++) {
                p[t] /= divisor;
            }
        }
        return result;
    }

    private static double sum(double[] p) {
        double s = 0;
        for (double x : p) {
            s += x;
        }
        return s;
    }

    private static double plainMean(double[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int t = 0; t < n; t++) {
            s += values[t];
        }
        return s / n;
    }

    private static double log2(double x) {
        return Math.log(x) / LN2;
    }

    /** Coefficients of one normalised matrix and the feature formulas on them. */
    static final class AngleValues {
        final double[] p;
        final int nl;
        final double[] lv;
        final int ngMax;
        final double[] px, py;
        final double ux, uy;
        /** pxAddy[k - 2] for k = 2 .. 2*ngMax. */
        final double[] pxAddy;
        /** pxSuby[k] for k = 0 .. ngMax-1. */
        final double[] pxSuby;
        final double hxy;

        AngleValues(double[] p, int[] levels, int ngMax) {
            this.p = p;
            this.nl = levels.length;
            this.ngMax = ngMax;
            lv = new double[nl];
            for (int t = 0; t < nl; t++) {
                lv[t] = levels[t];
            }
            px = new double[nl];
            py = new double[nl];
            pxAddy = new double[2 * ngMax - 1];
            pxSuby = new double[ngMax];
            double sx = 0, sy = 0, h = 0;
            for (int x = 0; x < nl; x++) {
                for (int y = 0; y < nl; y++) {
                    double v = p[x * nl + y];
                    px[x] += v;
                    py[y] += v;
                    sx += lv[x] * v;
                    sy += lv[y] * v;
                    pxAddy[levels[x] + levels[y] - 2] += v;
                    pxSuby[Math.abs(levels[x] - levels[y])] += v;
                    h += v * log2(v + EPS);
                }
            }
            ux = sx;
            uy = sy;
            hxy = -h;
        }

        double value(String feature) {
            switch (feature) {
                case "Autocorrelation": {
                    double s = 0;
                    for (int x = 0; x < nl; x++) {
                        for (int y = 0; y < nl; y++) {
                            s += p[x * nl + y] * (lv[x] * lv[y]);
                        }
                    }
                    return s;
                }
                case "JointAverage":
                    return ux;
                case "ClusterProminence":
                    return clusterMoment(4);
                case "ClusterShade":
                    return clusterMoment(3);
                case "ClusterTendency":
                    return clusterMoment(2);
                case "Contrast": {
                    double s = 0;
                    for (int x = 0; x < nl; x++) {
                        for (int y = 0; y < nl; y++) {
                            double d = Math.abs(lv[x] - lv[y]);
                            s += p[x * nl + y] * (d * d);
                        }
                    }
                    return s;
                }
                case "Correlation":
                    return correlation();
                case "DifferenceAverage":
                    return differenceAverage();
                case "DifferenceEntropy":
                    return entropy(pxSuby);
                case "DifferenceVariance": {
                    double da = differenceAverage();
                    double s = 0;
                    for (int k = 0; k < pxSuby.length; k++) {
                        double d = k - da;
                        s += pxSuby[k] * (d * d);
                    }
                    return s;
                }
                case "JointEnergy": {
                    double s = 0;
                    for (double v : p) {
                        s += v * v;
                    }
                    return s;
                }
                case "JointEntropy":
                    return hxy;
                case "Imc1":
                    return imc1();
                case "Imc2":
                    return imc2();
                case "Idm": {
                    double s = 0;
                    for (int k = 0; k < pxSuby.length; k++) {
                        s += pxSuby[k] / (1 + (double) k * k);
                    }
                    return s;
                }
                case "Idmn": {
                    double ng2 = (double) ngMax * ngMax;
                    double s = 0;
                    for (int k = 0; k < pxSuby.length; k++) {
                        s += pxSuby[k] / (1 + ((double) k * k) / ng2);
                    }
                    return s;
                }
                case "Id": {
                    double s = 0;
                    for (int k = 0; k < pxSuby.length; k++) {
                        s += pxSuby[k] / (1 + (double) k);
                    }
                    return s;
                }
                case "Idn": {
                    double s = 0;
                    for (int k = 0; k < pxSuby.length; k++) {
                        s += pxSuby[k] / (1 + (double) k / ngMax);
                    }
                    return s;
                }
                case "InverseVariance": {
                    double s = 0;
                    for (int k = 1; k < pxSuby.length; k++) {
                        s += pxSuby[k] / ((double) k * k);
                    }
                    return s;
                }
                case "MaximumProbability": {
                    double m = Double.NEGATIVE_INFINITY;
                    for (double v : p) {
                        if (Double.isNaN(v)) {
                            return Double.NaN;
                        }
                        m = Math.max(m, v);
                    }
                    return m;
                }
                case "SumAverage": {
                    double s = 0;
                    for (int t = 0; t < pxAddy.length; t++) {
                        s += (t + 2) * pxAddy[t];
                    }
                    return s;
                }
                case "SumEntropy":
                    return entropy(pxAddy);
                case "SumSquares": {
                    double s = 0;
                    for (int x = 0; x < nl; x++) {
                        double d = lv[x] - ux;
                        for (int y = 0; y < nl; y++) {
                            s += p[x * nl + y] * (d * d);
                        }
                    }
                    return s;
                }
                default:
                    throw new IllegalArgumentException("unknown GLCM feature " + feature);
            }
        }

        private double clusterMoment(int power) {
            double s = 0;
            for (int x = 0; x < nl; x++) {
                for (int y = 0; y < nl; y++) {
                    double d = lv[x] + lv[y] - ux - uy;
                    double w = d * d;
                    if (power == 3) {
                        w *= d;
                    } else if (power == 4) {
                        w *= w;
                    }
                    s += p[x * nl + y] * w;
                }
            }
            return s;
        }

        private double differenceAverage() {
            double s = 0;
            for (int k = 0; k < pxSuby.length; k++) {
                s += k * pxSuby[k];
            }
            return s;
        }

        private static double entropy(double[] dist) {
            double s = 0;
            for (double v : dist) {
                s += v * log2(v + EPS);
            }
            return -s;
        }

        private double correlation() {
            double vx = 0, vy = 0, cov = 0;
            for (int x = 0; x < nl; x++) {
                double dx = lv[x] - ux;
                for (int y = 0; y < nl; y++) {
                    double v = p[x * nl + y];
                    double dy = lv[y] - uy;
                    vx += v * (dx * dx);
                    vy += v * (dy * dy);
                    cov += v * dx * dy;
                }
            }
            double sigx = Math.sqrt(vx), sigy = Math.sqrt(vy);
            double prod = sigx * sigy;
            if (prod == 0) {
                return 1; // flat distribution along this angle
            }
            return cov / (prod + EPS);
        }

        private double imc1() {
            double hx = entropy(px), hy = entropy(py);
            double hxy1 = 0;
            for (int x = 0; x < nl; x++) {
                for (int y = 0; y < nl; y++) {
                    hxy1 += p[x * nl + y] * log2(px[x] * py[y] + EPS);
                }
            }
            hxy1 = -hxy1;
            // numpy.fmax ignores a NaN operand
            double div = Double.isNaN(hx) ? hy : Double.isNaN(hy) ? hx : Math.max(hx, hy);
            double num = hxy - hxy1;
            if (div == 0) {
                return 0;
            }
            return num / div;
        }

        private double imc2() {
            double hxy2 = 0;
            for (int x = 0; x < nl; x++) {
                for (int y = 0; y < nl; y++) {
                    double q = px[x] * py[y];
                    hxy2 += q * log2(q + EPS);
                }
            }
            hxy2 = -hxy2;
            if (hxy2 == hxy) {
                return 0;
            }
            // negative radicand (HXY > HXY2 by rounding) gives NaN, which the angle mean skips, as in numpy
            return Math.sqrt(1 - Math.pow(Math.E, -2 * (hxy2 - hxy)));
        }
    }

    /**
     * Eigenvalues of Q(i,j) = sum_k p(i,k) p(j,k) / (px(i) py(k) + eps), returned as {re, im} of the second largest
     * in numpy's complex sort order (real part, then imaginary part); sets anyComplex[0] when any eigenvalue of this
     * angle has a non-zero imaginary part.
     */
    private static double[] secondLargestEigenvalue(AngleValues av, int extraZeros, boolean[] anyComplex) {
        int n = av.nl;
        double[] p = av.p;
        for (double v : p) {
            if (Double.isNaN(v)) {
                return new double[] {Double.NaN, 0};
            }
        }
        double[] q = new double[n * n];
        double[] colScale = new double[n];
        // only the k with p(i,k) != 0 contribute: skipping exact zeros leaves every sum bitwise unchanged
        int[] nonZero = new int[n];
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int k = 0; k < n; k++) {
                colScale[k] = av.px[i] * av.py[k] + EPS;
                if (p[i * n + k] != 0) {
                    nonZero[m++] = k;
                }
            }
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < m; t++) {
                    int k = nonZero[t];
                    s += p[i * n + k] * p[j * n + k] / colScale[k];
                }
                q[i * n + j] = s;
            }
        }
        // Q's eigenvalues, followed by one zero per grey level of the ROI without a row in this matrix
        double[] re = new double[n + extraZeros], im = new double[n + extraZeros];
        if (n > 0) {
            double[] r = new double[n], i = new double[n];
            Eigen.eigenvalues(q, n, r, i);
            System.arraycopy(r, 0, re, 0, n);
            System.arraycopy(i, 0, im, 0, n);
        }
        int all = n + extraZeros;
        Integer[] order = new Integer[all];
        for (int t = 0; t < all; t++) {
            order[t] = t;
            if (im[t] != 0) {
                anyComplex[0] = true;
            }
        }
        Arrays.sort(order, (x, y) -> re[x] != re[y] ? Double.compare(re[x], re[y]) : Double.compare(im[x], im[y]));
        int second = order[all - 2];
        return new double[] {re[second], im[second]};
    }

    /**
     * sqrt of the per-angle second largest eigenvalue, averaged over angles. Mirrors numpy: when all eigenvalues
     * (of all angles) are real, a negative one gives NaN (skipped by the mean); otherwise the complex square root's
     * real part is used. A single grey level (1x1 Q) gives 1.
     */
    private static double mcc(double[][] eig, int nm, int nl, boolean complexMode) {
        if (nl < 2) {
            return 1;
        }
        double[] values = new double[nm];
        for (int m = 0; m < nm; m++) {
            double re = eig[m][0], im = eig[m][1];
            if (Double.isNaN(re)) {
                values[m] = Double.NaN;
            } else if (!complexMode) {
                values[m] = Math.sqrt(re);
            } else {
                values[m] = Math.sqrt((Math.hypot(re, im) + re) / 2);
            }
        }
        return TextureAngles.nanMean(values, nm);
    }
}
