package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.List;

/**
 * Default {@link IbsiTextureFamilies}: the place where the texture families of package
 * org.radspark.ibsi.texture are called by class name. Until they are merged it computes nothing.
 * Integrator: add, in this order,
 * <pre>
 * out.addAll(org.radspark.ibsi.texture.GlcmFamily.compute(volume));
 * out.addAll(org.radspark.ibsi.texture.GlrlmFamily.compute(volume));
 * out.addAll(org.radspark.ibsi.texture.GlszmFamily.compute(volume));
 * out.addAll(org.radspark.ibsi.texture.GldzmFamily.compute(volume, morphologicalRoi));
 * out.addAll(org.radspark.ibsi.texture.NgtdmFamily.compute(volume));
 * out.addAll(org.radspark.ibsi.texture.NgldmFamily.compute(volume));
 * </pre>
 * and, when {@code twoD}, drop the values whose aggregation starts with "3D".
 */
public final class TextureFamiliesRegistry implements IbsiTextureFamilies {

    @Override
    public List<IbsiValue> compute(IbsiVolume volume, byte[] morphologicalRoi, boolean twoD) {
        List<IbsiValue> out = new ArrayList<>();
        if (twoD) {
            out.removeIf(v -> v.aggregation().startsWith("3D"));
        }
        return out;
    }
}
