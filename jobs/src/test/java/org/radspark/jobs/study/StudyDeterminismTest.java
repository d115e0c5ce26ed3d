package org.radspark.jobs.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.jobs.CohortFixtures;

/**
 * A study's numbers do not depend on how Spark partitions its data: the demo study (SMOTE, LASSO-CV,
 * SVM, logistic regression, naive Bayes, MLP, ...) run by `radspark study run` on local[1] and on
 * local[2], each in a JVM of its own, gives identical metrics to the last bit.
 */
class StudyDeterminismTest {

    @Test
    void sameMetricsOnOneAndTwoExecutorThreads(@TempDir Path dir) throws Exception {
        SparkSession spark = StudyFixtures.spark();
        StudyFixtures.cohort(spark, dir, new SyntheticStudyCohort.Spec());
        List<Dataset<Row>> metrics = new ArrayList<>();
        for (String master : new String[] {"local[1]", "local[2]"}) {
            Path out = dir.resolve("out-" + master.replaceAll("\\W", ""));
            Path log = dir.resolve(out.getFileName() + ".log");
            Process p = new ProcessBuilder(CohortFixtures.jvm("study", "run",
                StudyFixtures.STUDIES.resolve("demo.yaml").toString(), "--table", dir.resolve("tables").toString(),
                "--clinical", dir.resolve("clinical.csv").toString(), "--out", out.toString(), "--master", master))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            assertEquals(0, p.exitValue(), Files.readString(log));
            metrics.add(spark.read().format("delta").load(out.resolve("metrics").toString()));
        }
        Dataset<Row> a = metrics.get(0);
        Dataset<Row> b = metrics.get(1);
        assertEquals(a.count(), b.count());
        assertEquals(7 * 2, a.where("metric = 'auc'").count(), "every model's AUC on both splits");
        // exceptAll compares every value exactly (nulls included)
        assertEquals(0, a.exceptAll(b).count(), "local[1] vs local[2]: " + a.exceptAll(b).collectAsList());
        assertEquals(0, b.exceptAll(a).count());
    }
}
