package org.radspark.params;

import java.util.Arrays;

/**
 * The pyradiomics "setting" block, with pyradiomics' names and defaults. Fields are public so the
 * parameter-file parser and the pipeline stay short; treat an instance as immutable once extraction
 * starts and use {@link #copy()} to derive per-image-type settings.
 */
public final class ExtractionSettings implements Cloneable {
    // --- mask and geometry
    public int label = 1;
    public Integer labelChannel = null;
    public int minimumROIDimensions = 2;
    public Integer minimumROISize = null;
    public Double geometryTolerance = null;
    public boolean correctMask = false;
    public boolean additionalInfo = true;
    public boolean preCrop = false;
    public int padDistance = 5;

    // --- resampling
    public double[] resampledPixelSpacing = null;
    public String interpolator = "sitkBSpline";

    // --- N4 bias-field correction (before normalisation; keys n4ShrinkFactor, n4Iterations, ... in n4)
    public boolean n4BiasCorrection = false;
    public java.util.Map<String, Object> n4 = new java.util.LinkedHashMap<>();

    // --- normalisation
    public boolean normalize = false;
    public double normalizeScale = 1;
    public Double removeOutliers = null;

    // --- resegmentation
    public double[] resegmentRange = null;
    public String resegmentMode = "absolute";
    public boolean resegmentShape = false;

    // --- discretisation and 2D
    public Double binWidth = 25.0;
    public Integer binCount = null;
    public double voxelArrayShift = 0;
    public boolean force2D = false;
    public int force2Ddimension = 0;

    // --- texture classes
    public int[] distances = {1};
    public boolean symmetricalGLCM = true;
    public String weightingNorm = null;
    public double gldm_a = 0;

    // --- filters (used by the filter image types)
    public double[] sigma = null;
    /** Each sigma as Python's str() of the parameter file's value ("1" for 1, "1.0" for 1.0), for image names. */
    public String[] sigmaText = null;
    public int start_level = 0;
    public int level = 1;
    public String wavelet = "coif1";
    public boolean gradientUseSpacing = true;
    public double lbp2DRadius = 1;
    /** pyradiomics documents 9 but getLBP2DImage falls back to 8 when the setting is absent. */
    public int lbp2DSamples = 8;
    public String lbp2DMethod = "uniform";
    public int lbp3DLevels = 2;
    public double lbp3DIcosphereRadius = 1;
    public int lbp3DIcosphereSubdivision = 1;

    /** Python's str() of sigma {@code i} as given in the parameter file (repr of the double when not parsed). */
    public String sigmaText(int i) {
        return sigmaText != null && i < sigmaText.length ? sigmaText[i] : SettingKeys.pythonFloatRepr(sigma[i]);
    }

    public ExtractionSettings copy() {
        try {
            ExtractionSettings c = (ExtractionSettings) super.clone();
            c.resampledPixelSpacing = resampledPixelSpacing == null ? null : resampledPixelSpacing.clone();
            c.resegmentRange = resegmentRange == null ? null : resegmentRange.clone();
            c.distances = distances.clone();
            c.sigma = sigma == null ? null : sigma.clone();
            c.n4 = new java.util.LinkedHashMap<>(n4);
            c.sigmaText = sigmaText == null ? null : sigmaText.clone();
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return "ExtractionSettings{label=" + label + ", binWidth=" + binWidth + ", binCount=" + binCount
            + ", resampledPixelSpacing=" + Arrays.toString(resampledPixelSpacing) + ", interpolator=" + interpolator
            + ", normalize=" + normalize + ", normalizeScale=" + normalizeScale + ", resegmentRange="
            + Arrays.toString(resegmentRange) + ", resegmentMode=" + resegmentMode + ", force2D=" + force2D
            + ", distances=" + Arrays.toString(distances) + ", weightingNorm=" + weightingNorm + "}";
    }
}
