package org.radspark.ibsi.texture;

import java.util.ArrayList;
import java.util.List;

import org.radspark.ibsi.IbsiValue;
import org.radspark.ibsi.IbsiVolume;

/** IBSI-1 grey level size zone matrix family (manual section "Grey level size zone based features", 9SAK). */
public final class GlszmFamily {
    public static final String FAMILY = "grey level size zone matrix (GLSZM)";

    static final String[] NAMES = {
        "Small zone emphasis", "Large zone emphasis",
        "Low grey level zone emphasis", "High grey level zone emphasis",
        "Small zone low grey level emphasis", "Small zone high grey level emphasis",
        "Large zone low grey level emphasis", "Large zone high grey level emphasis",
        "Grey level non-uniformity", "Normalised grey level non-uniformity",
        "Zone size non-uniformity", "Normalised zone size non-uniformity",
        "Zone percentage", "Grey level variance", "Zone size variance", "Zone size entropy",
    };
    static final String[] CODES = {
        "5QRC", "48P8", "XMSY", "5GN9", "5RAI", "HW1V", "YH51", "J17V",
        "JNSA", "Y1RO", "4JP3", "VB3A", "P30P", "BYLV", "3NSA", "GU8N",
    };

    private GlszmFamily() {
    }

    /**
     * All 16 GLSZM features at "2D" (per-slice 8-connected zones, features averaged over slices),
     * "2.5D" (per-slice matrices summed) and "3D" (26-connected zones).
     */
    public static List<IbsiValue> compute(IbsiVolume v) {
        TextureSupport.checkLevels(v);
        double[][] f = Zones.aggregate(v, null, null);
        List<IbsiValue> out = new ArrayList<>(NAMES.length * 3);
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_2D, f[0]);
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_25D, f[1]);
        TextureSupport.emit(out, FAMILY, NAMES, CODES, TextureSupport.AGG_3D, f[2]);
        return out;
    }
}
