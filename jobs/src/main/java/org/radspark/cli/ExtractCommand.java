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
import java.util.concurrent.Callable;
import org.radspark.extract.ExtractionException;
import org.radspark.extract.ExtractionResult;
import org.radspark.extract.FeatureExtractor;
import org.radspark.ibsi.IbsiExtractor;
import org.radspark.ibsi.IbsiValue;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;
import org.radspark.jobs.LocalFiles;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ParamFileParser;
import org.radspark.params.ParameterException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `radspark extract IMAGE MASK` (one case) or `radspark extract cases.csv` (pyradiomics' batch mode): features
 * without Spark, as pyradiomics' command line gives them.
 */
@Command(name = "extract", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
    description = {"Extracts radiomics features (pyradiomics' names and values) without Spark: one case, written as "
        + "CSV (feature,value) or JSON, with --standard ibsi the IBSI-1 families at every aggregation; or a batch "
        + "file of cases.",
        "Batch mode: radspark extract cases.csv -o results.csv reads a pyradiomics batch file (columns Image, Mask, "
            + "optional Label, others passed through; paths relative to it) and writes one row per case in "
            + "pyradiomics' layout: the input columns, the diagnostics, the features. A failing case is reported "
            + "and the batch goes on (exit 3 when any failed)."})
final class ExtractCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { csv, json }

    /** Feature definitions. */
    enum Standard { pyradiomics, ibsi }

    /** pyradiomics' extraction modes. */
    enum Mode { segment, voxel }

    @Parameters(index = "0", paramLabel = "IMAGE|BATCH.csv",
        description = "NRRD/NIfTI file or DICOM series folder; or a batch file (.csv) of cases.")
    String image;

    @Parameters(index = "1", arity = "0..1", paramLabel = "MASK",
        description = "NRRD/NIfTI label map, DICOM RTSTRUCT or SEG file, or DICOM series folder (not in batch mode).")
    String mask;

    @Option(names = {"-p", "--param"}, paramLabel = "FILE",
        description = "pyradiomics parameter file (YAML or JSON); default: pyradiomics' defaults.")
    String param;

    @Option(names = {"-l", "--label"}, paramLabel = "N", description = "Label value of the ROI in a label map "
        + "(default: the parameter file's label, else 1).")
    Integer label;

    @Option(names = "--roi", paramLabel = "NAME", description = "ROI of an RTSTRUCT (needed when it holds several).")
    String roi;

    @Option(names = "--segment", paramLabel = "N", description = "Segment number of a DICOM SEG.")
    Integer segment;

    @Option(names = "--series", paramLabel = "UID", description = "Series of a DICOM folder holding several.")
    String series;

    @Option(names = "--standard", paramLabel = "pyradiomics|ibsi",
        description = "Feature definitions (default: ibsi when the parameter file has an ibsi: block, see "
            + "conf/ibsi/, else pyradiomics); ibsi writes family,feature,ibsi_code,aggregation,value.")
    Standard standard;

    @Option(names = "--diagnostics", description = "Add pyradiomics' diagnostics_* rows.")
    boolean diagnostics;

    @Option(names = {"-f", "--format"}, paramLabel = "csv|json",
        description = "Output format (default: json for -o *.json, else csv).")
    Format format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
        description = "Output file, written only when extraction succeeds (default: standard output).")
    String out;

    @Option(names = {"-s", "--setting"}, paramLabel = "KEY:VALUE",
        description = "Setting override on top of --param, as pyradiomics' -s (e.g. -s binWidth:10); repeatable.")
    List<String> settings;

    @Option(names = {"-m", "--mode"}, paramLabel = "segment|voxel", defaultValue = "segment",
        description = "segment: one value per feature. voxel: a feature map per feature, each ROI voxel holding the "
            + "features of the kernel around it (the parameter file's voxelSetting: kernelRadius, maskedKernel, "
            + "initValue, voxelBatch; no shape), written to --out-dir; the output then lists the map files.")
    Mode mode;

    @Option(names = {"-od", "--out-dir"}, paramLabel = "DIR",
        description = "Voxel mode: folder for the maps, named Case-N_<feature>.nrrd as pyradiomics names them "
            + "(default: the current folder).")
    String outDir;

    @Option(names = "--map-format", paramLabel = "nrrd|nifti", defaultValue = "nrrd",
        description = "Voxel mode: maps as NRRD (.nrrd, as pyradiomics) or NIfTI (.nii.gz); float64 either way.")
    org.radspark.io.MapFormat mapFormat;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
        description = "Threads. One case (pyradiomics standard; the IBSI engine uses one): its image types and "
            + "feature families computed at once (default: every core, here ${sys:radspark.cores}). Segment batch mode: cases extracted at once, one thread each "
            + "(default 1). Voxel mode: kernels computed at once, cases one after another (default: every core).")
    Integer jobs;

    @Option(names = "--format-path", paramLabel = "absolute|relative|basename", defaultValue = "absolute",
        description = "Batch mode: how Image and Mask are written (relative: to the batch file's folder).")
    BatchExtraction.PathFormat formatPath;

    @Option(names = "--skip-nans", description = "Batch mode: leave out features whose value is NaN.")
    boolean skipNans;

    @Mixin
    LogOptions log;

    @Spec
    CommandSpec spec;

    private final PrintStream stdout;

    ExtractCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        boolean batchFile = image.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
        if (mask == null && !batchFile) {
            throw Radspark.usage(spec, "extract needs IMAGE and MASK, or a batch file (.csv) alone");
        }
        if (mask != null && batchFile) {
            throw Radspark.usage(spec, "a batch file (" + image + ") names each case's mask itself; give no MASK");
        }
        if (jobs != null && jobs < 1) {
            throw Radspark.usage(spec, "--jobs must be at least 1, got " + jobs);
        }
        if (mode == Mode.segment && (outDir != null || mapFormat != org.radspark.io.MapFormat.nrrd)) {
            throw Radspark.usage(spec, "--out-dir and --map-format are for voxel mode (--mode voxel)");
        }
        if (mode == Mode.voxel && (standard == Standard.ibsi || diagnostics && mask == null)) {
            throw Radspark.usage(spec, standard == Standard.ibsi ? "voxel mode computes pyradiomics' features; "
                + "--standard ibsi is for segment mode" : "batch mode writes the diagnostics always; give no --diagnostics");
        }
        if (settings != null) {
            for (String o : settings) {
                if (o.indexOf(':') <= 0) {
                    throw Radspark.usage(spec, "-s '" + o + "' needs the form KEY:VALUE (e.g. -s binWidth:25)");
                }
            }
        }
        if (format == null) {
            format = out != null && out.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? Format.json : Format.csv;
        }
        ExtractionParams params = params();
        if (mask == null) {
            return batch(params);
        }
        if (skipNans || formatPath != BatchExtraction.PathFormat.absolute) {
            throw Radspark.usage(spec, "--format-path and --skip-nans are for batch mode (a .csv of cases)");
        }
        Path imagePath = LocalFiles.path("image", image);
        Path maskPath = LocalFiles.path("mask", mask);
        if ((roi != null || segment != null) && Files.isRegularFile(maskPath) && !VolumeReaders.isDicomFile(maskPath)) {
            throw Radspark.usage(spec, "--roi and --segment choose within a DICOM RTSTRUCT or SEG mask; " + mask
                + " is a label map (use --label)");
        }
        Standard std = mode == Mode.voxel ? Standard.pyradiomics
            : standard != null ? standard : params.ibsi() != null ? Standard.ibsi : Standard.pyradiomics;
        if (std == Standard.ibsi && params.ibsi() == null) {
            throw new ParameterException((param != null ? param : "(no parameter file)")
                + ": --standard ibsi needs a parameter file with an ibsi: block (see conf/ibsi/)");
        }
        VolumeReaders.Case read = VolumeReaders.readCase(imagePath, series, maskPath,
            new MaskSelection(roi, segment, series));
        Image img = read.image();
        Mask msk = read.mask();
        String fmt = format.name();
        OutputBody body;
        try {
            if (mode == Mode.voxel) {
                VoxelMaps.Written maps = voxelMaps(params).write(img, msk, label, 1,
                    spec.commandLine().getErr(), log.quiet);
                body = w -> ResultWriter.writeMaps(maps.diagnostics(), maps.files(), diagnostics, fmt, w);
            } else if (std == Standard.ibsi) {
                if (label != null) {
                    msk = msk.only(label);
                }
                List<IbsiValue> values = IbsiExtractor.extract(img, msk, params.ibsi());
                body = w -> ResultWriter.writeIbsi(values, fmt, w);
            } else {
                int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
                ExtractionResult result = new FeatureExtractor(params, threads, diagnostics).extract(img, msk, label);
                body = w -> ResultWriter.write(result, diagnostics, fmt, w);
            }
        } catch (ExtractionException | IllegalArgumentException e) {
            throw new CaseException(imagePath + " + " + maskPath + ": " + e.getMessage(), e);
        }
        emit(body);
        return 0;
    }

    /** Voxel mode's map writer: the parameter file's voxel settings, -j threads (every core by default). */
    private VoxelMaps voxelMaps(ExtractionParams params) {
        Path dir = LocalFiles.path("output folder", outDir != null ? outDir : ".");
        try {
            return new VoxelMaps(params, dir, mapFormat, jobs != null ? jobs : Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            throw new ParameterException((param != null ? param : "(defaults)") + ": " + e.getMessage());
        }
    }

    /** Writes the output to standard output, or to -o FILE only when it is complete. */
    private void emit(OutputBody body) throws IOException {
        if (out == null) {
            Writer w = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
        } else {
            writeAtomically(LocalFiles.path("output", out), body);
        }
    }

    /** The parameter file (or pyradiomics' defaults) with the -s overrides. */
    private ExtractionParams params() {
        String source = param != null ? param : "(defaults)";
        String text = "";
        if (param != null) {
            Path p = LocalFiles.path("parameter file", param);
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new ParameterException("parameter file " + param + " not found");
            } catch (IOException e) {
                throw new ParameterException(p + ": cannot read parameter file (" + e.getMessage() + ")");
            }
        }
        ExtractionParams fromFile = ParamFileParser.parse(text, source);
        if (settings == null || settings.isEmpty()) {
            return fromFile;
        }
        // the file alone is valid: a problem now is in the overrides, and named so
        return ParamFileParser.parse(ParamFileParser.withSettingOverrides(text, settings, source),
            "-s " + String.join(" -s ", settings));
    }

    /** pyradiomics' batch mode: every case of the CSV, a row each; exit 3 when a case failed. */
    private int batch(ExtractionParams params) throws IOException, InterruptedException {
        if (standard == Standard.ibsi || params.ibsi() != null || diagnostics) {
            throw Radspark.usage(spec, "batch mode writes pyradiomics' layout (always with diagnostics); "
                + "--standard ibsi and --diagnostics are for one case");
        }
        Path csv = LocalFiles.path("batch file", image);
        java.io.PrintWriter err = spec.commandLine().getErr();
        BatchExtraction b = new BatchExtraction(params, label, mode == Mode.voxel ? 1 : jobs != null ? jobs : 1, err,
            log.quiet, mode == Mode.voxel ? voxelMaps(params) : null);
        List<BatchExtraction.Case> cases = b.read(csv);
        List<BatchExtraction.Outcome> outcomes = b.extract(cases);
        if (cases.isEmpty()) {
            throw new org.radspark.io.ReadException(csv + ": no cases (a header line only)");
        }
        // as pyradiomics: a row for every case, a failed one with its input columns only
        List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
        int failed = 0;
        for (BatchExtraction.Outcome o : outcomes) {
            rows.add(o.row());
            if (o.error() != null) {
                failed++;
            }
        }
        OutputBody body = w -> BatchExtraction.write(rows, format.name(), formatPath, csv.toAbsolutePath().getParent(),
            skipNans, w);
        emit(body);
        if (failed > 0) {
            err.printf(java.util.Locale.ROOT, "[radspark] %d of %d cases failed%n", failed, outcomes.size());
        }
        return failed > 0 ? Radspark.CASES_FAILED : 0;
    }

    /** Writes one command's output to a writer. */
    interface OutputBody {
        void write(Writer w) throws IOException;
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
