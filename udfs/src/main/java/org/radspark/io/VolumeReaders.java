package org.radspark.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.dicom.DicomAttributes;
import org.radspark.io.dicom.DicomSeries;
import org.radspark.io.dicom.DicomSeriesReader;
import org.radspark.io.dicom.DicomTags;
import org.radspark.io.dicom.DicomToolkit;
import org.radspark.io.dicom.RtStructReader;
import org.radspark.io.dicom.SegReader;

/**
 * Chooses the reader for an input by its content: a folder is a DICOM series; a file is NRRD
 * ("NRRD" magic), NIfTI (header size 348/540, plain or gzip), or a DICOM RTSTRUCT/SEG ("DICM" at
 * byte 128, told apart by SOP class). Extensions are only a fallback for the message.
 */
public final class VolumeReaders {
    private VolumeReaders() {
    }

    private enum Kind { NRRD, NIFTI, DICOM, UNKNOWN }

    /** Reads an image volume; {@code seriesUid} chooses the series in a DICOM folder holding several. */
    public static Image readImage(Path path, String seriesUid) {
        if (Files.isDirectory(path)) {
            return new DicomSeriesReader().read(path, seriesUid).image();
        }
        return switch (kindOf(path)) {
            case NRRD -> NrrdReader.read(path);
            case NIFTI -> NiftiReader.read(path);
            case DICOM -> throw new ReadException(path + ": a single DICOM file; give the folder holding the series");
            default -> throw new ReadException(path + ": unknown image format (expected NRRD, NIfTI or a DICOM series folder)");
        };
    }

    /** An image and its mask, read together. */
    public record Case(Image image, Mask mask) {
    }

    /**
     * Reads an image and its mask. An RTSTRUCT on a DICOM series is checked against the series: its ROI
     * must lie in the series' frame of reference (contours drawn on another series of the same frame,
     * such as CT contours on the PET of a PET/CT, are used as they are).
     */
    public static Case readCase(Path image, String imageSeries, Path mask, MaskSelection selection) {
        if (Files.isDirectory(image) && Files.isRegularFile(mask) && kindOf(mask) == Kind.DICOM) {
            DicomSeries series = new DicomSeriesReader().read(image, imageSeries);
            DicomAttributes attrs = DicomToolkit.standard().readAttributes(mask);
            if (attrs != null && DicomTags.RT_STRUCTURE_SET_STORAGE.equals(attrs.string(DicomTags.SOP_CLASS_UID))) {
                return new Case(series.image(), new RtStructReader().read(mask, series, selection.roiName()));
            }
            return new Case(series.image(), readMask(mask, series.image().geometry(), selection));
        }
        Image img = readImage(image, imageSeries);
        return new Case(img, readMask(mask, img.geometry(), selection));
    }

    /** Whether {@code path} is a single DICOM file (an RTSTRUCT or SEG when given as a mask). */
    public static boolean isDicomFile(Path path) {
        return Files.isRegularFile(path) && kindOf(path) == Kind.DICOM;
    }

    /** Reads a mask and, for RTSTRUCT and SEG, rasterises it onto {@code imageGrid}. */
    public static Mask readMask(Path path, Geometry imageGrid, MaskSelection selection) {
        if (Files.isDirectory(path)) {
            return toMask(path, new DicomSeriesReader().read(path, selection.seriesUid()).image());
        }
        switch (kindOf(path)) {
            case NRRD:
                return toMask(path, NrrdReader.read(path));
            case NIFTI:
                return toMask(path, NiftiReader.read(path));
            case DICOM: {
                DicomAttributes attrs = DicomToolkit.standard().readAttributes(path);
                String sopClass = attrs == null ? null : attrs.string(DicomTags.SOP_CLASS_UID);
                if (DicomTags.RT_STRUCTURE_SET_STORAGE.equals(sopClass)) {
                    return new RtStructReader().read(path, imageGrid, selection.roiName());
                }
                if (DicomTags.SEGMENTATION_STORAGE.equals(sopClass)) {
                    SegReader seg = new SegReader();
                    return selection.segment() != null ? seg.read(path, imageGrid, selection.segment())
                        : seg.read(path, imageGrid, selection.roiName());
                }
                throw new ReadException(path + ": DICOM file is neither an RTSTRUCT nor a SEG (SOP class "
                    + sopClass + ")");
            }
            default:
                throw new ReadException(path
                    + ": unknown mask format (expected NRRD, NIfTI, DICOM RTSTRUCT or SEG, or a DICOM series folder)");
        }
    }

    /** A label image becomes a mask by truncating its values to integers, as pyradiomics' cast to UInt32. */
    static Mask toMask(Path path, Image labels) {
        double[] v = labels.voxels();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (x < 0 || Double.isNaN(x)) {
                throw new ReadException(path + ": mask has a negative or undefined label value (" + x + ")");
            }
            out[i] = (int) x;
        }
        return new Mask(labels.geometry(), out);
    }

    private static Kind kindOf(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ReadException(path + ": file not found");
        }
        byte[] head = new byte[132];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ReadException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (n >= 4 && head[0] == 'N' && head[1] == 'R' && head[2] == 'R' && head[3] == 'D') {
            return Kind.NRRD;
        }
        if (n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            return Kind.DICOM;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Kind.NIFTI; // gzip: radspark reads gzip-compressed volumes only as NIfTI (.nii.gz)
        }
        if (n >= 4) {
            int le = (head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16 | (head[3] & 0xff) << 24;
            int be = (head[3] & 0xff) | (head[2] & 0xff) << 8 | (head[1] & 0xff) << 16 | (head[0] & 0xff) << 24;
            if (le == 348 || le == 540 || be == 348 || be == 540) {
                return Kind.NIFTI;
            }
        }
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".nrrd") || name.endsWith(".nhdr")) {
            return Kind.NRRD;
        }
        if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
            return Kind.NIFTI;
        }
        if (name.endsWith(".dcm")) {
            return Kind.DICOM;
        }
        return Kind.UNKNOWN;
    }
}
