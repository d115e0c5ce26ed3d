package org.radspark.io.dicom;

import java.nio.file.Path;
import java.util.List;
import org.radspark.image.Image;

/**
 * An image series read by {@link DicomSeriesReader} (PS3.3 C.7.3.1 General Series, C.7.4.1 Frame of
 * Reference): the LPS image plus what RTSTRUCT and SEG readers need to relate to it. Entry k of the lists
 * belongs to slice k of the image. No patient-identifying attribute is kept.
 */
public record DicomSeries(Image image, String seriesInstanceUid, String frameOfReferenceUid,
                          List<String> sopInstanceUids, List<Path> files) {
    public DicomSeries {
        sopInstanceUids = List.copyOf(sopInstanceUids);
        files = List.copyOf(files);
    }
}
