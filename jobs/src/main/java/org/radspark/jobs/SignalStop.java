package org.radspark.jobs;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * SIGINT or SIGTERM during a cohort run: asks the run to stop, then holds the JVM's shutdown (up to
 * {@link #STOP_GRACE_SECONDS}) until the run has committed what it finished and {@link #close}s this; the JVM then
 * exits with the signal's status (130, 143). Registered in Hadoop's shutdown hook manager above Spark's hooks, so
 * the commits run while Spark and the file systems are still up.
 */
final class SignalStop implements AutoCloseable {
    /**
     * Priority of the stop hook in Hadoop's shutdown hook manager: above Spark's hooks (registered there
     * at the file systems' priority + 30), so the commits run while Spark and the file systems are up.
     */
    static final int STOP_HOOK_PRIORITY = org.apache.hadoop.fs.FileSystem.SHUTDOWN_HOOK_PRIORITY + 40;

    /** How long a signal waits for the finished batches' commits before the JVM exits anyway. */
    static final long STOP_GRACE_SECONDS = Long.getLong("radspark.stopGraceSeconds", 300);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Runnable hook;
    private final ShutdownHookManager hooks = ShutdownHookManager.get();

    /** Registers the hook; {@code stop} is what the signal does first (cancel jobs, start no new batch). */
    SignalStop(Runnable stop, PrintStream console) {
        hook = () -> {
            stop.run();
            try {
                if (!finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    console.println("[radspark] stop: commits did not finish within " + STOP_GRACE_SECONDS
                        + " s; the next run completes them");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        // the manager runs its hooks in priority order, one at a time, each with a time limit
        hooks.addShutdownHook(hook, STOP_HOOK_PRIORITY, STOP_GRACE_SECONDS + 15, TimeUnit.SECONDS);
    }

    /** The run has finished (or failed): a pending signal may now let the JVM exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            hooks.removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (the run was stopped by a signal): the hook has run
        }
    }
}
