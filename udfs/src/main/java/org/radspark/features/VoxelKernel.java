package org.radspark.features;

/**
 * What the kernels of a voxel-based extraction share (pyradiomics base.py _calculateVoxels and the C matrices
 * with kernelRadius): every kernel's matrices keep a row for each grey level of the whole binning region
 * ({@code roiLevels}, highest {@code maxGrayLevel}), the GLCM uses the neighbour angles of the whole cropped image,
 * an angle is kept when some kernel of the voxel batch has a pair along it (a kernel without pairs along a kept
 * angle gives NaN there, skipped by the angle means but not by JointAverage's plain mean), and GLCM MCC is
 * not computed for a batch in which such a kernel occurs: numpy's eigvals refuses the NaN matrix, pyradiomics logs
 * the error and the map keeps initValue.
 *
 * @param roiLevels         grey levels present in the binning region, ascending
 * @param glcmAngles        GLCM angles {dx, dy, dz} generated for the whole cropped image
 * @param glcmAnglesKept    per GLCM angle: some kernel of the batch has a pair along it
 * @param glcmMccUndefined  some kernel of the batch lacks pairs along a kept angle (or, with weightingNorm, has none)
 */
public record VoxelKernel(int[] roiLevels, int[][] glcmAngles, boolean[] glcmAnglesKept, boolean glcmMccUndefined) {
    /** The highest grey level of the region (pyradiomics' Ng). */
    public int maxGrayLevel() {
        return roiLevels.length == 0 ? 0 : roiLevels[roiLevels.length - 1];
    }
}
