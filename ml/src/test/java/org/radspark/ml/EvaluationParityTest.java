package org.radspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Evaluation parity with pROC 1.18.0 and base R (fixtures scores.csv, r_reference.json); tolerance 1e-4 unless stated. */
class EvaluationParityTest {
    private static final Fixtures.Csv S = Fixtures.csv("scores.csv");
    private static final JsonNode R = Fixtures.json("r_reference.json");
    private static final int[] Y = java.util.Arrays.stream(S.doubles("malignant")).mapToInt(d -> (int) d).toArray();
    private static final double[] P1 = S.doubles("p1");
    private static final double[] P2 = S.doubles("p2");
    private static final double[] P3 = S.doubles("p3");

    @Test
    void delongCiAndPairedTest() {
        JsonNode roc = R.get("roc");
        Roc.DeLong d1 = Roc.delong(P1, Y);
        assertEquals(roc.get("auc1").asDouble(), d1.auc, 1e-10);
        assertEquals(roc.get("var1").asDouble(), d1.variance, 1e-10);
        assertEquals(roc.get("ci1").get(0).asDouble(), d1.ci(0.95)[0], 1e-8);
        assertEquals(roc.get("ci1").get(1).asDouble(), d1.ci(0.95)[1], 1e-8);
        Roc.DeLong d2 = Roc.delong(P2, Y);
        assertEquals(roc.get("ci2").get(0).asDouble(), d2.ci(0.95)[0], 1e-8);
        assertEquals(roc.get("ci2").get(1).asDouble(), d2.ci(0.95)[1], 1e-8);
        double[] t = Roc.pairedTest(P1, P2, Y);
        assertEquals(roc.get("paired_z").asDouble(), t[0], 1e-6);
        assertEquals(1, t[1] / roc.get("paired_p").asDouble(), 1e-6, "paired p (relative)");
    }

    @Test
    void thresholdMetrics() {
        JsonNode t = R.get("threshold_05");
        BinaryMetrics m = BinaryMetrics.at(P1, Y, 0.5);
        assertEquals(t.get("tp").asLong(), m.tp);
        assertEquals(t.get("fp").asLong(), m.fp);
        assertEquals(t.get("tn").asLong(), m.tn);
        assertEquals(t.get("fn").asLong(), m.fn);
        assertEquals(t.get("sensitivity").asDouble(), m.sensitivity(), 1e-12);
        assertEquals(t.get("specificity").asDouble(), m.specificity(), 1e-12);
        assertEquals(t.get("accuracy").asDouble(), m.accuracy(), 1e-12);
        assertEquals(t.get("precision").asDouble(), m.precision(), 1e-12);
        assertEquals(t.get("f1").asDouble(), m.f1(), 1e-12);
        BinaryMetrics y = BinaryMetrics.atYouden(P1, Y);
        assertEquals(R.get("roc").get("youden_sensitivity").asDouble(), y.sensitivity(), 1e-12);
        assertEquals(R.get("roc").get("youden_specificity").asDouble(), y.specificity(), 1e-12);
    }

    /**
     * Hosmer-Lemeshow as ResourceSelection::hoslem.test (make_hoslem_reference.R): fitted and mis-calibrated scores,
     * 8 groups, tied risks that merge quantiles (fewer groups, smaller df) and a 30-patient split in 5 groups.
     */
    @Test
    void hosmerLemeshowEqualsResourceSelection() {
        JsonNode cases = Fixtures.json("hoslem_reference.json").get("cases");
        assertEquals(5, cases.size());
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> c = it.next();
            JsonNode v = c.getValue();
            double[] p = new double[v.get("p").size()];
            int[] y = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = v.get("p").get(i).asDouble();
                y[i] = v.get("y").get(i).asInt();
            }
            double[] h = Calibration.hosmerLemeshow(p, y, v.get("g").asInt());
            assertEquals(v.get("statistic").asDouble(), h[0], 1e-9 * Math.max(1, h[0]), c.getKey() + " statistic");
            assertEquals(v.get("df").asDouble(), h[1], 0, c.getKey() + " df");
            assertEquals(v.get("p_value").asDouble(), h[2], 1e-9, c.getKey() + " p");
        }
    }

    @Test
    void calibration() {
        JsonNode c = R.get("calibration");
        double[] rc = Calibration.recalibration(P3, Y);
        assertEquals(c.get("intercept").asDouble(), rc[0], 1e-6);
        assertEquals(c.get("slope").asDouble(), rc[1], 1e-6);
        assertEquals(c.get("in_the_large").asDouble(), rc[2], 1e-6);
        assertEquals(c.get("brier_p1").asDouble(), Calibration.brier(P1, Y), 1e-12);
        assertEquals(c.get("brier_p3").asDouble(), Calibration.brier(P3, Y), 1e-12);
        double[][] curve = Calibration.curve(P1, Y, 10);
        int total = 0;
        for (double[] b : curve) {
            total += (int) b[4];
        }
        assertEquals(Y.length, total);
    }

    @Test
    void decisionCurve() {
        Fixtures.Csv ref = Fixtures.csv("decision_curve_reference.csv");
        double[] pt = ref.doubles("threshold");
        double[][] dc = DecisionCurve.compute(P1, Y, pt);
        double[] nb = ref.doubles("net_benefit");
        double[] all = ref.doubles("treat_all");
        for (int i = 0; i < pt.length; i++) {
            assertEquals(nb[i], dc[i][1], 1e-10, "net benefit at " + pt[i]);
            assertEquals(all[i], dc[i][2], 1e-10, "treat all at " + pt[i]);
            assertEquals(0.0, dc[i][3]);
        }
    }

    @Test
    void nomogramMatchesRms() {
        Fixtures.Wdbc d = Fixtures.wdbc();
        String[] vars = {"mean_radius", "mean_texture", "mean_smoothness"};
        JsonNode nom = R.get("nomogram");
        double[] coef = new double[3];
        for (int j = 0; j < 3; j++) {
            coef[j] = nom.get("coef").get(j + 1).asDouble();
        }
        Nomogram n = Nomogram.fromData(vars, nom.get("coef").get(0).asDouble(), coef, d.columns(vars));
        assertEquals(nom.get("sc").asDouble(), n.scale, 1e-8);
        assertEquals(nom.get("intercept_at_zero_points").asDouble(), n.linearPredictor(0), 1e-8);
        Fixtures.Csv pts = Fixtures.csv("nomogram_points.csv");
        String[] var = pts.strings("variable");
        double[] val = pts.doubles("value");
        double[] p = pts.doubles("points");
        for (int i = 0; i < var.length; i++) {
            int j = java.util.Arrays.asList(vars).indexOf(var[i]);
            assertEquals(p[i], n.points(j, val[i]), 1e-8, var[i] + " = " + val[i]);
        }
        for (int j = 0; j < 3; j++) {
            double[] ticks = n.ticks(j);
            int count = 0;
            for (String v : var) {
                count += v.equals(vars[j]) ? 1 : 0;
            }
            assertEquals(count, ticks.length, "tick count of " + vars[j]);
        }
        // total points -> probability is the logistic of the linear predictor
        double lp = n.linearPredictor(80);
        assertEquals(1 / (1 + Math.exp(-lp)), n.probability(80), 1e-15);
        assertEquals(80, n.totalPointsFor(n.probability(80)), 1e-8);
    }

    @Test
    void glmOddsRatiosMatchR() {
        Fixtures.Wdbc d = Fixtures.wdbc();
        String[] vars = {"mean_radius", "mean_texture", "mean_smoothness"};
        LogisticFit f = LogisticFit.fit(d.columns(vars), d.y);
        Fixtures.Csv ref = Fixtures.csv("glm_reference.csv");
        double[] coef = ref.doubles("coef");
        double[] se = ref.doubles("se");
        double[] p = ref.doubles("p");
        double[] lo = ref.doubles("or_lower");
        double[] hi = ref.doubles("or_upper");
        double[] or = ref.doubles("odds_ratio");
        for (int j = 0; j < coef.length; j++) {
            assertEquals(coef[j], f.coef[j], 1e-6 * Math.max(1, Math.abs(coef[j])));
            assertEquals(se[j], f.se[j], 1e-6 * Math.max(1, se[j]));
            // R glm stops at a relative deviance change of 1e-8, so its tiny p-values carry ~1e-5 relative error
            assertEquals(1, f.pValue(j) / p[j], 1e-4, "p of term " + j);
            assertEquals(1, f.oddsRatio(j) / or[j], 1e-6);
            assertEquals(1, f.oddsRatioCi(j, 0.95)[0] / lo[j], 1e-5);
            assertEquals(1, f.oddsRatioCi(j, 0.95)[1] / hi[j], 1e-5);
        }
        Fixtures.Csv uni = Fixtures.csv("glm_univariate_reference.csv");
        java.util.List<double[]> rows = ClinicalModel.univariate(d.columns(vars), d.y);
        for (int j = 0; j < vars.length; j++) {
            // univariate fits: R's glm stops earlier relative to the optimum; agreement is ~1e-4 relative
            assertEquals(1, rows.get(j)[0] / uni.doubles("coef")[j], 1e-4);
            assertEquals(1, rows.get(j)[1] / uni.doubles("se")[j], 1e-4);
            // p-values of |z| ~ 10..20 amplify that: compare the Wald z instead
            assertEquals(1, rows.get(j)[2] / (uni.doubles("coef")[j] / uni.doubles("se")[j]), 1e-4);
        }
    }
}
