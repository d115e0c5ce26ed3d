package org.radspark.io.dicom;

import java.util.Set;

/**
 * Tags (group << 16 | element) of the attributes the readers use, from the PS3.6 data dictionary.
 * {@link #NEEDED} is the allow-list a {@link DicomToolkit} copies into {@link DicomAttributes}, so
 * patient-identifying attributes never leave the toolkit.
 */
public final class DicomTags {
    private DicomTags() { }

    public static final int TRANSFER_SYNTAX_UID = 0x00020010;
    public static final int SOP_CLASS_UID = 0x00080016;
    public static final int SOP_INSTANCE_UID = 0x00080018;
    public static final int MODALITY = 0x00080060;
    public static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    public static final int SLICE_THICKNESS = 0x00180050;
    public static final int SPACING_BETWEEN_SLICES = 0x00180088;
    public static final int SERIES_INSTANCE_UID = 0x0020000E;
    public static final int INSTANCE_NUMBER = 0x00200013;
    public static final int IMAGE_POSITION_PATIENT = 0x00200032;
    public static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    public static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    public static final int PLANE_POSITION_SEQUENCE = 0x00209113;
    public static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
    public static final int SAMPLES_PER_PIXEL = 0x00280002;
    public static final int NUMBER_OF_FRAMES = 0x00280008;
    public static final int ROWS = 0x00280010;
    public static final int COLUMNS = 0x00280011;
    public static final int PIXEL_SPACING = 0x00280030;
    public static final int BITS_ALLOCATED = 0x00280100;
    public static final int BITS_STORED = 0x00280101;
    public static final int PIXEL_REPRESENTATION = 0x00280103;
    public static final int RESCALE_INTERCEPT = 0x00281052;
    public static final int RESCALE_SLOPE = 0x00281053;
    public static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
    public static final int REFERENCED_FRAME_OF_REFERENCE_SEQUENCE = 0x30060010;
    public static final int RT_REFERENCED_STUDY_SEQUENCE = 0x30060012;
    public static final int RT_REFERENCED_SERIES_SEQUENCE = 0x30060014;
    public static final int STRUCTURE_SET_ROI_SEQUENCE = 0x30060020;
    public static final int ROI_NUMBER = 0x30060022;
    public static final int REFERENCED_FRAME_OF_REFERENCE_UID = 0x30060024;
    public static final int ROI_NAME = 0x30060026;
    public static final int ROI_CONTOUR_SEQUENCE = 0x30060039;
    public static final int CONTOUR_SEQUENCE = 0x30060040;
    public static final int CONTOUR_GEOMETRIC_TYPE = 0x30060042;
    public static final int NUMBER_OF_CONTOUR_POINTS = 0x30060046;
    public static final int CONTOUR_DATA = 0x30060050;
    public static final int REFERENCED_ROI_NUMBER = 0x30060084;
    public static final int SEGMENTATION_TYPE = 0x00620001;
    public static final int SEGMENT_SEQUENCE = 0x00620002;
    public static final int SEGMENT_NUMBER = 0x00620004;
    public static final int SEGMENT_LABEL = 0x00620005;
    public static final int SEGMENT_IDENTIFICATION_SEQUENCE = 0x0062000A;
    public static final int REFERENCED_SEGMENT_NUMBER = 0x0062000B;
    public static final int MAXIMUM_FRACTIONAL_VALUE = 0x0062000E;
    public static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    public static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;

    /** Segmentation Storage SOP Class (PS3.4 B.5). */
    public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    /** RT Structure Set Storage SOP Class (PS3.4 B.5). */
    public static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";

    /** The only attributes a toolkit passes on; everything else (patient, physician, dates) is dropped. */
    public static final Set<Integer> NEEDED = Set.of(
        TRANSFER_SYNTAX_UID, SOP_CLASS_UID, SOP_INSTANCE_UID, MODALITY, REFERENCED_SOP_INSTANCE_UID,
        SLICE_THICKNESS, SPACING_BETWEEN_SLICES, SERIES_INSTANCE_UID, INSTANCE_NUMBER,
        IMAGE_POSITION_PATIENT, IMAGE_ORIENTATION_PATIENT, FRAME_OF_REFERENCE_UID, PLANE_POSITION_SEQUENCE,
        PLANE_ORIENTATION_SEQUENCE, SAMPLES_PER_PIXEL, NUMBER_OF_FRAMES, ROWS, COLUMNS, PIXEL_SPACING,
        BITS_ALLOCATED, BITS_STORED, PIXEL_REPRESENTATION, RESCALE_INTERCEPT, RESCALE_SLOPE,
        PIXEL_MEASURES_SEQUENCE, REFERENCED_FRAME_OF_REFERENCE_SEQUENCE, RT_REFERENCED_STUDY_SEQUENCE,
        RT_REFERENCED_SERIES_SEQUENCE, STRUCTURE_SET_ROI_SEQUENCE, ROI_NUMBER,
        REFERENCED_FRAME_OF_REFERENCE_UID, ROI_NAME, ROI_CONTOUR_SEQUENCE, CONTOUR_SEQUENCE,
        CONTOUR_GEOMETRIC_TYPE, NUMBER_OF_CONTOUR_POINTS, CONTOUR_DATA, REFERENCED_ROI_NUMBER,
        SEGMENTATION_TYPE, SEGMENT_SEQUENCE, SEGMENT_NUMBER, SEGMENT_LABEL, SEGMENT_IDENTIFICATION_SEQUENCE,
        REFERENCED_SEGMENT_NUMBER, MAXIMUM_FRACTIONAL_VALUE, SHARED_FUNCTIONAL_GROUPS_SEQUENCE,
        PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
}
