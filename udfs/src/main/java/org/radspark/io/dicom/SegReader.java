package org.radspark.io.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.radspark.image.Geometry;
import org.radspark.image.Mask;
import org.radspark.io.ReadException;

/**
 * Reads one segment of a DICOM Segmentation onto an image grid, following PS3.3 C.8.20 (Segmentation IOD:
 * SegmentationType BINARY or FRACTIONAL, SegmentSequence) and C.7.6.16 (per-frame functional groups:
 * PlanePositionSequence, PlaneOrientationSequence, PixelMeasuresSequence, SegmentIdentificationSequence).
 * Returns a mask with value 1 in the segment; a FRACTIONAL voxel belongs to it when its value is at least
 * half of MaximumFractionalValue.
 */
public final class SegReader {
    private static final double GRID_TOLERANCE = 0.1;   // voxels

    private final DicomToolkit toolkit;

    public SegReader() {
        this(DicomToolkit.standard());
    }

    public SegReader(DicomToolkit toolkit) {
        this.toolkit = toolkit;
    }

    /** A segment of the file: number and label. */
    public record Segment(int number, String label) { }

    /** Segments described in the file's SegmentSequence. */
    public List<Segment> segments(Path segFile) {
        DicomAttributes attrs = toolkit.readAttributes(segFile);
        if (attrs == null) {
            throw new ReadException(segFile + ": not a DICOM file");
        }
        checkSeg(segFile, attrs);
        return segments(segFile, attrs);
    }

    /**
     * Segment {@code segment} on {@code imageGrid}: matched first against SegmentLabel, then, if it is a
     * number, against SegmentNumber; null selects the only segment.
     */
    public Mask read(Path segFile, Geometry imageGrid, String segment) {
        DicomToolkit.DicomInstance instance = toolkit.read(segFile);
        DicomAttributes attrs = instance.attributes();
        checkSeg(segFile, attrs);
        List<Segment> segments = segments(segFile, attrs);
        Segment chosen = null;
        if (segment == null) {
            if (segments.size() != 1) {
                throw new ReadException(segFile + ": " + segments.size() + " segments found (" + describe(segments)
                    + "); choose one by number or label");
            }
            chosen = segments.get(0);
        } else {
            for (Segment s : segments) {
                if (segment.trim().equals(s.label())) {
                    chosen = s;
                    break;
                }
            }
            if (chosen == null && segment.trim().matches("\\d+")) {
                chosen = byNumber(segments, Integer.parseInt(segment.trim()));
            }
            if (chosen == null) {
                throw new ReadException(segFile + ": segment '" + segment + "' not found (available: "
                    + describe(segments) + ")");
            }
        }
        return place(segFile, instance, imageGrid, chosen);
    }

    /** Segment number {@code segmentNumber} on {@code imageGrid}. */
    public Mask read(Path segFile, Geometry imageGrid, int segmentNumber) {
        DicomToolkit.DicomInstance instance = toolkit.read(segFile);
        checkSeg(segFile, instance.attributes());
        List<Segment> segments = segments(segFile, instance.attributes());
        Segment chosen = byNumber(segments, segmentNumber);
        if (chosen == null) {
            throw new ReadException(segFile + ": segment " + segmentNumber + " not found (available: "
                + describe(segments) + ")");
        }
        return place(segFile, instance, imageGrid, chosen);
    }

    private static Segment byNumber(List<Segment> segments, int number) {
        for (Segment s : segments) {
            if (s.number() == number) {
                return s;
            }
        }
        return null;
    }

    private static String describe(List<Segment> segments) {
        List<String> parts = new ArrayList<>();
        for (Segment s : segments) {
            parts.add(s.number() + " '" + s.label() + "'");
        }
        return String.join(", ", parts);
    }

    private static void checkSeg(Path file, DicomAttributes attrs) {
        String sopClass = attrs.string(DicomTags.SOP_CLASS_UID);
        if (!DicomTags.SEGMENTATION_STORAGE.equals(sopClass)) {
            throw new ReadException(file + ": not a DICOM Segmentation (SOP class " + sopClass + ")");
        }
    }

    private static List<Segment> segments(Path file, DicomAttributes attrs) {
        List<Segment> out = new ArrayList<>();
        try {
            for (DicomAttributes item : attrs.sequence(DicomTags.SEGMENT_SEQUENCE)) {
                out.add(new Segment(item.integer(DicomTags.SEGMENT_NUMBER, -1), item.string(DicomTags.SEGMENT_LABEL)));
            }
        } catch (NumberFormatException e) {
            throw new ReadException(file + ": invalid SegmentNumber (" + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) {
            throw new ReadException(file + ": SegmentSequence is missing or empty");
        }
        return out;
    }

    private static Mask place(Path file, DicomToolkit.DicomInstance instance, Geometry grid, Segment segment) {
        DicomAttributes attrs = instance.attributes();
        PixelFrames pixels = instance.pixels();
        if (pixels == null) {
            throw new ReadException(file + ": segmentation without pixel data");
        }
        String type = attrs.string(DicomTags.SEGMENTATION_TYPE);
        double threshold;
        if ("BINARY".equals(type)) {
            threshold = 1;
        } else if ("FRACTIONAL".equals(type)) {
            double max = attrs.number(DicomTags.MAXIMUM_FRACTIONAL_VALUE, -1);
            if (!(max > 0)) {
                throw new ReadException(file + ": FRACTIONAL segmentation without a valid MaximumFractionalValue");
            }
            threshold = max / 2.0;
        } else {
            throw new ReadException(file + ": SegmentationType " + type + " is not supported");
        }
        List<DicomAttributes> perFrame = attrs.sequence(DicomTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        if (perFrame.size() != pixels.frames()) {
            throw new ReadException(file + ": " + perFrame.size() + " per-frame functional groups for "
                + pixels.frames() + " frames");
        }
        DicomAttributes shared = attrs.item(DicomTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
        double[] dir = grid.direction();
        double[] gridRow = {dir[0], dir[3], dir[6]};
        double[] gridCol = {dir[1], dir[4], dir[7]};
        int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
        int rows = pixels.rows(), columns = pixels.columns();
        int[] labels = new int[Math.toIntExact(grid.voxelCount())];
        int[] values = pixels.values();
        try {
            for (int f = 0; f < perFrame.size(); f++) {
                DicomAttributes groups = perFrame.get(f);
                DicomAttributes id = functionalGroup(groups, shared, DicomTags.SEGMENT_IDENTIFICATION_SEQUENCE);
                if (id == null || id.integer(DicomTags.REFERENCED_SEGMENT_NUMBER, -1) != segment.number()) {
                    continue;
                }
                String frame = "frame " + (f + 1);
                DicomAttributes position = functionalGroup(groups, shared, DicomTags.PLANE_POSITION_SEQUENCE);
                DicomAttributes orientation = functionalGroup(groups, shared, DicomTags.PLANE_ORIENTATION_SEQUENCE);
                DicomAttributes measures = functionalGroup(groups, shared, DicomTags.PIXEL_MEASURES_SEQUENCE);
                if (position == null || orientation == null) {
                    throw new ReadException(file + ": " + frame + " has no plane position or orientation");
                }
                double[] iop = orientation.doubles(DicomTags.IMAGE_ORIENTATION_PATIENT);
                double[] ipp = position.doubles(DicomTags.IMAGE_POSITION_PATIENT);
                if (iop.length != 6 || ipp.length != 3) {
                    throw new ReadException(file + ": " + frame + " has an invalid plane position or orientation");
                }
                if (!Vectors.close(Arrays.copyOfRange(iop, 0, 3), gridRow, 1e-3)
                    || !Vectors.close(Arrays.copyOfRange(iop, 3, 6), gridCol, 1e-3)) {
                    throw new ReadException(file + ": " + frame + " orientation " + Arrays.toString(iop)
                        + " differs from the image's");
                }
                if (measures != null && measures.has(DicomTags.PIXEL_SPACING)) {
                    double[] ps = measures.doubles(DicomTags.PIXEL_SPACING);
                    if (ps.length != 2 || Math.abs(ps[1] - grid.spacing(0)) > 1e-3 * grid.spacing(0)
                        || Math.abs(ps[0] - grid.spacing(1)) > 1e-3 * grid.spacing(1)) {
                        throw new ReadException(file + ": " + frame + " pixel spacing " + Arrays.toString(ps)
                            + " differs from the image's " + Vectors.mm(grid.spacing(1)) + "\\"
                            + Vectors.mm(grid.spacing(0)));
                    }
                }
                double[] idx = grid.physicalToIndex(ipp[0], ipp[1], ipp[2]);
                long di = Math.round(idx[0]), dj = Math.round(idx[1]), dk = Math.round(idx[2]);
                if (Math.abs(idx[0] - di) > GRID_TOLERANCE || Math.abs(idx[1] - dj) > GRID_TOLERANCE
                    || Math.abs(idx[2] - dk) > GRID_TOLERANCE) {
                    throw new ReadException(file + ": " + frame + " at " + Vectors.mm(ipp)
                        + " mm is not on the image grid");
                }
                if (dk < 0 || dk >= nz) {
                    throw new ReadException(file + ": " + frame + " at " + Vectors.mm(ipp)
                        + " mm lies outside the image slices");
                }
                int frameBase = f * rows * columns;
                for (int r = 0; r < rows; r++) {
                    long j = dj + r;
                    for (int c = 0; c < columns; c++) {
                        if (values[frameBase + r * columns + c] < threshold) {
                            continue;
                        }
                        long i = di + c;
                        if (i < 0 || i >= nx || j < 0 || j >= ny) {
                            throw new ReadException(file + ": " + frame + " has segment pixels outside the image");
                        }
                        labels[(int) (i + nx * (j + (long) ny * dk))] = 1;
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new ReadException(file + ": invalid numeric value (" + e.getMessage() + ")", e);
        }
        return new Mask(grid, labels);
    }

    /** The single item of functional group {@code tag}, per-frame first, then shared (PS3.3 C.7.6.16). */
    private static DicomAttributes functionalGroup(DicomAttributes perFrame, DicomAttributes shared, int tag) {
        DicomAttributes item = perFrame.item(tag);
        if (item == null && shared != null) {
            item = shared.item(tag);
        }
        return item;
    }
}
