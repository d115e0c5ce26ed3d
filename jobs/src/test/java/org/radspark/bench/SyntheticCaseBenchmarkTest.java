package org.radspark.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.cli.Radspark;

/** The synthetic case is reproducible from its seed, and radspark bench-synthetic runs on a small one. */
class SyntheticCaseBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void sameSeedSameCaseWithATumour() {
        int[] size = {96, 96, 64};
        SyntheticCaseBenchmark.Case a = SyntheticCaseBenchmark.generate(size, 7);
        SyntheticCaseBenchmark.Case b = SyntheticCaseBenchmark.generate(size, 7);
        assertArrayEquals(a.image().voxels(), b.image().voxels());
        assertArrayEquals(a.mask().labels(), b.mask().labels());
        long roi = a.mask().count(1);
        assertTrue(roi > 1000 && roi < a.mask().labels().length, "ROI voxels " + roi);
    }

    @Test
    void commandPrintsTimesAndPeakHeap() throws Exception {
        Path param = tmp.resolve("p.yaml");
        Files.writeString(param, """
            imageType:
              Original: {}
              Gradient: {}
            featureClass:
              firstorder: [Mean]
            setting:
              binWidth: 25
            """);
        Path features = tmp.resolve("f.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = Radspark.run(new String[] {"bench-synthetic", "--param", param.toString(), "--size", "96x96x64",
            "--runs", "2", "--features-out", features.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        assertTrue(text.contains("run 2: wall") && text.contains("peak heap"), text);
        assertEquals(3, Files.readAllLines(features).size());
    }
}
