package org.radspark.features;

/**
 * The ROI's grey levels on its grid grown by {@link #pad} voxels on every side (i fastest), with
 * {@link #OUTSIDE} wherever a voxel is not in the ROI (including the added border). A neighbour within
 * {@code pad} voxels along each axis is then one array read: no bounds check and no mask lookup, and
 * "same level" or "level within alpha" is false for it whenever it is outside. The texture families' inner
 * loops (dependence counts, zones, runs) test neighbours this way; built once per {@link RoiData} and pad.
 */
final class LevelGrid {
    /** Value outside the ROI: never equal to a grey level, and more than any grey-level difference away. */
    static final int OUTSIDE = Integer.MIN_VALUE / 4;

    /** Border width in voxels. */
    final int pad;
    /** Grown grid size. */
    final int px, py, pz;
    /** Grey level (1..maxGrayLevel) in the ROI, OUTSIDE elsewhere; px*py*pz entries, i fastest. */
    final int[] levels;

    LevelGrid(RoiData roi, int pad) {
        if (pad < 1) {
            throw new IllegalArgumentException("LevelGrid pad must be >= 1, got " + pad);
        }
        this.pad = pad;
        this.px = roi.nx + 2 * pad;
        this.py = roi.ny + 2 * pad;
        this.pz = roi.nz + 2 * pad;
        long size = (long) px * py * pz;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("ROI box of " + size + " voxels with its border exceeds a Java array");
        }
        levels = new int[(int) size];
        java.util.Arrays.fill(levels, OUTSIDE);
        byte[] mask = roi.roi;
        int[] g = roi.grayLevels;
        int v = 0;
        for (int k = 0; k < roi.nz; k++) {
            for (int j = 0; j < roi.ny; j++) {
                int p = index(0, j, k);
                for (int i = 0; i < roi.nx; i++, v++, p++) {
                    if (mask[v] != 0) {
                        levels[p] = g[v];
                    }
                }
            }
        }
    }

    /** Index in {@link #levels} of voxel (i, j, k) of the ROI's own grid. */
    int index(int i, int j, int k) {
        return (i + pad) + px * ((j + pad) + py * (k + pad));
    }

    /** Index step of the offset (di, dj, dk). */
    int step(int di, int dj, int dk) {
        return di + px * (dj + py * dk);
    }
}
