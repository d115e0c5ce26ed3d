package org.radspark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.radspark.extract.ExtractionResult;
import org.radspark.extract.FeatureExtractor;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ParamFileParser;

/**
 * Command-line benchmark of one case's extraction on the calling thread: reads the inputs once,
 * warms the JIT up, then times repeated extractions and reports median/min wall time and the peak
 * heap used during the timed runs. Usage: radspark bench IMAGE MASK [--param FILE] [--warmup N]
 * [--runs N] [--roi NAME].
 */
public final class ExtractBenchmark {
    private ExtractBenchmark() {
    }

    public static String run(Path image, Path mask, Path param, String roi, int warmup, int runs) {
        ExtractionParams params = param == null ? ExtractionParams.defaults() : ParamFileParser.parse(param);
        VolumeReaders.Case read = VolumeReaders.readCase(image, null, mask, new MaskSelection(roi, null, null));
        Image img = read.image();
        Mask msk = read.mask();
        FeatureExtractor extractor = new FeatureExtractor(params);
        int features = 0;
        for (int i = 0; i < warmup; i++) {
            features = extractor.extract(img, msk).features().size();
        }
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long baseline = heapUsed();
        double[] ms = new double[runs];
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            ExtractionResult r = extractor.extract(img, msk);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            features = r.features().size();
        }
        // the whole process's CPU (the extraction thread, GC and JIT) per timed run, comparable with
        // pyradiomics' process CPU
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / runs;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        Arrays.sort(ms);
        return String.format(Locale.ROOT,
            "%s: %d features, %d voxels in image; median %.2f ms, min %.2f ms over %d runs (%d warm-up); "
                + "process CPU %.2f ms per run; peak heap %.1f MB (live before runs %.1f MB)",
            image.getFileName(), features, img.voxels().length, ms[runs / 2], ms[0], runs, warmup, cpuMs,
            peak / 1048576.0, baseline / 1048576.0);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
