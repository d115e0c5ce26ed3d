package org.radspark;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's testdata/ folder (system property radspark.testdata, set by surefire). */
public final class TestData {
    private TestData() {
    }

    public static Path root() {
        String prop = System.getProperty("radspark.testdata");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "testdata");
        if (!Files.isDirectory(p)) {
            p = Path.of("testdata");
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("testdata folder not found (set -Dradspark.testdata)");
        }
        return p.toAbsolutePath().normalize();
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
