package org.radspark.features;

import org.radspark.params.ExtractionSettings;

/** Builds small {@link RoiData} instances from literal grey-level grids for the texture family tests. */
final class TextureTestImages {
    private TextureTestImages() {
    }

    /**
     * A single-slice image given as rows (j) of columns (i); every voxel with a grey level > 0 is in the ROI.
     * force2D is on (out-of-plane dimension 0, i.e. k), as in pyradiomics' 2D documentation examples.
     */
    static RoiData slice(int[][] rows) {
        ExtractionSettings s = new ExtractionSettings();
        s.force2D = true;
        s.force2Ddimension = 0;
        return slice(rows, s);
    }

    static RoiData slice(int[][] rows, ExtractionSettings settings) {
        return volume(new int[][][] {rows}, settings);
    }

    /** A volume given as slices (k) of rows (j) of columns (i); grey level 0 means outside the ROI. */
    static RoiData volume(int[][][] slices, ExtractionSettings settings) {
        int nz = slices.length;
        int ny = slices[0].length;
        int nx = slices[0][0].length;
        int n = nx * ny * nz;
        double[] intensities = new double[n];
        byte[] roi = new byte[n];
        int[] grey = new int[n];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    int g = slices[k][j][i];
                    intensities[v] = g;
                    grey[v] = g;
                    roi[v] = (byte) (g > 0 ? 1 : 0);
                }
            }
        }
        return new RoiData(nx, ny, nz, new double[] {1, 1, 1}, intensities, roi, roi.clone(), grey, settings);
    }
}
