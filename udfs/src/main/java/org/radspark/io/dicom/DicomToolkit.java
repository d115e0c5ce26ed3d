package org.radspark.io.dicom;

import java.nio.file.Path;
import org.radspark.io.ReadException;

/**
 * The DICOM library behind the readers (PS3.10 media files): parses a file into the neutral
 * {@link DicomAttributes} and decodes its pixel data, so the library can be swapped (pixelmed today).
 * All failures are {@link ReadException}s whose message starts with the file name.
 */
public interface DicomToolkit {

    /**
     * The allow-listed attributes of a file, without decoding its pixel data; null when the file is
     * not DICOM at all (no PS3.10 preamble and nothing parseable), so directory scans can skip it.
     */
    DicomAttributes readAttributes(Path file);

    /** Attributes and decoded pixel data of a file; the pixels are null when the file has none. */
    DicomInstance read(Path file);

    /** A parsed file: its attributes and, for images, the decoded stored values. */
    record DicomInstance(Path file, DicomAttributes attributes, PixelFrames pixels) { }

    /** The default implementation. */
    static DicomToolkit standard() {
        return new PixelmedToolkit();
    }
}
