package org.radspark.image;

import java.util.Arrays;

/**
 * Voxel grid of a 3D volume in patient (LPS) coordinates, following ITK's convention:
 * {@code physical = origin + D * diag(spacing) * index}, where the columns of the direction
 * matrix D are the unit vectors of the i, j and k axes. Voxels are stored with i fastest,
 * then j, then k (the order of NRRD, NIfTI and DICOM pixel data).
 */
public final class Geometry {
    private final int nx, ny, nz;
    private final double[] spacing;   // mm along i, j, k
    private final double[] origin;    // LPS position of voxel (0,0,0) centre, mm
    private final double[] direction; // row-major 3x3, columns = axis directions

    public Geometry(int nx, int ny, int nz, double[] spacing, double[] origin, double[] direction) {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("grid size must be positive: " + nx + "x" + ny + "x" + nz);
        }
        if (spacing.length != 3 || origin.length != 3 || direction.length != 9) {
            throw new IllegalArgumentException("spacing and origin need 3 values, direction 9");
        }
        for (double s : spacing) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("spacing must be positive and finite: " + Arrays.toString(spacing));
            }
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.spacing = spacing.clone();
        this.origin = origin.clone();
        this.direction = direction.clone();
    }

    public static double[] identityDirection() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    public int[] size() { return new int[] {nx, ny, nz}; }
    public long voxelCount() { return (long) nx * ny * nz; }
    public double[] spacing() { return spacing.clone(); }
    public double spacing(int axis) { return spacing[axis]; }
    public double[] origin() { return origin.clone(); }
    public double[] direction() { return direction.clone(); }

    /** Linear index of voxel (i, j, k). */
    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    /** LPS position (mm) of the centre of a voxel given by continuous index (i, j, k). */
    public double[] indexToPhysical(double i, double j, double k) {
        double a = i * spacing[0], b = j * spacing[1], c = k * spacing[2];
        return new double[] {
            origin[0] + direction[0] * a + direction[1] * b + direction[2] * c,
            origin[1] + direction[3] * a + direction[4] * b + direction[5] * c,
            origin[2] + direction[6] * a + direction[7] * b + direction[8] * c};
    }

    /** Continuous index of an LPS position; the direction matrix is orthonormal so its inverse is its transpose. */
    public double[] physicalToIndex(double x, double y, double z) {
        double dx = x - origin[0], dy = y - origin[1], dz = z - origin[2];
        return new double[] {
            (direction[0] * dx + direction[3] * dy + direction[6] * dz) / spacing[0],
            (direction[1] * dx + direction[4] * dy + direction[7] * dz) / spacing[1],
            (direction[2] * dx + direction[5] * dy + direction[8] * dz) / spacing[2]};
    }

    /** Sub-grid [x0, x0+sx) x [y0, y0+sy) x [z0, z0+sz) with the origin moved accordingly. */
    public Geometry crop(int x0, int y0, int z0, int sx, int sy, int sz) {
        return new Geometry(sx, sy, sz, spacing, indexToPhysical(x0, y0, z0), direction);
    }

    /**
     * True when both grids have the same size and agree in spacing, origin and direction within
     * {@code tolerance} (absolute, as pyradiomics' geometryTolerance).
     */
    public boolean sameGrid(Geometry other, double tolerance) {
        if (nx != other.nx || ny != other.ny || nz != other.nz) {
            return false;
        }
        return close(spacing, other.spacing, tolerance) && close(origin, other.origin, tolerance)
            && close(direction, other.direction, tolerance);
    }

    /** Describes the first difference between two grids, for error messages. */
    public String describeDifference(Geometry other, double tolerance) {
        if (nx != other.nx || ny != other.ny || nz != other.nz) {
            return "size " + Arrays.toString(size()) + " vs " + Arrays.toString(other.size());
        }
        if (!close(spacing, other.spacing, tolerance)) {
            return "spacing " + Arrays.toString(spacing) + " vs " + Arrays.toString(other.spacing);
        }
        if (!close(origin, other.origin, tolerance)) {
            return "origin " + Arrays.toString(origin) + " vs " + Arrays.toString(other.origin);
        }
        if (!close(direction, other.direction, tolerance)) {
            return "direction " + Arrays.toString(direction) + " vs " + Arrays.toString(other.direction);
        }
        return "none";
    }

    private static boolean close(double[] a, double[] b, double tol) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > tol) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Geometry[size=" + Arrays.toString(size()) + ", spacing=" + Arrays.toString(spacing)
            + ", origin=" + Arrays.toString(origin) + ", direction=" + Arrays.toString(direction) + "]";
    }
}
