package org.radspark.preprocess.n4;

import org.radspark.ibsi2.Fft;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;

// N4 bias-field correction: Tustison et al., IEEE TMI 29(6):1310-1320, 2010 (N3: Sled et al. 1998).
/**
 * Estimates a smooth multiplicative bias field and divides it out. Work is done in the log domain on a
 * copy of the image shrunk by block averaging. Each iteration
 * <ol>
 * <li>sharpens the histogram of the current log estimate by Wiener deconvolution of a Gaussian bias
 * histogram (FWHM {@code biasFieldFwhm}, noise {@code wienerNoise}) and maps every voxel to its expected
 * unbiased value E(u | v);</li>
 * <li>approximates the residual (estimate - sharpened) with a cubic B-spline on the current control
 * lattice and adds it to the total log field;</li>
 * <li>stops a level when the coefficient of variation of exp(new field - old field) over the mask falls
 * below the convergence threshold, or after that level's iteration count.</li>
 * </ol>
 * Between levels the control lattice is refined to twice the spans per axis. The final field is evaluated
 * at full resolution from the lattice. Voxels outside the mask (when the mask is used) or with
 * non-positive intensity take no part in the estimate but are corrected too.
 */
public final class N4BiasFieldCorrector {
    private final N4Settings settings;

    public N4BiasFieldCorrector(N4Settings settings) {
        this.settings = settings;
    }

    /** Corrected image and the multiplicative bias field (corrected = input / field), both on the input grid. */
    public record Result(Image corrected, Image biasField, int[] iterationsPerLevel, double lastConvergence) {
    }

    /**
     * Corrects {@code image}; {@code mask} (may be null) restricts the estimate to voxels with a non-zero
     * label when {@link N4Settings#mask()} is true.
     */
    public Result correct(Image image, Mask mask) {
        Geometry g = image.geometry();
        if (mask != null && !mask.geometry().sameGrid(g, 1e-4)) {
            throw new IllegalArgumentException("N4: mask grid differs from the image grid: "
                + mask.geometry().describeDifference(g, 1e-4));
        }
        int[] n = g.size();
        double[] in = image.voxels();
        int[] labels = settings.mask() && mask != null ? mask.labels() : null;

        // shrink by block averaging over usable voxels
        int f = settings.shrinkFactor();
        int[] m = {(n[0] + f - 1) / f, (n[1] + f - 1) / f, (n[2] + f - 1) / f};
        double[][] coords = new double[3][];
        for (int a = 0; a < 3; a++) {
            coords[a] = new double[m[a]];
            for (int b = 0; b < m[a]; b++) {
                int first = b * f, last = Math.min(n[a], first + f) - 1;
                coords[a][b] = 0.5 * (first + last);
            }
        }
        double[] sum = new double[m[0] * m[1] * m[2]];
        int[] count = new int[sum.length];
        for (int k = 0; k < n[2]; k++) {
            for (int j = 0; j < n[1]; j++) {
                for (int i = 0; i < n[0]; i++) {
                    int idx = i + n[0] * (j + n[1] * k);
                    double v = in[idx];
                    if (!(v > 0) || Double.isInfinite(v) || (labels != null && labels[idx] == 0)) {
                        continue;
                    }
                    int s = i / f + m[0] * (j / f + m[1] * (k / f));
                    sum[s] += v;
                    count[s]++;
                }
            }
        }
        int points = 0;
        for (int c : count) {
            if (c > 0) {
                points++;
            }
        }
        if (points == 0) {
            throw new IllegalArgumentException("N4: no voxel with positive intensity inside the mask");
        }
        int[] px = new int[points], py = new int[points], pz = new int[points];
        double[] logInput = new double[points];
        int p = 0;
        for (int s = 0; s < sum.length; s++) {
            if (count[s] > 0) {
                px[p] = s % m[0];
                py[p] = (s / m[0]) % m[1];
                pz[p] = s / (m[0] * m[1]);
                logInput[p] = Math.log(sum[s] / count[s]);
                p++;
            }
        }

        double[] extent = {Math.max(1, n[0] - 1), Math.max(1, n[1] - 1), Math.max(1, n[2] - 1)};
        int[] cp = settings.controlPoints();
        int order = settings.splineOrder();
        BSplineLattice lattice = new BSplineLattice(order, new int[] {cp[0] - order, cp[1] - order, cp[2] - order}, extent);
        double[] field = new double[points];
        double[] uncorrected = logInput.clone();
        double[] sharpened = new double[points];
        double[] residual = new double[points];
        double[] newField = new double[points];
        int[] iterations = settings.iterations();
        int[] done = new int[iterations.length];
        double convergence = Double.NaN;
        for (int level = 0; level < iterations.length; level++) {
            BSplineLattice.AxisBasis bx = lattice.basis(0, coords[0]);
            BSplineLattice.AxisBasis by = lattice.basis(1, coords[1]);
            BSplineLattice.AxisBasis bz = lattice.basis(2, coords[2]);
            convergence = Double.POSITIVE_INFINITY;
            while (done[level] < iterations[level] && convergence > settings.convergenceThreshold()) {
                done[level]++;
                sharpen(uncorrected, sharpened);
                for (int q = 0; q < points; q++) {
                    residual[q] = uncorrected[q] - sharpened[q];
                }
                lattice.add(lattice.approximate(bx, by, bz, px, py, pz, residual));
                for (int q = 0; q < points; q++) {
                    newField[q] = lattice.evaluate(bx, by, bz, px[q], py[q], pz[q]);
                }
                convergence = coefficientOfVariationOfRatio(newField, field);
                System.arraycopy(newField, 0, field, 0, points);
                for (int q = 0; q < points; q++) {
                    uncorrected[q] = logInput[q] - field[q];
                }
            }
            if (level < iterations.length - 1) {
                lattice = lattice.refine();
            }
        }

        // full-resolution field
        double[][] full = new double[3][];
        for (int a = 0; a < 3; a++) {
            full[a] = new double[n[a]];
            for (int b = 0; b < n[a]; b++) {
                full[a][b] = b;
            }
        }
        BSplineLattice.AxisBasis fx = lattice.basis(0, full[0]);
        BSplineLattice.AxisBasis fy = lattice.basis(1, full[1]);
        BSplineLattice.AxisBasis fz = lattice.basis(2, full[2]);
        double[] bias = new double[in.length];
        double[] corrected = new double[in.length];
        for (int k = 0; k < n[2]; k++) {
            for (int j = 0; j < n[1]; j++) {
                for (int i = 0; i < n[0]; i++) {
                    int idx = i + n[0] * (j + n[1] * k);
                    bias[idx] = Math.exp(lattice.evaluate(fx, fy, fz, i, j, k));
                    corrected[idx] = in[idx] / bias[idx];
                }
            }
        }
        return new Result(new Image(g, corrected), new Image(g, bias), done, convergence);
    }

    /** sigma / mu of exp(a - b): how much the field changed, as ITK's convergence measure. */
    private static double coefficientOfVariationOfRatio(double[] a, double[] b) {
        double mean = 0, m2 = 0;
        for (int i = 0; i < a.length; i++) {
            double x = Math.exp(a[i] - b[i]);
            double delta = x - mean;
            mean += delta / (i + 1);
            m2 += delta * (x - mean);
        }
        double sd = a.length > 1 ? Math.sqrt(m2 / (a.length - 1)) : 0;
        return sd / mean;
    }

    /**
     * Histogram sharpening (Sled et al. 1998, as used by N4): the histogram of {@code values} is deconvolved
     * by a Gaussian of FWHM {@code biasFieldFwhm} with a Wiener filter; each value is replaced by the
     * expectation of the sharpened distribution given the observed bin, E(u | v), interpolated linearly.
     */
    void sharpen(double[] values, double[] out) {
        int bins = settings.histogramBins();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            System.arraycopy(values, 0, out, 0, values.length);
            return;
        }
        double slope = (max - min) / (bins - 1);
        int size = Integer.highestOneBit(bins - 1) << 2; // next power of two >= bins, doubled
        int offset = (size - bins) / 2;
        double[] vr = new double[size], vi = new double[size];
        for (double v : values) {
            double c = (v - min) / slope;
            int b = (int) Math.floor(c);
            double t = c - b;
            if (b >= bins - 1) {
                vr[offset + bins - 1] += 1;
            } else {
                vr[offset + b] += 1 - t;
                vr[offset + b + 1] += t;
            }
        }
        Fft fft = new Fft(size);
        fft.transform(vr, vi, false);

        // Gaussian bias histogram (in bins), centred at 0 with circular symmetry; its transform is real
        double fwhm = settings.biasFieldFwhm() / slope;
        double expFactor = 4 * Math.log(2) / (fwhm * fwhm);
        double scale = 2 * Math.sqrt(Math.log(2) / Math.PI) / fwhm;
        double[] fr = new double[size], fi = new double[size];
        for (int k = 0; k <= size / 2; k++) {
            double gk = scale * Math.exp(-(double) k * k * expFactor);
            fr[k] = gk;
            fr[(size - k) % size] = gk;
        }
        fft.transform(fr, fi, false);

        // Wiener deconvolution: U = V * conj(F) / (|F|^2 + noise), kept non-negative
        double noise = settings.wienerNoise();
        double[] ur = new double[size], ui = new double[size];
        for (int k = 0; k < size; k++) {
            double g = fr[k] / (fr[k] * fr[k] + fi[k] * fi[k] + noise);
            ur[k] = vr[k] * g;
            ui[k] = vi[k] * g;
        }
        fft.transform(ur, ui, true);
        for (int k = 0; k < size; k++) {
            ur[k] = Math.max(ur[k], 0);
            ui[k] = 0;
        }

        // E(u | v) = (F * (u U)) / (F * U)
        double[] nr = new double[size], ni = new double[size];
        for (int k = 0; k < size; k++) {
            nr[k] = (min + (k - offset) * slope) * ur[k];
        }
        smooth(fft, nr, ni, fr, fi);
        smooth(fft, ur, ui, fr, fi);
        double[] e = new double[bins];
        for (int b = 0; b < bins; b++) {
            double den = ur[b + offset];
            e[b] = den != 0 ? nr[b + offset] / den : 0;
        }
        for (int q = 0; q < values.length; q++) {
            double c = (values[q] - min) / slope;
            int b = (int) Math.floor(c);
            out[q] = b < bins - 1 ? e[b] + (e[b + 1] - e[b]) * (c - b) : e[bins - 1];
        }
    }

    /** Circular convolution of (re, im) with the kernel whose transform is (fr, fi); result in re. */
    private static void smooth(Fft fft, double[] re, double[] im, double[] fr, double[] fi) {
        fft.transform(re, im, false);
        for (int k = 0; k < re.length; k++) {
            double a = re[k] * fr[k] - im[k] * fi[k];
            double b = re[k] * fi[k] + im[k] * fr[k];
            re[k] = a;
            im[k] = b;
        }
        fft.transform(re, im, true);
    }
}
