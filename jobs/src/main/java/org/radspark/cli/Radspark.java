package org.radspark.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The radspark command line (picocli). Exit codes: 0 success, 1 the input could not be processed (one
 * line on stderr naming the input and the cause), 2 wrong usage, 3 a cohort run completed but some cases
 * failed (with --fail-on-errors), 130 / 143 a cohort run stopped by SIGINT / SIGTERM (finished cases kept).
 */
@Command(name = "radspark", mixinStandardHelpOptions = true, versionProvider = Radspark.Version.class,
    description = "Radiomics feature tables and prediction models on Apache Spark.",
    footerHeading = "%nExit codes:%n",
    footer = {"  0    success",
        "  1    bad input: one line on stderr naming the input and the cause",
        "       (-v adds the stack trace)",
        "  2    wrong usage",
        "  3    some cases failed: a batch extract, or cohort extract --fail-on-errors",
        "  130  cohort run stopped by SIGINT (143: SIGTERM); finished cases kept",
        "",
        "Paths: an explicit scheme (file:, hdfs:) wins; parameter and study files",
        "are local; data locations (manifest, tables, clinical table, study output)",
        "are on Hadoop's default file system (README, \"Paths\").",
        "Shell completion: source <(radspark generate-completion)"})
public final class Radspark implements Runnable {
    /**
     * The subcommands, in the order of the usage help. Registered in code rather than in the annotation, so
     * that a command line naming one of them builds only that one: picocli reflects over every method of a
     * registered command class, and the Spark commands' classes refer to Spark and Hadoop types, which the
     * engine jar that runs extract, filter and bench does not hold (and whose loading costs a short command
     * time).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(ExtractCommand.class, FilterCommand.class,
        CohortCommand.class, StudyCommand.class, DemoCommand.class, BenchCommands.Bench.class,
        BenchCommands.BenchCohort.class, BenchCommands.BenchSynthetic.class, AutoComplete.GenerateCompletion.class,
        CommandLine.HelpCommand.class);

    /** The subcommands without Spark, which bin/radspark runs from the engine jar. */
    static final List<Class<?>> ENGINE_COMMANDS = List.of(ExtractCommand.class, FilterCommand.class,
        BenchCommands.Bench.class, BenchCommands.BenchSynthetic.class);

    /** Exit status of a completed cohort run with failed cases, when --fail-on-errors asks for it. */
    static final int CASES_FAILED = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs a command line; returns the exit code. Commands print to {@code out}, errors go to {@code err}. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        LogTee.enabled = false;
        CommandLine cl = commandLine(out, err, argv.length == 0 ? null : argv[0]);
        if (argv.length == 0) {
            cl.usage(err);
            return 2;
        }
        return cl.execute(argv);
    }

    /** The command tree with radspark's streams, error handling and logging set-up. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(out, err, null);
    }

    /**
     * As {@link #commandLine(PrintStream, PrintStream)}; when {@code first} (the first argument) names one
     * of the {@link #ENGINE_COMMANDS}, only that subcommand is built: the rest cannot be reached from such a
     * command line.
     */
    static CommandLine commandLine(PrintStream out, PrintStream err, String first) {
        // help texts name this machine's core count (extract -j in voxel mode)
        System.setProperty("radspark.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        // what the commands print also goes to --log-file, when one is given
        PrintStream teeOut = LogTee.wrap(out);
        PrintStream teeErr = LogTee.wrap(err);
        Factory factory = new Factory(teeOut);
        CommandLine cl = new CommandLine(new Radspark(), factory);
        Class<?> only = ENGINE_COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first))
            .findFirst().orElse(null);
        for (Class<?> sub : SUBCOMMANDS) {
            if (only == null || sub == only) {
                cl.addSubcommand(new CommandLine(sub, factory));
            }
        }
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(teeOut, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(teeErr, StandardCharsets.UTF_8), true));
        giveVersion(cl);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("radspark: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
            String name = qualifiedName(e.getCommandLine());
            w.println("see 'radspark " + (name.isEmpty() ? "" : name + " ") + "--help'");
            return 2;
        });
        cl.setExecutionStrategy(parsed -> {
            CommandLine leaf = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
            LogOptions log = logOptions(leaf);
            if (log != null) {
                try {
                    log.apply();
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(leaf, e.getMessage());
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            PrintWriter w = commandLine.getErr();
            LogOptions log = logOptions(commandLine);
            if (isInputError(e)) {
                w.println(e.getMessage());
            } else {
                // also Spark's AnalysisException (a missing path, table or column), which Scala code throws
                // without declaring it: one line naming it
                w.println("radspark: " + oneLine(e));
            }
            if (log != null && log.verbose) {
                e.printStackTrace(w);
            }
            w.flush();
            return 1;
        });
        return cl;
    }

    /** Every command answers --version (picocli gives subcommands the option, not the provider). */
    private static void giveVersion(CommandLine cl) {
        cl.getCommandSpec().versionProvider(new Version());
        for (CommandLine sub : cl.getSubcommands().values()) {
            giveVersion(sub);
        }
    }

    /** Problems with a command's input, whose message already names the input and the cause. */
    static boolean isInputError(Exception e) {
        return e instanceof org.radspark.io.ReadException || e instanceof org.radspark.params.ParameterException
            || e instanceof ExtractCommand.CaseException
            || e instanceof org.radspark.jobs.CohortManifest.InvalidManifestException
            || e instanceof org.radspark.jobs.study.StudyConfigException
            || e instanceof org.radspark.jobs.Locations.LocationException
            || e instanceof org.radspark.jobs.SparkSessions.MasterUnreachableException;
    }

    private static LogOptions logOptions(CommandLine cl) {
        Object mixin = cl.getCommandSpec().mixins().containsKey("log")
            ? cl.getCommandSpec().mixins().get("log").userObject() : null;
        return mixin instanceof LogOptions l ? l : null;
    }

    private static String qualifiedName(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.startsWith("radspark ") ? name.substring("radspark ".length()) : name.equals("radspark") ? "" : name;
    }

    /** The first line of an exception's message, with its class name when the message does not say what failed. */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl).strip();
        // Spark's AnalysisException names what failed; compared by name, as the engine jar has no Spark
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.apache.spark.sql.AnalysisException")) {
                return first;
            }
        }
        return e.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }

    /** Wrong usage found by a command itself (exit 2, like picocli's own). */
    static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Creates commands, handing the output stream to those that take one. */
    private static final class Factory implements CommandLine.IFactory {
        private final PrintStream out;

        Factory(PrintStream out) {
            this.out = out;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(PrintStream.class);
                c.setAccessible(true);
                return c.newInstance(out);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    /** radspark's version, its commit when run from a checkout, and the versions of Java and the libraries. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String commit = commit();
            return new String[] {
                "radspark " + mavenVersion("org.radspark", "radspark-jobs") + (commit == null ? "" : " (commit " + commit + ")"),
                "feature engine " + org.radspark.extract.FeatureExtractor.ENGINE_VERSION,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                "Spark " + library("org.apache.spark.package$", "SPARK_VERSION", "spark.version"),
                "Delta Lake " + library("io.delta.package$", "VERSION", "delta.version"),
                "Hadoop " + library("org.apache.hadoop.util.VersionInfo", "getVersion", "hadoop.version")};
        }

        /**
         * The version of a library as loaded (a cluster's own Spark under spark-submit), read through
         * reflection; when the class path lacks it (the engine jar of extract, filter and bench), the
         * version radspark was built with, marked as such.
         */
        static String library(String className, String method, String buildProperty) {
            try {
                Class<?> c = Class.forName(className);
                java.lang.reflect.Method m = c.getMethod(method);
                Object target = java.lang.reflect.Modifier.isStatic(m.getModifiers()) ? null : c.getField("MODULE$").get(null);
                return String.valueOf(m.invoke(target));
            } catch (ReflectiveOperationException | LinkageError e) {
                Properties build = resource("/radspark-build.properties");
                return (build == null ? "?" : build.getProperty(buildProperty, "?"))
                    + " (built with; not loaded by this command)";
            }
        }

        /** A properties resource of the class path, or null when it is absent or unreadable. */
        static Properties resource(String path) {
            try (java.io.InputStream in = Radspark.class.getResourceAsStream(path)) {
                if (in == null) {
                    return null;
                }
                Properties p = new Properties();
                p.load(in);
                return p;
            } catch (java.io.IOException e) {
                return null;
            }
        }

        /** The version in a library's Maven metadata on the class path (kept in the shaded jar). */
        static String mavenVersion(String group, String artifact) {
            Properties pom = resource("/META-INF/maven/" + group + "/" + artifact + "/pom.properties");
            return pom == null ? "(development build)" : pom.getProperty("version", "?");
        }

        /** The checked-out commit of radspark.home, when it is a git checkout. */
        static String commit() {
            try {
                Path git = Path.of(System.getProperty("radspark.home", "."), ".git");
                String head = Files.readString(git.resolve("HEAD")).strip();
                if (head.startsWith("ref: ")) {
                    Path ref = git.resolve(head.substring(5));
                    if (Files.exists(ref)) {
                        return Files.readString(ref).strip().substring(0, 12);
                    }
                    for (String line : Files.readAllLines(git.resolve("packed-refs"))) {
                        if (line.endsWith(" " + head.substring(5))) {
                            return line.substring(0, 12);
                        }
                    }
                    return null;
                }
                return head.length() >= 12 ? head.substring(0, 12).toLowerCase(Locale.ROOT) : null;
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
