package org.radspark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.radspark.bench.CohortBenchmark;
import org.radspark.bench.ExtractBenchmark;
import org.radspark.bench.SyntheticCaseBenchmark;
import org.radspark.jobs.LocalFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The benchmark commands: one case on one thread, the cohort job's throughput, a generated CT-sized case. */
final class BenchCommands {
    private BenchCommands() {
    }

    static Path home() {
        return Path.of(System.getProperty("radspark.home", "."));
    }

    /** `radspark bench IMAGE MASK`. */
    @Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = "Times one case's extraction (wall time, process CPU, peak heap), on one thread unless -j.")
    static final class Bench implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IMAGE", description = "NRRD/NIfTI file or DICOM series folder.")
        String image;

        @Parameters(index = "1", paramLabel = "MASK", description = "Label map, RTSTRUCT or SEG (as for extract).")
        String mask;

        @Option(names = {"-p", "--param"}, paramLabel = "FILE", description = "Parameter file (default: pyradiomics').")
        String param;

        @Option(names = "--roi", paramLabel = "NAME", description = "ROI of an RTSTRUCT.")
        String roi;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "20", description = "Untimed runs first.")
        int warmup;

        @Option(names = "--until-compiled", description = "After the warm-up runs, go on until no JIT compilation "
            + "has ended for 2 s and 3 runs (at most 30 s), so that the compiler threads' CPU is not counted.")
        boolean untilCompiled;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "20", description = "Timed runs.")
        int runs;

        @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Threads for the case's image types and feature families (as extract -j).")
        int jobs;

        @Mixin
        LogOptions log;

        @Spec
        CommandSpec spec;

        private final PrintStream out;

        Bench(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            if (jobs < 1) {
                throw Radspark.usage(spec, "--jobs must be at least 1, got " + jobs);
            }
            out.println(ExtractBenchmark.run(LocalFiles.path("image", image), LocalFiles.path("mask", mask),
                param == null ? null : LocalFiles.path("parameter file", param), roi, warmup, untilCompiled, runs,
                jobs));
            return 0;
        }
    }

    /** `radspark bench-cohort`. */
    @Command(name = "bench-cohort", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = "The cohort job's throughput (cases/min) and its overhead over a plain Java loop, each in a fresh JVM.")
    static final class BenchCohort implements Callable<Integer> {
        @Option(names = "--cases", paramLabel = "N", defaultValue = "40", description = "Cases in the cohort.")
        int cases;

        @Option(names = "--mix", paramLabel = "ct|small", defaultValue = "ct", description = "Which bundled cases.")
        String mix;

        @Option(names = {"-p", "--param"}, paramLabel = "FILE", description = "Parameter file "
            + "(default: conf/params/all-filters.yaml).")
        String param;

        @Option(names = "--testdata", paramLabel = "DIR", description = "Test data (default: RADSPARK_HOME/testdata).")
        String testdata;

        @Option(names = "--master", paramLabel = "local[K]", converter = MasterUrl.class, description = "Spark master.")
        String master;

        @Option(names = "--repeat", paramLabel = "R", defaultValue = "1", description = "Runs per JVM.")
        int repeat;

        @Option(names = "--skip-loop", description = "Skip the plain-loop baseline.")
        boolean skipLoop;

        @Mixin
        LogOptions log;

        private final PrintStream out;

        BenchCohort(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            out.println(CohortBenchmark.run(
                LocalFiles.path("test data", testdata != null ? testdata : home().resolve("testdata").toString()),
                LocalFiles.path("parameter file", param != null ? param
                    : home().resolve("conf/params/all-filters.yaml").toString()),
                cases, mix, master, repeat, !skipLoop));
            return 0;
        }
    }

    /** `radspark bench-synthetic`. */
    @Command(name = "bench-synthetic", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = "Extracts a generated CT-sized case on one thread and prints each run's wall time and the peak heap.")
    static final class BenchSynthetic implements Callable<Integer> {
        @Option(names = {"-p", "--param"}, paramLabel = "FILE", description = "Parameter file "
            + "(default: conf/params/all-filters.yaml).")
        String param;

        @Option(names = "--size", paramLabel = "NXxNYxNZ", description = "Image size (default: 512x512x300).")
        String size;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "Timed runs.")
        int runs;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Generator seed.")
        long seed;

        @Option(names = "--features-out", paramLabel = "CSV", description = "Also write the features.")
        String featuresOut;

        @Mixin
        LogOptions log;

        private final PrintStream out;

        BenchSynthetic(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws IOException {
            Path paramFile = param != null ? LocalFiles.path("parameter file", param)
                : home().resolve("conf/params/all-filters.yaml");
            out.println(SyntheticCaseBenchmark.run(paramFile,
                size == null ? SyntheticCaseBenchmark.DEFAULT_SIZE : SyntheticCaseBenchmark.parseSize(size), seed, runs,
                featuresOut == null ? null : LocalFiles.path("output", featuresOut)));
            return 0;
        }
    }
}
