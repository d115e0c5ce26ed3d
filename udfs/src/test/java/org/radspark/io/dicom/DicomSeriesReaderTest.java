package org.radspark.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.image.Geometry;
import org.radspark.io.ReadException;

class DicomSeriesReaderTest {
    private static DicomSeries phantom;

    @BeforeAll
    static void readPhantom() {
        phantom = new DicomSeriesReader().read(DicomTestFiles.phantomImageDir());
    }

    @Test
    void phantomGeometryAndIntensities() {
        Geometry g = phantom.image().geometry();
        assertArrayEquals(new int[] {204, 201, 60}, g.size());
        assertEquals(0.97699999809265, g.spacing(0), 1e-12);
        assertEquals(0.97699999809265, g.spacing(1), 1e-12);
        assertEquals(3.0, g.spacing(2), 1e-6);
        assertArrayEquals(new double[] {-174.39450073242, -79.625503540039, -100.4}, g.origin(), 1e-5);
        assertArrayEquals(Geometry.identityDirection(), g.direction(), 1e-12);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : phantom.image().voxels()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(-1000.0, min);
        assertEquals(3065.0, max);
        assertEquals(60, phantom.sopInstanceUids().size());
        assertEquals(60, new HashSet<>(phantom.sopInstanceUids()).size());
        assertEquals("1.3.6.1.4.1.9590.100.1.2.296658988911737913102339329841519593982", phantom.seriesInstanceUid());
        assertEquals("1.3.6.1.4.1.9590.100.1.2.43753750011518494101799896492065629048", phantom.frameOfReferenceUid());
    }

    @Test
    void nonImageFilesInTheFolderAreIgnored(@TempDir Path dir) throws Exception {
        DicomTestFiles.copyPhantomImages(dir);
        Files.copy(DicomTestFiles.phantomRtstruct(), dir.resolve("rtstruct.dcm"));
        Files.writeString(dir.resolve("README.txt"), "not a DICOM file\n");
        DicomSeries series = new DicomSeriesReader().read(dir);
        assertArrayEquals(phantom.image().voxels(), series.image().voxels());
    }

    @Test
    void truncatedFile(@TempDir Path dir) throws Exception {
        DicomTestFiles.copyPhantomImages(dir);
        Path file = dir.resolve("DCM_IMG_00010.dcm");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        ReadException e = assertThrows(ReadException.class, () -> new DicomSeriesReader().read(dir));
        assertEquals(file + ": truncated or corrupt DICOM (file ends after " + bytes.length / 2
            + " bytes, its data set needs " + bytes.length + ")", e.getMessage());
    }

    @Test
    void fileTruncatedInsideItsHeader(@TempDir Path dir) throws Exception {
        DicomTestFiles.copyPhantomImages(dir);
        Path file = dir.resolve("DCM_IMG_00005.dcm");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 300));
        ReadException e = assertThrows(ReadException.class, () -> new DicomSeriesReader().read(dir));
        assertEquals(file + ": truncated or corrupt DICOM (no SOP Class UID could be read)", e.getMessage());
    }

    @Test
    void missingSlice(@TempDir Path dir) throws Exception {
        DicomTestFiles.copyPhantomImages(dir);
        List<Path> files = phantom.files();
        Files.delete(dir.resolve(files.get(30).getFileName()));
        ReadException e = assertThrows(ReadException.class, () -> new DicomSeriesReader().read(dir));
        assertEquals(dir + ": missing slice: gap of 6.0 mm between " + files.get(29).getFileName() + " and "
            + files.get(31).getFileName() + ", expected 3.0 mm", e.getMessage());
    }

    @Test
    void twoSeriesInOneFolder(@TempDir Path dir) throws Exception {
        DicomTestFiles.copyPhantomImages(dir);
        String otherUid = "1.2.826.0.1.3680043.8.498.1";
        for (Path original : phantom.files().subList(0, 10)) {
            DicomTestFiles.rewrite(dir.resolve(original.getFileName()), TransferSyntax.ExplicitVRLittleEndian,
                list -> DicomTestFiles.replace(list, TagFromName.SeriesInstanceUID, otherUid));
        }
        DicomSeriesReader reader = new DicomSeriesReader();
        ReadException e = assertThrows(ReadException.class, () -> reader.read(dir));
        assertEquals(dir + ": several series found (" + otherUid + ", " + phantom.seriesInstanceUid()
            + "); choose one with --series", e.getMessage());
        DicomSeries first = reader.read(dir, otherUid);
        assertEquals(10, first.image().geometry().nz());
        assertArrayEquals(phantom.image().geometry().origin(), first.image().geometry().origin(), 1e-9);
        DicomSeries rest = reader.read(dir, phantom.seriesInstanceUid());
        assertEquals(50, rest.image().geometry().nz());
        assertEquals(phantom.image().voxels()[204 * 201 * 10], rest.image().voxels()[0]);
    }

    @Test
    void deflatedTransferSyntax(@TempDir Path dir) throws Exception {
        DicomTestFiles.copyPhantomImages(dir);
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                DicomTestFiles.rewrite(f, TransferSyntax.DeflatedExplicitVRLittleEndian, list -> { });
            }
        }
        DicomSeries series = new DicomSeriesReader().read(dir);
        assertEquals(phantom.image().geometry().toString(), series.image().geometry().toString());
        assertArrayEquals(phantom.image().voxels(), series.image().voxels());
    }

    @Test
    void rleTransferSyntax(@TempDir Path dir) throws Exception {
        DicomTestFiles.copyPhantomImages(dir);
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                DicomTestFiles.rewrite(f, TransferSyntax.RLE, list -> {
                    short[] pixels = list.getPixelData().getShortValues();
                    list.remove(TagFromName.PixelData);
                    list.put(new OtherByteAttributeMultipleCompressedFrames(TagFromName.PixelData,
                        new byte[][] {RleEncoder.encode16(pixels)}));
                });
            }
        }
        DicomSeries series = new DicomSeriesReader().read(dir);
        assertArrayEquals(phantom.image().voxels(), series.image().voxels());
    }

    @Test
    void unsupportedTransferSyntax(@TempDir Path dir) throws Exception {
        DicomTestFiles.copyPhantomImages(dir);
        Path file = dir.resolve("DCM_IMG_00020.dcm");
        String jpeg2000 = "1.2.840.10008.1.2.4.90";
        DicomTestFiles.rewrite(file, jpeg2000, list -> {
            list.remove(TagFromName.PixelData);
            list.put(new OtherByteAttributeMultipleCompressedFrames(TagFromName.PixelData,
                new byte[][] {{(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51, 0, 0, 0, 0}}));
        });
        ReadException e = assertThrows(ReadException.class, () -> new DicomSeriesReader().read(dir));
        assertEquals(file + ": unsupported transfer syntax " + jpeg2000 + " (JPEG 2000 Lossless Only)", e.getMessage());
    }
}
