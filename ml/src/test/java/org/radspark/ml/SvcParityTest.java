package org.radspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** scikit-learn 1.2.1 SVC(C=100, gamma=0.01) decision values on standardised WDBC (svc_reference.csv). */
class SvcParityTest {

    @Test
    void rbfDecisionValuesMatchSklearn() {
        Fixtures.Wdbc d = Fixtures.wdbc();
        int n = d.x.length;
        int p = d.x[0].length;
        double[][] xs = new double[n][p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (double[] r : d.x) {
                m += r[j];
            }
            m /= n;
            double v = 0;
            for (double[] r : d.x) {
                v += (r[j] - m) * (r[j] - m);
            }
            double sd = Math.sqrt(v / n);
            for (int i = 0; i < n; i++) {
                xs[i][j] = (d.x[i][j] - m) / sd;
            }
        }
        KernelSvc svc = new KernelSvc().setC(100).setGamma(0.01).setKernel("rbf");
        libsvm.svm_model model = svc.train(xs, d.labels());
        double[] ref = Fixtures.csv("svc_reference.csv").doubles("decision");
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(ref[i] - KernelSvcModel.decision(model, xs[i])));
        }
        System.out.println("SVC decision values: worst |difference| = " + worst);
        assertEquals(0, worst, 1e-4);
    }
}
