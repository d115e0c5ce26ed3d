package org.radspark.preprocess;

import java.util.TreeSet;
import org.radspark.extract.ExtractionException;
import org.radspark.extract.ExtractionException.Stage;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ExtractionSettings;

/**
 * Mask validation with pyradiomics' semantics (imageoperations.getMask and checkMask): the label is
 * present, the mask occupies the image's physical space (ITK's coordinate tolerance, or
 * geometryTolerance), the ROI has at least minimumROIDimensions dimensions and more than
 * minimumROISize voxels. With correctMask a mismatched mask is resampled onto the image grid.
 */
public final class MaskChecker {
    /** ITK's default coordinate and direction tolerance. */
    public static final double DEFAULT_GEOMETRY_TOLERANCE = 1e-6;

    private MaskChecker() {
    }

    /** A validated mask on the image grid and the bounding box of the label. */
    public record CheckedMask(Mask mask, BoundingBox boundingBox) {
    }

    /** Rejects an empty mask or one without {@code label} (pyradiomics getMask). */
    public static void requireLabel(Mask mask, int label) {
        int[] labels = mask.labels();
        for (int v : labels) {
            if (v == label) {
                return; // the usual case: stop at the ROI's first voxel
            }
        }
        TreeSet<Integer> found = new TreeSet<>();
        for (int v : labels) {
            if (v != 0 && found.size() < 32) {
                found.add(v);
            }
        }
        if (found.isEmpty()) {
            throw new ExtractionException(Stage.PREPROCESS, "mask is empty: no voxel is segmented");
        }
        throw new ExtractionException(Stage.PREPROCESS, "label " + label + " not present in mask (labels found: "
            + String.join(", ", found.stream().map(String::valueOf).toList()) + ")");
    }

    public static CheckedMask check(Image image, Mask mask, ExtractionSettings s) {
        return check(image, mask, s, null);
    }

    /** As {@link #check(Image, Mask, ExtractionSettings)}, given the label's bounding box in {@code mask} when known. */
    public static CheckedMask check(Image image, Mask mask, ExtractionSettings s, BoundingBox knownBox) {
        Geometry ig = image.geometry();
        Geometry mg = mask.geometry();
        double tol = s.geometryTolerance == null ? DEFAULT_GEOMETRY_TOLERANCE : s.geometryTolerance;
        Mask onGrid = mask;
        if (!occupySameSpace(ig, mg, tol)) {
            if (!s.correctMask) {
                throw new ExtractionException(Stage.PREPROCESS, "image/mask geometry mismatch: "
                    + describe(ig, mg, tol) + " (increase geometryTolerance or enable correctMask)");
            }
            onGrid = resampleOntoImage(mask, ig, s.label);
        }
        BoundingBox box = onGrid == mask && knownBox != null ? knownBox : Cropper.boundingBox(onGrid, s.label);
        if (box == null) {
            throw new ExtractionException(Stage.PREPROCESS, "label " + s.label + " not present in mask");
        }
        int dims = box.dimensions();
        if (dims == 0) {
            throw new ExtractionException(Stage.PREPROCESS,
                "mask contains only 1 segmented voxel; features cannot be extracted from a single voxel");
        }
        if (dims < s.minimumROIDimensions) {
            throw new ExtractionException(Stage.PREPROCESS, "mask has too few dimensions (" + dims
                + ", minimumROIDimensions " + s.minimumROIDimensions + ")");
        }
        if (s.minimumROISize != null) {
            long count = onGrid.count(s.label);
            if (count <= s.minimumROISize) {
                throw new ExtractionException(Stage.PREPROCESS, "ROI is too small (" + count
                    + " voxels, minimumROISize " + s.minimumROISize + ")");
            }
        }
        return new CheckedMask(onGrid, box);
    }

    /** ITK's check that two inputs occupy the same physical space: coordinates within tol * spacing[0]. */
    static boolean occupySameSpace(Geometry a, Geometry b, double tol) {
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz()) {
            return false;
        }
        double coordTol = tol * a.spacing(0);
        double[] ao = a.origin(), bo = b.origin(), as = a.spacing(), bs = b.spacing();
        double[] ad = a.direction(), bd = b.direction();
        for (int i = 0; i < 3; i++) {
            if (Math.abs(ao[i] - bo[i]) > coordTol || Math.abs(as[i] - bs[i]) > coordTol) {
                return false;
            }
        }
        for (int i = 0; i < 9; i++) {
            if (Math.abs(ad[i] - bd[i]) > tol) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Geometry image, Geometry mask, double tol) {
        return "image " + image.describeDifference(mask, tol * image.spacing(0)).replace(" vs ", ", mask ");
    }

    /**
     * pyradiomics' _correctMask: the ROI must lie inside the image's physical extent (tolerance 1e-3
     * voxel), then the mask is resampled onto the image grid by nearest neighbour (ITK rounding).
     */
    static Mask resampleOntoImage(Mask mask, Geometry image, int label) {
        Geometry mg = mask.geometry();
        BoundingBox box = Cropper.boundingBox(mask, label);
        if (box == null) {
            throw new ExtractionException(Stage.PREPROCESS, "label " + label + " not present in mask");
        }
        double[][] corners = {
            mg.indexToPhysical(box.lower()[0] - 0.5, box.lower()[1] - 0.5, box.lower()[2] - 0.5),
            mg.indexToPhysical(box.upper()[0] + 0.5, box.upper()[1] + 0.5, box.upper()[2] + 0.5)};
        int[] size = image.size();
        for (double[] c : corners) {
            double[] idx = image.physicalToIndex(c[0], c[1], c[2]);
            for (int a = 0; a < 3; a++) {
                if (idx[a] < -0.5 - 1e-3 || idx[a] > size[a] - 0.5 + 1e-3) {
                    throw new ExtractionException(Stage.PREPROCESS,
                        "the ROI's bounding box extends outside the image; the mask cannot be corrected");
                }
            }
        }
        int[] src = mask.labels();
        int[] out = new int[(int) image.voxelCount()];
        int mx = mg.nx(), my = mg.ny(), mz = mg.nz();
        int v = 0;
        for (int k = 0; k < size[2]; k++) {
            for (int j = 0; j < size[1]; j++) {
                for (int i = 0; i < size[0]; i++, v++) {
                    double[] p = image.indexToPhysical(i, j, k);
                    double[] c = mg.physicalToIndex(p[0], p[1], p[2]);
                    if (c[0] < -0.5 || c[1] < -0.5 || c[2] < -0.5 || c[0] >= mx - 0.5 || c[1] >= my - 0.5
                        || c[2] >= mz - 0.5) {
                        continue;
                    }
                    int ci = (int) Math.floor(c[0] + 0.5), cj = (int) Math.floor(c[1] + 0.5), ck = (int) Math.floor(c[2] + 0.5);
                    out[v] = src[ci + mx * (cj + my * ck)];
                }
            }
        }
        return new Mask(image, out);
    }
}
