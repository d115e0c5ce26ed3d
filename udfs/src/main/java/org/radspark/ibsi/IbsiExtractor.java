package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.List;
import org.radspark.image.Image;
import org.radspark.image.Mask;

/**
 * IBSI mode (IBSI-1 manual chapters 2 and 3): image processing by {@link IbsiPreprocessor}, then
 * morphology, local intensity, intensity-based statistics, intensity histogram, intensity-volume
 * histogram and the texture families, each at the aggregation labels of the IBSI reference tables.
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

    /** The families on an already processed ROI. */
    public List<IbsiValue> run(IbsiRoi roi, IbsiConfig config) {
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
}
