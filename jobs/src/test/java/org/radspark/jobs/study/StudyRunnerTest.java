package org.radspark.jobs.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end study runs on synthetic cohorts derived from real features, with Spark local[2]. */
class StudyRunnerTest {
    private static SparkSession spark;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void start() {
        spark = StudyFixtures.spark();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The inner HTML of the section with this id. */
    static String section(String html, String id) {
        Matcher m = Pattern.compile("<section id=\"" + Pattern.quote(id) + "\">(.*?)</section>", Pattern.DOTALL)
            .matcher(html);
        return m.find() ? m.group(1) : null;
    }

    /** Number of path elements with a non-trivial d attribute inside the section's SVGs. */
    static int drawnPaths(String section) {
        Matcher m = Pattern.compile("<path d=\"([^\"]{8,})\"").matcher(section);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void demoStudyWritesReportModelsAndMetrics(@TempDir Path dir) throws Exception {
        SyntheticStudyCohort.Result c = StudyFixtures.cohort(spark, dir, new SyntheticStudyCohort.Spec());
        Path outDir = dir.resolve("out");
        StudyConfig cfg = StudyConfig.load(StudyFixtures.STUDIES.resolve("demo.yaml"), StudyFixtures.paths(dir, outDir));
        long t0 = System.nanoTime();
        StudyRunner.Outcome o = new StudyRunner(spark, out).run(cfg);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("demo study: %.1f s%n%s", seconds, log);

        String html = Files.readString(Path.of(java.net.URI.create(o.report())), StandardCharsets.UTF_8);
        assertTrue(html.contains("SYNTHETIC DATA"), "the report header says the patients are synthetic");
        for (String id : StudyReport.PLOT_SECTIONS) {
            String s = section(html, id);
            assertTrue(s != null, "section " + id + " missing");
            assertTrue(s.contains("<svg"), "section " + id + " has no SVG");
            assertTrue(drawnPaths(s) >= 2, "section " + id + " draws nothing");
        }
        for (String id : List.of("summary", "steps", "icc", "delong", "metrics", "clinical")) {
            assertTrue(section(html, id) != null, "section " + id + " missing");
        }
        // every model has its AUC with a DeLong CI in the ROC legend, on both splits
        String roc = section(html, "roc");
        for (String model : List.of("radscore", "svm", "logistic", "naive_bayes", "mlp", "clinical", "nomogram")) {
            assertTrue(roc.contains(model + ": AUC "), "ROC legend lacks " + model);
        }
        assertTrue(section(html, "lasso-cv").contains("lambda.min = ") && section(html, "lasso-cv").contains("lambda.1se = "));
        assertTrue(!html.contains("src=\"http") && !html.contains("href=\"http"), "report is self-contained");

        Dataset<Row> metrics = spark.read().format("delta").load(o.metrics());
        assertEquals(List.of("model", "split", "metric", "value", "ci_low", "ci_high"), List.of(metrics.columns()));
        List<Row> auc = metrics.where(functions.col("metric").equalTo("auc")).collectAsList();
        assertEquals(7 * 2, auc.size(), "one AUC per model and split");
        for (Row r : auc) {
            double v = r.getDouble(3);
            assertTrue(v >= 0 && v <= 1 && r.getDouble(4) <= v && v <= r.getDouble(5), "AUC with its CI: " + r);
        }
        double trainAuc = metrics.where("model = 'radscore' AND split = 'train' AND metric = 'auc'").head().getDouble(3);
        assertTrue(trainAuc > 0.7, "the generated signal is found: train AUC " + trainAuc);
        assertTrue(metrics.where("metric = 'delong_p'").count() > 0);
        Set<String> saved;
        try (var files = Files.list(Path.of(java.net.URI.create(o.models())))) {
            saved = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertTrue(saved.containsAll(Set.of("00_assemble", "00_standardize", "01_icc", "04_lasso", "05_radscore",
            "07_svm", "12_nomogram")), "saved stages: " + saved);
        assertTrue(Files.exists(Path.of(java.net.URI.create(o.models() + "/07_svm/metadata"))));
        assertTrue(c.signal().size() > 0);
    }

    @Test
    void seedStudiesRunOnCohortsWithTheirNamedColumns(@TempDir Path dir) throws Exception {
        SyntheticStudyCohort.Spec mri = new SyntheticStudyCohort.Spec();
        mri.label = "surgical_risk";
        mri.modality = "MR";
        mri.clinical = List.of();
        runSeed(dir.resolve("mri"), "nb-mri-surgical-risk.yaml", mri, List.of("svm"));

        SyntheticStudyCohort.Spec pet = new SyntheticStudyCohort.Spec();
        pet.label = "bone_marrow_involvement";
        pet.modality = "PT";
        pet.clinical = List.of(
            new SyntheticStudyCohort.ClinicalVariable("age_months", 36, 20, 0.6, true, 1, 180),
            new SyntheticStudyCohort.ClinicalVariable("ldh", 600, 250, 0.9, false, 100, 3000),
            new SyntheticStudyCohort.ClinicalVariable("nse", 120, 60, 0.9, false, 5, 1000),
            new SyntheticStudyCohort.ClinicalVariable("ferritin", 150, 80, 0.3, false, 5, 1500));
        runSeed(dir.resolve("pet"), "nb-petct-bmi.yaml", pet,
            List.of("radscore", "clinical", "nomogram", "naive_bayes", "mlp"));
    }

    private void runSeed(Path dir, String file, SyntheticStudyCohort.Spec spec, List<String> models) throws Exception {
        StudyFixtures.cohort(spark, dir, spec);
        StudyConfig cfg = StudyConfig.load(StudyFixtures.STUDIES.resolve(file), StudyFixtures.paths(dir,
            dir.resolve("out")));
        StudyRunner runner = new StudyRunner(spark, out);
        long t0 = System.nanoTime();
        StudyRunner.Outcome o = runner.run(cfg);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %.1f s%n", file, seconds);
        assertTrue(seconds < 60, file + " took " + seconds + " s");
        String html = Files.readString(Path.of(java.net.URI.create(o.report())), StandardCharsets.UTF_8);
        for (String m : models) {
            assertTrue(section(html, "roc").contains(m + ": AUC "), file + ": ROC legend lacks " + m);
        }
        Dataset<Row> metrics = spark.read().format("delta").load(o.metrics());
        double nTrain = metrics.where("split = 'train' AND metric = 'n'").head().getDouble(3);
        double nTest = metrics.where("split = 'test' AND metric = 'n'").head().getDouble(3);
        assertEquals(60, nTrain + nTest, file + ": every synthetic patient is in one split");
        for (String m : models) {
            for (String metric : List.of("auc", "sensitivity", "specificity")) {
                assertEquals(2, metrics.where(functions.col("model").equalTo(m)
                    .and(functions.col("metric").equalTo(metric))).count(), file + " " + m + " " + metric);
            }
        }
    }
}
