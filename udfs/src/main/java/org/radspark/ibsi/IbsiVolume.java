package org.radspark.ibsi;

/**
 * A discretised ROI as the IBSI texture families see it: grid size (i fastest), voxel spacing in mm,
 * grey levels 1..ng inside the intensity ROI (0 outside), the ROI itself, and the number of grey
 * levels ng of the discretisation (fixed bin number, or the bin count implied by fixed bin size),
 * which IBSI uses as the matrix size even when some levels are absent.
 */
public record IbsiVolume(int nx, int ny, int nz, double[] spacing, int[] levels, byte[] roi, int ng) {
    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }
}
