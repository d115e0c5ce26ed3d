package org.radspark.features;

import org.radspark.params.ExtractionSettings;

/**
 * What every feature family sees of one image: the grid cropped to the mask's bounding box (plus
 * padDistance), the intensities on it, the intensity ROI (after resegmentation), the morphological
 * ROI (before resegmentation, for shape) and the discretised grey levels. All arrays have
 * nx*ny*nz entries, i fastest. Built once per (image type, patient) and shared by all families.
 */
public final class RoiData {
    /** Cropped grid size. */
    public final int nx, ny, nz;
    /** Voxel spacing in mm along i, j, k. */
    public final double[] spacing;
    /** Intensities on the cropped grid (normalised/resampled/filtered as configured, not shifted). */
    public final double[] intensities;
    /** 1 where the voxel belongs to the intensity ROI (after resegmentation), else 0. */
    public final byte[] roi;
    /** 1 where the voxel belongs to the morphological ROI (before resegmentation unless resegmentShape). */
    public final byte[] shapeRoi;
    /** Discretised grey level 1..maxGrayLevel inside {@link #roi}, 0 outside. */
    public final int[] grayLevels;
    /** Highest grey level present in the ROI. */
    public final int maxGrayLevel;
    /** Number of voxels in {@link #roi}. */
    public final int roiVoxelCount;
    /** Settings in force for this image type. */
    public final ExtractionSettings settings;
    /** For one kernel of a voxel-based extraction, what it shares with the whole ROI; null for a segment. */
    public final VoxelKernel kernel;

    public RoiData(int nx, int ny, int nz, double[] spacing, double[] intensities, byte[] roi, byte[] shapeRoi,
                   int[] grayLevels, ExtractionSettings settings) {
        this(nx, ny, nz, spacing, intensities, roi, shapeRoi, grayLevels, settings, null);
    }

    /** One kernel of a voxel-based extraction: {@code roi} is the kernel mask on the kernel's box. */
    public RoiData(int nx, int ny, int nz, double[] spacing, double[] intensities, byte[] roi, byte[] shapeRoi,
                   int[] grayLevels, ExtractionSettings settings, VoxelKernel kernel) {
        int n = nx * ny * nz;
        if (intensities.length != n || roi.length != n || shapeRoi.length != n || grayLevels.length != n) {
            throw new IllegalArgumentException("ROI arrays do not match the grid " + nx + "x" + ny + "x" + nz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.spacing = spacing.clone();
        this.intensities = intensities;
        this.roi = roi;
        this.shapeRoi = shapeRoi;
        this.grayLevels = grayLevels;
        this.settings = settings;
        this.kernel = kernel;
        int max = 0, count = 0;
        for (int v = 0; v < n; v++) {
            if (roi[v] != 0) {
                count++;
                if (grayLevels[v] > max) {
                    max = grayLevels[v];
                }
            }
        }
        this.maxGrayLevel = max;
        this.roiVoxelCount = count;
    }

    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    private LevelGrid levelGrid;

    /** The ROI's grey levels with a border of at least {@code pad} voxels, built on first use and shared by the families. */
    synchronized LevelGrid levelGrid(int pad) {
        if (levelGrid == null || levelGrid.pad < pad) {
            levelGrid = new LevelGrid(this, Math.max(1, pad));
        }
        return levelGrid;
    }
}
