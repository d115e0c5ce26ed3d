package org.radspark.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** Shared test set-up: a Delta-enabled local Spark session and cohort folders built from testdata/. */
public final class CohortFixtures {
    public static final Path DATA = Path.of(System.getProperty("radspark.testdata", "../testdata")).toAbsolutePath().normalize();
    static final Path PARAMS = DATA.getParent().resolve("conf/params/pyradiomics-default.yaml");
    /** pyradiomics' default feature set on the original image. */
    static final int DEFAULT_FEATURES = 107;

    private CohortFixtures() {
    }

    /** The command of a fresh JVM running the radspark command line on the test class path. */
    public static List<String> jvm(String... args) {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        for (String open : new String[] {"java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
            "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs",
            "sun.security.action", "sun.util.calendar"}) {
            cmd.add("--add-opens=java.base/" + open + "=ALL-UNNAMED");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.radspark.cli.Radspark");
        cmd.addAll(List.of(args));
        return cmd;
    }

    static SparkSession spark() {
        return SparkSessions.create("radspark-tests", "local[2]");
    }

    /**
     * Copies brain1 and breast1 into {@code dir}/data and writes a manifest of {@code n} cases alternating
     * between them (breast1 first), named PREFIX1..PREFIXn, case i read by reader {@code reader.apply(i)}.
     */
    public static Path alternatingCases(Path dir, String prefix, int n,
                                        java.util.function.IntFunction<String> reader) throws IOException {
        copyPyradiomicsCases(dir);
        List<String> rows = new java.util.ArrayList<>(List.of("patient_id,image,mask,reader"));
        for (int i = 1; i <= n; i++) {
            String c = i % 2 == 0 ? "brain1" : "breast1";
            rows.add(prefix + i + ",data/" + c + "_image.nrrd,data/" + c + "_label.nrrd," + reader.apply(i));
        }
        return writeManifest(dir, rows.toArray(String[]::new));
    }

    /** Copies brain1 and breast1 (image + label) into {@code dir}/data. */
    static void copyPyradiomicsCases(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String f : List.of("brain1_image.nrrd", "brain1_label.nrrd", "breast1_image.nrrd", "breast1_label.nrrd")) {
            Files.copy(DATA.resolve("pyradiomics").resolve(f), data.resolve(f));
        }
    }

    /** Copies the IBSI CT phantom's DICOM series into {@code target}. */
    static void copyCtSeries(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> s = Files.list(DATA.resolve("ibsi1/ct_phantom/dicom/image"))) {
            for (Path f : s.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }

    static Path writeManifest(Path dir, String... lines) throws IOException {
        Path m = dir.resolve("manifest.csv");
        Files.writeString(m, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return m;
    }
}
