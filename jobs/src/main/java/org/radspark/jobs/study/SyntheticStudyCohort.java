package org.radspark.jobs.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A synthetic study cohort derived from real feature rows, for demonstrating and testing the study
 * runner where only a handful of real cases exist. The patients are NOT real: every value is
 * generated, seeded, from the real rows ("templates") as follows.
 *
 * <p>Per feature, values are handled on the log scale when every template value is positive (so
 * volumes, energies and counts stay positive) and on the raw scale otherwise. Let m be the mean
 * of the templates' values and s their standard deviation (floored so no feature is constant).
 * Synthetic patient i starts from template i mod T, shrunk 70 % toward m, and adds
 * s * (sqrt(0.6) g + sqrt(0.4) e + d * u): g is a latent shared by the features of one family
 * (glcm, glrlm, firstorder, ...), so families are correlated as real ones are; e is the feature's own
 * noise; u is the patient's latent outcome propensity and d is non-zero (+/-1.1) only for a few
 * seeded "signal" features. Each reader then sees that value plus s * tau * noise, with tau = 0.25
 * for most features (ICC about 0.95) and tau = 1.2 for a seeded 20 % (ICC about 0.4), so a
 * reproducibility filter has something to remove.
 *
 * <p>The clinical table has one row per patient: the label, which is 1 for the patients with the
 * highest 1.5 u + sum(effect_k * c_k) + noise (a fixed prevalence), and each clinical variable
 * mean + sd * c_k (rounded and clipped where declared), c_k a standard normal latent.
 */
public final class SyntheticStudyCohort {

    /** A clinical variable: value = mean + sd * c, c ~ N(0, 1) entering the outcome with weight effect. */
    public record ClinicalVariable(String name, double mean, double sd, double effect, boolean integer, double min,
                                   double max) {
    }

    /** What to generate. */
    public static final class Spec {
        public int patients = 60;
        public long seed = 20240611L;
        public String idPrefix = "SYN-";
        public String label = "outcome";
        public double prevalence = 0.4;
        public List<String> readers = List.of("r1", "r2");
        public String modality = "MR";
        public String timepoint = "baseline";
        public String center = "synthetic";
        public int signalFeatures = 6;
        public double unreliableFraction = 0.2;
        public List<ClinicalVariable> clinical = List.of(
            new ClinicalVariable("age", 55, 12, 0.5, true, 18, 90),
            new ClinicalVariable("stage", 2.5, 1.0, 0.8, true, 1, 4));
    }

    /** What was written: the features_wide table, the clinical CSV and the generated signal features. */
    public record Result(String featuresWide, String clinicalCsv, String paramsHash, int features, List<String> signal,
                         int positives) {
    }

    private SyntheticStudyCohort() {
    }

    /**
     * Generates the cohort from {@code templates} (feature name to value, one map per real case) and
     * writes {@code tablesDir}/features_wide (Delta, the schema of FeatureTables' wide table) and
     * {@code clinicalCsv}. Only features present and finite in every template are used.
     */
    public static Result write(SparkSession spark, List<Map<String, Double>> templates, String paramsHash, Spec spec,
                               String tablesDir, String clinicalCsv) throws IOException {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no template rows to derive a synthetic cohort from");
        }
        TreeSet<String> common = new TreeSet<>(templates.get(0).keySet());
        for (Map<String, Double> t : templates) {
            common.removeIf(f -> t.get(f) == null || !Double.isFinite(t.get(f)));
        }
        String[] feats = common.toArray(new String[0]);
        int p = feats.length;
        int nt = templates.size();
        int n = spec.patients;
        Random rnd = new Random(spec.seed);

        boolean[] logScale = new boolean[p];
        double[] mean = new double[p];
        double[] sd = new double[p];
        double[][] tv = new double[nt][p];
        for (int j = 0; j < p; j++) {
            boolean pos = true;
            for (Map<String, Double> t : templates) {
                pos &= t.get(feats[j]) > 0;
            }
            logScale[j] = pos;
            double s = 0;
            for (int t = 0; t < nt; t++) {
                double v = templates.get(t).get(feats[j]);
                tv[t][j] = pos ? Math.log(v) : v;
                s += tv[t][j];
            }
            mean[j] = s / nt;
            double ss = 0;
            for (int t = 0; t < nt; t++) {
                ss += (tv[t][j] - mean[j]) * (tv[t][j] - mean[j]);
            }
            double raw = nt > 1 ? Math.sqrt(ss / (nt - 1)) : 0;
            double floor = pos ? 0.1 : 0.1 * Math.abs(mean[j]) + 1e-3;
            sd[j] = Math.max(raw, floor);
        }

        // families share a latent; a few features carry the outcome signal; some are unreliable
        Map<String, Integer> family = new HashMap<>();
        int[] fam = new int[p];
        for (int j = 0; j < p; j++) {
            fam[j] = family.computeIfAbsent(familyOf(feats[j]), k -> family.size());
        }
        Integer[] order = new Integer[p];
        for (int j = 0; j < p; j++) {
            order[j] = j;
        }
        shuffle(order, rnd);
        double[] effect = new double[p];
        double[] tau = new double[p];
        Arrays.fill(tau, 0.25);
        List<String> signal = new ArrayList<>();
        int nSignal = Math.min(spec.signalFeatures, p);
        for (int k = 0; k < nSignal; k++) {
            effect[order[k]] = rnd.nextBoolean() ? 1.1 : -1.1;
            signal.add(feats[order[k]]);
        }
        int nUnreliable = (int) Math.round(spec.unreliableFraction * p);
        for (int k = nSignal; k < Math.min(p, nSignal + nUnreliable); k++) {
            tau[order[k]] = 1.2;
        }

        double[] u = new double[n];
        double[][] clin = new double[n][spec.clinical.size()];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = rnd.nextGaussian();
            score[i] = 1.5 * u[i] + rnd.nextGaussian();
            for (int k = 0; k < spec.clinical.size(); k++) {
                clin[i][k] = rnd.nextGaussian();
                score[i] += spec.clinical.get(k).effect() * clin[i][k];
            }
        }
        int positives = (int) Math.round(spec.prevalence * n);
        Integer[] byScore = new Integer[n];
        for (int i = 0; i < n; i++) {
            byScore[i] = i;
        }
        Arrays.sort(byScore, (a, b) -> Double.compare(score[b], score[a]));
        int[] label = new int[n];
        for (int r = 0; r < positives; r++) {
            label[byScore[r]] = 1;
        }

        StructType schema = new StructType()
            .add("patient_id", DataTypes.StringType, false)
            .add("reader", DataTypes.StringType, false)
            .add("modality", DataTypes.StringType, false)
            .add("timepoint", DataTypes.StringType, false)
            .add("center", DataTypes.StringType, false)
            .add("params_hash", DataTypes.StringType, false);
        for (String f : feats) {
            schema = schema.add(f, DataTypes.DoubleType, true);
        }
        int nf = family.size();
        List<Row> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("patient_id," + spec.label);
        for (ClinicalVariable c : spec.clinical) {
            csv.append(',').append(c.name());
        }
        csv.append('\n');
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "%s%03d", spec.idPrefix, i + 1);
            double[] g = new double[nf];
            for (int k = 0; k < nf; k++) {
                g[k] = rnd.nextGaussian();
            }
            double[] truth = new double[p];
            int t = i % nt;
            for (int j = 0; j < p; j++) {
                double start = mean[j] + 0.3 * (tv[t][j] - mean[j]);
                double z = Math.sqrt(0.6) * g[fam[j]] + Math.sqrt(0.4) * rnd.nextGaussian();
                truth[j] = start + sd[j] * (z + effect[j] * u[i]);
            }
            for (String reader : spec.readers) {
                Object[] v = new Object[6 + p];
                v[0] = id;
                v[1] = reader;
                v[2] = spec.modality;
                v[3] = spec.timepoint;
                v[4] = spec.center;
                v[5] = paramsHash;
                for (int j = 0; j < p; j++) {
                    double x = truth[j] + sd[j] * tau[j] * rnd.nextGaussian();
                    v[6 + j] = logScale[j] ? Math.exp(x) : x;
                }
                rows.add(RowFactory.create(v));
            }
            csv.append(id).append(',').append(label[i]);
            for (int k = 0; k < spec.clinical.size(); k++) {
                ClinicalVariable c = spec.clinical.get(k);
                double x = c.mean() + c.sd() * clin[i][k];
                x = Math.max(c.min(), Math.min(c.max(), c.integer() ? Math.rint(x) : x));
                csv.append(',').append(c.integer() ? Long.toString((long) x) : String.format(Locale.ROOT, "%.3f", x));
            }
            csv.append('\n');
        }
        String wide = tablesDir + "/features_wide";
        spark.createDataFrame(rows, schema).coalesce(1).write().format("delta").mode("overwrite")
            .option("overwriteSchema", "true").partitionBy("params_hash").save(wide);
        org.radspark.jobs.Locations.writeText(clinicalCsv, csv.toString(), spark.sparkContext().hadoopConfiguration());
        return new Result(wide, clinicalCsv, paramsHash, p, signal, positives);
    }

    /** One map of feature values per row of the wide table for a params_hash (non-null numeric features). */
    public static List<Map<String, Double>> templates(SparkSession spark, String widePath, String paramsHash) {
        org.apache.spark.sql.Dataset<Row> wide = spark.read().format("delta").load(widePath)
            .where(org.apache.spark.sql.functions.col("params_hash").equalTo(paramsHash)).orderBy("patient_id", "reader");
        java.util.Set<String> keys = java.util.Set.of("patient_id", "reader", "modality", "timepoint", "center", "params_hash");
        List<Map<String, Double>> out = new ArrayList<>();
        String[] cols = wide.columns();
        for (Row r : wide.collectAsList()) {
            Map<String, Double> m = new java.util.HashMap<>();
            for (int i = 0; i < cols.length; i++) {
                if (!keys.contains(cols[i]) && !r.isNullAt(i) && r.get(i) instanceof Number) {
                    m.put(cols[i], ((Number) r.get(i)).doubleValue());
                }
            }
            out.add(m);
        }
        return out;
    }

    /** Feature family from a pyradiomics name (image type_family_feature), else the whole name. */
    static String familyOf(String feature) {
        String[] parts = feature.split("_");
        return parts.length >= 3 ? parts[parts.length - 2] : feature;
    }

    private static void shuffle(Integer[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Integer t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
