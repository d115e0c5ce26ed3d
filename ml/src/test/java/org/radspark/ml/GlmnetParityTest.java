package org.radspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * glmnet parity on WDBC (R glmnet 4.1-6, fixtures glmnet_*.csv). Tolerances: lambda path 1e-10
 * relative (closed form); coefficients, dev.ratio and cvm within 1e-4 (both implementations stop
 * coordinate descent at thresh = 1e-7 times the null deviance, so agreement is to that order).
 */
class GlmnetParityTest {

    private static final Fixtures.Wdbc D = Fixtures.wdbc();

    @Test
    void pathMatchesR() {
        Fixtures.Csv ref = Fixtures.csv("glmnet_path.csv");
        Glmnet.Path path = Glmnet.fit(D.x, D.y, new Glmnet.Options());
        double[] lambda = ref.doubles("lambda");
        assertEquals(lambda.length, path.size(), "path length");
        double[] a0 = ref.doubles("a0");
        double[] dev = ref.doubles("dev_ratio");
        double worstBeta = 0;
        for (int l = 0; l < lambda.length; l++) {
            assertEquals(lambda[l], path.lambda[l], 1e-10 * lambda[l], "lambda " + l);
            assertEquals(dev[l], path.devRatio[l], 1e-4, "dev.ratio " + l);
            assertEquals(a0[l], path.a0[l], 1e-4 * Math.max(1, Math.abs(a0[l])), "a0 " + l);
            for (int j = 0; j < D.names.length; j++) {
                double r = ref.doubles(D.names[j])[l];
                worstBeta = Math.max(worstBeta, Math.abs(r - path.beta[l][j]) / Math.max(1, Math.abs(r)));
            }
        }
        System.out.println("glmnet path: worst coefficient difference (relative to max(1,|b|)) = " + worstBeta);
        assertEquals(0, worstBeta, 1e-4);
    }

    @Test
    void cvDevianceMatchesR() {
        check("deviance");
    }

    @Test
    void cvAucMatchesR() {
        check("auc");
    }

    private void check(String measure) {
        Glmnet.CvResult cv = Glmnet.cv(D.x, D.y, D.fold, measure, new Glmnet.Options());
        Fixtures.Csv ref = Fixtures.csv("glmnet_cv_" + measure + ".csv");
        double[] cvm = ref.doubles("cvm");
        double[] cvsd = ref.doubles("cvsd");
        double worst = 0;
        for (int l = 0; l < cvm.length; l++) {
            worst = Math.max(worst, Math.abs(cvm[l] - cv.cvm[l]));
            worst = Math.max(worst, Math.abs(cvsd[l] - cv.cvsd[l]));
        }
        System.out.println("cv.glmnet " + measure + ": worst cvm/cvsd difference = " + worst);
        assertEquals(0, worst, 1e-4);
        var json = Fixtures.json("r_reference.json").get("glmnet_" + measure);
        assertEquals(json.get("lambda_min").asDouble(), cv.lambdaMin(), 1e-12);
        assertEquals(json.get("lambda_1se").asDouble(), cv.lambda1se(), 1e-12);
        Fixtures.Csv coef = Fixtures.csv("glmnet_coef_" + measure + ".csv");
        double[] cmin = coef.doubles("lambda_min");
        double[] c1se = coef.doubles("lambda_1se");
        assertEquals(cmin[0], cv.fit.a0[cv.indexMin], 1e-4 * Math.max(1, Math.abs(cmin[0])));
        assertEquals(c1se[0], cv.fit.a0[cv.index1se], 1e-4 * Math.max(1, Math.abs(c1se[0])));
        for (int j = 0; j < D.names.length; j++) {
            assertEquals(cmin[j + 1], cv.fit.beta[cv.indexMin][j], 1e-4 * Math.max(1, Math.abs(cmin[j + 1])), D.names[j]);
            assertEquals(c1se[j + 1], cv.fit.beta[cv.index1se][j], 1e-4 * Math.max(1, Math.abs(c1se[j + 1])), D.names[j]);
            assertEquals(c1se[j + 1] != 0, cv.fit.beta[cv.index1se][j] != 0, "selection of " + D.names[j]);
        }
    }
}
