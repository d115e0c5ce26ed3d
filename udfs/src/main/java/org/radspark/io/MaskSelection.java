package org.radspark.io;

/**
 * Which segmentation to take from a mask input: the RTSTRUCT ROI name, the SEG segment number, and
 * the DICOM series UID (for a mask given as a DICOM series folder). Null fields mean "the only one".
 */
public record MaskSelection(String roiName, Integer segment, String seriesUid) {
    public static final MaskSelection NONE = new MaskSelection(null, null, null);
}
