package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.List;
import org.radspark.ibsi.texture.GlcmFamily;
import org.radspark.ibsi.texture.GldzmFamily;
import org.radspark.ibsi.texture.GlrlmFamily;
import org.radspark.ibsi.texture.GlszmFamily;
import org.radspark.ibsi.texture.NgldmFamily;
import org.radspark.ibsi.texture.NgtdmFamily;

/**
 * The IBSI texture families of package org.radspark.ibsi.texture in the IBSI manual's order; in
 * slice-wise (2D) configurations the 3D aggregations are left out.
 */
public final class TextureFamiliesRegistry implements IbsiTextureFamilies {

    @Override
    public List<IbsiValue> compute(IbsiVolume volume, byte[] morphologicalRoi, boolean twoD) {
        List<IbsiValue> out = new ArrayList<>();
        out.addAll(GlcmFamily.compute(volume));
        out.addAll(GlrlmFamily.compute(volume));
        out.addAll(GlszmFamily.compute(volume));
        out.addAll(GldzmFamily.compute(volume, morphologicalRoi));
        out.addAll(NgtdmFamily.compute(volume));
        out.addAll(NgldmFamily.compute(volume));
        if (twoD) {
            out.removeIf(v -> v.aggregation().startsWith("3D"));
        }
        return out;
    }
}
