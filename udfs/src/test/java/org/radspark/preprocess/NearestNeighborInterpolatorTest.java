package org.radspark.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NearestNeighborInterpolatorTest {

    @Test
    void roundsHalfUpAsItk() {
        assertEquals(1, NearestNeighborInterpolator.roundHalfUp(0.5));
        assertEquals(2, NearestNeighborInterpolator.roundHalfUp(1.5));
        assertEquals(3, NearestNeighborInterpolator.roundHalfUp(2.5));
        assertEquals(0, NearestNeighborInterpolator.roundHalfUp(-0.5));
        assertEquals(-1, NearestNeighborInterpolator.roundHalfUp(-1.5));
        assertEquals(-1, NearestNeighborInterpolator.roundHalfUp(-1.2));
        assertEquals(2, NearestNeighborInterpolator.roundHalfUp(2.4999999));
        assertEquals(0, NearestNeighborInterpolator.roundHalfUp(Math.nextDown(0.5) - 1e-12));
    }

    @Test
    void picksTheNearestVoxelAndKnowsTheBufferEdges() {
        double[] v = {10, 11, 12, 13, 14, 15};
        NearestNeighborInterpolator nn = new NearestNeighborInterpolator(v, 3, 2, 1);
        assertEquals(11, nn.evaluate(0.5, 0, 0));
        assertEquals(13, nn.evaluate(-0.5, 0.5, 0.3));
        assertEquals(15, nn.evaluate(2.4, 1.2, -0.4));
        // IsInsideBuffer: -0.5 <= c < size - 0.5
        assertTrue(nn.isInsideBuffer(-0.5, -0.5, -0.5));
        assertTrue(nn.isInsideBuffer(Math.nextDown(2.5), 0, 0));
        assertFalse(nn.isInsideBuffer(2.5, 0, 0));
        assertFalse(nn.isInsideBuffer(0, Math.nextDown(-0.5), 0));
        assertFalse(nn.isInsideBuffer(0, 0, Double.NaN));
    }
}
