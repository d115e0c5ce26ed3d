package org.radspark.ibsi.texture;

import org.radspark.ibsi.IbsiVolume;

/**
 * Zone labelling for GLSZM and GLDZM: groups of connected ROI voxels with the same grey level,
 * linked at Chebyshev distance 1 (8-connected within an axial slice, 26-connected in 3D). Buffers are
 * allocated once per volume and reused across slices.
 */
final class Zones {
    private final IbsiVolume v;
    private final int[] mark;
    private int epoch;
    private final int[] stack;
    /** Per found zone: grey level, voxel count and (when a distance map is given) minimum distance. */
    final int[] level;
    final int[] size;
    final int[] minDistance;
    /** Number of zones found by the last call to {@link #find}. */
    int count;
    /** Largest zone size / distance found by the last call. */
    int maxSize;
    int maxDistance;

    Zones(IbsiVolume v) {
        this.v = v;
        int n = v.nx() * v.ny() * v.nz();
        mark = new int[n];
        int nRoi = 0;
        for (int idx = 0; idx < n; idx++) {
            if (TextureSupport.inRoi(v, idx)) {
                nRoi++;
            }
        }
        stack = new int[Math.max(1, nRoi)];
        level = new int[Math.max(1, nRoi)];
        size = new int[Math.max(1, nRoi)];
        minDistance = new int[Math.max(1, nRoi)];
    }

    /**
     * Finds the zones of axial slice {@code k} (8-connected), or of the whole volume when {@code k < 0}
     * (26-connected). With a {@code distance} map, records each zone's smallest distance.
     */
    void find(int k, int[] distance) {
        epoch++;
        count = 0;
        maxSize = 0;
        maxDistance = 0;
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        int k0 = k < 0 ? 0 : k, k1 = k < 0 ? nz - 1 : k;
        int dzMax = k < 0 ? 1 : 0;
        int[] lv = v.levels();
        for (int kk = k0; kk <= k1; kk++) {
            for (int jj = 0; jj < ny; jj++) {
                for (int ii = 0; ii < nx; ii++) {
                    int seed = v.index(ii, jj, kk);
                    if (mark[seed] == epoch || !TextureSupport.inRoi(v, seed)) {
                        continue;
                    }
                    int g = lv[seed];
                    int top = 0;
                    stack[top++] = seed;
                    mark[seed] = epoch;
                    int n = 0;
                    int dmin = Integer.MAX_VALUE;
                    while (top > 0) {
                        int cur = stack[--top];
                        n++;
                        if (distance != null) {
                            dmin = Math.min(dmin, distance[cur]);
                        }
                        int ci = cur % nx;
                        int cj = (cur / nx) % ny;
                        int ck = cur / (nx * ny);
                        for (int dz = -dzMax; dz <= dzMax; dz++) {
                            int zk = ck + dz;
                            if (zk < 0 || zk >= nz) {
                                continue;
                            }
                            for (int dy = -1; dy <= 1; dy++) {
                                int yj = cj + dy;
                                if (yj < 0 || yj >= ny) {
                                    continue;
                                }
                                for (int dx = -1; dx <= 1; dx++) {
                                    int xi = ci + dx;
                                    if (xi < 0 || xi >= nx) {
                                        continue;
                                    }
                                    int nb = v.index(xi, yj, zk);
                                    if (mark[nb] != epoch && TextureSupport.inRoi(v, nb) && lv[nb] == g) {
                                        mark[nb] = epoch;
                                        stack[top++] = nb;
                                    }
                                }
                            }
                        }
                    }
                    level[count] = g;
                    size[count] = n;
                    minDistance[count] = distance != null ? dmin : 0;
                    maxSize = Math.max(maxSize, n);
                    if (distance != null) {
                        maxDistance = Math.max(maxDistance, dmin);
                    }
                    count++;
                }
            }
        }
    }

    /**
     * Distance of every voxel of {@code mask} to the mask border: the smallest Manhattan (L1) distance
     * to a voxel outside the mask, counting voxels beyond the image edge as outside, so a voxel on the
     * border has distance 1. With {@code inPlane} the distance is measured within each axial slice
     * (4-connected), otherwise in 3D (6-connected). Voxels outside the mask get 0. Multi-source
     * breadth-first search from the border voxels; for the L1 norm the path through the mask is as
     * short as the straight distance, so this equals repeated erosion with a cross.
     */
    static int[] borderDistance(int nx, int ny, int nz, byte[] mask, boolean inPlane) {
        int n = nx * ny * nz;
        int[] dist = new int[n];
        int[] queue = new int[n];
        int head = 0, tail = 0;
        int[][] steps = inPlane
            ? new int[][] {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}}
            : new int[][] {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int idx = 0; idx < n; idx++) {
            if (mask[idx] == 0) {
                continue;
            }
            int i = idx % nx, j = (idx / nx) % ny, k = idx / (nx * ny);
            for (int[] s : steps) {
                int i2 = i + s[0], j2 = j + s[1], k2 = k + s[2];
                if (i2 < 0 || i2 >= nx || j2 < 0 || j2 >= ny || k2 < 0 || k2 >= nz
                    || mask[i2 + nx * (j2 + ny * k2)] == 0) {
                    dist[idx] = 1;
                    queue[tail++] = idx;
                    break;
                }
            }
        }
        while (head < tail) {
            int cur = queue[head++];
            int i = cur % nx, j = (cur / nx) % ny, k = cur / (nx * ny);
            for (int[] s : steps) {
                int i2 = i + s[0], j2 = j + s[1], k2 = k + s[2];
                if (i2 < 0 || i2 >= nx || j2 < 0 || j2 >= ny || k2 < 0 || k2 >= nz) {
                    continue;
                }
                int nb = i2 + nx * (j2 + ny * k2);
                if (mask[nb] != 0 && dist[nb] == 0) {
                    dist[nb] = dist[cur] + 1;
                    queue[tail++] = nb;
                }
            }
        }
        return dist;
    }

    /**
     * Feature vectors ({@link TextureSupport#matrixFeatures}) of the zone matrices at the three IBSI
     * aggregations: [0] "2D" (per-slice features averaged over slices holding ROI voxels), [1] "2.5D"
     * (slice matrices summed), [2] "3D" (one 26-connected matrix). Columns are zone sizes, or the
     * zones' smallest border distance when distance maps (in-plane for 2D/2.5D, 3D for 3D) are given.
     */
    static double[][] aggregate(IbsiVolume v, int[] inPlaneDistance, int[] volumeDistance) {
        int ng = v.ng();
        boolean byDistance = inPlaneDistance != null;
        Zones z = new Zones(v);
        int nRoi = 0;
        int maxCol = 1;
        int[] perSlice = new int[v.nz()];
        for (int k = 0; k < v.nz(); k++) {
            perSlice[k] = TextureSupport.roiCountInSlice(v, k);
            nRoi += perSlice[k];
            if (byDistance) {
                for (int p = 0, base = v.nx() * v.ny() * k; p < v.nx() * v.ny(); p++) {
                    maxCol = Math.max(maxCol, inPlaneDistance[base + p]);
                }
            } else {
                maxCol = Math.max(maxCol, perSlice[k]);
            }
        }
        double[] sliceM = new double[ng * maxCol];
        double[] stacked = new double[ng * maxCol];
        TextureSupport.Mean mean2d = new TextureSupport.Mean(17);
        for (int k = 0; k < v.nz(); k++) {
            if (perSlice[k] == 0) {
                continue;
            }
            z.find(k, inPlaneDistance);
            int ncol = byDistance ? z.maxDistance : z.maxSize;
            java.util.Arrays.fill(sliceM, 0, ng * ncol, 0.0);
            for (int q = 0; q < z.count; q++) {
                int col = (byDistance ? z.minDistance[q] : z.size[q]) - 1;
                sliceM[(z.level[q] - 1) * ncol + col] += 1;
                stacked[(z.level[q] - 1) * maxCol + col] += 1;
            }
            mean2d.add(TextureSupport.matrixFeatures(sliceM, ng, ncol, perSlice[k]));
        }
        double[][] out = new double[3][];
        out[0] = mean2d.mean();
        out[1] = TextureSupport.matrixFeatures(stacked, ng, maxCol, nRoi);
        z.find(-1, volumeDistance);
        int ncol = Math.max(1, byDistance ? z.maxDistance : z.maxSize);
        double[] m3 = new double[ng * ncol];
        for (int q = 0; q < z.count; q++) {
            int col = (byDistance ? z.minDistance[q] : z.size[q]) - 1;
            m3[(z.level[q] - 1) * ncol + col] += 1;
        }
        out[2] = TextureSupport.matrixFeatures(m3, ng, ncol, nRoi);
        return out;
    }
}
