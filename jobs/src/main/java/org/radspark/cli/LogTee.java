package org.radspark.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command's own output (progress, results, one-line errors) passed on unchanged and, while
 * --log-file is in force, also logged line by line to the logger {@code radspark.output}, which
 * conf/log4j2.properties keeps off the console: the log file gets every line with its date.
 */
final class LogTee extends OutputStream {
    static final Logger OUTPUT = LoggerFactory.getLogger("radspark.output");
    /** Set by --log-file. */
    static volatile boolean enabled;

    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LogTee(OutputStream target) {
        this.target = target;
    }

    static PrintStream wrap(PrintStream target) {
        return new PrintStream(new LogTee(target), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
        target.write(b);
        collect(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
        target.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            collect(b[i]);
        }
    }

    private void collect(int b) {
        if (!enabled) {
            line.reset();
            return;
        }
        if (b == '\n' || b == '\r') {
            if (line.size() > 0) {
                // a progress bar's escape codes are of no use in a file
                OUTPUT.info(line.toString(StandardCharsets.UTF_8).replace("\u001b[K", ""));
                line.reset();
            }
        } else {
            line.write(b);
        }
    }

    @Override
    public void flush() throws java.io.IOException {
        target.flush();
    }
}
