package org.radspark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.radspark.ibsi2.ConvolutionalFilter;
import org.radspark.ibsi2.Ibsi2FilterConfig;
import org.radspark.image.Image;
import org.radspark.io.NiftiWriter;
import org.radspark.io.ReadException;
import org.radspark.io.VolumeReaders;
import org.radspark.jobs.Locations;

/**
 * {@code radspark filter IMAGE --param FILE --out MAP.nii.gz [--series UID] [--verbose]}: applies the IBSI-2
 * filter described by the {@code ibsi2:} block of FILE (see {@link Ibsi2FilterConfig}) to IMAGE and writes
 * the response map as float32 NIfTI-1 on the image's grid. An {@code ibsi:} block in the same file (an IBSI-2
 * phase-2 parameter file) is not applied here: the filter runs on IMAGE as read. Exit codes as the other commands: 0 success,
 * 1 the input or parameter file could not be processed, 2 wrong usage.
 */
public final class FilterCommand {
    static final String USAGE = String.join("\n",
        "usage: radspark filter IMAGE --param FILE --out MAP.nii.gz [--series UID] [--verbose]",
        "      IMAGE: NRRD/NIfTI file or DICOM series directory",
        "      FILE:  YAML with an 'ibsi2:' block (filter: none|mean|log|laws|gabor|wavelet|simoncelli,",
        "             its parameters, dimensions: 2|3, boundary: zero|nearest|periodic|mirror);",
        "             an 'ibsi:' block in the file is ignored (no interpolation or re-segmentation here)",
        "      MAP:   output response map, .nii or .nii.gz");

    private FilterCommand() {
    }

    /** Runs the command; {@code argv} may start with the word "filter". Returns the exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        int from = argv.length > 0 && argv[0].equals("filter") ? 1 : 0;
        boolean verbose = java.util.Arrays.asList(argv).contains("--verbose");
        try {
            if (argv.length > from && (argv[from].equals("--help") || argv[from].equals("-h"))) {
                out.println(USAGE);
                return 0;
            }
            Args a = Args.parse(argv, from, Set.of("param", "out", "series"), Set.of("verbose"));
            if (a.positionals.size() != 1) {
                throw new Args.UsageException("filter needs exactly one IMAGE");
            }
            String param = a.options.get("param");
            String outFile = a.options.get("out");
            if (param == null || outFile == null) {
                throw new Args.UsageException("filter needs --param FILE and --out MAP.nii.gz");
            }
            String lower = outFile.toLowerCase(java.util.Locale.ROOT);
            if (!lower.endsWith(".nii") && !lower.endsWith(".nii.gz")) {
                throw new Args.UsageException("--out must name a .nii or .nii.gz file, got '" + outFile + "'");
            }
            ConvolutionalFilter filter;
            Path paramPath = Locations.local("parameter file", param);
            try {
                filter = Ibsi2FilterConfig.fromYaml(Files.readString(paramPath));
            } catch (NoSuchFileException e) {
                err.println(paramPath + ": file not found");
                return 1;
            } catch (IllegalArgumentException e) {
                err.println(paramPath + ": " + e.getMessage());
                return 1;
            }
            Image image = VolumeReaders.readImage(Locations.local("image", a.positionals.get(0)), a.options.get("series"));
            Image map = filter.apply(image);
            writeAtomically(map, Locations.local("output", outFile));
            if (verbose) {
                out.println("wrote " + outFile + ": " + filter.describe());
            }
            return 0;
        } catch (Args.UsageException e) {
            err.println("radspark: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (ReadException e) {
            err.println(e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("radspark: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** Writes beside the target and renames, so a failed run leaves no partial map. */
    private static void writeAtomically(Image map, Path target) throws IOException {
        // keep the .gz suffix on the temporary file: the writer compresses by file name
        String suffix = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? ".nii.gz" : ".nii";
        AtomicFiles.write(target, suffix, tmp -> NiftiWriter.write(map, tmp));
    }
}
