package org.radspark.jobs.study;

import java.util.ArrayList;
import java.util.List;
import org.radspark.ml.Nomogram;

/** Everything a finished study run hands to the report and the metrics table. */
final class StudyResult {
    StudyConfig config;
    String tablePath;
    String paramsHash;
    String modelReader;
    int trainCases;
    int testCases;
    int trainPositives;
    int testPositives;
    int candidateFeatures;
    String splitRule;
    final List<String> notes = new ArrayList<>();
    final List<StepSummary> steps = new ArrayList<>();
    final List<ModelResult> models = new ArrayList<>();
    final List<MetricRow> metrics = new ArrayList<>();
    final List<DeLongRow> delong = new ArrayList<>();
    LassoInfo lasso;
    Heatmap heatmap;
    IccInfo icc;
    Weights weights;
    RadScores radScores;
    ClinicalTables clinical;
    Nomogram nomogram;
    String nomogramModel;
    double seconds;

    /** One executed step: what went in, what came out, and a line of detail. */
    record StepSummary(int index, String step, String name, String settings, int featuresIn, int featuresOut,
                       String detail) {
    }

    /** Predicted probabilities of one model on the real training cases and the test cases, sorted by patient id. */
    static final class ModelResult {
        final String name;
        final String step;
        final String[] trainIds;
        final int[] trainY;
        final double[] trainP;
        final String[] testIds;
        final int[] testY;
        final double[] testP;
        double youden;

        ModelResult(String name, String step, String[] trainIds, int[] trainY, double[] trainP, String[] testIds,
                    int[] testY, double[] testP) {
            this.name = name;
            this.step = step;
            this.trainIds = trainIds;
            this.trainY = trainY;
            this.trainP = trainP;
            this.testIds = testIds;
            this.testY = testY;
            this.testP = testP;
        }

        int[] y(String split) {
            return split.equals("train") ? trainY : testY;
        }

        double[] p(String split) {
            return split.equals("train") ? trainP : testP;
        }
    }

    record MetricRow(String model, String split, String metric, double value, Double ciLow, Double ciHigh) {
    }

    record DeLongRow(String split, String model1, String model2, double auc1, double auc2, double z, double p) {
    }

    /** LASSO path (coefficients per lambda, standardised-input scale as fitted), CV curve and choices. */
    record LassoInfo(String[] names, double[] lambda, double[][] beta, double[] cvLambda, double[] cvm, double[] cvsd,
                     double lambdaMin, double lambda1se, double lambdaChosen, String measure, int folds) {
    }

    record Heatmap(String[] names, double[][] r, String method, int total) {
    }

    record IccInfo(String[] names, double[] icc, double[] lower, double[] upper, boolean[] kept, String type,
                   double threshold, boolean lowerBound) {
    }

    record Weights(String[] names, double[] values, String source) {
    }

    record RadScores(String[] ids, String[] split, int[] label, double[] score) {
    }

    /** Rows {OR, lower, upper, p} per variable; multivariate rows are the variables that entered it. */
    record ClinicalTables(String[] names, double[][] univariate, String[] multiNames, double[][] multivariate,
                          double selectP) {
    }
}
