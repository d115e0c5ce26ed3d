package org.radspark.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.image.Geometry;
import org.radspark.image.Mask;
import org.radspark.io.ReadException;

class SegReaderTest {
    private static Geometry grid;
    private static int[] gtv;
    private static int[] second;

    @BeforeAll
    static void phantomMasks() {
        DicomSeries series = new DicomSeriesReader().read(DicomTestFiles.phantomImageDir());
        grid = series.image().geometry();
        gtv = new RtStructReader().read(DicomTestFiles.phantomRtstruct(), series, "GTV-1").labels();
        // a second segment: a block in the corner of slices 5..9, to check ReferencedSegmentNumber
        second = new int[gtv.length];
        for (int k = 5; k < 10; k++) {
            for (int j = 0; j < 20; j++) {
                for (int i = 0; i < 30; i++) {
                    second[grid.index(i, j, k)] = 1;
                }
            }
        }
    }

    @Test
    void binarySegmentationReadsBackIdentically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seg.dcm");
        writeSeg(file, false);
        SegReader reader = new SegReader();
        assertEquals(List.of(new SegReader.Segment(1, "GTV-1"), new SegReader.Segment(2, "Corner")),
            reader.segments(file));
        Mask byLabel = reader.read(file, grid, "GTV-1");
        assertEquals(125256, byLabel.count(1));
        assertArrayEquals(gtv, byLabel.labels());
        assertArrayEquals(second, reader.read(file, grid, 2).labels());
        assertArrayEquals(second, reader.read(file, grid, "2").labels());
    }

    @Test
    void fractionalSegmentationThresholdsAtHalfMaximum(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seg-fractional.dcm");
        writeSeg(file, true);
        SegReader reader = new SegReader();
        assertArrayEquals(gtv, reader.read(file, grid, "GTV-1").labels());
        assertArrayEquals(second, reader.read(file, grid, 2).labels());
    }

    @Test
    void segmentNotFound(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seg.dcm");
        writeSeg(file, false);
        ReadException e = assertThrows(ReadException.class, () -> new SegReader().read(file, grid, "Liver"));
        assertEquals(file + ": segment 'Liver' not found (available: 1 'GTV-1', 2 'Corner')", e.getMessage());
        ReadException none = assertThrows(ReadException.class, () -> new SegReader().read(file, grid, null));
        assertEquals(file + ": 2 segments found (1 'GTV-1', 2 'Corner'); choose one by number or label",
            none.getMessage());
    }

    @Test
    void imageIsNotASegmentation() {
        Path file = DicomTestFiles.phantomImageDir().resolve("DCM_IMG_00000.dcm");
        ReadException e = assertThrows(ReadException.class, () -> new SegReader().read(file, grid, 1));
        assertEquals(file + ": not a DICOM Segmentation (SOP class 1.2.840.10008.5.1.4.1.1.2)", e.getMessage());
    }

    /** One frame per (segment, slice) holding any voxel, in shuffled order; fractional frames add sub-threshold noise. */
    private static void writeSeg(Path file, boolean fractional) throws Exception {
        int nx = grid.nx(), ny = grid.ny(), plane = nx * ny;
        List<int[]> frames = new ArrayList<>();   // {segment, k}
        int[][] masks = {gtv, second};
        for (int s = 0; s < 2; s++) {
            for (int k = 0; k < grid.nz(); k++) {
                for (int p = 0; p < plane; p++) {
                    if (masks[s][k * plane + p] != 0) {
                        frames.add(new int[] {s + 1, k});
                        break;
                    }
                }
            }
        }
        Collections.shuffle(frames, new Random(7));
        int bits = fractional ? 8 : 1;
        byte[] pixelData = new byte[(int) (((long) frames.size() * plane * bits + 7) / 8 + 1) & ~1];
        for (int f = 0; f < frames.size(); f++) {
            int[] mask = masks[frames.get(f)[0] - 1];
            int k = frames.get(f)[1];
            for (int p = 0; p < plane; p++) {
                boolean in = mask[k * plane + p] != 0;
                long at = (long) f * plane + p;
                if (fractional) {
                    // 128 of 255 is at least half the maximum, 127 is not
                    pixelData[(int) at] = (byte) (in ? 128 : (p % 3 == 0 ? 127 : 0));
                } else if (in) {
                    pixelData[(int) (at >>> 3)] |= (byte) (1 << (at & 7));
                }
            }
        }

        AttributeList list = new AttributeList();
        uid(list, TagFromName.SOPClassUID, DicomTags.SEGMENTATION_STORAGE);
        uid(list, TagFromName.SOPInstanceUID, "1.2.826.0.1.3680043.8.498.2");
        uid(list, TagFromName.SeriesInstanceUID, "1.2.826.0.1.3680043.8.498.3");
        uid(list, TagFromName.FrameOfReferenceUID, "1.3.6.1.4.1.9590.100.1.2.43753750011518494101799896492065629048");
        cs(list, TagFromName.Modality, "SEG");
        cs(list, TagFromName.SegmentationType, fractional ? "FRACTIONAL" : "BINARY");
        if (fractional) {
            cs(list, TagFromName.SegmentationFractionalType, "PROBABILITY");
            us(list, TagFromName.MaximumFractionalValue, 255);
        }
        us(list, TagFromName.Rows, ny);
        us(list, TagFromName.Columns, nx);
        list.put(stringAttr(new com.pixelmed.dicom.IntegerStringAttribute(TagFromName.NumberOfFrames),
            Integer.toString(frames.size())));
        us(list, TagFromName.SamplesPerPixel, 1);
        cs(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        us(list, TagFromName.BitsAllocated, bits);
        us(list, TagFromName.BitsStored, bits);
        us(list, TagFromName.HighBit, bits - 1);
        us(list, TagFromName.PixelRepresentation, 0);

        SequenceAttribute segments = new SequenceAttribute(TagFromName.SegmentSequence);
        String[] labels = {"GTV-1", "Corner"};
        for (int s = 0; s < 2; s++) {
            AttributeList item = new AttributeList();
            us(item, TagFromName.SegmentNumber, s + 1);
            item.put(stringAttr(new LongStringAttribute(TagFromName.SegmentLabel), labels[s]));
            cs(item, TagFromName.SegmentAlgorithmType, "MANUAL");
            segments.addItem(item);
        }
        list.put(segments);

        double[] spacing = grid.spacing();
        AttributeList shared = new AttributeList();
        AttributeList measures = new AttributeList();
        ds(measures, TagFromName.PixelSpacing, spacing[1], spacing[0]);
        ds(measures, TagFromName.SliceThickness, spacing[2]);
        shared.put(sequence(TagFromName.PixelMeasuresSequence, measures));
        AttributeList orientation = new AttributeList();
        ds(orientation, TagFromName.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        shared.put(sequence(TagFromName.PlaneOrientationSequence, orientation));
        list.put(sequence(TagFromName.SharedFunctionalGroupsSequence, shared));

        SequenceAttribute perFrame = new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
        for (int[] frame : frames) {
            AttributeList groups = new AttributeList();
            AttributeList position = new AttributeList();
            double[] ipp = grid.indexToPhysical(0, 0, frame[1]);
            ds(position, TagFromName.ImagePositionPatient, ipp);
            groups.put(sequence(TagFromName.PlanePositionSequence, position));
            AttributeList id = new AttributeList();
            us(id, TagFromName.ReferencedSegmentNumber, frame[0]);
            groups.put(sequence(TagFromName.SegmentIdentificationSequence, id));
            perFrame.addItem(groups);
        }
        list.put(perFrame);

        OtherByteAttribute pixels = new OtherByteAttribute(TagFromName.PixelData);
        pixels.setValues(pixelData);
        list.put(pixels);
        DicomTestFiles.write(list, file, TransferSyntax.ExplicitVRLittleEndian);
    }

    private static SequenceAttribute sequence(AttributeTag tag, AttributeList item) {
        SequenceAttribute seq = new SequenceAttribute(tag);
        seq.addItem(item);
        return seq;
    }

    private static Attribute stringAttr(Attribute a, String value) throws Exception {
        a.addValue(value);
        return a;
    }

    private static void uid(AttributeList list, AttributeTag tag, String value) throws Exception {
        list.put(stringAttr(new UniqueIdentifierAttribute(tag), value));
    }

    private static void cs(AttributeList list, AttributeTag tag, String value) throws Exception {
        list.put(stringAttr(new CodeStringAttribute(tag), value));
    }

    private static void us(AttributeList list, AttributeTag tag, int value) throws Exception {
        Attribute a = new UnsignedShortAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    private static void ds(AttributeList list, AttributeTag tag, double... values) throws Exception {
        Attribute a = new DecimalStringAttribute(tag);
        for (double v : values) {
            a.addValue(v);
        }
        list.put(a);
    }
}
