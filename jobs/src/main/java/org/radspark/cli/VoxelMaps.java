package org.radspark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.radspark.extract.FeatureMapExtractor;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MapFormat;
import org.radspark.jobs.ProgressReporter;
import org.radspark.params.ExtractionParams;

/**
 * extract's voxel mode for one case: the feature maps computed on {@code threads} threads with a progress bar
 * (or lines) on stderr, then written into the output folder as pyradiomics names them.
 */
final class VoxelMaps {
    /** What a case's row holds: its diagnostics and, per feature, the map file written. */
    record Written(Map<String, String> diagnostics, Map<String, String> files) {
    }

    private final FeatureMapExtractor extractor;
    private final Path dir;
    private final MapFormat format;
    private final int threads;

    VoxelMaps(ExtractionParams params, Path dir, MapFormat format, int threads) {
        this.extractor = new FeatureMapExtractor(params);
        this.dir = dir;
        this.format = format;
        this.threads = threads;
    }

    Written write(Image image, Mask mask, Integer label, int caseNumber, PrintWriter err, boolean quiet)
        throws IOException {
        AtomicLong total = new AtomicLong(), done = new AtomicLong();
        ProgressReporter progress = new ProgressReporter(err, "kernels", total::get, done::get, null,
            ProgressReporter.bar() ? 500 : 10_000);
        if (!quiet) {
            progress.start();
        }
        FeatureMapExtractor.FeatureMaps maps;
        try {
            maps = extractor.extract(image, mask, label, threads, new FeatureMapExtractor.Progress() {
                @Override
                public void started(long kernels) {
                    total.set(kernels);
                }

                @Override
                public void kernelsDone(int count) {
                    done.addAndGet(count);
                }
            });
        } finally {
            progress.close();
        }
        if (!quiet) {
            progress.finish(done.get(), -1);
        }
        return new Written(maps.diagnostics(), FeatureMapFiles.write(maps.maps(), dir, caseNumber, format));
    }
}
