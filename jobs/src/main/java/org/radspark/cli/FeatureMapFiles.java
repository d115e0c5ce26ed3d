package org.radspark.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.radspark.image.Image;
import org.radspark.io.MapFormat;

/**
 * Writes one case's voxel-based feature maps into a folder, named as pyradiomics' voxel mode names them
 * ({@code Case-N_<feature>.nrrd}); each file is renamed into place only when complete.
 */
final class FeatureMapFiles {
    private FeatureMapFiles() {
    }

    /** Writes every map; returns feature name to the file written, in the maps' order. */
    static Map<String, String> write(Map<String, Image> maps, Path dir, int caseNumber, MapFormat format)
        throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, Image> e : maps.entrySet()) {
            Path target = dir.resolve("Case-" + caseNumber + "_" + e.getKey() + format.suffix());
            AtomicFiles.write(target, format.suffix(), tmp -> {
                try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    format.write(e.getValue(), out, target.toString());
                }
            });
            files.put(e.getKey(), target.toString());
        }
        return files;
    }
}
