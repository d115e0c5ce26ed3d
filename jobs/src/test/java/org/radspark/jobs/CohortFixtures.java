package org.radspark.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** Shared test set-up: a Delta-enabled local Spark session and cohort folders built from testdata/. */
final class CohortFixtures {
    static final Path DATA = Path.of(System.getProperty("radspark.testdata", "../testdata")).toAbsolutePath().normalize();
    static final Path PARAMS = DATA.getParent().resolve("conf/params/pyradiomics-default.yaml");
    /** pyradiomics' default feature set on the original image. */
    static final int DEFAULT_FEATURES = 107;

    private CohortFixtures() {
    }

    static SparkSession spark() {
        return SparkSessions.create("radspark-tests", "local[2]");
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
