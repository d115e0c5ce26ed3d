package org.radspark.filters;

import java.util.List;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionSettings;
import org.radspark.preprocess.BoundingBox;
import org.radspark.preprocess.Cropper;

/**
 * Gradient magnitude: sqrt(sum_d ((x[+1] - x[-1]) / (2 h_d))^2) with edge voxels replicated, h_d the
 * spacing or 1 (ITK GradientMagnitudeImageFilter as called by pyradiomics imageoperations.getGradientImage).
 * ITK accumulates in double and SimpleITK returns a float32 image, so values are rounded to float.
 * A voxel's value depends on its 6 face neighbours only, so a box is computed on the box grown by one voxel
 * (clipped to the image, where the replication is then the image's own): equal to cropping the whole result.
 */
public final class GradientImage implements ImageFilter {
    @Override
    public String imageType() {
        return "Gradient";
    }

    @Override
    public List<DerivedImage> apply(Image image, Mask mask, ExtractionSettings settings) {
        return applyCropped(image, mask, settings, BoundingBox.of(image.geometry()));
    }

    @Override
    public List<DerivedImage> applyCropped(Image image, Mask mask, ExtractionSettings settings, BoundingBox box) {
        BoundingBox grown = box.padded(1, image.geometry());
        Image sub = Regions.crop(image, grown);
        double[] out = gradient(sub, settings);
        Geometry g = sub.geometry();
        BoundingBox inner = box.relativeTo(grown);
        if (!Regions.isWhole(inner, g)) {
            out = Cropper.copyBox(out, g, inner);
        }
        return List.of(new DerivedImage("gradient", new Image(Regions.grid(image.geometry(), box), out,
            PixelType.FLOAT32)));
    }

    private static double[] gradient(Image image, ExtractionSettings settings) {
        Geometry g = image.geometry();
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        double[] in = image.voxels();
        double[] out = new double[in.length];
        // the derivative operator's coefficients are -1/2 and 1/2, scaled by 1/spacing when spacing is used
        double[] c = new double[3];
        for (int d = 0; d < 3; d++) {
            c[d] = 0.5 * (settings.gradientUseSpacing ? 1.0 / g.spacing(d) : 1.0);
        }
        int sy = nx, sz = nx * ny;
        for (int k = 0; k < nz; k++) {
            int km = k > 0 ? -sz : 0, kp = k < nz - 1 ? sz : 0;
            for (int j = 0; j < ny; j++) {
                int jm = j > 0 ? -sy : 0, jp = j < ny - 1 ? sy : 0;
                int row = g.index(0, j, k);
                for (int i = 0; i < nx; i++) {
                    int p = row + i;
                    int im = i > 0 ? -1 : 0, ip = i < nx - 1 ? 1 : 0;
                    double gx = -c[0] * in[p + im] + c[0] * in[p + ip];
                    double gy = -c[1] * in[p + jm] + c[1] * in[p + jp];
                    double gz = -c[2] * in[p + km] + c[2] * in[p + kp];
                    double a = gx * gx;
                    a += gy * gy;
                    a += gz * gz;
                    out[p] = (float) Math.sqrt(a);
                }
            }
        }
        return out;
    }
}
