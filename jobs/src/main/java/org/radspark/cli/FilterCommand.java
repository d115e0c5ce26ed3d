package org.radspark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.radspark.ibsi2.ConvolutionalFilter;
import org.radspark.ibsi2.Ibsi2FilterConfig;
import org.radspark.image.Image;
import org.radspark.io.NiftiWriter;
import org.radspark.io.ReadException;
import org.radspark.io.VolumeReaders;
import org.radspark.jobs.LocalFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code radspark filter IMAGE --param FILE --out MAP.nii.gz}: applies the IBSI-2 filter described by the
 * {@code ibsi2:} block of FILE (see {@link Ibsi2FilterConfig}) to IMAGE and writes the response map as float32
 * NIfTI-1 on the image's grid. An {@code ibsi:} block in the same file (an IBSI-2 phase-2 parameter file) is
 * not applied here: the filter runs on IMAGE as read.
 */
@Command(name = "filter", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Writes an IBSI-2 filter response map (float32 NIfTI on the image's grid).",
        "FILE is YAML with an 'ibsi2:' block (filter: none|mean|log|laws|gabor|wavelet|simoncelli, its parameters, "
            + "dimensions: 2|3, boundary: zero|nearest|periodic|mirror); an 'ibsi:' block in it is ignored (no "
            + "interpolation or re-segmentation here)."})
public final class FilterCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "NRRD/NIfTI file or DICOM series folder.")
    String image;

    @Option(names = {"-p", "--param"}, required = true, paramLabel = "FILE", description = "Filter parameter file.")
    String param;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "MAP.nii.gz", description = "Output map (.nii or .nii.gz).")
    String out;

    @Option(names = "--series", paramLabel = "UID", description = "Series of a DICOM folder holding several.")
    String series;

    @Mixin
    LogOptions log;

    @Spec
    CommandSpec spec;

    private final PrintStream stdout;

    FilterCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    /** Runs {@code radspark filter ...}; {@code argv} may start with the word "filter". Returns the exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        boolean named = argv.length > 0 && argv[0].equals("filter");
        String[] full = new String[argv.length + (named ? 0 : 1)];
        full[0] = "filter";
        System.arraycopy(argv, named ? 1 : 0, full, 1, argv.length - (named ? 1 : 0));
        return Radspark.run(full, out, err);
    }

    @Override
    public Integer call() throws IOException {
        String lower = out.toLowerCase(java.util.Locale.ROOT);
        if (!lower.endsWith(".nii") && !lower.endsWith(".nii.gz")) {
            throw Radspark.usage(spec, "--out must name a .nii or .nii.gz file, got '" + out + "'");
        }
        ConvolutionalFilter filter;
        Path paramPath = LocalFiles.path("parameter file", param);
        try {
            filter = Ibsi2FilterConfig.fromYaml(Files.readString(paramPath));
        } catch (NoSuchFileException e) {
            throw new ReadException(paramPath + ": file not found");
        } catch (IllegalArgumentException e) {
            throw new ReadException(paramPath + ": " + e.getMessage());
        }
        Image map = filter.apply(VolumeReaders.readImage(LocalFiles.path("image", image), series));
        writeAtomically(map, LocalFiles.path("output", out));
        if (log.verbose) {
            stdout.println("wrote " + out + ": " + filter.describe());
        }
        return 0;
    }

    /** Writes beside the target and renames, so a failed run leaves no partial map. */
    private static void writeAtomically(Image map, Path target) throws IOException {
        // keep the .gz suffix on the temporary file: the writer compresses by file name
        String suffix = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? ".nii.gz" : ".nii";
        AtomicFiles.write(target, suffix, tmp -> NiftiWriter.write(map, tmp));
    }
}
