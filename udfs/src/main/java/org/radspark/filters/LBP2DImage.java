package org.radspark.filters;

import java.util.List;
import java.util.logging.Logger;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;

/**
 * Local binary pattern per slice (pyradiomics imageoperations.getLBP2DImage, which runs
 * scikit-image's feature.local_binary_pattern on every plane across force2Ddimension).
 *
 * <p>For each pixel, P neighbours on a circle of radius R are sampled by bilinear interpolation (zero
 * outside the plane); neighbour p sits at row offset -R sin(2 pi p / P) and column offset R cos(2 pi p / P),
 * both rounded to 5 decimals, with R held as a C float as skimage does. A neighbour counts as 1 when its
 * value minus the centre value is &gt;= 0. Methods: "default" (sum of bit p times 2^p), "ror" (the minimum
 * over cyclic rotations of that code), "uniform" (number of ones when the bit string, read without
 * wrapping from the last bit back to the first, changes at most twice, else P + 1), "nri_uniform" (one
 * code per uniform pattern and rotation, P(P-1)+2 for the rest) and "var" (population variance of the
 * samples, NaN when 0). The planes follow numpy's axes of the (z, y, x) array: force2Ddimension 0 gives
 * the (y, x) planes of each slice, 1 the (z, x) planes, 2 the (y, z) planes. The codes are written back
 * into the input's pixel type, as pyradiomics assigns them into the input array.
 */
public final class LBP2DImage implements ImageFilter {
    private static final Logger LOG = Logger.getLogger(LBP2DImage.class.getName());

    @Override
    public String imageType() {
        return "LBP2D";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        if (!settings.force2D) {
            LOG.warning("Calculating Local Binary Pattern in 2D, but extracting features in 3D. Use with caution!");
        }
        int axis = settings.force2Ddimension;
        if (axis < 0 || axis > 2) {
            throw new IllegalArgumentException("force2Ddimension must be 0, 1 or 2, got " + axis);
        }
        double[] out = lbp(image, settings.lbp2DRadius, settings.lbp2DSamples, settings.lbp2DMethod, axis);
        return List.of(new DerivedImage("lbp-2D", new Image(image.geometry(), out, image.pixelType())));
    }

    /** The LBP image of {@code image}, cast to its pixel type, for numpy slicing axis {@code axis}. */
    static double[] lbp(Image image, double radius, int samples, String method, int axis) {
        Pattern pattern = new Pattern(radius, samples, method);
        Geometry g = image.geometry();
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        double[] in = image.voxels();
        double[] out = new double[in.length];
        // plane p of the numpy axis, its rows and columns as strides into the (x fastest) voxel array
        int planes, rows, cols, planeStride, rowStride, colStride;
        if (axis == 0) {
            planes = nz; planeStride = nx * ny; rows = ny; rowStride = nx; cols = nx; colStride = 1;
        } else if (axis == 1) {
            planes = ny; planeStride = nx; rows = nz; rowStride = nx * ny; cols = nx; colStride = 1;
        } else {
            planes = nx; planeStride = 1; rows = ny; rowStride = nx; cols = nz; colStride = nx * ny;
        }
        double[] plane = new double[rows * cols];
        double[] result = new double[rows * cols];
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    plane[r * cols + c] = in[p * planeStride + r * rowStride + c * colStride];
                }
            }
            pattern.apply(plane, rows, cols, result);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[p * planeStride + r * rowStride + c * colStride] = image.pixelType().cast(result[r * cols + c]);
                }
            }
        }
        return out;
    }

    /** One configuration of the 2D operator; {@link #apply} works on a row-major plane. */
    static final class Pattern {
        private final int samples;
        private final char method;
        private final double[] rowOffset;
        private final double[] colOffset;

        Pattern(double radius, int samples, String method) {
            if (samples < 1) {
                throw new IllegalArgumentException("lbp2DSamples must be at least 1, got " + samples);
            }
            this.samples = samples;
            this.method = switch (method.toLowerCase(java.util.Locale.ROOT)) {
                case "default" -> 'D';
                case "ror" -> 'R';
                case "uniform" -> 'U';
                case "nri_uniform" -> 'N';
                case "var" -> 'V';
                default -> throw new IllegalArgumentException("unknown lbp2DMethod '" + method + "'");
            };
            double r = (float) radius; // skimage's kernel takes the radius as a C float
            rowOffset = new double[samples];
            colOffset = new double[samples];
            for (int p = 0; p < samples; p++) {
                double angle = 2 * Math.PI * p / samples;
                rowOffset[p] = round5(-r * Math.sin(angle));
                colOffset[p] = round5(r * Math.cos(angle));
            }
        }

        /** numpy.round(x, 5): scale, round half to even, unscale. */
        private static double round5(double x) {
            return Math.rint(x * 100000.0) / 100000.0;
        }

        private static double pixel(double[] plane, int rows, int cols, long r, long c) {
            return r < 0 || r >= rows || c < 0 || c >= cols ? 0.0 : plane[(int) r * cols + (int) c];
        }

        private static double bilinear(double[] plane, int rows, int cols, double r, double c) {
            long r0 = (long) Math.floor(r), c0 = (long) Math.floor(c);
            long r1 = (long) Math.ceil(r), c1 = (long) Math.ceil(c);
            double dr = r - r0, dc = c - c0;
            double top = (1 - dc) * pixel(plane, rows, cols, r0, c0) + dc * pixel(plane, rows, cols, r0, c1);
            double bottom = (1 - dc) * pixel(plane, rows, cols, r1, c0) + dc * pixel(plane, rows, cols, r1, c1);
            return (1 - dr) * top + dr * bottom;
        }

        void apply(double[] plane, int rows, int cols, double[] out) {
            int n = samples;
            double[] texture = new double[n];
            int[] bits = new int[n];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double centre = plane[r * cols + c];
                    for (int p = 0; p < n; p++) {
                        texture[p] = bilinear(plane, rows, cols, r + rowOffset[p], c + colOffset[p]);
                        bits[p] = texture[p] - centre >= 0 ? 1 : 0;
                    }
                    out[r * cols + c] = code(texture, bits);
                }
            }
        }

        private double code(double[] texture, int[] bits) {
            int n = samples;
            if (method == 'V') {
                double sum = 0, squares = 0;
                for (int p = 0; p < n; p++) {
                    sum += texture[p];
                    squares += texture[p] * texture[p];
                }
                double variance = (squares - sum * sum / n) / n;
                return variance != 0 ? variance : Double.NaN;
            }
            if (method == 'U' || method == 'N') {
                int changes = 0;
                for (int p = 0; p < n - 1; p++) {
                    changes += bits[p] != bits[p + 1] ? 1 : 0;
                }
                if (method == 'U') {
                    if (changes > 2) {
                        return n + 1;
                    }
                    int ones = 0;
                    for (int b : bits) {
                        ones += b;
                    }
                    return ones;
                }
                if (changes > 2) {
                    return n * (n - 1) + 2;
                }
                int ones = 0, firstOne = -1, firstZero = -1;
                for (int p = 0; p < n; p++) {
                    if (bits[p] == 1) {
                        ones++;
                        firstOne = firstOne < 0 ? p : firstOne;
                    } else {
                        firstZero = firstZero < 0 ? p : firstZero;
                    }
                }
                if (ones == 0) {
                    return 0;
                }
                if (ones == n) {
                    return n * (n - 1) + 1;
                }
                int rotation = firstOne == 0 ? ones - firstZero : n - firstOne;
                return 1 + (ones - 1) * n + rotation;
            }
            int value = 0;
            for (int p = 0; p < n; p++) {
                value += bits[p] << p;
            }
            if (method == 'R') {
                int best = value, rotated = value;
                for (int p = 1; p < n; p++) {
                    rotated = (rotated >> 1) | ((rotated & 1) << (n - 1));
                    best = Math.min(best, rotated);
                }
                return best;
            }
            return value;
        }
    }
}
