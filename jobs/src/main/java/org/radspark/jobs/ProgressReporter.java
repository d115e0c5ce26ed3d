package org.radspark.jobs;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints the progress of long work (a cohort's cases, voxel maps' kernels): done / total, failures, rate and
 * ETA, every few seconds and at each batch commit. A cohort's counts come from Spark accumulators (merged as
 * each task ends).
 */
public final class ProgressReporter implements AutoCloseable {
    /** Off with the command line's --quiet: no progress lines at all. */
    private static volatile boolean enabled = true;

    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /**
     * On a terminal the progress is one bar redrawn in place; elsewhere (cron, a scheduler, a log file)
     * plain lines. radspark.progress=bar|lines overrides the guess.
     */
    private static volatile boolean bar = "bar".equals(System.getProperty("radspark.progress"))
        || (!"lines".equals(System.getProperty("radspark.progress")) && System.console() != null
            && !"dumb".equals(System.getenv("TERM")));

    public static void setBar(boolean on) {
        bar = on;
    }

    /** Whether progress is drawn as a bar (a terminal). */
    public static boolean bar() {
        return bar;
    }

    /** A progress bar line: "[radspark] [#####-----] 12/40 cases, 1 failed, 3.2 cases/min, ETA 5m 3s". */
    public static String barLine(long done, long total, long failed, double seconds) {
        return barLine("cases", done, total, failed, seconds);
    }

    /** A progress bar line counting {@code unit} ("kernels", ...); a negative {@code failed} is left out. */
    public static String barLine(String unit, long done, long total, long failed, double seconds) {
        int width = 24;
        int filled = total <= 0 ? width : (int) Math.min(width, done * width / total);
        double rate = seconds > 0 ? done / seconds * 60 : 0;
        String eta = done == 0 || rate <= 0 ? "--" : formatDuration((total - done) / rate * 60);
        return String.format(Locale.ROOT, "[radspark] [%s%s] %d/%d %s,%s %s %s/min, ETA %s",
            "#".repeat(filled), "-".repeat(width - filled), done, total, unit,
            failed < 0 ? "" : " " + failed + " failed,", rate(rate), unit, eta);
    }

    private static String rate(double perMinute) {
        return perMinute >= 1000 ? String.format(Locale.ROOT, "%.0f", perMinute)
            : String.format(Locale.ROOT, "%.1f", perMinute);
    }

    private final java.io.PrintWriter out;
    private final String unit;
    private final LongSupplier total;
    private final LongSupplier done;
    private final LongSupplier failed;
    private final long startNanos = System.nanoTime();
    private final long periodMillis;
    private final ScheduledExecutorService timer;
    private long lastDone = -1;
    private long lastFailed = -1;
    private long lastPrintNanos = 0;
    private boolean drawn;

    ProgressReporter(PrintStream out, long total, LongSupplier done, LongSupplier failed, long periodMillis) {
        this(new java.io.PrintWriter(out, true), "cases", () -> total, done, failed, periodMillis);
        if (total > 0) {
            start();
        }
    }

    /**
     * Reports {@code done} of {@code total} {@code unit}s every {@code periodMillis} from {@link #start} until
     * {@link #finish}; {@code total} is read at each report (it may become known after the start); {@code failed}
     * may be null (nothing fails one by one).
     */
    public ProgressReporter(java.io.PrintWriter out, String unit, LongSupplier total, LongSupplier done, LongSupplier failed,
                            long periodMillis) {
        this.out = out;
        this.unit = unit;
        this.total = total;
        this.done = done;
        this.failed = failed == null ? () -> -1 : failed;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "radspark-progress");
            t.setDaemon(true);
            return t;
        });
        this.periodMillis = periodMillis;
    }

    /** Starts the periodic reports. */
    public ProgressReporter start() {
        timer.scheduleAtFixedRate(this::report, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Prints when the counts changed, or after 30 s without a line (a long case or a table write), so a
     * line is never printed twice: the elapsed time differs.
     */
    synchronized void report() {
        long d = done.getAsLong(), f = failed.getAsLong(), now = System.nanoTime();
        if (enabled && bar) {
            // redrawn in place (carriage return, clear to the end of the line)
            out.print("\r" + barLine(unit, d, total.getAsLong(), f, (now - startNanos) / 1e9) + "\u001b[K");
            out.flush();
            drawn = true;
        } else if (enabled && (d != lastDone || f != lastFailed || now - lastPrintNanos > 30_000_000_000L)) {
            out.println(line(d, f));
            lastDone = d;
            lastFailed = f;
            lastPrintNanos = now;
        }
    }

    /**
     * Prints a line of the work's own (a finished step, a failed case) above the bar: the bar is cleared, the line
     * printed and the bar drawn again below it; without a bar the line is simply printed.
     */
    public synchronized void println(String line) {
        if (drawn) {
            out.print("\r\u001b[K" + line + "\n");
            report();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /**
     * The last line, with the run's own counts (cases committed and failed, as in the summary and
     * {@code runs}): the accumulators can also count cases of a batch cut off by a stop, or a task
     * retried after a lost executor.
     */
    public synchronized void finish(long d, long f) {
        timer.shutdownNow();
        if (drawn) {
            // the bar's last state stays on screen; the final counts follow on a line of their own
            out.print("\r" + barLine(unit, d, total.getAsLong(), f, (System.nanoTime() - startNanos) / 1e9) + "\u001b[K\n");
            out.flush();
            drawn = false;
            lastDone = d;
            lastFailed = f;
        } else if (enabled && (d != lastDone || f != lastFailed)) {
            out.println(line(d, f));
            lastDone = d;
            lastFailed = f;
        }
    }

    String line(long d, long f) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = seconds > 0 ? d / seconds * 60 : 0;
        long all = total.getAsLong();
        String eta = d == 0 || rate <= 0 ? "--" : formatDuration((all - d) / rate * 60);
        return String.format(Locale.ROOT, "[radspark] %s %d/%d done,%s %s %s/min, ETA %s, elapsed %s",
            unit, d, all, f < 0 ? "" : " " + f + " failed,", rate(rate), unit, eta, formatDuration(seconds));
    }

    public static String formatDuration(double seconds) {
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
