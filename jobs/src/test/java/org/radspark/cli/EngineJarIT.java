package org.radspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine jar (jobs/target/radspark-engine.jar, without Spark, Hadoop and Delta), from which bin/radspark
 * runs extract, filter and bench: each kind of input those commands take (NRRD, NIfTI, a DICOM series with an
 * RTSTRUCT, IBSI mode, a batch file with a failing case, voxel maps, an IBSI-2 filter, file: URIs, refused
 * schemes, a missing file with -v) gives the same exit code, output and files from the engine jar as from the
 * full jar. A class the engine jar lacks shows up here as a NoClassDefFoundError instead of in a user's run.
 */
class EngineJarIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path FULL = ROOT.resolve("jobs/target/radspark.jar");
    static final Path ENGINE = ROOT.resolve("jobs/target/radspark-engine.jar");
    static final Path DATA = ROOT.resolve("testdata");

    record Result(int code, String out, String err) {
    }

    /** Runs radspark from {@code jar} in a fresh JVM with conf/jvm-options, as bin/radspark does. */
    static Result run(Path jar, Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String line : Files.readAllLines(ROOT.resolve("conf/jvm-options"))) {
            String o = line.replaceAll("#.*", "").strip();
            if (!o.isEmpty()) {
                cmd.add(o);
            }
        }
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dlog4j2.configurationFile=" + ROOT.resolve("conf/log4j2.properties"));
        cmd.add("-Dradspark.home=" + ROOT);
        cmd.addAll(List.of("-cp", jar.toString(), "org.radspark.cli.Radspark"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
            .redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("radspark " + String.join(" ", args) + " did not end");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The same command from both jars, each in a folder of its own: same exit code, output, files written. */
    static Result same(Path tmp, String name, int expectedCode, String... args) throws Exception {
        Path fullDir = Files.createDirectories(tmp.resolve(name + "-full"));
        Path engineDir = Files.createDirectories(tmp.resolve(name + "-engine"));
        Result full = run(FULL, fullDir, args);
        Result engine = run(ENGINE, engineDir, args);
        assertTrue(!engine.err().contains("NoClassDefFoundError") && !engine.err().contains("ClassNotFoundException"),
            name + ": " + engine.err());
        assertEquals(expectedCode, full.code(), name + " (full jar): " + full.err());
        assertEquals(full.code(), engine.code(), name + ": " + engine.err());
        assertEquals(full.out(), engine.out(), name);
        assertEquals(errorLines(full.err()), errorLines(engine.err()), name);
        assertEquals(files(fullDir), files(engineDir), name + ": files written");
        for (String f : files(fullDir)) {
            assertArrayEquals(Files.readAllBytes(fullDir.resolve(f)), Files.readAllBytes(engineDir.resolve(f)), name + ": " + f);
        }
        return engine;
    }

    /** stderr without timestamps, progress bars, and the output capture files. */
    static List<String> errorLines(String err) {
        return err.lines().map(l -> l.replaceAll("^\\d\\d:\\d\\d:\\d\\d ", "")).filter(l -> !l.contains("\r")).toList();
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                .filter(n -> !n.matches("(out|err)\\d+\\.txt")).sorted().toList();
        }
    }

    @Test
    void everyEngineCommandBehavesAsFromTheFullJar(@TempDir Path tmp) throws Exception {
        assertTrue(Files.isRegularFile(ENGINE), "the engine jar is built with the full one (mvn package)");
        assertTrue(Files.size(ENGINE) * 20 < Files.size(FULL), "the engine jar is a small part of the full one");
        String brain = DATA.resolve("pyradiomics/brain1_image.nrrd").toString();
        String brainMask = DATA.resolve("pyradiomics/brain1_label.nrrd").toString();
        String breast = DATA.resolve("pyradiomics/breast1_image.nrrd").toString();
        String breastMask = DATA.resolve("pyradiomics/breast1_label.nrrd").toString();
        Path ct = DATA.resolve("ibsi1/ct_phantom");

        Result nrrd = same(tmp, "nrrd", 0, "extract", brain, brainMask);
        assertTrue(nrrd.out().contains("original_glcm_MCC,"), nrrd.out());
        Result uri = same(tmp, "file-uri", 0, "extract", "file://" + brain, "file:" + brainMask);
        assertEquals(nrrd.out(), uri.out());
        same(tmp, "dicom-rtstruct", 0, "extract", ct.resolve("dicom/image").toString(),
            ct.resolve("dicom/mask/rtstruct.dcm").toString(), "--roi", "GTV-1", "--format", "json");
        same(tmp, "ibsi", 0, "extract", DATA.resolve("ibsi1/digital_phantom/image.nii.gz").toString(),
            DATA.resolve("ibsi1/digital_phantom/mask.nii.gz").toString(), "--standard", "ibsi",
            "-p", ROOT.resolve("conf/ibsi/digital_phantom.yaml").toString());
        Path batch = tmp.resolve("cases.csv");
        Files.writeString(batch, "Image,Mask\n" + breast + "," + breastMask + "\n" + brain + "," + brain + "-missing.nrrd\n",
            StandardCharsets.UTF_8);
        same(tmp, "batch", 3, "extract", batch.toString(), "-o", "features.csv");
        same(tmp, "voxel", 0, "extract", breast, breastMask, "--mode", "voxel", "-od", "maps", "-j", "1", "-q");
        same(tmp, "filter", 0, "filter", DATA.resolve("ibsi2/digital_phantom/nifti/impulse/image.nii.gz").toString(),
            "-p", ROOT.resolve("conf/ibsi/ibsi2/5_a_1.yaml").toString(), "-o", "map.nii.gz");
        Result hdfs = same(tmp, "hdfs", 1, "extract", "hdfs://namenode:8020/brain1_image.nrrd", brainMask);
        assertEquals(1, hdfs.err().lines().count(), hdfs.err());
        Result missing = same(tmp, "missing-verbose", 1, "extract", brain + "-missing.nrrd", brainMask, "-v");
        assertTrue(missing.err().contains("\tat org.radspark."), "the trace with -v: " + missing.err());
        same(tmp, "help", 0, "extract", "--help");

        Path dir = Files.createDirectories(tmp.resolve("bench"));
        Result bench = run(ENGINE, dir, "bench", breast, breastMask, "--warmup", "1", "--runs", "1");
        assertEquals(0, bench.code(), bench.err());
        assertTrue(bench.out().contains("features"), bench.out());
        Result synthetic = run(ENGINE, dir, "bench-synthetic", "--size", "48x48x24", "-p",
            ROOT.resolve("conf/params/pyradiomics-default.yaml").toString());
        assertEquals(0, synthetic.code(), synthetic.err());
        Result version = run(ENGINE, dir, "extract", "--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().contains("Spark ") && version.out().contains("(built with; not loaded by this command)"),
            version.out());
    }
}
