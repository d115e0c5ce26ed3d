package org.radspark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.radspark.extract.ExtractionResult;
import org.radspark.extract.FeatureExtractor;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.image.PixelType;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ParamFileParser;

/**
 * Memory and time of one large CT-sized case, generated in memory from a seed: an int16 chest-like
 * volume (air, an elliptic body of soft tissue, two lungs, a bony ring, noise) with an irregular tumour
 * of about 60 mm diameter in the right lung, labelled 1 in the mask. Extracts it {@code runs} times on
 * the calling thread and reports each run's wall and thread CPU time (the latter unaffected by other
 * processes on the machine) and the heap peak (sum of the heap pools' peak
 * usage, MemoryPoolMXBean, reset after the case is built: an upper bound of the true peak, as pools peak
 * at different moments). Usage: radspark bench-synthetic [--param FILE] [--size NXxNYxNZ] [--runs N]
 * [--seed S] [--features-out CSV] (the last run's features, Double.toString precision).
 */
public final class SyntheticCaseBenchmark {
    /** 512 x 512 x 300 voxels of 0.78 x 0.78 x 1.25 mm: a chest CT series. */
    public static final int[] DEFAULT_SIZE = {512, 512, 300};
    private static final double[] SPACING = {0.78125, 0.78125, 1.25};
    private static final double TUMOUR_RADIUS_MM = 30;

    private SyntheticCaseBenchmark() {
    }

    /** A generated case: the image and its tumour mask. */
    public record Case(Image image, Mask mask) {
    }

    /** The synthetic case of the given size, the same for the same seed. */
    public static Case generate(int[] size, long seed) {
        int nx = size[0], ny = size[1], nz = size[2];
        Geometry g = new Geometry(nx, ny, nz, SPACING, new double[] {-200, -200, -180}, Geometry.identityDirection());
        long count = g.voxelCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("synthetic case of " + count + " voxels exceeds a Java array");
        }
        double[] v = new double[(int) count];
        int[] labels = new int[(int) count];
        SplittableRandom random = new SplittableRandom(seed);
        // tumour centre in the right lung, shape harmonics drawn from the seed
        double cx = 0.33 * nx * SPACING[0], cy = 0.45 * ny * SPACING[1], cz = 0.5 * nz * SPACING[2];
        double h1 = 0.10 + 0.05 * random.nextDouble(), h2 = 0.06 + 0.04 * random.nextDouble();
        double phase = 2 * Math.PI * random.nextDouble();
        double ax = 0.42 * nx * SPACING[0], ay = 0.32 * ny * SPACING[1];
        double mx = 0.5 * nx * SPACING[0], my = 0.5 * ny * SPACING[1];
        int p = 0;
        for (int k = 0; k < nz; k++) {
            double z = k * SPACING[2];
            for (int j = 0; j < ny; j++) {
                double y = j * SPACING[1];
                for (int i = 0; i < nx; i++, p++) {
                    double x = i * SPACING[0];
                    double ex = (x - mx) / ax, ey = (y - my) / ay;
                    double body = ex * ex + ey * ey;
                    double hu;
                    if (body > 1) {
                        hu = -1000;
                    } else if (body > 0.85) {
                        hu = 700 + 500 * (1 - body) / 0.15;
                    } else if (inLung(ex, ey)) {
                        hu = -850;
                    } else {
                        hu = 40;
                    }
                    double dx = x - cx, dy = y - cy, dz = z - cz;
                    double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    if (r < 1.3 * TUMOUR_RADIUS_MM) {
                        double theta = Math.atan2(dy, dx), cosPolar = r == 0 ? 1 : dz / r;
                        double edge = TUMOUR_RADIUS_MM * (1 + h1 * Math.sin(3 * theta + phase) * (1 - cosPolar * cosPolar)
                            + h2 * Math.cos(5 * cosPolar + 2 * theta));
                        if (r <= edge) {
                            labels[p] = 1;
                            // enhancing rim, necrotic core
                            hu = 20 + 60 * Math.min(1, r / edge) + 15 * Math.sin(0.4 * x) * Math.cos(0.3 * y);
                        }
                    }
                    v[p] = Math.max(-1024, Math.min(3071, Math.round(hu + 12 * (random.nextDouble() + random.nextDouble()
                        + random.nextDouble() - 1.5))));
                }
            }
        }
        return new Case(new Image(g, v, PixelType.INT16), new Mask(g, labels));
    }

    private static boolean inLung(double ex, double ey) {
        double lx = (Math.abs(ex) - 0.45) / 0.33, ly = ey / 0.7;
        return lx * lx + ly * ly < 1;
    }

    /** Generates the case, extracts it {@code runs} times and describes times and heap peak. */
    public static String run(Path param, int[] size, long seed, int runs, Path featuresOut) throws IOException {
        ExtractionParams params = ParamFileParser.parse(param);
        long t0 = System.nanoTime();
        Case c = generate(size, seed);
        double generateMs = (System.nanoTime() - t0) / 1e6;
        FeatureExtractor extractor = new FeatureExtractor(params);
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        StringBuilder out = new StringBuilder();
        int features = 0;
        Map<String, Double> last = Map.of();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < runs; r++) {
            long s = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            ExtractionResult result = extractor.extract(c.image(), c.mask());
            double ms = (System.nanoTime() - s) / 1e6;
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            features = result.features().size();
            last = result.features();
            out.append(String.format(Locale.ROOT, "run %d: wall %.1f s, thread CPU %.1f s%n", r + 1, ms / 1e3,
                cpuMs / 1e3));
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        if (featuresOut != null) {
            StringBuilder csv = new StringBuilder("feature,value\n");
            for (Map.Entry<String, Double> e : last.entrySet()) {
                csv.append(e.getKey()).append(',').append(e.getValue()).append('\n');
            }
            Files.writeString(featuresOut, csv.toString());
        }
        long roi = c.mask().count(1);
        out.append(String.format(Locale.ROOT,
            "synthetic %dx%dx%d case (seed %d, ROI %d voxels, built in %.1f s): %d features; peak heap %.1f MB "
                + "(live before runs %.1f MB, max heap %.1f MB)",
            size[0], size[1], size[2], seed, roi, generateMs / 1e3, features, peak / 1048576.0, live / 1048576.0,
            Runtime.getRuntime().maxMemory() / 1048576.0));
        return out.toString();
    }

    /** "512x512x300" as {512, 512, 300}. */
    public static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("size must be NXxNYxNZ, got " + text);
        }
        int[] size = new int[3];
        for (int a = 0; a < 3; a++) {
            size[a] = Integer.parseInt(parts[a].trim());
            if (size[a] < 16) {
                throw new IllegalArgumentException("every size must be at least 16, got " + text);
            }
        }
        return size;
    }
}
