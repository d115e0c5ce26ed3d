package org.radspark.ibsi;

/**
 * IBSI discretisation, IBSI-1 manual section 2.7: fixed bin size X_d = floor((X - X_min) / w) + 1
 * with X_min the lower bound of the re-segmentation range (else the ROI minimum), and fixed bin number
 * X_d = floor(N_g (X - X_min) / (X_max - X_min)) + 1 over the ROI intensity range, X_max mapped to N_g.
 */
public final class IbsiDiscretiser {

    private IbsiDiscretiser() {
    }

    /** Discretises the intensity-mask voxels into an {@link IbsiVolume} (levels 0 outside the mask). */
    public static IbsiVolume discretise(IbsiRoi roi, IbsiConfig config) {
        IbsiConfig.Discretisation d = config.discretisation();
        byte[] mask = roi.intensityMask();
        double[] x = roi.intensities();
        int[] levels = new int[mask.length];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                min = Math.min(min, x[i]);
                max = Math.max(max, x[i]);
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("the intensity mask is empty");
        }
        int ng;
        switch (d.method()) {
            case FIXED_BIN_SIZE: {
                double lower = !Double.isNaN(d.minimum()) ? d.minimum()
                    : !Double.isInfinite(config.resegmentation().lower()) ? config.resegmentation().lower() : min;
                ng = 0;
                for (int i = 0; i < mask.length; i++) {
                    if (mask[i] != 0) {
                        int l = fixedBinSize(x[i], lower, d.binSize());
                        if (l < 1) {
                            throw new IllegalArgumentException("intensity " + x[i] + " is below the FBS minimum " + lower);
                        }
                        levels[i] = l;
                        ng = Math.max(ng, l);
                    }
                }
                break;
            }
            case FIXED_BIN_NUMBER: {
                ng = d.binNumber();
                for (int i = 0; i < mask.length; i++) {
                    if (mask[i] != 0) {
                        levels[i] = fixedBinNumber(x[i], min, max, ng);
                    }
                }
                break;
            }
            default: {
                ng = 0;
                for (int i = 0; i < mask.length; i++) {
                    if (mask[i] != 0) {
                        long l = Math.round(x[i]);
                        if (l != x[i] || l < 1 || l > 1_000_000) {
                            throw new IllegalArgumentException("discretisation 'none' needs integer grey levels >= 1, got "
                                + x[i]);
                        }
                        levels[i] = (int) l;
                        ng = Math.max(ng, (int) l);
                    }
                }
            }
        }
        return new IbsiVolume(roi.nx(), roi.ny(), roi.nz(), roi.spacing().clone(), levels, mask.clone(), ng);
    }

    public static int fixedBinSize(double x, double lower, double w) {
        // a small relative guard so that exact bin edges do not fall one bin low through rounding
        return (int) Math.floor((x - lower) / w + 1e-9) + 1;
    }

    public static int fixedBinNumber(double x, double min, double max, int ng) {
        if (max == min) {
            return 1;
        }
        int l = (int) Math.floor(ng * (x - min) / (max - min)) + 1;
        return Math.min(l, ng);
    }
}
