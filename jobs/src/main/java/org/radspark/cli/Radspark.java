package org.radspark.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.radspark.bench.ExtractBenchmark;
import org.radspark.bench.SyntheticCaseBenchmark;
import org.radspark.extract.ExtractionException;
import org.radspark.extract.ExtractionResult;
import org.radspark.extract.FeatureExtractor;
import org.radspark.ibsi.IbsiExtractor;
import org.radspark.ibsi.IbsiValue;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.ReadException;
import org.radspark.io.VolumeReaders;
import org.radspark.jobs.Locations;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ParamFileParser;
import org.radspark.params.ParameterException;

/**
 * The radspark command line. Exit codes: 0 success, 1 the input could not be processed (one line on
 * stderr naming the file and the cause), 2 wrong usage, 3 a cohort run completed but some cases failed
 * (with --fail-on-errors), 130 / 143 a cohort run stopped by SIGINT / SIGTERM (finished cases kept).
 */
public final class Radspark {
    /** Exit status of a completed cohort run with failed cases, when --fail-on-errors asks for it. */
    static final int CASES_FAILED = 3;

    static final String USAGE = String.join("\n",
        "usage: radspark <command> [options]",
        "commands:",
        "  extract IMAGE MASK [--param FILE] [--label N] [--roi NAME] [--segment N] [--series UID]",
        "          [--standard pyradiomics|ibsi] [--diagnostics] [--format csv|json] [--out FILE] [--verbose]",
        "      IMAGE: NRRD/NIfTI file or DICOM series directory;",
        "      MASK:  NRRD/NIfTI label map, DICOM RTSTRUCT or SEG file, or DICOM series directory",
        "      --standard ibsi (or an ibsi: block in the parameter file) computes the IBSI-1 families and",
        "      writes family,feature,ibsi_code,aggregation,value; with an ibsi2: filter block next to",
        "      ibsi: (IBSI-2 phase 2, conf/ibsi/ibsi2/phase2/) only the intensity-based statistics of the",
        "      filter response map, over the re-segmented ROI",
        "  filter IMAGE --param FILE --out MAP.nii.gz",
        "      writes an IBSI-2 filter response map (filter defined by the file's ibsi2: block)",
        "  cohort extract --manifest M --param FILE --table DIR [--master URL] [--partitions N]",
        "          [--batch-size N] [--only-missing | --recompute] [--fail-on-errors] [--validate-only]",
        "      extracts a cohort on Spark into Delta tables (features, features_wide, runs, errors)",
        "  demo [--table DIR] [--master URL] [--no-study]",
        "      runs the cohort job on a small cohort built from the bundled test data, then the demo study",
        "      (conf/studies/demo.yaml) on 60 synthetic patients derived from those real features",
        "  study run STUDY.yaml [--table DIR] [--params-hash H] [--clinical FILE] [--out DIR] [--master URL]",
        "          [--validate-only]",
        "      selection, models, metrics (Delta table), fitted models and an HTML report for one study",
        "  bench IMAGE MASK [--param FILE] [--roi NAME] [--warmup N] [--runs N]",
        "      times one case's extraction on one thread (wall time, peak heap)",
        "  bench-cohort [--cases N] [--mix ct|small] [--param FILE] [--master local[K]] [--repeat R] [--skip-loop]",
        "      cohort job throughput (cases/min) and its overhead over a plain Java loop, each in a fresh JVM",
        "  bench-synthetic [--param FILE] [--size NXxNYxNZ] [--runs N] [--seed S] [--features-out CSV]",
        "      extracts a generated CT-sized case (default 512x512x300, conf/params/all-filters.yaml) on one",
        "      thread and prints each run's wall time and the peak heap");

    private Radspark() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        boolean verbose = java.util.Arrays.asList(argv).contains("--verbose");
        try {
            if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
                out.println(USAGE);
                return argv.length == 0 ? 2 : 0;
            }
            for (int i = 0; i + 1 < argv.length; i++) {
                if (argv[i].equals("--master")) {
                    try {
                        org.radspark.jobs.SparkSessions.checkMaster(argv[i + 1]);
                    } catch (IllegalArgumentException e) {
                        throw new Args.UsageException(e.getMessage());
                    }
                }
            }
            switch (argv[0]) {
                case "extract":
                    return extract(argv, out);
                case "bench":
                    return bench(argv, out);
                case "bench-synthetic":
                    return benchSynthetic(argv, out);
                case "cohort":
                    return CohortCommand.run(argv, out);
                case "filter":
                    return FilterCommand.run(argv, out, err);
                case "demo":
                    return DemoCommand.run(argv, out);
                case "bench-cohort":
                    return benchCohort(argv, out);
                case "study":
                    return StudyCommand.run(argv, out);
                default:
                    throw new Args.UsageException("unknown command '" + argv[0] + "'");
            }
        } catch (Args.UsageException e) {
            err.println("radspark: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (ReadException | ParameterException | CaseException
                 | org.radspark.jobs.CohortManifest.InvalidManifestException
                 | org.radspark.jobs.study.StudyConfigException | org.radspark.jobs.Locations.LocationException
                 | org.radspark.jobs.SparkSessions.MasterUnreachableException e) {
            err.println(e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (Exception e) {
            // also Spark's AnalysisException (a missing path, table or column), which Scala code throws
            // without declaring it: one line naming it, the trace with --verbose
            err.println("radspark: " + oneLine(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** The first line of an exception's message, with its class name when the message does not say what failed. */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl).strip();
        if (e instanceof org.apache.spark.sql.AnalysisException) {
            return first;
        }
        return e.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }

    private static int extract(String[] argv, PrintStream stdout) throws IOException {
        Args a = Args.parse(argv, 1, Set.of("param", "label", "roi", "segment", "series", "format", "out", "standard"),
            Set.of("diagnostics", "verbose"));
        if (a.positionals.size() != 2) {
            throw new Args.UsageException("extract needs IMAGE and MASK");
        }
        String format = a.options.getOrDefault("format", "csv");
        if (!format.equals("csv") && !format.equals("json")) {
            throw new Args.UsageException("--format must be csv or json, got '" + format + "'");
        }
        Path imagePath = Locations.local("image", a.positionals.get(0));
        Path maskPath = Locations.local("mask", a.positionals.get(1));
        Integer label = a.intOption("label");
        Integer segment = a.intOption("segment");
        ExtractionParams params = a.options.containsKey("param")
            ? ParamFileParser.parse(Locations.local("parameter file", a.options.get("param"))) : ExtractionParams.defaults();

        String standard = a.options.getOrDefault("standard", params.ibsi() != null ? "ibsi" : "pyradiomics");
        if (!standard.equals("pyradiomics") && !standard.equals("ibsi")) {
            throw new Args.UsageException("--standard must be pyradiomics or ibsi, got '" + standard + "'");
        }
        if (standard.equals("ibsi") && params.ibsi() == null) {
            throw new ParameterException((a.options.containsKey("param") ? a.options.get("param") : "(no parameter file)")
                + ": --standard ibsi needs a parameter file with an ibsi: block (see conf/ibsi/)");
        }
        VolumeReaders.Case read = VolumeReaders.readCase(imagePath, a.options.get("series"), maskPath,
            new MaskSelection(a.options.get("roi"), segment, a.options.get("series")));
        Image image = read.image();
        Mask mask = read.mask();
        boolean diagnostics = a.flags.contains("diagnostics");
        OutputBody body;
        try {
            if (standard.equals("ibsi")) {
                if (label != null) {
                    mask = relabel(mask, label);
                }
                List<IbsiValue> values = IbsiExtractor.extract(image, mask, params.ibsi());
                body = w -> ResultWriter.writeIbsi(values, format, w);
            } else {
                ExtractionResult result = new FeatureExtractor(params).extract(image, mask, label);
                body = w -> ResultWriter.write(result, diagnostics, format, w);
            }
        } catch (ExtractionException | IllegalArgumentException e) {
            throw new CaseException(imagePath + " + " + maskPath + ": " + e.getMessage(), e);
        }
        String outFile = a.options.get("out");
        if (outFile == null) {
            Writer w = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
        } else {
            writeAtomically(Locations.local("output", outFile), body);
        }
        return 0;
    }

    private static int benchCohort(String[] argv, PrintStream stdout) throws IOException, InterruptedException {
        Args a = Args.parse(argv, 1, Set.of("cases", "param", "master", "testdata", "mix", "repeat"),
            Set.of("skip-loop", "verbose"));
        Path home = Path.of(System.getProperty("radspark.home", "."));
        Integer cases = a.intOption("cases");
        Integer repeat = a.intOption("repeat");
        stdout.println(org.radspark.bench.CohortBenchmark.run(
            Locations.local("test data", a.options.getOrDefault("testdata", home.resolve("testdata").toString())),
            Locations.local("parameter file", a.options.getOrDefault("param",
                home.resolve("conf/params/all-filters.yaml").toString())),
            cases == null ? 40 : cases, a.options.getOrDefault("mix", "ct"), a.options.get("master"),
            repeat == null ? 1 : repeat, !a.flags.contains("skip-loop")));
        return 0;
    }

    /** Writes one command's output to a writer. */
    interface OutputBody {
        void write(Writer w) throws IOException;
    }

    /** The voxels of {@code label} as label 1 (IBSI mode reads label 1). */
    private static Mask relabel(Mask mask, int label) {
        int[] src = mask.labels();
        int[] out = new int[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = src[i] == label ? 1 : 0;
        }
        return new Mask(mask.geometry(), out);
    }

    private static int bench(String[] argv, PrintStream stdout) {
        Args a = Args.parse(argv, 1, Set.of("param", "roi", "warmup", "runs"), Set.of("verbose"));
        if (a.positionals.size() != 2) {
            throw new Args.UsageException("bench needs IMAGE and MASK");
        }
        Integer warmup = a.intOption("warmup");
        Integer runs = a.intOption("runs");
        String param = a.options.get("param");
        stdout.println(ExtractBenchmark.run(Locations.local("image", a.positionals.get(0)),
            Locations.local("mask", a.positionals.get(1)), param == null ? null : Locations.local("parameter file", param), a.options.get("roi"), warmup == null ? 20 : warmup,
            runs == null ? 20 : runs));
        return 0;
    }

    private static int benchSynthetic(String[] argv, PrintStream stdout) throws IOException {
        Args a = Args.parse(argv, 1, Set.of("param", "size", "runs", "seed", "features-out"),
            Set.of("verbose"));
        if (!a.positionals.isEmpty()) {
            throw new Args.UsageException("bench-synthetic takes no positional arguments");
        }
        String param = a.options.get("param");
        Path paramFile = param != null ? Locations.local("parameter file", param)
            : Path.of(System.getProperty("radspark.home", "."), "conf", "params", "all-filters.yaml");
        String size = a.options.get("size");
        Integer runs = a.intOption("runs");
        String seed = a.options.get("seed");
        stdout.println(SyntheticCaseBenchmark.run(paramFile,
            size == null ? SyntheticCaseBenchmark.DEFAULT_SIZE : SyntheticCaseBenchmark.parseSize(size),
            seed == null ? 42 : Long.parseLong(seed), runs == null ? 1 : runs,
            a.options.get("features-out") == null ? null : Locations.local("output", a.options.get("features-out"))));
        return 0;
    }

    /** Writes to a temporary file beside the target, then renames: a failed run leaves no partial output. */
    static void writeAtomically(Path target, OutputBody body) throws IOException {
        AtomicFiles.write(target, ".tmp", tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            }
        });
    }

    /** A case that could not be processed; the message already names the files. */
    static final class CaseException extends RuntimeException {
        CaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
