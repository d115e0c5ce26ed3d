package org.radspark.features;

import org.radspark.params.ExtractionSettings;

/** Builds small {@link RoiData} grids for the texture tests; grey level 0 marks a voxel outside the ROI. */
final class TextureTestData {
    private TextureTestData() {
    }

    /** A 2D image (rows are j/y, columns are i/x), nz = 1. */
    static RoiData image2D(int[][] levels, ExtractionSettings settings) {
        int[][][] volume = new int[1][][];
        volume[0] = levels;
        return volume(volume, settings, new double[] {1, 1, 1});
    }

    /** A volume indexed [k][j][i]. */
    static RoiData volume(int[][][] levels, ExtractionSettings settings, double[] spacing) {
        int nz = levels.length, ny = levels[0].length, nx = levels[0][0].length;
        int n = nx * ny * nz;
        double[] intensities = new double[n];
        byte[] roi = new byte[n];
        int[] gl = new int[n];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    int g = levels[k][j][i];
                    intensities[v] = g;
                    if (g > 0) {
                        roi[v] = 1;
                        gl[v] = g;
                    }
                }
            }
        }
        return new RoiData(nx, ny, nz, spacing, intensities, roi, roi.clone(), gl, settings);
    }

    static ExtractionSettings settings2D() {
        ExtractionSettings s = new ExtractionSettings();
        s.force2D = true;
        s.force2Ddimension = 0;
        return s;
    }
}
