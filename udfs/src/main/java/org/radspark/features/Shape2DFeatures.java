package org.radspark.features;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** 2D shape descriptors; formulas as in pyradiomics' radiomics/shape2D.py with the marching squares of cshape.c. */
public final class Shape2DFeatures extends NamedFeatureFamily {

    public Shape2DFeatures() {
        super("shape2D", ALL, DEFAULTS);
    }

    /** pyradiomics emits features in the order of dir() on the class, i.e. sorted by name. */
    private static final List<String> ALL = List.of(
        "Elongation", "MajorAxisLength", "MaximumDiameter", "MeshSurface", "MinorAxisLength", "Perimeter",
        "PerimeterSurfaceRatio", "PixelSurface", "SphericalDisproportion", "Sphericity");

    private static final List<String> DEFAULTS = ALL.stream().filter(n -> !n.equals("SphericalDisproportion")).toList();

    /** Square corners as (row, column) offsets; bit c of a square index is set when corner c is inside. */
    static final int[][] CORNERS = {{0, 0}, {0, 1}, {1, 1}, {1, 0}};

    /** Edge e joins corners e and (e+1)%4; its midpoint as (row, column). */
    static final double[][] EDGE_MID = {{0, 0.5}, {0.5, 1}, {1, 0.5}, {0.5, 0}};

    /**
     * Directed line segments (pairs of edge numbers) per square index, each running with the inside on
     * its left in (row, column) coordinates, so the signed area of (origin, a, b) sums to the ROI area.
     * The two saddle configurations (5 and 10) cut off each inside corner separately.
     */
    static final int[][] LINES = {
        {}, {3, 0}, {0, 1}, {3, 1}, {1, 2}, {1, 2, 3, 0}, {0, 2}, {3, 2},
        {2, 3}, {2, 0}, {0, 1, 2, 3}, {2, 1}, {1, 3}, {1, 0}, {0, 3}, {}};

    @Override
    public void compute(RoiData roi, Set<String> enabled, Map<String, Double> out) {
        if (!roi.settings.force2D) {
            throw new IllegalArgumentException("shape2D can only be calculated with force2D=true");
        }
        int dim = roi.settings.force2Ddimension;
        if (dim < 0 || dim > 2) {
            throw new IllegalArgumentException("shape2D: force2Ddimension must be 0, 1 or 2, got " + dim);
        }
        // numpy axes (z, y, x) = grid (k, j, i); dim is dropped, the other two stay in numpy order
        int[] gridSize = {roi.nz, roi.ny, roi.nx};
        double[] numpySpacing = {roi.spacing[2], roi.spacing[1], roi.spacing[0]};
        int rowAxis = dim == 0 ? 1 : 0;
        int colAxis = dim == 2 ? 1 : 2;
        int rows = gridSize[rowAxis] + 2, cols = gridSize[colAxis] + 2;
        byte[] mask = new byte[rows * cols];
        int slice = -1, count = 0;
        int[] pos = new int[3];
        for (int k = 0; k < roi.nz; k++) {
            for (int j = 0; j < roi.ny; j++) {
                for (int i = 0; i < roi.nx; i++) {
                    if (roi.shapeRoi[roi.index(i, j, k)] == 0) {
                        continue;
                    }
                    pos[0] = k;
                    pos[1] = j;
                    pos[2] = i;
                    if (slice < 0) {
                        slice = pos[dim];
                    } else if (pos[dim] != slice) {
                        throw new IllegalArgumentException("shape2D: the mask spans more than one slice in "
                            + "force2Ddimension " + dim + " (slices " + slice + " and " + pos[dim]
                            + "); 2D shape needs a single-slice mask");
                    }
                    mask[(pos[rowAxis] + 1) * cols + pos[colAxis] + 1] = 1;
                    count++;
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("shape2D: the morphological ROI contains no voxels");
        }
        double[] spacing = {numpySpacing[rowAxis], numpySpacing[colAxis]};
        Squares sq = marchingSquares(mask, rows, cols, spacing);
        double[] eig = Eigen.principalMoments(mask, new int[] {rows, cols}, spacing, count);

        double surface = sq.surface, perimeter = sq.perimeter;
        for (String f : featureNames()) {
            if (!enabled.contains(f)) {
                continue;
            }
            double value;
            switch (f) {
                case "MeshSurface": value = surface; break;
                case "PixelSurface": value = count * (spacing[1] * spacing[0]); break;
                case "Perimeter": value = perimeter; break;
                case "PerimeterSurfaceRatio": value = perimeter / surface; break;
                case "Sphericity": value = (2 * Math.sqrt(Math.PI * surface)) / perimeter; break;
                case "SphericalDisproportion": value = 1.0 / ((2 * Math.sqrt(Math.PI * surface)) / perimeter); break;
                case "MaximumDiameter": value = sq.diameter; break;
                case "MajorAxisLength": value = Eigen.axisLength(eig[1]); break;
                case "MinorAxisLength": value = Eigen.axisLength(eig[0]); break;
                case "Elongation": value = Eigen.ratio(eig[0], eig[1]); break;
                default: throw new IllegalArgumentException("shape2D: unknown feature " + f);
            }
            out.put(f, value);
        }
    }

    /** Result of marching squares. */
    static final class Squares {
        double perimeter;
        double surface;
        double diameter;
    }

    /** Marching squares over a zero-bordered rows*cols mask (column fastest), spacing (row, column). */
    static Squares marchingSquares(byte[] mask, int rows, int cols, double[] spacing) {
        Squares r = new Squares();
        double s0 = spacing[0], s1 = spacing[1];
        double[] verts = new double[2 * 256];
        int nv = 0;
        double perimeter = 0, surface = 0;
        for (int iy = 0; iy < rows - 1; iy++) {
            for (int ix = 0; ix < cols - 1; ix++) {
                int idx = 0;
                for (int c = 0; c < 4; c++) {
                    if (mask[(iy + CORNERS[c][0]) * cols + ix + CORNERS[c][1]] != 0) {
                        idx |= 1 << c;
                    }
                }
                if (idx == 0 || idx == 0xF) {
                    continue;
                }
                int[] lines = LINES[idx];
                for (int t = 0; t < lines.length; t += 2) {
                    double[] ma = EDGE_MID[lines[t]], mb = EDGE_MID[lines[t + 1]];
                    double a0 = (iy + ma[0]) * s0, a1 = (ix + ma[1]) * s1;
                    double b0 = (iy + mb[0]) * s0, b1 = (ix + mb[1]) * s1;
                    surface += a0 * b1 - b0 * a1;
                    double d0 = a0 - b0, d1 = a1 - b1;
                    perimeter += Math.sqrt(d0 * d0 + d1 * d1);
                }
                // keep the vertices on the edges at corner 3 (edges 2 and 3), each grid edge once
                int flipped = idx > 7 ? idx ^ 0xF : idx;
                if (nv + 4 > verts.length) {
                    verts = Arrays.copyOf(verts, verts.length * 2);
                }
                if ((flipped & 1) != 0) {
                    verts[nv++] = (iy + EDGE_MID[3][0]) * s0;
                    verts[nv++] = (ix + EDGE_MID[3][1]) * s1;
                }
                if ((flipped & 4) != 0) {
                    verts[nv++] = (iy + EDGE_MID[2][0]) * s0;
                    verts[nv++] = (ix + EDGE_MID[2][1]) * s1;
                }
            }
        }
        r.perimeter = perimeter;
        r.surface = surface / 2;
        double[] d = new double[3];
        Diameters.compute(verts, nv / 2, 2, d);
        r.diameter = d[2];
        return r;
    }
}
