package org.radspark.ibsi.texture;

import java.util.ArrayList;
import java.util.List;

import org.radspark.ibsi.IbsiValue;
import org.radspark.ibsi.IbsiVolume;

/** IBSI-1 grey level distance zone matrix family (manual section "Grey level distance zone based features", VMDZ). */
public final class GldzmFamily {
    public static final String FAMILY = "grey level distance zone matrix (GLDZM)";

    static final String[] NAMES = {
        "Small distance emphasis", "Large distance emphasis",
        "Low grey level zone emphasis", "High grey level zone emphasis",
        "Small distance low grey level emphasis", "Small distance high grey level emphasis",
        "Large distance low grey level emphasis", "Large distance high grey level emphasis",
        "Grey level non-uniformity", "Normalised grey level non-uniformity",
        "Zone distance non-uniformity", "Normalised zone distance non-uniformity",
        "Zone percentage", "Grey level variance", "Zone distance variance", "Zone distance entropy",
    };
    static final String[] CODES = {
        "0GBI", "MB4I", "S1RA", "K26C", "RUVG", "DKNJ", "A7WM", "KLTH",
        "VFT7", "7HP3", "V294", "IATH", "VIWW", "QK93", "7WT1", "GBDU",
    };

    private GldzmFamily() {
    }

    /**
     * GLDZM with the border distance taken from the ROI of {@code v} itself. Correct only when the
     * intensity and morphological masks coincide (no re-segmentation, e.g. the digital phantom);
     * otherwise use {@link #compute(IbsiVolume, byte[])} with the morphological mask.
     */
    public static List<IbsiValue> compute(IbsiVolume v) {
        return compute(v, v.roi());
    }

    /**
     * All 16 GLDZM features at "2D", "2.5D" and "3D". Zones are linked as in the GLSZM (8-connected per
     * slice, 26-connected in 3D) on the intensity ROI of {@code v}; each zone's distance is the smallest
     * border distance of its voxels. IBSI measures that distance on the MORPHOLOGICAL mask (which is
     * never re-segmented), so {@code distanceMask} should be the morphological mask on the same grid:
     * the Manhattan distance to the nearest voxel outside it (or outside the image), 1 on the border,
     * computed within each slice (4-connected) for 2D/2.5D and in 3D (6-connected) for 3D.
     */
    public static List<IbsiValue> compute(IbsiVolume v, byte[] distanceMask) {
        TextureSupport.checkLevels(v);
        if (distanceMask.length != v.roi().length) {
            throw new IllegalArgumentException("distance mask does not match the volume grid");
        }
        for (int idx = 0; idx < distanceMask.length; idx++) {
            if (TextureSupport.inRoi(v, idx) && distanceMask[idx] == 0) {
                throw new IllegalArgumentException("intensity ROI voxel " + idx + " lies outside the distance mask");
            }
        }
        int[] inPlane = Zones.borderDistance(v.nx(), v.ny(), v.nz(), distanceMask, true);
        int[] volume = Zones.borderDistance(v.nx(), v.ny(), v.nz(), distanceMask, false);
        double[][] f = Zones.aggregate(v, inPlane, volume);
        List<IbsiValue> out = new ArrayList<>(NAMES.length * 3);
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_2D, f[0]);
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_25D, f[1]);
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_3D, f[2]);
        return out;
    }
}
