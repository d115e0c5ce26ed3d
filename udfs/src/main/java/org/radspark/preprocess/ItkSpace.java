package org.radspark.preprocess;

import org.radspark.image.Geometry;

/**
 * Index/physical-point conversions with the operation order of ITK's ImageBase (IndexToPhysicalPoint
 * = D * diag(spacing); PhysicalPointToIndex taken as diag(1/spacing) * D^T, which is what ITK's
 * matrix inverse yields exactly for axis-aligned directions), so that continuous indices match ITK
 * to the last bit in that case.
 */
final class ItkSpace {
    private final double[] toPhysical = new double[9];
    private final double[] toIndex = new double[9];
    private final double[] origin;

    ItkSpace(Geometry g) {
        double[] s = g.spacing();
        double[] d = g.direction();
        origin = g.origin();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                toPhysical[3 * r + c] = d[3 * r + c] * s[c];
                toIndex[3 * r + c] = d[3 * c + r] * (1.0 / s[r]);
            }
        }
    }

    /** ImageBase::TransformIndexToPhysicalPoint: start from the origin, add the columns in turn. */
    void indexToPhysical(long i, long j, long k, double[] out) {
        for (int r = 0; r < 3; r++) {
            double p = origin[r];
            p += toPhysical[3 * r] * i;
            p += toPhysical[3 * r + 1] * j;
            p += toPhysical[3 * r + 2] * k;
            out[r] = p;
        }
    }

    /** ImageBase::TransformContinuousIndexToPhysicalPoint: matrix product first, origin added last. */
    double[] continuousIndexToPhysical(double[] ci) {
        double[] out = new double[3];
        for (int r = 0; r < 3; r++) {
            double sum = 0.0;
            sum += toPhysical[3 * r] * ci[0];
            sum += toPhysical[3 * r + 1] * ci[1];
            sum += toPhysical[3 * r + 2] * ci[2];
            out[r] = sum + origin[r];
        }
        return out;
    }

    /** ImageBase::TransformPhysicalPointToContinuousIndex: subtract the origin, then the inverse matrix. */
    void physicalToContinuousIndex(double[] p, double[] out) {
        double v0 = p[0] - origin[0], v1 = p[1] - origin[1], v2 = p[2] - origin[2];
        for (int r = 0; r < 3; r++) {
            double sum = 0.0;
            sum += toIndex[3 * r] * v0;
            sum += toIndex[3 * r + 1] * v1;
            sum += toIndex[3 * r + 2] * v2;
            out[r] = sum;
        }
    }
}
