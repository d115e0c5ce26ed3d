package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar and lines: counts, unit, rate and ETA; lines of the work printed above the bar. */
class ProgressReporterTest {
    @Test
    void barLineNamesItsUnitRateAndEta() {
        assertEquals("[radspark] [######------------------] 50/200 kernels, 100.0 kernels/min, ETA 1m 30s",
            ProgressReporter.barLine("kernels", 50, 200, -1, 30));
        assertEquals("[radspark] [#######-----------------] 12/40 cases, 1 failed, 3.2 cases/min, ETA 8m 45s",
            ProgressReporter.barLine(12, 40, 1, 225));
        assertEquals("[radspark] [########################] 4137/4137 kernels, 124110 kernels/min, ETA 0s",
            ProgressReporter.barLine("kernels", 4137, 4137, -1, 2));
    }

    @Test
    void aLineOfTheWorkGoesAboveTheBar() {
        StringWriter text = new StringWriter();
        AtomicLong done = new AtomicLong();
        ProgressReporter.setBar(true);
        try {
            ProgressReporter p = new ProgressReporter(new PrintWriter(text), "steps", () -> 4, done::get, null, 60_000);
            p.report();
            done.set(1);
            p.println("[radspark] step 1 icc: 40 of 65 features kept");
            p.finish(4, -1);
        } finally {
            ProgressReporter.setBar(System.console() != null);
        }
        String[] screen = text.toString().split("\n");
        assertEquals(2, screen.length, text.toString());
        // the bar was cleared (carriage return, erase line) before the step's line
        assertEquals(true, screen[0].endsWith("\r\u001b[K[radspark] step 1 icc: 40 of 65 features kept"), screen[0]);
        assertEquals(true, screen[1].contains("4/4 steps"), screen[1]);
    }
}
