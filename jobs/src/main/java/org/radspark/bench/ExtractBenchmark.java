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
 * Command-line benchmark of one case's extraction (on the calling thread, or on {@code threads}): reads the inputs
 * once, warms the JIT up, then times repeated extractions and reports median/min wall time, process CPU, the JIT's
 * compilation time and the peak heap used during the timed runs. Usage: radspark bench IMAGE MASK [--param FILE]
 * [--warmup N] [--until-compiled] [--runs N] [-j N] [--roi NAME].
 * <p>
 * The JIT keeps compiling in background threads for seconds after a case's first runs (measured: 10 s of
 * all-filters brain1 runs), and that CPU counts in the process's; with {@code untilCompiled} the warm-up goes
 * on until no compilation has ended for {@value #QUIET_SECONDS} s and {@value #QUIET_RUNS} runs (at most
 * {@value #MAX_WARMUP_SECONDS} s: small cases kept ending a compilation every few seconds for over 100 s, at well
 * under 1 ms per run), so "after warm-up" means what it says; what the JIT still compiles is reported.
 */
public final class ExtractBenchmark {
    private ExtractBenchmark() {
    }

    /** Seconds without a compilation ending after which the JIT counts as settled. */
    static final int QUIET_SECONDS = 2;
    /** Runs without a compilation ending, at least, before the JIT counts as settled. */
    static final int QUIET_RUNS = 3;
    /** Untimed runs between the collection that measures the live heap and the timed runs. */
    static final int POST_GC_RUNS = 3;
    /** Longest warm-up with untilCompiled. */
    static final int MAX_WARMUP_SECONDS = 30;

    /** @param threads threads of the extractor (1: the calling thread, as in the per-case comparisons) */
    public static String run(Path image, Path mask, Path param, String roi, int warmup, boolean untilCompiled,
                             int runs, int threads) {
        ExtractionParams params = param == null ? ExtractionParams.defaults() : ParamFileParser.parse(param);
        VolumeReaders.Case read = VolumeReaders.readCase(image, null, mask, new MaskSelection(roi, null, null));
        Image img = read.image();
        Mask msk = read.mask();
        FeatureExtractor extractor = new FeatureExtractor(params, threads, true);
        int features = 0;
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long warmStart = System.nanoTime();
        int warmed = 0;
        boolean settled = !untilCompiled || !jitTimed;
        // the total only grows when a compilation ends, so a long one in flight looks quiet: settled means no
        // compilation ended for QUIET_SECONDS, over at least QUIET_RUNS runs
        long lastTotal = jitTimed ? jit.getTotalCompilationTime() : 0;
        long lastChange = System.nanoTime();
        int quietRuns = 0;
        while (warmed < warmup || !settled) {
            features = extractor.extract(img, msk).features().size();
            warmed++;
            if (!settled) {
                long now = System.nanoTime();
                long total = jit.getTotalCompilationTime();
                if (total != lastTotal) {
                    lastTotal = total;
                    lastChange = now;
                    quietRuns = 0;
                } else {
                    quietRuns++;
                }
                settled = quietRuns >= QUIET_RUNS && now - lastChange >= QUIET_SECONDS * 1_000_000_000L
                    || now - warmStart > MAX_WARMUP_SECONDS * 1_000_000_000L;
            }
        }
        System.gc();
        long baseline = heapUsed();
        // the forced collection also shrinks the heap, and the next runs pay for growing it back (measured: 5
        // all-filters brain1 runs right after it took 36 % more process CPU than wall, 40 runs 6 %), so the
        // timed runs start after a few more untimed ones
        for (int i = 0; i < POST_GC_RUNS; i++) {
            extractor.extract(img, msk);
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        double[] ms = new double[runs];
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long jit0 = jitTimed ? jit.getTotalCompilationTime() : 0;
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
            "%s: %d features, %d voxels in image, %d thread(s); median %.2f ms, min %.2f ms over %d runs (%d warm-up); "
                + "process CPU %.2f ms per run%s; peak heap %.1f MB (live before runs %.1f MB)",
            image.getFileName(), features, img.voxels().length, threads, ms[runs / 2], ms[0], runs, warmed, cpuMs, jitText,
            peak / 1048576.0, baseline / 1048576.0);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
