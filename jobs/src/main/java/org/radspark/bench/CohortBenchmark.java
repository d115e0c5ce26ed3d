package org.radspark.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.radspark.extract.FeatureExtractor;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;
import org.radspark.jobs.CohortExtractJob;
import org.radspark.jobs.SparkSessions;
import org.radspark.params.ParamFileParser;

/**
 * Cohort benchmark: builds a cohort of N cases from the bundled pyradiomics cases (brain1 and breast1
 * under distinct patient ids), extracts it with the cohort job on the given Spark master, then runs the
 * same cases through the engine in a plain single-threaded Java loop, and reports cases per minute for
 * both and the Spark job's overhead over the loop. Usage: radspark bench-cohort [--cases N]
 * [--param FILE] [--master local[K]] [--testdata DIR] [--skip-loop].
 */
public final class CohortBenchmark {
    private CohortBenchmark() {
    }

    public static String run(Path testdata, Path param, int cases, String master, boolean loop) throws IOException {
        Path work = Files.createTempDirectory("radspark-bench-");
        try {
            List<String> lines = new ArrayList<>(List.of("patient_id,image,mask"));
            List<String[]> inputs = new ArrayList<>();
            for (int i = 0; i < cases; i++) {
                String c = i % 2 == 0 ? "brain1" : "breast1";
                String image = testdata.resolve("pyradiomics/" + c + "_image.nrrd").toString();
                String mask = testdata.resolve("pyradiomics/" + c + "_label.nrrd").toString();
                lines.add(String.format(Locale.ROOT, "BENCH-%03d,%s,%s", i, image, mask));
                inputs.add(new String[] {image, mask});
            }
            Path manifest = work.resolve("manifest.csv");
            Files.writeString(manifest, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

            SparkSession spark = SparkSessions.create("radspark bench-cohort", master);
            double sparkSeconds;
            int parallelism;
            try {
                parallelism = spark.sparkContext().defaultParallelism();
                long t0 = System.nanoTime();
                CohortExtractJob.Summary s = new CohortExtractJob(spark, new PrintStream(new ByteArrayOutputStream()))
                    .run(new CohortExtractJob.Options(manifest.toString(), param.toString(),
                        work.resolve("tables").toString(), false, 0, 0));
                sparkSeconds = (System.nanoTime() - t0) / 1e9;
                if (s.done() != cases || s.failed() != 0) {
                    throw new IllegalStateException("benchmark cohort did not extract cleanly: " + s);
                }
            } finally {
                spark.stop();
            }
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "cohort of %d cases, %s (%d cores): Spark job %.1f s = %.1f cases/min",
                cases, master == null ? "local[*]" : master, parallelism, sparkSeconds, cases / sparkSeconds * 60));
            if (loop) {
                FeatureExtractor extractor = new FeatureExtractor(ParamFileParser.parse(param));
                long t0 = System.nanoTime();
                for (String[] in : inputs) {
                    Image img = VolumeReaders.readImage(Path.of(in[0]), null);
                    Mask msk = VolumeReaders.readMask(Path.of(in[1]), img.geometry(), MaskSelection.NONE);
                    extractor.extract(img, msk);
                }
                double loopSeconds = (System.nanoTime() - t0) / 1e9;
                report.append(String.format(Locale.ROOT,
                    "; plain Java loop (1 thread) %.1f s = %.1f cases/min; Spark time x cores / loop time = %.3f",
                    loopSeconds, cases / loopSeconds * 60, sparkSeconds * parallelism / loopSeconds));
            }
            return report.toString();
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
