package org.radspark.io.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.radspark.image.Geometry;
import org.radspark.image.Mask;
import org.radspark.io.ReadException;

/**
 * Rasterises one ROI of an RT Structure Set onto an image grid, following PS3.3 C.8.8.5 (Structure Set
 * Module) and C.8.8.6 (ROI Contour Module): each CLOSED_PLANAR contour marks, on the slice whose plane
 * holds it, the voxels whose centre lies inside it (even-odd rule); contours on one slice combine by XOR.
 */
public final class RtStructReader {
    private final DicomToolkit toolkit;

    public RtStructReader() {
        this(DicomToolkit.standard());
    }

    public RtStructReader(DicomToolkit toolkit) {
        this.toolkit = toolkit;
    }

    /** ROI names of the structure set, in file order. */
    public List<String> roiNames(Path rtstructFile) {
        return new ArrayList<>(rois(rtstructFile, structureSet(rtstructFile)).keySet());
    }

    /** The ROI {@code roiName} (null: the only ROI) as a 0/1 mask on {@code imageGrid}. */
    public Mask read(Path rtstructFile, Geometry imageGrid, String roiName) {
        return read(rtstructFile, imageGrid, null, roiName);
    }

    /** As {@link #read(Path, Geometry, String)}, also checking that the ROI shares the series' frame of reference. */
    public Mask read(Path rtstructFile, DicomSeries series, String roiName) {
        try {
            return read(rtstructFile, series.image().geometry(), series.frameOfReferenceUid(), roiName);
        } catch (FrameMismatch e) {
            List<String> drawnOn = referencedSeries(structureSet(rtstructFile));
            throw new ReadException(e.getMessage() + (drawnOn.isEmpty() || drawnOn.contains(series.seriesInstanceUid())
                ? "" : "; the structure set was drawn on series " + String.join(", ", drawnOn) + ", the image is series "
                + series.seriesInstanceUid()));
        }
    }

    /** A ROI outside the image's frame of reference. */
    private static final class FrameMismatch extends ReadException {
        FrameMismatch(String message) {
            super(message);
        }
    }

    /** Series Instance UIDs the structure set references (PS3.3 C.8.8.5: RT Referenced Series Sequence). */
    static List<String> referencedSeries(DicomAttributes set) {
        List<String> out = new ArrayList<>();
        for (DicomAttributes frame : set.sequence(DicomTags.REFERENCED_FRAME_OF_REFERENCE_SEQUENCE)) {
            for (DicomAttributes study : frame.sequence(DicomTags.RT_REFERENCED_STUDY_SEQUENCE)) {
                for (DicomAttributes series : study.sequence(DicomTags.RT_REFERENCED_SERIES_SEQUENCE)) {
                    String uid = series.string(DicomTags.SERIES_INSTANCE_UID);
                    if (uid != null && !out.contains(uid)) {
                        out.add(uid);
                    }
                }
            }
        }
        return out;
    }

    private Mask read(Path file, Geometry grid, String frameOfReference, String roiName) {
        DicomAttributes set = structureSet(file);
        Map<String, DicomAttributes> rois = rois(file, set);
        String name = roiName;
        if (name == null) {
            if (rois.size() != 1) {
                throw new ReadException(file + ": " + rois.size() + " ROIs found (" + String.join(", ", rois.keySet())
                    + "); choose one by name");
            }
            name = rois.keySet().iterator().next();
        }
        DicomAttributes roi = rois.get(name.trim());
        if (roi == null) {
            throw new ReadException(file + ": ROI '" + name + "' not found (available: "
                + String.join(", ", rois.keySet()) + ")");
        }
        String roiFrame = roi.string(DicomTags.REFERENCED_FRAME_OF_REFERENCE_UID);
        if (frameOfReference != null && roiFrame != null && !roiFrame.equals(frameOfReference)) {
            throw new FrameMismatch(file + ": ROI '" + name + "' is in frame of reference " + roiFrame
                + ", the image in " + frameOfReference);
        }
        String number = roi.string(DicomTags.ROI_NUMBER);
        List<DicomAttributes> contours = new ArrayList<>();
        for (DicomAttributes item : set.sequence(DicomTags.ROI_CONTOUR_SEQUENCE)) {
            if (number != null && number.equals(item.string(DicomTags.REFERENCED_ROI_NUMBER))) {
                contours.addAll(item.sequence(DicomTags.CONTOUR_SEQUENCE));
            }
        }
        int[] labels = new int[Math.toIntExact(grid.voxelCount())];
        Rasteriser rasteriser = new Rasteriser(grid, labels);
        int closed = 0;
        for (int c = 0; c < contours.size(); c++) {
            DicomAttributes contour = contours.get(c);
            if (!"CLOSED_PLANAR".equals(contour.string(DicomTags.CONTOUR_GEOMETRIC_TYPE))) {
                continue;
            }
            double[] data;
            try {
                data = contour.doubles(DicomTags.CONTOUR_DATA);
            } catch (NumberFormatException e) {
                throw new ReadException(file + ": contour " + (c + 1) + " of ROI '" + name
                    + "' has an invalid ContourData value (" + e.getMessage() + ")", e);
            }
            if (data.length % 3 != 0) {
                throw new ReadException(file + ": contour " + (c + 1) + " of ROI '" + name + "' has "
                    + data.length + " coordinates, not a multiple of 3");
            }
            closed++;
            String problem = rasteriser.fill(data);
            if (problem != null) {
                throw new ReadException(file + ": contour " + (c + 1) + " of ROI '" + name + "' " + problem);
            }
        }
        if (closed == 0) {
            throw new ReadException(file + ": ROI '" + name + "' has no CLOSED_PLANAR contour");
        }
        return new Mask(grid, labels);
    }

    private DicomAttributes structureSet(Path file) {
        DicomAttributes attrs = toolkit.readAttributes(file);
        if (attrs == null) {
            throw new ReadException(file + ": not a DICOM file");
        }
        String sopClass = attrs.string(DicomTags.SOP_CLASS_UID);
        if (!DicomTags.RT_STRUCTURE_SET_STORAGE.equals(sopClass) && !"RTSTRUCT".equals(attrs.string(DicomTags.MODALITY))) {
            throw new ReadException(file + ": not an RT Structure Set (SOP class " + sopClass + ")");
        }
        return attrs;
    }

    /** StructureSetROISequence items by ROI name, in file order. */
    private static Map<String, DicomAttributes> rois(Path file, DicomAttributes set) {
        Map<String, DicomAttributes> byName = new LinkedHashMap<>();
        for (DicomAttributes item : set.sequence(DicomTags.STRUCTURE_SET_ROI_SEQUENCE)) {
            String name = item.string(DicomTags.ROI_NAME);
            byName.putIfAbsent(name == null ? "ROI " + item.string(DicomTags.ROI_NUMBER) : name, item);
        }
        if (byName.isEmpty()) {
            throw new ReadException(file + ": structure set has no ROI");
        }
        return byName;
    }

    /**
     * Scanline fill of polygons given in patient coordinates. Points are mapped to continuous voxel indices
     * (an affine map, so inside/outside is preserved) and each row j of the slice collects the crossings of the
     * polygon edges with the line v = j; the voxels between pairs of crossings are toggled.
     */
    static final class Rasteriser {
        private final Geometry grid;
        private final int[] labels;
        private final int nx, ny, nz;

        Rasteriser(Geometry grid, int[] labels) {
            this.grid = grid;
            this.labels = labels;
            this.nx = grid.nx();
            this.ny = grid.ny();
            this.nz = grid.nz();
        }

        /** Toggles the voxels inside the closed polygon {@code xyz}; returns a problem description or null. */
        String fill(double[] xyz) {
            int n = xyz.length / 3;
            if (n < 3) {
                return null;   // a point or a line encloses no voxel centre
            }
            double[] u = new double[n], v = new double[n];
            double wMin = Double.POSITIVE_INFINITY, wMax = Double.NEGATIVE_INFINITY, wSum = 0;
            double vMin = Double.POSITIVE_INFINITY, vMax = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < n; p++) {
                double[] idx = grid.physicalToIndex(xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2]);
                u[p] = idx[0];
                v[p] = idx[1];
                wMin = Math.min(wMin, idx[2]);
                wMax = Math.max(wMax, idx[2]);
                wSum += idx[2];
                vMin = Math.min(vMin, idx[1]);
                vMax = Math.max(vMax, idx[1]);
            }
            long k = Math.round(wSum / n);
            if (wMin < k - 0.5 || wMax > k + 0.5) {
                return "does not lie in one image slice plane (slice index " + Vectors.mm(wMin) + " to "
                    + Vectors.mm(wMax) + ")";
            }
            if (k < 0 || k >= nz) {
                return "at " + Vectors.mm(Arrays.copyOfRange(xyz, 0, 3)) + " mm lies outside the image slices";
            }
            int j0 = (int) Math.max(0, Math.ceil(vMin));
            int j1 = (int) Math.min(ny, Math.ceil(vMax));   // rows j0 .. j1-1
            if (j1 <= j0) {
                return null;
            }
            int rows = j1 - j0;
            // crossings per row (edge-bucket counting sort): rule v_a <= j < v_b, half-open like the fill
            int[] start = new int[rows + 1];
            for (int p = 0; p < n; p++) {
                int q = p + 1 == n ? 0 : p + 1;
                int lo = rowFrom(Math.min(v[p], v[q]), j0), hi = rowTo(Math.max(v[p], v[q]), j1);
                for (int j = lo; j < hi; j++) {
                    start[j - j0 + 1]++;
                }
            }
            for (int r = 0; r < rows; r++) {
                start[r + 1] += start[r];
            }
            double[] xs = new double[start[rows]];
            int[] fillPos = Arrays.copyOf(start, rows);
            for (int p = 0; p < n; p++) {
                int q = p + 1 == n ? 0 : p + 1;
                double va = v[p], vb = v[q];
                if (va == vb) {
                    continue;
                }
                int lo = rowFrom(Math.min(va, vb), j0), hi = rowTo(Math.max(va, vb), j1);
                double slope = (u[q] - u[p]) / (vb - va);
                for (int j = lo; j < hi; j++) {
                    xs[fillPos[j - j0]++] = u[p] + (j - va) * slope;
                }
            }
            int sliceBase = (int) k * nx * ny;
            for (int r = 0; r < rows; r++) {
                int from = start[r], to = start[r + 1];
                Arrays.sort(xs, from, to);
                int rowBase = sliceBase + (j0 + r) * nx;
                for (int c = from; c + 1 < to; c += 2) {
                    // centre i is inside when x_{2m} <= i < x_{2m+1}
                    int i0 = (int) Math.max(0, Math.ceil(xs[c]));
                    int i1 = (int) Math.min(nx, Math.ceil(xs[c + 1]));
                    for (int i = i0; i < i1; i++) {
                        labels[rowBase + i] ^= 1;
                    }
                }
            }
            return null;
        }

        /** First row j >= {@code from} with j >= lower end of an edge. */
        private static int rowFrom(double vLow, int j0) {
            return (int) Math.max(j0, Math.ceil(vLow));
        }

        /** One past the last row j < upper end of an edge. */
        private static int rowTo(double vHigh, int j1) {
            return (int) Math.min(j1, Math.ceil(vHigh));
        }
    }
}
