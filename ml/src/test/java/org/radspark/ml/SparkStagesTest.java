package org.radspark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stages on Spark: ICC parity with psych, composition in Pipeline/CrossValidator, persistence. */
class SparkStagesTest {
    private static SparkSession spark;
    private static Dataset<Row> wdbc;
    private static String[] names;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("radspark-ml-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        Dataset<Row> raw = spark.read().option("header", "true").option("inferSchema", "true")
                .csv(Fixtures.dir().resolve("wdbc.csv").toString());
        names = Arrays.stream(raw.columns()).filter(c -> !c.equals("id") && !c.equals("malignant") && !c.equals("fold"))
                .toArray(String[]::new);
        wdbc = new VectorAssembler().setInputCols(names).setOutputCol("features").transform(raw)
                .withColumn("label", functions.col("malignant").cast("double")).cache();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void iccMatchesPsych() {
        Dataset<Row> readers = spark.read().option("header", "true").option("inferSchema", "true")
                .csv(Fixtures.dir().resolve("icc_readers.csv").toString());
        IccFilter f = new IccFilter().setIccType("ICC(2,1)").setThreshold(0.9);
        IccFilter.Result r = f.compute(readers);
        Fixtures.Csv ref = Fixtures.csv("icc_reference.csv");
        String[] feat = ref.strings("feature");
        String[] type = ref.strings("type");
        double[] icc = ref.doubles("icc");
        double[] lo = ref.doubles("lower");
        double[] hi = ref.doubles("upper");
        for (int i = 0; i < feat.length; i++) {
            int j = Arrays.asList(r.features).indexOf(feat[i]);
            int t = Icc.typeIndex(type[i]);
            assertEquals(icc[i], r.icc[j].icc[t], 1e-10, feat[i] + " " + type[i]);
            assertEquals(lo[i], r.icc[j].lower[t], 1e-8, feat[i] + " " + type[i] + " lower");
            assertEquals(hi[i], r.icc[j].upper[t], 1e-8, feat[i] + " " + type[i] + " upper");
        }
        assertEquals(40, r.subjects);
        assertEquals(2, r.readers);
        // long format gives the same numbers
        Dataset<Row> longDf = readers.selectExpr("patient_id", "reader",
                "stack(2, 'mean_radius', mean_radius, 'worst_symmetry', worst_symmetry) as (feature, value)");
        IccFilter.Result rl = new IccFilter().setFeatureNameCol("feature").setValueCol("value").compute(longDf);
        int jr = Arrays.asList(rl.features).indexOf("worst_symmetry");
        int jw = Arrays.asList(r.features).indexOf("worst_symmetry");
        assertEquals(r.icc[jw].icc[1], rl.icc[jr].icc[1], 1e-12);
        // as a transformer on the modelling table
        IccFilterModel m = f.fit(readers);
        Dataset<Row> out = m.transform(wdbc);
        String[] kept = FeatureData.names(out.schema(), "reproducibleFeatures");
        assertArrayEquals(new String[] {"mean_radius", "mean_concavity", "worst_area"}, kept);
    }

    @Test
    void selectionPipelineInCrossValidatorAndPersistence() throws Exception {
        UnivariateFilter uni = new UnivariateFilter().setTest("mannwhitney").setAdjust("bh").setPThreshold(0.05)
                .setOutputCol("uni");
        CorrelationPruner corr = new CorrelationPruner().setFeaturesCol("uni").setOutputCol("pruned").setThreshold(0.9);
        LassoSelector lasso = new LassoSelector().setFeaturesCol("pruned").setOutputCol("lassoFeatures").setFoldCol("fold");
        Smote smote = new Smote().setFeaturesCol("lassoFeatures").setSeed(7);
        StandardScaler scaler = new StandardScaler().setInputCol("lassoFeatures").setOutputCol("scaled").setWithMean(true);
        KernelSvc svc = new KernelSvc().setFeaturesCol("scaled");
        Pipeline pipe = new Pipeline().setStages(new PipelineStage[] {uni, corr, lasso, smote, scaler, svc});
        ParamMap[] grid = new ParamGridBuilder().addGrid(svc.C(), new double[] {1, 10})
                .addGrid(svc.gamma(), new double[] {0.01, 0.1}).build();
        CrossValidator cv = new CrossValidator().setEstimator(pipe).setEstimatorParamMaps(grid)
                .setEvaluator(new BinaryClassificationEvaluator()).setNumFolds(3).setSeed(1).setParallelism(2);
        CrossValidatorModel cvm = cv.fit(wdbc);
        for (double auc : cvm.avgMetrics()) {
            assertTrue(auc > 0.95, "cv AUC " + auc);
        }
        PipelineModel best = (PipelineModel) cvm.bestModel();
        Dataset<Row> scored = best.transform(wdbc);
        assertEquals(wdbc.count(), scored.count(), "prediction must not oversample");
        SmoteModel sm = (SmoteModel) best.stages()[3];
        assertTrue(sm.syntheticRows() != null && (Integer) sm.getOrDefault(sm.syntheticCount()) > 0);

        Path dir = Files.createTempDirectory("radspark-ml");
        String path = dir.resolve("model").toString();
        best.write().overwrite().save(path);
        PipelineModel back = PipelineModel.load(path);
        double[] a = scored.select("rawPrediction").collectAsList().stream()
                .mapToDouble(r -> ((org.apache.spark.ml.linalg.Vector) r.get(0)).apply(1)).toArray();
        double[] b = back.transform(wdbc).select("rawPrediction").collectAsList().stream()
                .mapToDouble(r -> ((org.apache.spark.ml.linalg.Vector) r.get(0)).apply(1)).toArray();
        assertArrayEquals(a, b, 1e-12);
        LassoSelectorModel lm = (LassoSelectorModel) back.stages()[2];
        assertTrue(lm.getSelectedFeatures().length > 0);
        RadScore rs = RadScore.fromLasso(lm);
        Dataset<Row> withScore = rs.transform(back.stages()[1].transform(back.stages()[0].transform(wdbc)));
        double[] score = withScore.select("radScore").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();
        int[] y = withScore.select("malignant").collectAsList().stream().mapToInt(r -> r.getInt(0)).toArray();
        assertTrue(Roc.auc(score, y) > 0.95);

        // the pruner's rule: no kept pair above the threshold
        Dataset<Row> pr = back.stages()[1].transform(back.stages()[0].transform(wdbc));
        org.apache.spark.ml.linalg.Matrix c = (org.apache.spark.ml.linalg.Matrix)
                org.apache.spark.ml.stat.Correlation.corr(pr, "pruned", "pearson").head().get(0);
        for (int i = 0; i < c.numRows(); i++) {
            for (int j = i + 1; j < c.numCols(); j++) {
                assertTrue(Math.abs(c.apply(i, j)) <= 0.9);
            }
        }
    }

    @Test
    void clinicalModelStage() throws Exception {
        Dataset<Row> d = new VectorAssembler().setInputCols(new String[] {"mean_radius", "mean_texture", "mean_smoothness"})
                .setOutputCol("clin").transform(wdbc);
        ClinicalLogisticModel m = new ClinicalModel().setFeaturesCol("clin").fit(d);
        double[] ref = Fixtures.csv("glm_reference.csv").doubles("coef");
        for (int j = 0; j < ref.length; j++) {
            assertEquals(ref[j], m.getCoefficients()[j], 1e-6 * Math.max(1, Math.abs(ref[j])));
        }
        Path dir = Files.createTempDirectory("radspark-clin");
        m.write().overwrite().save(dir.resolve("m").toString());
        ClinicalLogisticModel back = ClinicalLogisticModel.load(dir.resolve("m").toString());
        assertArrayEquals(m.getCoefficients(), back.getCoefficients(), 0);
        assertEquals(569, back.transform(d).filter("prediction >= 0").count());
    }
}
