package org.radspark.jobs;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints cohort progress while a job runs: cases done / total, failures, rate and ETA, every few
 * seconds and at each batch commit. Counts come from Spark accumulators (merged as each task ends).
 */
final class ProgressReporter implements AutoCloseable {
    private final PrintStream out;
    private final long total;
    private final LongSupplier done;
    private final LongSupplier failed;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private long lastDone = -1;
    private long lastFailed = -1;
    private long lastPrintNanos = 0;

    ProgressReporter(PrintStream out, long total, LongSupplier done, LongSupplier failed, long periodMillis) {
        this.out = out;
        this.total = total;
        this.done = done;
        this.failed = failed;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "radspark-progress");
            t.setDaemon(true);
            return t;
        });
        if (total > 0) {
            timer.scheduleAtFixedRate(this::report, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Prints when the counts changed, or every 30 s as a heartbeat while a long case runs. */
    synchronized void report() {
        long d = done.getAsLong(), f = failed.getAsLong(), now = System.nanoTime();
        if (d != lastDone || f != lastFailed || now - lastPrintNanos > 30_000_000_000L) {
            out.println(line());
            lastDone = d;
            lastFailed = f;
            lastPrintNanos = now;
        }
    }

    String line() {
        long d = done.getAsLong();
        double minutes = (System.nanoTime() - startNanos) / 6e10;
        double rate = minutes > 0 ? d / minutes : 0;
        String eta = d == 0 || rate <= 0 ? "--" : formatDuration((total - d) / rate * 60);
        return String.format(Locale.ROOT, "[radspark] cases %d/%d done, %d failed, %.1f cases/min, ETA %s",
            d, total, failed.getAsLong(), rate, eta);
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
