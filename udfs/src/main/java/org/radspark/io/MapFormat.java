package org.radspark.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import org.radspark.image.Image;

/** File formats of voxel-based feature maps: float64 volumes, gzip-compressed, with the image's geometry. */
public enum MapFormat {
    /** NRRD, as pyradiomics writes its maps ({@code .nrrd}). */
    nrrd(".nrrd"),
    /** NIfTI-1 ({@code .nii.gz}). */
    nifti(".nii.gz");

    private final String suffix;

    MapFormat(String suffix) {
        this.suffix = suffix;
    }

    /** The file name ending, with its dot. */
    public String suffix() {
        return suffix;
    }

    /** Writes {@code map} to {@code out}, which stays open. */
    public void write(Image map, OutputStream out, String name) throws IOException {
        if (this == nrrd) {
            NrrdWriter.write(map, out);
            return;
        }
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        NiftiWriter.write(map, gz, true, name);
        gz.finish();
    }
}
