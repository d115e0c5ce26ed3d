package org.radspark.ibsi;

/**
 * A processed image ready for IBSI feature computation (IBSI-1 manual section 2, after interpolation
 * and re-segmentation): grid size (i fastest), spacing in mm, intensities of the whole grid, the
 * morphological mask (never re-segmented) and the intensity mask (re-segmented).
 */
public record IbsiRoi(int nx, int ny, int nz, double[] spacing, double[] intensities, byte[] morphological,
                      byte[] intensityMask) {

    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    public int voxelCount() {
        return nx * ny * nz;
    }

    /** Intensities of the intensity-mask voxels, in grid order. */
    public double[] roiIntensities() {
        int n = 0;
        for (byte b : intensityMask) {
            n += b;
        }
        double[] out = new double[n];
        int c = 0;
        for (int i = 0; i < intensityMask.length; i++) {
            if (intensityMask[i] != 0) {
                out[c++] = intensities[i];
            }
        }
        return out;
    }
}
