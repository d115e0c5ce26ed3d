package org.radspark.filters;

import java.util.ArrayList;
import java.util.List;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;

/**
 * Undecimated wavelet sub-bands: per level, each axis (x, then y, then z) is convolved circularly with
 * the wavelet's dec_lo (L) or dec_hi (H) after wrap-padding odd axes to even length, the LLL band feeding
 * the next level (pyradiomics imageoperations.getWaveletImage/_swt3 over pywt.swtn). Names are
 * "wavelet-XYZ" for the first level and "wavelet&lt;n&gt;-XYZ" for level n, letters in x, y, z order.
 * <p>
 * A level reads, for output o, the samples o - F/2 + 1 .. o + F/2 of a filter of length F, so after T
 * levels a voxel depends on fewer than T F voxels either side along each transformed axis. A bounding box
 * is therefore computed on the box grown by T F voxels per transformed axis, keeping the whole axis
 * wherever the grown box would reach the image's edge: along a kept axis the wrap padding and circular
 * convolution are the whole image's, along a cut axis every box voxel lies at least T F from both ends of
 * the sub-volume and of the image, where the convolution adds the same samples in the same order as on
 * the whole image. The box's values are thus bitwise those of the whole-image transform.
 */
public final class WaveletImage implements ImageFilter {
    @Override
    public String imageType() {
        return "Wavelet";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        return applyCropped(image, mask, settings, BoundingBox.of(image.geometry()));
    }

    @Override
    public List<DerivedImage> applyCropped(Image image, Mask mask, ExtractionSettings settings, BoundingBox box) {
        WaveletFilterBank bank = WaveletFilterBank.of(settings.wavelet);
        Geometry full = image.geometry();
        // pyradiomics transforms numpy axes (2, 1, 0) = x, y, z, less force2Ddimension (a numpy axis) in 2D
        List<Integer> axes = new ArrayList<>(List.of(0, 1, 2));
        if (settings.force2D) {
            axes.remove(Integer.valueOf(2 - settings.force2Ddimension));
        }
        int[] margin = new int[3];
        int reach = bank.decLo().length * Math.max(settings.start_level + settings.level, 1);
        for (int axis : axes) {
            margin[axis] = reach;
        }
        BoundingBox region = box.grownOrWhole(margin, full);
        Image sub = Regions.crop(image, region);
        BoundingBox inner = box.relativeTo(region);
        Geometry outGrid = Regions.grid(full, box);

        int[] size = sub.geometry().size();
        int[] padded = new int[3];
        for (int d = 0; d < 3; d++) {
            padded[d] = size[d] % 2 != 0 ? size[d] + 1 : size[d];
        }
        // pywt keeps float32 data in float32 and turns every other real type into float64
        boolean single = image.pixelType() == PixelType.FLOAT32;
        PixelType outType = single ? PixelType.FLOAT32 : PixelType.FLOAT64;
        double[] data = padWrap(sub.voxels(), size, padded);
        sub = null;

        String approxKey = "a".repeat(axes.size());
        for (int i = 0; i < settings.start_level; i++) {
            data = bands(data, padded, axes, bank, single, null).get(0);
        }
        List<DerivedImage> out = new ArrayList<>();
        for (int level = 1; level <= settings.level; level++) {
            List<String> keys = new ArrayList<>();
            List<double[]> bands = bands(data, padded, axes, bank, single, keys);
            String prefix = level == 1 ? "wavelet-" : "wavelet" + level + "-";
            for (int b = 0; b < keys.size(); b++) {
                if (keys.get(b).equals(approxKey)) {
                    data = bands.get(b);
                    continue;
                }
                String name = prefix + keys.get(b).replace('a', 'L').replace('d', 'H');
                out.add(new DerivedImage(name, new Image(outGrid, crop(bands.get(b), padded, inner), outType)));
                bands.set(b, null);
            }
        }
        String prefix = settings.level == 1 ? "wavelet-" : "wavelet" + settings.level + "-";
        out.add(new DerivedImage(prefix + "L".repeat(axes.size()), new Image(outGrid, crop(data, padded, inner), outType)));
        return out;
    }

    /**
     * One swtn level: the sub-bands in pywt's key order (aa.., then with 'd' counting up in binary, first
     * letter = first axis). With {@code keys} null only the approximation is returned.
     */
    private static List<double[]> bands(double[] data, int[] n, List<Integer> axes, WaveletFilterBank bank,
                                        boolean single, List<String> keys) {
        List<String> names = new ArrayList<>(List.of(""));
        List<double[]> arrays = new ArrayList<>(List.of(data));
        for (int axis : axes) {
            List<String> nextNames = new ArrayList<>();
            List<double[]> next = new ArrayList<>();
            StationaryWavelet swt = new StationaryWavelet(n[axis], bank.decLo().length);
            for (int b = 0; b < arrays.size(); b++) {
                String name = names.get(b);
                boolean approxOnly = keys == null;
                next.add(alongAxis(arrays.get(b), n, axis, swt, bank.decLo(), single));
                nextNames.add(name + "a");
                if (!approxOnly) {
                    next.add(alongAxis(arrays.get(b), n, axis, swt, bank.decHi(), single));
                    nextNames.add(name + "d");
                }
            }
            names = nextNames;
            arrays = next;
        }
        if (keys != null) {
            keys.addAll(names);
        }
        return arrays;
    }

    private static double[] alongAxis(double[] src, int[] n, int axis, StationaryWavelet swt, double[] filter,
                                      boolean single) {
        float[] filterF = null;
        if (single) {
            filterF = new float[filter.length];
            for (int i = 0; i < filter.length; i++) {
                filterF[i] = (float) filter[i];
            }
        }
        double[] dst = new double[src.length];
        int len = n[axis];
        int stride = axis == 0 ? 1 : axis == 1 ? n[0] : n[0] * n[1];
        int a = axis == 0 ? 1 : 0, b = axis == 2 ? 1 : 2;
        int strideA = a == 0 ? 1 : n[0], strideB = b == 1 ? n[0] : n[0] * n[1];
        double[] line = new double[len];
        double[] result = new double[len];
        for (int ib = 0; ib < n[b]; ib++) {
            for (int ia = 0; ia < n[a]; ia++) {
                int start = ia * strideA + ib * strideB;
                for (int t = 0, p = start; t < len; t++, p += stride) {
                    line[t] = src[p];
                }
                if (single) {
                    swt.apply(filterF, line, result);
                } else {
                    swt.apply(filter, line, result);
                }
                for (int t = 0, p = start; t < len; t++, p += stride) {
                    dst[p] = result[t];
                }
            }
        }
        return dst;
    }

    /** numpy.pad(..., 'wrap') with one voxel appended to each odd axis: the appended voxel is the axis' first. */
    private static double[] padWrap(double[] v, int[] size, int[] padded) {
        double[] out = new double[padded[0] * padded[1] * padded[2]];
        for (int k = 0; k < padded[2]; k++) {
            int sk = k % size[2];
            for (int j = 0; j < padded[1]; j++) {
                int sj = j % size[1];
                for (int i = 0; i < padded[0]; i++) {
                    out[i + padded[0] * (j + padded[1] * k)] = v[i % size[0] + size[0] * (sj + size[1] * sk)];
                }
            }
        }
        return out;
    }

    /** The voxels inside {@code box} of an array laid out on the padded grid. */
    private static double[] crop(double[] v, int[] padded, BoundingBox box) {
        int sx = box.size(0), sy = box.size(1), sz = box.size(2);
        int x0 = box.lower()[0], y0 = box.lower()[1], z0 = box.lower()[2];
        double[] out = new double[sx * sy * sz];
        for (int k = 0; k < sz; k++) {
            for (int j = 0; j < sy; j++) {
                System.arraycopy(v, x0 + padded[0] * (y0 + j + padded[1] * (z0 + k)), out, sx * (j + sy * k), sx);
            }
        }
        return out;
    }
}
