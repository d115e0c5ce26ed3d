package org.radspark.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import picocli.CommandLine.Option;

/**
 * The logging options of every command. Everything logs through SLF4J into log4j2 (conf/log4j2.properties;
 * java.util.logging is bridged in): by default a run prints its own progress and result and only warnings
 * from Spark, Hadoop and Delta.
 */
final class LogOptions {
    @Option(names = {"-v", "--verbose"}, description = "The stack trace of an error, and radspark's debug messages.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Only errors and the result: no progress lines, no warnings.")
    boolean quiet;

    @Option(names = "--log-level", paramLabel = "LEVEL",
        description = "Level of every logger (OFF, ERROR, WARN, INFO, DEBUG, TRACE); overrides -v and -q.")
    String level;

    @Option(names = "--log-file", paramLabel = "FILE",
        description = "Also write everything the command prints, and the log, with dates to FILE (appending).")
    String file;

    /** Applies the options to log4j2 and to radspark's progress lines. */
    void apply() {
        if (quiet && verbose) {
            throw new IllegalArgumentException("-q/--quiet and -v/--verbose exclude each other");
        }
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        if (level != null) {
            Level l = Level.toLevel(level.toUpperCase(java.util.Locale.ROOT), null);
            if (l == null) {
                throw new IllegalArgumentException("--log-level '" + level + "' is not a level (OFF, ERROR, WARN, INFO, "
                    + "DEBUG, TRACE)");
            }
            Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, l);
        } else if (quiet) {
            Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.ERROR);
        } else if (verbose) {
            Configurator.setLevel("org.radspark", Level.DEBUG);
        }
        org.radspark.jobs.ProgressReporter.setEnabled(!quiet);
        if (file != null) {
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            Configuration config = ctx.getConfiguration();
            Appender a = FileAppender.newBuilder().setName("radspark-log-file").withFileName(file).withAppend(true)
                .setLayout(PatternLayout.newBuilder().withPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %p %c{1}: %m%n")
                    .withConfiguration(config).build())
                .setConfiguration(config).build();
            a.start();
            config.addAppender(a);
            config.getRootLogger().addAppender(a, null, null);
            // the commands' own lines (LogTee) go to the file only
            org.apache.logging.log4j.core.config.LoggerConfig output = config.getLoggerConfig("radspark.output");
            if (!output.getName().equals("radspark.output")) {
                output = new org.apache.logging.log4j.core.config.LoggerConfig("radspark.output", Level.INFO, false);
                config.addLogger("radspark.output", output);
            }
            output.setLevel(Level.INFO);
            output.setAdditive(false);
            output.addAppender(a, Level.INFO, null);
            ctx.updateLoggers();
            LogTee.enabled = true;
        }
    }
}
