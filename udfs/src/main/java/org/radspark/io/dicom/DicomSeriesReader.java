package org.radspark.io.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.PixelType;
import org.radspark.io.ReadException;

/**
 * Reads a single-frame image series from a directory into an LPS {@link Image}, following PS3.3 C.7.6.2
 * (Image Plane Module: ImagePositionPatient, ImageOrientationPatient, PixelSpacing) and C.11.1 (Modality
 * LUT: RescaleSlope/Intercept). Files that are not images (RTSTRUCT, SEG, RTDOSE, non-DICOM) are skipped.
 */
public final class DicomSeriesReader {
    /** Largest cosine difference accepted between the orientations of two slices. */
    private static final double ORIENTATION_TOLERANCE = 1e-4;
    private static final Set<String> NON_IMAGE_MODALITIES = Set.of("RTSTRUCT", "RTDOSE", "RTPLAN", "SEG", "SR");

    private final DicomToolkit toolkit;

    public DicomSeriesReader() {
        this(DicomToolkit.standard());
    }

    public DicomSeriesReader(DicomToolkit toolkit) {
        this.toolkit = toolkit;
    }

    /** Reads the only image series in {@code dir}. */
    public DicomSeries read(Path dir) {
        return read(dir, null);
    }

    /** Reads series {@code seriesInstanceUid} of {@code dir}; null means the only series there. */
    public DicomSeries read(Path dir, String seriesInstanceUid) {
        List<Path> structures = new ArrayList<>();
        Map<String, List<Slice>> series = scan(dir, structures);
        if (series.isEmpty()) {
            throw new ReadException(dir + ": no DICOM image found" + (structures.isEmpty() ? ""
                : "; it holds the RTSTRUCT/SEG file " + structures.get(0).getFileName()
                    + ", which is given as the mask file itself"));
        }
        String uid = seriesInstanceUid;
        if (uid == null) {
            if (series.size() > 1) {
                throw new ReadException(dir + ": several series found (" + String.join(", ", series.keySet())
                    + "); choose one with --series");
            }
            uid = series.keySet().iterator().next();
        } else if (!series.containsKey(uid)) {
            throw new ReadException(dir + ": series " + uid + " not found (available: "
                + String.join(", ", series.keySet()) + ")");
        }
        return assemble(dir, uid, series.get(uid));
    }

    /** Series Instance UIDs of the image series in {@code dir}, sorted. */
    public List<String> seriesUids(Path dir) {
        return new ArrayList<>(scan(dir, new ArrayList<>()).keySet());
    }

    /** One image file: its geometry, in the order the directory listed it. */
    private static final class Slice {
        final Path file;
        final DicomAttributes attrs;
        final double[] position;
        final double[] orientation;
        final double[] pixelSpacing;
        final int rows, columns;
        double along;

        Slice(Path file, DicomAttributes attrs, double[] position, double[] orientation, double[] pixelSpacing,
              int rows, int columns) {
            this.file = file;
            this.attrs = attrs;
            this.position = position;
            this.orientation = orientation;
            this.pixelSpacing = pixelSpacing;
            this.rows = rows;
            this.columns = columns;
        }

        String name() {
            return file.getFileName().toString();
        }
    }

    /** Image slices by series; RTSTRUCT and SEG files met on the way go to {@code structures}. */
    private Map<String, List<Slice>> scan(Path dir, List<Path> structures) {
        if (!Files.isDirectory(dir)) {
            throw new ReadException(dir + ": not a directory");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted()
                .collect(Collectors.toList());
        } catch (IOException e) {
            throw new ReadException(dir + ": cannot list directory (" + e.getMessage() + ")", e);
        }
        Map<String, List<Slice>> bySeries = new TreeMap<>();
        for (Path file : files) {
            DicomAttributes attrs;
            try {
                attrs = toolkit.readAttributes(file);
            } catch (ReadException e) {
                if (!Files.exists(file)) {
                    continue;   // removed while the folder was read (a scratch folder): not part of any series
                }
                throw e;
            }
            if (attrs == null) {
                continue;
            }
            if (!isImage(attrs)) {
                String sopClass = attrs.string(DicomTags.SOP_CLASS_UID);
                if (DicomTags.RT_STRUCTURE_SET_STORAGE.equals(sopClass) || DicomTags.SEGMENTATION_STORAGE.equals(sopClass)) {
                    structures.add(file);
                }
                continue;
            }
            Slice slice = slice(file, attrs);
            String uid = attrs.string(DicomTags.SERIES_INSTANCE_UID);
            bySeries.computeIfAbsent(uid == null ? "(no SeriesInstanceUID)" : uid, u -> new ArrayList<>()).add(slice);
        }
        return bySeries;
    }

    private static boolean isImage(DicomAttributes attrs) {
        String sopClass = attrs.string(DicomTags.SOP_CLASS_UID);
        String modality = attrs.string(DicomTags.MODALITY);
        return !DicomTags.SEGMENTATION_STORAGE.equals(sopClass)
            && !DicomTags.RT_STRUCTURE_SET_STORAGE.equals(sopClass)
            && (modality == null || !NON_IMAGE_MODALITIES.contains(modality))
            && attrs.has(DicomTags.ROWS) && attrs.has(DicomTags.COLUMNS)
            && attrs.strings(DicomTags.IMAGE_POSITION_PATIENT).length == 3
            && attrs.strings(DicomTags.IMAGE_ORIENTATION_PATIENT).length == 6;
    }

    private static Slice slice(Path file, DicomAttributes attrs) {
        try {
            if (attrs.integer(DicomTags.NUMBER_OF_FRAMES, 1) > 1) {
                throw new ReadException(file + ": multi-frame images are not supported");
            }
            double[] spacing = attrs.doubles(DicomTags.PIXEL_SPACING);
            if (spacing.length != 2 || !(spacing[0] > 0) || !(spacing[1] > 0)) {
                throw new ReadException(file + ": missing or invalid PixelSpacing");
            }
            double[] orientation = attrs.doubles(DicomTags.IMAGE_ORIENTATION_PATIENT);
            double[] row = Arrays.copyOfRange(orientation, 0, 3);
            double[] col = Arrays.copyOfRange(orientation, 3, 6);
            if (Math.abs(Vectors.norm(row) - 1) > 1e-3 || Math.abs(Vectors.norm(col) - 1) > 1e-3
                || Math.abs(Vectors.dot(row, col)) > 1e-3) {
                throw new ReadException(file + ": ImageOrientationPatient " + Arrays.toString(orientation)
                    + " is not two orthogonal unit vectors");
            }
            return new Slice(file, attrs, attrs.doubles(DicomTags.IMAGE_POSITION_PATIENT), orientation, spacing,
                attrs.integer(DicomTags.ROWS, 0), attrs.integer(DicomTags.COLUMNS, 0));
        } catch (NumberFormatException e) {
            throw new ReadException(file + ": invalid numeric value (" + e.getMessage() + ")", e);
        }
    }

    private DicomSeries assemble(Path dir, String uid, List<Slice> slices) {
        Slice first = slices.get(0);
        for (Slice s : slices) {
            if (s.rows != first.rows || s.columns != first.columns) {
                throw new ReadException(s.file + ": " + s.columns + "x" + s.rows + " pixels differ from "
                    + first.columns + "x" + first.rows + " of " + first.name());
            }
            if (!Vectors.close(s.orientation, first.orientation, ORIENTATION_TOLERANCE)) {
                throw new ReadException(s.file + ": orientation " + Arrays.toString(s.orientation)
                    + " differs from " + Arrays.toString(first.orientation) + " of " + first.name());
            }
            if (!Vectors.close(s.pixelSpacing, first.pixelSpacing, 1e-4 * first.pixelSpacing[0])) {
                throw new ReadException(s.file + ": pixel spacing " + Arrays.toString(s.pixelSpacing)
                    + " differs from " + Arrays.toString(first.pixelSpacing) + " of " + first.name());
            }
        }
        double[] row = Vectors.normalise(Arrays.copyOfRange(first.orientation, 0, 3));
        double[] col = Vectors.normalise(Arrays.copyOfRange(first.orientation, 3, 6));
        double[] normal = Vectors.normalise(Vectors.cross(row, col));
        for (Slice s : slices) {
            s.along = Vectors.dot(s.position, normal);
        }
        List<Slice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingDouble((Slice s) -> s.along));
        double spacingK = sliceSpacing(dir, sorted, normal);

        int nx = first.columns, ny = first.rows, nz = sorted.size();
        Slice origin = sorted.get(0);
        double[] direction = {
            row[0], col[0], normal[0],
            row[1], col[1], normal[1],
            row[2], col[2], normal[2]};
        Geometry geometry = new Geometry(nx, ny, nz,
            new double[] {first.pixelSpacing[1], first.pixelSpacing[0], spacingK}, origin.position, direction);
        double[] voxels = new double[Math.toIntExact(geometry.voxelCount())];
        List<String> sopUids = new ArrayList<>(nz);
        List<Path> files = new ArrayList<>(nz);
        int plane = nx * ny;
        boolean integral = true;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < nz; k++) {
            Slice s = sorted.get(k);
            DicomToolkit.DicomInstance instance = toolkit.read(s.file);
            PixelFrames pixels = instance.pixels();
            if (pixels == null) {
                throw new ReadException(s.file + ": image without pixel data");
            }
            if (pixels.rows() != ny || pixels.columns() != nx || pixels.frames() != 1) {
                throw new ReadException(s.file + ": pixel data is " + pixels.columns() + "x" + pixels.rows()
                    + "x" + pixels.frames() + ", expected " + nx + "x" + ny + "x1");
            }
            double slope, intercept;
            try {
                slope = instance.attributes().number(DicomTags.RESCALE_SLOPE, 1.0);
                intercept = instance.attributes().number(DicomTags.RESCALE_INTERCEPT, 0.0);
            } catch (NumberFormatException e) {
                throw new ReadException(s.file + ": invalid RescaleSlope/RescaleIntercept (" + e.getMessage() + ")", e);
            }
            integral &= slope == Math.rint(slope) && intercept == Math.rint(intercept);
            int[] stored = pixels.values();
            int base = k * plane;
            for (int p = 0; p < plane; p++) {
                double v = stored[p] * slope + intercept;
                voxels[base + p] = v;
                if (v < min) min = v;
                if (v > max) max = v;
            }
            sopUids.add(s.attrs.string(DicomTags.SOP_INSTANCE_UID));
            files.add(s.file);
        }
        return new DicomSeries(new Image(geometry, voxels, rescaledType(integral, min, max)), uid,
            first.attrs.string(DicomTags.FRAME_OF_REFERENCE_UID), sopUids, files);
    }

    /**
     * The type a rescaled series is held in, as ITK's DICOM reader chooses it: the smallest signed
     * integer type that holds the values when slope and intercept are integers, else double.
     */
    static PixelType rescaledType(boolean integral, double min, double max) {
        if (!integral) {
            return PixelType.FLOAT64;
        }
        if (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            return PixelType.INT16;
        }
        return min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE ? PixelType.INT32 : PixelType.FLOAT64;
    }

    /**
     * Distance between consecutive slices, checked to be constant: a gap of about a multiple of the usual
     * spacing is reported as a missing slice.
     */
    private static double sliceSpacing(Path dir, List<Slice> sorted, double[] normal) {
        int n = sorted.size();
        if (n == 1) {
            DicomAttributes a = sorted.get(0).attrs;
            double between = a.number(DicomTags.SPACING_BETWEEN_SLICES, 0);
            double thickness = a.number(DicomTags.SLICE_THICKNESS, 0);
            return between > 0 ? between : thickness > 0 ? thickness : 1.0;
        }
        double[] gaps = new double[n - 1];
        for (int k = 0; k + 1 < n; k++) {
            gaps[k] = sorted.get(k + 1).along - sorted.get(k).along;
        }
        double[] ordered = gaps.clone();
        Arrays.sort(ordered);
        double expected = ordered[(n - 1) / 2];
        double tolerance = Math.max(1e-3, 0.01 * expected);
        for (int k = 0; k + 1 < n; k++) {
            Slice a = sorted.get(k), b = sorted.get(k + 1);
            if (gaps[k] <= 1e-3) {
                throw new ReadException(dir + ": two slices at the same position " + Vectors.mm(a.along)
                    + " mm: " + a.name() + " and " + b.name());
            }
            if (Math.abs(gaps[k] - expected) > tolerance) {
                String what = gaps[k] > 1.5 * expected ? "missing slice" : "uneven slice spacing";
                throw new ReadException(dir + ": " + what + ": gap of " + Vectors.mm(gaps[k]) + " mm between "
                    + a.name() + " and " + b.name() + ", expected " + Vectors.mm(expected) + " mm");
            }
        }
        // every slice must lie on the line through the first along the normal (no gantry tilt, one stack)
        Slice first = sorted.get(0);
        for (Slice s : sorted) {
            double d = s.along - first.along;
            double[] off = {
                s.position[0] - first.position[0] - d * normal[0],
                s.position[1] - first.position[1] - d * normal[1],
                s.position[2] - first.position[2] - d * normal[2]};
            if (Vectors.norm(off) > Math.max(0.01, 0.05 * Math.min(first.pixelSpacing[0], first.pixelSpacing[1]))) {
                throw new ReadException(s.file + ": slice is shifted by " + Vectors.mm(off)
                    + " mm across the slice normal (gantry tilt is not supported)");
            }
        }
        return (sorted.get(n - 1).along - first.along) / (n - 1);
    }
}
