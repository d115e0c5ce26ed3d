package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.List;
import org.radspark.ibsi2.ConvolutionalFilter;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;

/**
 * IBSI mode (IBSI-1 manual chapters 2 and 3): image processing by {@link IbsiPreprocessor}, then
 * morphology, local intensity, intensity-based statistics, intensity histogram, intensity-volume
 * histogram and the texture families, each at the aggregation labels of the IBSI reference tables.
 *
 * <p>With an IBSI-2 filter ({@link IbsiConfig#filter()}, the {@code ibsi2:} block) the pipeline is that of
 * IBSI-2 phase 2: interpolation, rounding and re-segmentation as above (the intensity mask is therefore
 * decided on the unfiltered intensities), then the filter on the whole processed image, then the
 * intensity-based statistics of the response map over the re-segmented ROI. No other family is computed.
 */
public final class IbsiExtractor {

    /** The aggregation label of the families computed once over the whole 3D ROI. */
    public static final String NO_AGGREGATION = "—";

    private final IbsiTextureFamilies texture;

    public IbsiExtractor(IbsiTextureFamilies texture) {
        this.texture = texture;
    }

    /** Every family, texture through {@link TextureFamiliesRegistry}. */
    public static List<IbsiValue> extract(Image image, Mask mask, IbsiConfig config) {
        return new IbsiExtractor(new TextureFamiliesRegistry()).run(image, mask, config);
    }

    public List<IbsiValue> run(Image image, Mask mask, IbsiConfig config) {
        IbsiRoi roi = IbsiPreprocessor.process(image, mask, config);
        return run(roi, config);
    }

    /** The families on an already processed ROI (the filtered statistics when a filter is configured). */
    public List<IbsiValue> run(IbsiRoi roi, IbsiConfig config) {
        if (config.hasFilter()) {
            return IntensityStatisticsFamily.compute(filtered(roi, config.filter()));
        }
        IbsiVolume volume = IbsiDiscretiser.discretise(roi, config);
        List<IbsiValue> out = new ArrayList<>();
        out.addAll(MorphologyFamily.compute(roi));
        out.addAll(LocalIntensityFamily.compute(roi));
        out.addAll(IntensityStatisticsFamily.compute(roi));
        out.addAll(IntensityHistogramFamily.compute(volume));
        out.addAll(IntensityVolumeHistogramFamily.compute(roi, config));
        if (texture != null) {
            out.addAll(texture.compute(volume, roi.morphological().clone(), config.twoD()));
        }
        return out;
    }

    /**
     * The ROI with its intensities replaced by the response map of {@code filter} on the processed image
     * (same grid, same morphological and intensity masks).
     */
    public static IbsiRoi filtered(IbsiRoi roi, ConvolutionalFilter filter) {
        Geometry grid = new Geometry(roi.nx(), roi.ny(), roi.nz(), roi.spacing().clone(), new double[3],
            Geometry.identityDirection());
        Image response = filter.apply(new Image(grid, roi.intensities()));
        double[] v = response.voxels();
        if (v.length != roi.voxelCount()) {
            throw new IllegalStateException(filter.describe() + " changed the grid size");
        }
        return new IbsiRoi(roi.nx(), roi.ny(), roi.nz(), roi.spacing(), v, roi.morphological(),
            roi.intensityMask());
    }
}
