package org.radspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.image.Image;
import org.radspark.io.NiftiReader;

class FilterCommandTest {
    @TempDir
    Path tmp;

    private static Path repo() {
        Path p = Path.of("..").toAbsolutePath().normalize();
        return Files.isDirectory(p.resolve("conf")) ? p : Path.of("").toAbsolutePath();
    }

    private int run(ByteArrayOutputStream err, String... argv) {
        return FilterCommand.run(argv, new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesTheIbsi2ResponseMapWithinTolerance() throws Exception {
        Path out = tmp.resolve("sub/map.nii.gz");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = run(err, "filter", repo().resolve("testdata/ibsi2/digital_phantom/nifti/impulse/image.nii.gz").toString(),
            "--param", repo().resolve("conf/ibsi/ibsi2/5_a_1.yaml").toString(), "--out", out.toString());
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        Image map = NiftiReader.read(out);
        Image ref = NiftiReader.read(repo().resolve("testdata/ibsi2/response_maps/5_a_1-ValidCRM.nii"));
        assertTrue(map.geometry().sameGrid(ref.geometry(), 1e-6));
        double worst = 0;
        for (int i = 0; i < map.voxels().length; i++) {
            worst = Math.max(worst, Math.abs(map.voxels()[i] - ref.voxels()[i]));
        }
        assertTrue(worst < 1e-3, "max deviation " + worst);
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void badParametersAndUsage() throws Exception {
        Path image = repo().resolve("testdata/ibsi2/digital_phantom/nifti/impulse/image.nii.gz");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "ibsi2:\n  filter: mean\n  support: 4\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, run(err, image.toString(), "--param", bad.toString(), "--out", tmp.resolve("m.nii.gz").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("odd"), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(tmp.resolve("m.nii.gz")));
        assertEquals(2, run(new ByteArrayOutputStream(), image.toString(), "--out", tmp.resolve("m.nii.gz").toString()));
        assertEquals(2, run(new ByteArrayOutputStream(), image.toString(), "--param", bad.toString(), "--out", "x.nrrd"));
        assertEquals(1, run(new ByteArrayOutputStream(), tmp.resolve("missing.nii").toString(), "--param",
            repo().resolve("conf/ibsi/ibsi2/1_a_1.yaml").toString(), "--out", tmp.resolve("m.nii").toString()));
    }
}
