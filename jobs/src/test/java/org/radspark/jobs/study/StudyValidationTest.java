package org.radspark.jobs.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad study files and inputs fail before anything is fitted or written, with a message naming the problem. */
class StudyValidationTest {
    private static SparkSession spark;
    private static Path cohort;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        spark = StudyFixtures.spark();
        cohort = dir;
        StudyFixtures.cohort(spark, dir, new SyntheticStudyCohort.Spec());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static String study(String steps) {
        return String.join("\n",
            "name: bad",
            "features: {table: tables, params_hash: only, readers: [r1, r2]}",
            "clinical: {path: clinical.csv, label: outcome, variables: [age, stage]}",
            "split: {test_fraction: 0.2, seed: 1}",
            "steps:",
            steps, "");
    }

    private static StudyConfigException parseFails(String yaml) {
        return assertThrows(StudyConfigException.class,
            () -> StudyConfig.parse(Path.of("bad.yaml"), yaml, Map.of()));
    }

    /** Runs a parsed study on the cohort and expects a validation error with nothing written. */
    private static String runFails(String yaml, Map<String, String> extra, Path out) {
        Map<String, String> o = new HashMap<>(StudyFixtures.paths(cohort, out));
        o.putAll(extra);
        StudyConfig cfg = StudyConfig.parse(Path.of("bad.yaml"), yaml, o);
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        StudyConfigException e = assertThrows(StudyConfigException.class, () -> new StudyRunner(spark, log).run(cfg));
        assertFalse(Files.exists(out), "nothing may be written before validation passes");
        return e.getMessage();
    }

    @Test
    void unknownStep() {
        assertEquals("unknown step 'svn' at steps[2]; known steps: icc, univariate, correlation, lasso, smote, svm, "
            + "logistic, naive_bayes, mlp, radscore, clinical, nomogram",
            parseFails(study("  - lasso: {nFolds: 5}\n  - svn: {C: 1}")).getMessage());
    }

    @Test
    void unknownStepParameter() {
        assertEquals("unknown parameter 'Cost' for step 'svm' at steps[1]; allowed: C, cacheSizeMb, coef0, degree, "
            + "gamma, kernel, name, probability, seed, shrinking, tol",
            parseFails(study("  - svm: {Cost: 100}")).getMessage());
        assertEquals("unknown parameter 'featuresCol' for step 'lasso' at steps[1]; allowed: alpha, lambdaChoice, "
            + "lambdaMinRatio, measure, nFolds, nLambda, seed, standardize, thresh",
            parseFails(study("  - lasso: {featuresCol: x}\n  - svm: {}")).getMessage());
    }

    @Test
    void badParameterValuesAndOrder() {
        assertEquals("step 'svm' at steps[1]: invalid value -1 for parameter 'C' (cost)",
            parseFails(study("  - svm: {C: -1}")).getMessage());
        assertEquals("step 'lasso' at steps[1]: parameter 'nFolds' needs an integer, got 2.5",
            parseFails(study("  - lasso: {nFolds: 2.5}\n  - svm: {}")).getMessage());
        assertEquals("step 'radscore' at steps[1] needs a 'lasso' step before it (the rad-score is the LASSO linear "
            + "predictor)", parseFails(study("  - radscore: {}")).getMessage());
    }

    @Test
    void missingLabelColumn(@TempDir Path out) {
        String yaml = study("  - lasso: {nFolds: 5}\n  - svm: {}").replace("label: outcome", "label: relapse");
        assertEquals("label column 'relapse' is not in the clinical table " + cohort.resolve("clinical.csv")
            + " (columns: patient_id, outcome, age, stage)", runFails(yaml, Map.of(), out.resolve("o")));
    }

    @Test
    void classSmallerThanFolds(@TempDir Path out) {
        // 60 patients, 24 with outcome 1; the 80/20 split leaves 19 of them for training
        assertEquals("class 1 of label 'outcome' has 19 training cases, fewer than the 20 cross-validation folds of "
            + "step 'lasso' at steps[1]", runFails(study("  - lasso: {nFolds: 20}\n  - svm: {}"), Map.of(),
                out.resolve("o")));
    }

    @Test
    void missingFeatureTableOrParamsHash(@TempDir Path out) {
        String yaml = study("  - lasso: {nFolds: 5}\n  - svm: {}");
        Path nowhere = out.resolve("nowhere");
        assertEquals("feature table not found: no Delta table at file:" + nowhere + "/features_wide or file:" + nowhere,
            runFails(yaml, Map.of(StudyConfig.TABLE, nowhere.toString()), out.resolve("o")));
        String msg = runFails(yaml, Map.of(StudyConfig.PARAMS_HASH, "0123abcd"), out.resolve("o"));
        assertTrue(msg.startsWith("params_hash '0123abcd' not found in feature table file:" + cohort.resolve("tables")
            + "/features_wide; present: "), msg);
    }
}
