package org.radspark.image;

/**
 * Scalar 3D image: a {@link Geometry} and one double per voxel (i fastest). Intensities are kept
 * as doubles so that rescaled DICOM, normalised and resampled values keep full precision.
 */
public final class Image {
    private final Geometry geometry;
    private final double[] voxels;
    private final PixelType pixelType;

    /** An image computed in double precision (pixel type FLOAT64). */
    public Image(Geometry geometry, double[] voxels) {
        this(geometry, voxels, PixelType.FLOAT64);
    }

    /** An image whose values came from a file of the given scalar type. */
    public Image(Geometry geometry, double[] voxels, PixelType pixelType) {
        if (voxels.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("voxel array has " + voxels.length + " values, grid needs "
                + geometry.voxelCount());
        }
        this.geometry = geometry;
        this.voxels = voxels;
        this.pixelType = pixelType;
    }

    /** The scalar type the values were read as (FLOAT64 for computed images). */
    public PixelType pixelType() { return pixelType; }

    public Geometry geometry() { return geometry; }

    /** The backing array (not copied): callers that change it own the image. */
    public double[] voxels() { return voxels; }

    public double get(int i, int j, int k) { return voxels[geometry.index(i, j, k)]; }
}
