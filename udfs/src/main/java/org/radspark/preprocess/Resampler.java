package org.radspark.preprocess;

import org.radspark.image.PixelType;
import java.util.Arrays;
import java.util.Locale;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;

/**
 * Resampling of image and mask to a new voxel spacing, reproducing pyradiomics'
 * imageoperations.resampleImage (grid from the mask's label bounding box plus padding, aligned with
 * the mask's corner) and SimpleITK's ResampleImageFilter (identity transform, linear scan-line path,
 * default value 0, cast to the input pixel type).
 */
public final class Resampler {

    /** Image and mask on the same (resampled or cropped) grid. */
    public record Resampled(Image image, Mask mask) {
    }

    private Resampler() {
    }

    /** As {@link #resample(Image, Mask, double[], InterpolatorType, int, int, PixelType)} with a setting string. */
    public static Resampled resample(Image image, Mask mask, double[] spacing, String interpolator, int label,
                                     int padDistance, PixelType imagePixelType) {
        return resample(image, mask, spacing, InterpolatorType.parse(interpolator), label, padDistance,
            imagePixelType);
    }

    /**
     * pyradiomics' resampleImage. A 0 in {@code spacing} keeps the mask's spacing on that axis, and so
     * does every axis on which the label spans a single voxel. If the resulting spacing equals the
     * image's (numpy.allclose), nothing is interpolated: the mask is put on the image grid by nearest
     * neighbour and both are cropped to the label's bounding box plus {@code padDistance}, clipped to
     * the image. Otherwise both are resampled onto the padded grid: the image with {@code interpolator}
     * and its values cast to {@code imagePixelType} (the type the image had in SimpleITK, e.g. INT16 for
     * a CT read from NRRD; integer types truncate toward zero), the mask by nearest neighbour, so it
     * keeps its label values and voxels equal to {@code label} remain the ROI.
     *
     * @throws IllegalArgumentException if the label is absent, its bounding box lies outside the image,
     *     or the arguments are malformed
     */
    public static Resampled resample(Image image, Mask mask, double[] spacing, InterpolatorType interpolator,
                                     int label, int padDistance, PixelType imagePixelType) {
        if (spacing == null || spacing.length != 3) {
            throw new IllegalArgumentException("resampledPixelSpacing needs 3 values");
        }
        for (double s : spacing) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("resampledPixelSpacing must be >= 0 and finite: "
                    + Arrays.toString(spacing));
            }
        }
        if (padDistance < 0) {
            throw new IllegalArgumentException("padDistance must be >= 0: " + padDistance);
        }
        Geometry mg = mask.geometry();
        Geometry ig = image.geometry();
        double[] maskSpacing = mg.spacing();
        int[] bb = boundingBox(mask, label);
        if (bb == null) {
            throw new IllegalArgumentException("Label (" + label + ") not present in mask");
        }
        checkRoi(ig, mg, bb);
        double[] target = effectiveSpacing(spacing, maskSpacing, bb);

        if (allClose(ig.spacing(), target)) {
            return cropAtImageSpacing(image, mask, label, padDistance);
        }
        Geometry grid = resampledGrid(mg, bb, target, padDistance);
        double[] values = resampleValues(image, grid, Interpolator.create(interpolator, image.voxels(),
            ig.nx(), ig.ny(), ig.nz()), imagePixelType);
        int[] labels = resampleLabels(mask, grid);
        return new Resampled(new Image(grid, values, imagePixelType), new Mask(grid, labels));
    }

    /**
     * The spacing pyradiomics resamples to: 0 replaced by the mask's spacing, and the mask's spacing
     * kept on axes where the label's bounding box is one voxel wide.
     */
    public static double[] effectiveSpacing(double[] requested, double[] maskSpacing, int[] bb) {
        double[] out = new double[3];
        for (int a = 0; a < 3; a++) {
            out[a] = requested[a] == 0 ? maskSpacing[a] : requested[a];
            if (bb[3 + a] == 1) {
                out[a] = maskSpacing[a];
            }
        }
        return out;
    }

    /**
     * pyradiomics' resampling grid, for a label bounding box {@code bb} = (lower i, j, k, size i, j, k)
     * in the mask's index space and the target {@code spacing}. With ratio = maskSpacing / spacing:
     * lower = floor((L - 0.5) * ratio - pad), upper = ceil((L + S - 0.5) * ratio + pad), clipped to
     * [0, ceil(maskSize * ratio) - 1]; size = upper - lower + 1. The origin is the mask's continuous
     * index 0.5 * (spacing - maskSpacing) / maskSpacing + lower / ratio (so the new grid's corner
     * coincides with the mask's corner) mapped to physical space; the direction is the mask's.
     */
    public static Geometry resampledGrid(Geometry maskGeometry, int[] bb, double[] spacing, int padDistance) {
        double[] maskSpacing = maskGeometry.spacing();
        int[] maskSize = maskGeometry.size();
        int[] size = new int[3];
        double[] originIndex = new double[3];
        for (int a = 0; a < 3; a++) {
            double ratio = maskSpacing[a] / spacing[a];
            double lower = Math.floor((bb[a] - 0.5) * ratio - padDistance);
            double upper = Math.ceil((bb[a] + bb[3 + a] - 0.5) * ratio + padDistance);
            double maxUpper = Math.ceil(maskSize[a] * ratio) - 1;
            if (lower < 0) {
                lower = 0;
            }
            if (upper > maxUpper) {
                upper = maxUpper;
            }
            size[a] = (int) (upper - lower + 1);
            double lowerInMask = lower / ratio;
            double newOriginIndex = 0.5 * (spacing[a] - maskSpacing[a]) / maskSpacing[a];
            originIndex[a] = newOriginIndex + lowerInMask;
        }
        if (size[0] <= 0 || size[1] <= 0 || size[2] <= 0) {
            throw new IllegalArgumentException("empty resampling grid " + Arrays.toString(size));
        }
        double[] origin = new ItkSpace(maskGeometry).continuousIndexToPhysical(originIndex);
        return new Geometry(size[0], size[1], size[2], spacing, origin, maskGeometry.direction());
    }

    /**
     * LabelShapeStatisticsImageFilter's bounding box of {@code label}: lower index (i, j, k) followed
     * by size (i, j, k), or null when no voxel carries the label.
     */
    public static int[] boundingBox(Mask mask, int label) {
        Geometry g = mask.geometry();
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        int[] labels = mask.labels();
        int minI = Integer.MAX_VALUE, minJ = Integer.MAX_VALUE, minK = Integer.MAX_VALUE;
        int maxI = -1, maxJ = -1, maxK = -1;
        int p = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, p++) {
                    if (labels[p] == label) {
                        minI = Math.min(minI, i);
                        maxI = Math.max(maxI, i);
                        minJ = Math.min(minJ, j);
                        maxJ = Math.max(maxJ, j);
                        minK = Math.min(minK, k);
                        maxK = Math.max(maxK, k);
                    }
                }
            }
        }
        if (maxI < 0) {
            return null;
        }
        return new int[] {minI, minJ, minK, maxI - minI + 1, maxJ - minJ + 1, maxK - minK + 1};
    }

    /**
     * pyradiomics' _checkROI: the corners of the label's bounding box (voxel edges, not centres), taken
     * to the image's index space, must lie within [-0.5, size - 0.5] up to 1e-3.
     */
    private static void checkRoi(Geometry image, Geometry mask, int[] bb) {
        ItkSpace ms = new ItkSpace(mask);
        ItkSpace is = new ItkSpace(image);
        double[] lo = new double[3];
        double[] hi = new double[3];
        is.physicalToContinuousIndex(ms.continuousIndexToPhysical(
            new double[] {bb[0] - 0.5, bb[1] - 0.5, bb[2] - 0.5}), lo);
        is.physicalToContinuousIndex(ms.continuousIndexToPhysical(
            new double[] {bb[0] + bb[3] - 0.5, bb[1] + bb[4] - 0.5, bb[2] + bb[5] - 0.5}), hi);
        int[] size = image.size();
        double tolerance = 1e-3;
        for (int a = 0; a < 3; a++) {
            if (Math.min(lo[a], hi[a]) < -0.5 - tolerance || Math.max(lo[a], hi[a]) > size[a] - 0.5 + tolerance) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Bounding box of ROI is larger than image space: ROI bounds (image index space) %s to %s,"
                        + " image size %s", Arrays.toString(lo), Arrays.toString(hi), Arrays.toString(size)));
            }
        }
    }

    /** numpy.allclose(a, b): |a - b| <= 1e-8 + 1e-5 * |b| everywhere. */
    static boolean allClose(double[] a, double[] b) {
        for (int t = 0; t < a.length; t++) {
            if (!(Math.abs(a[t] - b[t]) <= 1e-8 + 1e-5 * Math.abs(b[t]))) {
                return false;
            }
        }
        return true;
    }

    /** The no-interpolation branch: mask onto the image grid, then pyradiomics' cropToTumorMask with padding. */
    private static Resampled cropAtImageSpacing(Image image, Mask mask, int label, int padDistance) {
        Geometry ig = image.geometry();
        Mask onImage = new Mask(ig, resampleLabels(mask, ig));
        int[] bb = boundingBox(onImage, label);
        if (bb == null) {
            throw new IllegalArgumentException("Label (" + label + ") not present in mask after resampling it to"
                + " the image grid");
        }
        int[] size = ig.size();
        int[] lo = new int[3];
        int[] n = new int[3];
        for (int a = 0; a < 3; a++) {
            lo[a] = Math.max(bb[a] - padDistance, 0);
            int upperCrop = Math.max(size[a] - (bb[a] + bb[3 + a] - 1) - padDistance - 1, 0);
            n[a] = size[a] - upperCrop - lo[a];
        }
        double[] origin = new double[3];
        new ItkSpace(ig).indexToPhysical(lo[0], lo[1], lo[2], origin);
        Geometry crop = new Geometry(n[0], n[1], n[2], ig.spacing(), origin, ig.direction());
        double[] values = new double[n[0] * n[1] * n[2]];
        int[] labels = new int[values.length];
        double[] srcValues = image.voxels();
        int[] srcLabels = onImage.labels();
        int p = 0;
        for (int k = 0; k < n[2]; k++) {
            for (int j = 0; j < n[1]; j++) {
                int src = ig.index(lo[0], lo[1] + j, lo[2] + k);
                System.arraycopy(srcValues, src, values, p, n[0]);
                System.arraycopy(srcLabels, src, labels, p, n[0]);
                p += n[0];
            }
        }
        return new Resampled(new Image(crop, values), new Mask(crop, labels));
    }

    /**
     * Continuous input indices of one output scan line (fixed j, k), as ITK's
     * LinearThreadedGenerateData computes them: the indices of output voxels (0, j, k) and (nx, j, k)
     * are mapped to the input, and voxel i gets start * (1 - i/nx) + end * (i/nx).
     */
    private static void scanLine(ItkSpace out, ItkSpace in, int nx, int j, int k,
                                 double[] point, double[] start, double[] end, double[][] ci) {
        out.indexToPhysical(0, j, k, point);
        in.physicalToContinuousIndex(point, start);
        out.indexToPhysical(nx, j, k, point);
        in.physicalToContinuousIndex(point, end);
        for (int i = 0; i < nx; i++) {
            double alpha = i / (double) nx;
            double oneMinusAlpha = 1.0 - alpha;
            for (int a = 0; a < 3; a++) {
                ci[a][i] = start[a] * oneMinusAlpha + end[a] * alpha;
            }
        }
    }

    private static double[] resampleValues(Image image, Geometry grid, Interpolator interpolator, PixelType type) {
        Geometry ig = image.geometry();
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        int[] inSize = ig.size();
        ItkSpace out = new ItkSpace(grid);
        ItkSpace in = new ItkSpace(ig);
        double[] values = new double[nx * ny * nz];
        double[] point = new double[3], start = new double[3], end = new double[3];
        double[][] ci = new double[3][nx];
        BSplineInterpolator bspline = interpolator instanceof BSplineInterpolator b ? b : null;
        // B-spline: per-axis weight/index tables for the current scan line, rebuilt only when that axis'
        // continuous indices differ from the previous line's (with an axis-aligned grid the i table is
        // built once and the k table once per slice), then combined exactly as ITK's evaluation does.
        double[][] weights = new double[3][4 * nx];
        int[][] support = new int[3][4 * nx];
        double[][] tableFor = new double[3][];
        int p = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                scanLine(out, in, nx, j, k, point, start, end, ci);
                if (bspline != null) {
                    for (int a = 0; a < 3; a++) {
                        if (tableFor[a] == null || !Arrays.equals(tableFor[a], ci[a])) {
                            buildAxisTable(ci[a], inSize[a], weights[a], support[a]);
                            tableFor[a] = ci[a].clone();
                        }
                    }
                }
                for (int i = 0; i < nx; i++, p++) {
                    double x = ci[0][i], y = ci[1][i], z = ci[2][i];
                    if (!interpolator.isInsideBuffer(x, y, z)) {
                        values[p] = 0.0;
                        continue;
                    }
                    double v = bspline != null
                        ? bspline.combine(weights[0], support[0], 4 * i, weights[1], support[1], 4 * i,
                            weights[2], support[2], 4 * i)
                        : interpolator.evaluate(x, y, z);
                    values[p] = type.cast(v);
                }
            }
        }
        return values;
    }

    private static void buildAxisTable(double[] coords, int n, double[] w, int[] idx) {
        for (int i = 0; i < coords.length; i++) {
            if (Interpolator.insideAxis(coords[i], n)) {
                BSplineInterpolator.axisSupport(coords[i], n, w, idx, 4 * i);
            } else {
                Arrays.fill(w, 4 * i, 4 * i + 4, 0.0);
                Arrays.fill(idx, 4 * i, 4 * i + 4, 0);
            }
        }
    }

    /** Nearest-neighbour resampling of a label map onto {@code grid}; outside the mask gives 0. */
    private static int[] resampleLabels(Mask mask, Geometry grid) {
        Geometry mg = mask.geometry();
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        int mx = mg.nx(), my = mg.ny(), mz = mg.nz();
        ItkSpace out = new ItkSpace(grid);
        ItkSpace in = new ItkSpace(mg);
        int[] src = mask.labels();
        int[] labels = new int[nx * ny * nz];
        double[] point = new double[3], start = new double[3], end = new double[3];
        double[][] ci = new double[3][nx];
        int p = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                scanLine(out, in, nx, j, k, point, start, end, ci);
                for (int i = 0; i < nx; i++, p++) {
                    double x = ci[0][i], y = ci[1][i], z = ci[2][i];
                    if (Interpolator.insideAxis(x, mx) && Interpolator.insideAxis(y, my)
                        && Interpolator.insideAxis(z, mz)) {
                        labels[p] = src[NearestNeighborInterpolator.nearestIndex(x, y, z, mx, my)];
                    }
                }
            }
        }
        return labels;
    }
}
