package org.radspark.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearInterpolatorTest {
    private static final int NX = 6, NY = 5, NZ = 4;

    private static double ramp(double i, double j, double k) {
        return 2 * i - 3 * j + 0.5 * k + 7;
    }

    private static LinearInterpolator rampInterpolator() {
        double[] v = new double[NX * NY * NZ];
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    v[i + NX * (j + NY * k)] = ramp(i, j, k);
                }
            }
        }
        return new LinearInterpolator(v, NX, NY, NZ);
    }

    @Test
    void linearRampIsExactBetweenVoxelCentres() {
        LinearInterpolator li = rampInterpolator();
        Random r = new Random(5);
        for (int t = 0; t < 1000; t++) {
            double i = (NX - 1) * r.nextDouble(), j = (NY - 1) * r.nextDouble(), k = (NZ - 1) * r.nextDouble();
            assertEquals(ramp(i, j, k), li.evaluate(i, j, k), 1e-12);
        }
        assertEquals(ramp(2, 3, 1), li.evaluate(2, 3, 1), 0);
    }

    @Test
    void halfVoxelBeyondTheEdgeCentresTakesTheEdgeValue() {
        // ITK clamps the base index at 0 and skips an axis whose upper neighbour is past the end.
        LinearInterpolator li = rampInterpolator();
        assertEquals(ramp(0, 1.5, 2), li.evaluate(-0.4, 1.5, 2), 1e-12);
        assertEquals(ramp(NX - 1, 1.5, 2), li.evaluate(NX - 0.6, 1.5, 2), 1e-12);
        assertEquals(ramp(1.25, NY - 1, NZ - 1), li.evaluate(1.25, NY - 0.7, NZ - 0.9), 1e-12);
    }
}
