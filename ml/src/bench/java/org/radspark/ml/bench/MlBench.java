package org.radspark.ml.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.radspark.ml.CorrelationPruner;
import org.radspark.ml.CorrelationPrunerModel;
import org.radspark.ml.FeatureData;
import org.radspark.ml.KernelSvc;
import org.radspark.ml.LassoSelector;
import org.radspark.ml.LassoSelectorModel;

/**
 * Benchmark (not a test): (1) correlation pruning + LASSO-CV on a synthetic n x p table at
 * local[2]; (2) SVM grid 4 C x 3 gamma x 5 folds in CrossValidator at local[1] and local[2]
 * (parallelism = cores). Run: java -cp ... org.radspark.ml.bench.MlBench [n] [p]
 */
public final class MlBench {
    private MlBench() {
    }

    static Dataset<Row> synthetic(SparkSession spark, int n, int p, long seed) {
        Random rnd = new Random(seed);
        List<Row> rows = new ArrayList<>(n);
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = "f" + j;
        }
        for (int i = 0; i < n; i++) {
            double[] x = new double[p];
            double latent = rnd.nextGaussian();
            for (int j = 0; j < p; j++) {
                // blocks of 10 correlated features around a few latent factors
                x[j] = (j % 10 == 0 ? rnd.nextGaussian() : 0) + 0.5 * rnd.nextGaussian() + (j < 20 ? latent : 0);
                if (j % 10 != 0) {
                    x[j] += x[j - j % 10];
                }
            }
            double eta = 1.5 * x[0] - x[10] + 0.8 * x[20];
            double y = rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1.0 : 0.0;
            rows.add(RowFactory.create(Vectors.dense(x), y, i % 10 + 1));
        }
        StructType schema = new StructType().add(FeatureData.vectorField("features", names))
                .add("label", DataTypes.DoubleType).add("fold", DataTypes.IntegerType);
        return spark.createDataFrame(rows, schema);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("radspark-ml-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.memory", "4g").getOrCreate();
        Dataset<Row> d = synthetic(spark, n, p, 1).repartition(2).cache();
        d.count();
        long t0 = System.nanoTime();
        CorrelationPrunerModel pm = new CorrelationPruner().setThreshold(0.9).setOutputCol("pruned").fit(d);
        Dataset<Row> pruned = pm.transform(d).cache();
        pruned.count();
        long t1 = System.nanoTime();
        LassoSelectorModel lm = new LassoSelector().setFeaturesCol("pruned").setFoldCol("fold").fit(pruned);
        long t2 = System.nanoTime();
        System.out.printf("correlation pruning %dx%d local[2]: %.1f s (%d of %d kept)%n", n, p, (t1 - t0) / 1e9,
                pm.getSelectedFeatures().length, p);
        System.out.printf("LASSO 10-fold CV on %d features: %.1f s (%d lambdas, %d selected at lambda.1se)%n",
                pm.getSelectedFeatures().length, (t2 - t1) / 1e9, lm.getLambdaPath().length, lm.getSelectedFeatures().length);
        spark.stop();

        for (int cores : new int[] {1, 2}) {
            SparkSession s = SparkSession.builder().master("local[" + cores + "]").appName("radspark-svm-bench")
                    .config("spark.ui.enabled", "false").getOrCreate();
            Dataset<Row> svmData = synthetic(s, 569, 30, 2).cache();
            svmData.count();
            KernelSvc svc = new KernelSvc();
            ParamMap[] grid = new ParamGridBuilder().addGrid(svc.C(), new double[] {0.1, 1, 10, 100})
                    .addGrid(svc.gamma(), new double[] {0.001, 0.01, 0.1}).build();
            CrossValidator cv = new CrossValidator().setEstimator(svc).setEstimatorParamMaps(grid)
                    .setEvaluator(new BinaryClassificationEvaluator()).setNumFolds(5).setSeed(3).setParallelism(cores);
            long a = System.nanoTime();
            cv.fit(svmData);
            long b = System.nanoTime();
            System.out.printf("SVM grid 4 C x 3 gamma x 5 folds (569 x 30) local[%d], parallelism %d: %.1f s%n", cores, cores,
                    (b - a) / 1e9);
            s.stop();
        }
    }
}
