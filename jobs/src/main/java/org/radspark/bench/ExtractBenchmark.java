package org.radspark.bench;

import java.lang.management.CompilationMXBean;
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
 * [--until-compiled] [--runs N] [--roi NAME].
 * <p>
 * The JIT keeps compiling in background threads for seconds after a case's first runs (measured: 10 s of
 * all-filters brain1 runs), and that CPU counts in the process's; with {@code untilCompiled} the warm-up goes
 * on until one run's compilation time is under {@value #QUIET_SHARE} of its wall time (at most
 * {@value #MAX_WARMUP_SECONDS} s), so "after warm-up" means what it says.
 */
public final class ExtractBenchmark {
    private ExtractBenchmark() {
    }

    /** Share of a warm-up run's wall time spent compiling below which the JIT counts as settled. */
    static final double QUIET_SHARE = 0.02;
    /** Longest warm-up with untilCompiled. */
    static final int MAX_WARMUP_SECONDS = 120;

    public static String run(Path image, Path mask, Path param, String roi, int warmup, int runs) {
        return run(image, mask, param, roi, warmup, false, runs);
    }

    public static String run(Path image, Path mask, Path param, String roi, int warmup, boolean untilCompiled,
                             int runs) {
        ExtractionParams params = param == null ? ExtractionParams.defaults() : ParamFileParser.parse(param);
        VolumeReaders.Case read = VolumeReaders.readCase(image, null, mask, new MaskSelection(roi, null, null));
        Image img = read.image();
        Mask msk = read.mask();
        FeatureExtractor extractor = new FeatureExtractor(params);
        int features = 0;
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long warmStart = System.nanoTime();
        int warmed = 0;
        boolean settled = !untilCompiled || !jitTimed;
        while (warmed < warmup || !settled) {
            long c0 = jitTimed ? jit.getTotalCompilationTime() : 0;
            long t0 = System.nanoTime();
            features = extractor.extract(img, msk).features().size();
            double runMs = (System.nanoTime() - t0) / 1e6;
            warmed++;
            if (!settled) {
                settled = jit.getTotalCompilationTime() - c0 < QUIET_SHARE * runMs
                    || System.nanoTime() - warmStart > MAX_WARMUP_SECONDS * 1_000_000_000L;
            }
        }
        long jit0 = jitTimed ? jit.getTotalCompilationTime() : 0;
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
        String jitText = jitTimed
            ? String.format(Locale.ROOT, "; JIT compiling %.2f ms per run", (jit.getTotalCompilationTime() - jit0)
                / (double) runs)
            : "";
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        Arrays.sort(ms);
        return String.format(Locale.ROOT,
            "%s: %d features, %d voxels in image; median %.2f ms, min %.2f ms over %d runs (%d warm-up); "
                + "process CPU %.2f ms per run%s; peak heap %.1f MB (live before runs %.1f MB)",
            image.getFileName(), features, img.voxels().length, ms[runs / 2], ms[0], runs, warmed, cpuMs, jitText,
            peak / 1048576.0, baseline / 1048576.0);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
