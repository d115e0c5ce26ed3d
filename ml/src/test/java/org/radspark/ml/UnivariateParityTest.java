package org.radspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * scipy 1.10.1 parity (univariate_reference.csv, python_reference.json). p-values span 1e-100..1,
 * so they are compared relatively: |p_java / p_scipy - 1| &lt; 1e-6.
 */
class UnivariateParityTest {

    @Test
    void tTestsAndMannWhitneyOnWdbc() {
        Fixtures.Wdbc d = Fixtures.wdbc();
        Fixtures.Csv ref = Fixtures.csv("univariate_reference.csv");
        int[] y = d.labels();
        double[] student = UnivariateFilter.pValues(d.x, y, "student");
        double[] welch = UnivariateFilter.pValues(d.x, y, "welch");
        double[] mw = UnivariateFilter.pValues(d.x, y, "mannwhitney");
        String[] names = ref.strings("feature");
        for (int j = 0; j < names.length; j++) {
            assertEquals(d.names[j], names[j]);
            assertEquals(1, student[j] / ref.doubles("student_p")[j], 1e-6, "student " + names[j]);
            assertEquals(1, welch[j] / ref.doubles("welch_p")[j], 1e-6, "welch " + names[j]);
            assertEquals(1, mw[j] / ref.doubles("mannwhitney_p")[j], 1e-6, "mann-whitney " + names[j]);
        }
    }

    @Test
    void mannWhitneySmallSamples() {
        JsonNode js = Fixtures.json("python_reference.json");
        for (String key : new String[] {"mannwhitney_small_exact", "mannwhitney_small_ties"}) {
            JsonNode c = js.get(key);
            double[] a = toArray(c.get("x"));
            double[] b = toArray(c.get("y"));
            assertEquals(c.get("u").asDouble(), UnivariateTests.mannWhitneyU(a, b), 1e-12, key);
            assertEquals(c.get("p").asDouble(), UnivariateTests.mannWhitneyP(a, b), 1e-12, key);
        }
    }

    @Test
    void benjaminiHochberg() {
        double[] adj = UnivariateTests.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.2});
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.2), "BH") = 0.04 0.05333333 0.05333333 0.2
        assertEquals(0.04, adj[0], 1e-12);
        assertEquals(0.16 / 3, adj[1], 1e-12);
        assertEquals(0.16 / 3, adj[2], 1e-12);
        assertEquals(0.2, adj[3], 1e-12);
    }

    private static double[] toArray(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }
}
