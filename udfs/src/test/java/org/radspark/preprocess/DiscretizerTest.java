package org.radspark.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values derived by hand from pyradiomics' getBinEdges/binImage rules (documented per case). */
class DiscretizerTest {

    @Test
    void fixedWidthEdgesStartAtMultipleOfWidthBelowMinimum() {
        // min 54, max 166, width 25: low = 54 - 54 mod 25 = 50; edges = arange(50, 166 + 50, 25)
        assertArrayEquals(new double[] {50, 75, 100, 125, 150, 175, 200}, Discretizer.widthEdges(54, 166, 25), 0);
    }

    @Test
    void negativeMinimumUsesPythonModulo() {
        // Python: -1003 % 25 == 22, so the first edge is -1025 (Java's % would give -3 and -1000)
        assertEquals(22.0, Discretizer.pythonMod(-1003, 25), 0);
        double[] e = Discretizer.widthEdges(-1003, -951, 25);
        assertEquals(-1025, e[0], 0);
        assertEquals(-925, e[e.length - 1], 0); // arange(-1025, -951 + 50, 25) ends at -925
    }

    @Test
    void levelsFollowNumpyDigitize() {
        double[] values = {54, 74.999, 75, 166, 175, 0};
        byte[] roi = {1, 1, 1, 1, 1, 0};
        // edges 50,75,...,225 (max 175 + 50): level = number of edges <= x
        assertArrayEquals(new int[] {1, 1, 2, 5, 6, 0}, Discretizer.discretize(values, roi, 25.0, null));
    }

    @Test
    void fixedBinCountPutsMaximumInTopBin() {
        // numpy.histogram(values, 4) edges over [0, 10]: 0, 2.5, 5, 7.5, 10 (+1 on the top edge)
        double[] values = {0, 2.49, 2.5, 7.49, 7.5, 10};
        byte[] roi = {1, 1, 1, 1, 1, 1};
        assertArrayEquals(new int[] {1, 1, 2, 3, 4, 4}, Discretizer.discretize(values, roi, 25.0, 4));
    }

    @Test
    void flatRoiGetsOneLevel() {
        double[] values = {7, 7, 7};
        byte[] roi = {1, 1, 1};
        assertArrayEquals(new int[] {1, 1, 1}, Discretizer.discretize(values, roi, 25.0, null));
        // numpy.histogram widens a flat range to [6.5, 7.5]; 7 falls in the 9th of 16 bins
        assertArrayEquals(new int[] {9, 9, 9}, Discretizer.discretize(values, roi, null, 16));
    }
}
