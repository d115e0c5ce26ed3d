package org.radspark.features;

/**
 * The box of one kernel in voxel-based extraction (pyradiomics cmatrices set_bb): the centre voxel +/- kernelRadius
 * along each axis, clipped to the grid, and only the centre's slice along the force2D dimension. Texture matrices of
 * the kernel count voxels and neighbours inside this box only.
 */
public final class KernelWindow {
    /** Inclusive bounds along i, j and k. */
    public final int loI, hiI, loJ, hiJ, loK, hiK;

    private KernelWindow(int loI, int hiI, int loJ, int hiJ, int loK, int hiK) {
        this.loI = loI;
        this.hiI = hiI;
        this.loJ = loJ;
        this.hiJ = hiJ;
        this.loK = loK;
        this.hiK = hiK;
    }

    /** The kernel of voxel {@code v} (linear index on {@code grid}'s box) with the given radius. */
    public static KernelWindow around(RoiData grid, int v, int radius) {
        int i = v % grid.nx;
        int j = (v / grid.nx) % grid.ny;
        int k = v / (grid.nx * grid.ny);
        // force2Ddimension counts numpy axes (z, y, x): 0 is k, 1 is j, 2 is i
        int plane = TextureAngles.planeDimension(grid);
        int ri = plane == 2 ? 0 : radius, rj = plane == 1 ? 0 : radius, rk = plane == 0 ? 0 : radius;
        return new KernelWindow(Math.max(i - ri, 0), Math.min(i + ri, grid.nx - 1), Math.max(j - rj, 0),
            Math.min(j + rj, grid.ny - 1), Math.max(k - rk, 0), Math.min(k + rk, grid.nz - 1));
    }

    public int sizeI() {
        return hiI - loI + 1;
    }

    public int sizeJ() {
        return hiJ - loJ + 1;
    }

    public int sizeK() {
        return hiK - loK + 1;
    }

    /** True when the grid voxel (i, j, k) lies in this box. */
    public boolean contains(int i, int j, int k) {
        return i >= loI && i <= hiI && j >= loJ && j <= hiJ && k >= loK && k <= hiK;
    }

    /**
     * This kernel as its own {@link RoiData}: the box's intensities, grey levels and kernel mask ({@code kernelMask}
     * restricted to the box, used as ROI and shape ROI) with the batch's shared {@code kernel} facts.
     */
    public RoiData cut(RoiData grid, byte[] kernelMask, VoxelKernel kernel) {
        int wx = sizeI(), wy = sizeJ(), wz = sizeK();
        int n = wx * wy * wz;
        double[] values = new double[n];
        byte[] mask = new byte[n];
        int[] levels = new int[n];
        int t = 0;
        for (int k = loK; k <= hiK; k++) {
            for (int j = loJ; j <= hiJ; j++) {
                int row = grid.index(loI, j, k);
                for (int i = 0; i < wx; i++, t++) {
                    values[t] = grid.intensities[row + i];
                    if (kernelMask[row + i] != 0) {
                        mask[t] = 1;
                        levels[t] = grid.grayLevels[row + i];
                    }
                }
            }
        }
        return new RoiData(wx, wy, wz, grid.spacing, values, mask, mask, levels, grid.settings, kernel);
    }
}
