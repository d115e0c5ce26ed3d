package org.radspark.ibsi2;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Builds an IBSI-2 filter from an {@code ibsi2:} YAML block. Keys (lengths in mm):
 * <pre>
 * ibsi2:
 *   filter: none | mean | log | laws | gabor | wavelet | simoncelli
 *   dimensions: 3            # 3 = volumetric (default); 2 = slice by slice in the axial plane
 *   boundary: zero | nearest | periodic | mirror   (default mirror)
 *   # none:       no parameters; the response map is the image itself (IBSI-2 phase 2, ids 1.A/1.B)
 *   # mean:       support (odd number of voxels)
 *   # log:        sigma, truncate (default 4)
 *   # laws:       kernel (e.g. L5E5W5), rotationInvariant, pooling, energyDistance (omit: no energy map)
 *   # gabor:      sigma, lambda, gamma, theta (deg, default 0), rotationInvariant, thetaStep (deg), pooling,
 *   #             truncate (default 4); dimensions 3 = the three orthogonal planes
 *   # wavelet:    wavelet (haar | db2 | db3 | coif1), subBand (e.g. LHL), level (default 1),
 *   #             rotationInvariant, pooling (default average)
 *   # simoncelli: level (default 1)
 * </pre>
 * Unknown keys are errors, so a misspelt parameter is never silently ignored. A file may also hold an
 * {@code ibsi:} block (an IBSI-2 phase-2 parameter file, read by {@code org.radspark.ibsi.IbsiConfig});
 * {@link #fromYaml} ignores it and builds the filter only.
 */
public final class Ibsi2FilterConfig {
    private Ibsi2FilterConfig() {
    }

    /** Parses YAML text holding a top-level {@code ibsi2:} mapping (and optionally an {@code ibsi:} block). */
    public static ConvolutionalFilter fromYaml(String text) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map) || !(((Map<?, ?>) root).get("ibsi2") instanceof Map)) {
            throw new IllegalArgumentException("the file needs a top-level 'ibsi2:' mapping");
        }
        for (Object key : ((Map<?, ?>) root).keySet()) {
            if (!"ibsi2".equals(key) && !"ibsi".equals(key)) {
                throw new IllegalArgumentException("only the 'ibsi2:' and 'ibsi:' blocks are allowed at top level, found "
                    + ((Map<?, ?>) root).keySet());
            }
        }
        return fromMap((Map<?, ?>) ((Map<?, ?>) root).get("ibsi2"));
    }

    /** Builds the filter described by the contents of an {@code ibsi2:} block. */
    public static ConvolutionalFilter fromMap(Map<?, ?> block) {
        Block b = new Block(block);
        String type = b.string("filter", null).toLowerCase(Locale.ROOT);
        int dims = b.integer("dimensions", 3);
        BoundaryCondition bc = BoundaryCondition.parse(b.string("boundary", "mirror"));
        ConvolutionalFilter f;
        switch (type) {
            case "none":
                f = new IdentityFilter();
                break;
            case "mean":
                f = new MeanFilter(b.integer("support", null), dims, bc);
                break;
            case "log":
                f = new LaplacianOfGaussianFilter(b.number("sigma", null), b.number("truncate", 4.0), dims, bc);
                break;
            case "laws":
                f = new LawsFilter(b.string("kernel", null), dims, b.bool("rotationInvariant", false),
                    Pooling.parse(b.string("pooling", "max")), b.integer("energyDistance", -1), bc);
                break;
            case "gabor": {
                boolean ri = b.bool("rotationInvariant", false);
                f = new GaborFilter(b.number("sigma", null), b.number("lambda", null), b.number("gamma", 1.0),
                    b.number("theta", 0.0), ri, b.number("thetaStep", ri ? null : 360.0),
                    Pooling.parse(b.string("pooling", "average")), dims == 3, b.number("truncate", 4.0), bc);
                break;
            }
            case "wavelet":
                f = new SeparableWaveletFilter(WaveletFamily.parse(b.string("wavelet", null)),
                    b.string("subBand", null), b.integer("level", 1), dims, b.bool("rotationInvariant", false),
                    Pooling.parse(b.string("pooling", "average")), bc);
                break;
            case "simoncelli":
                f = new NonSeparableWaveletFilter(b.integer("level", 1), dims, bc);
                break;
            default:
                throw new IllegalArgumentException("unknown filter '" + type
                    + "' (expected none, mean, log, laws, gabor, wavelet or simoncelli)");
        }
        b.checkAllUsed(type);
        return f;
    }

    /** Typed access to the block that remembers which keys were read. */
    private static final class Block {
        private final Map<?, ?> map;
        private final Set<String> used = new LinkedHashSet<>();

        Block(Map<?, ?> map) {
            this.map = map;
        }

        private Object get(String key, Object fallback) {
            used.add(key);
            Object v = map.get(key);
            if (v == null) {
                if (fallback == null) {
                    throw new IllegalArgumentException("ibsi2: missing required key '" + key + "'");
                }
                return fallback;
            }
            return v;
        }

        String string(String key, String fallback) {
            Object v = get(key, fallback);
            if (v instanceof Map || v instanceof List) {
                throw new IllegalArgumentException("ibsi2: '" + key + "' must be a single value");
            }
            return String.valueOf(v);
        }

        double number(String key, Double fallback) {
            Object v = get(key, fallback);
            if (!(v instanceof Number)) {
                throw new IllegalArgumentException("ibsi2: '" + key + "' must be a number, got '" + v + "'");
            }
            return ((Number) v).doubleValue();
        }

        int integer(String key, Integer fallback) {
            Object v = get(key, fallback);
            if (!(v instanceof Integer)) {
                throw new IllegalArgumentException("ibsi2: '" + key + "' must be an integer, got '" + v + "'");
            }
            return (Integer) v;
        }

        boolean bool(String key, boolean fallback) {
            Object v = get(key, fallback);
            if (!(v instanceof Boolean)) {
                throw new IllegalArgumentException("ibsi2: '" + key + "' must be true or false, got '" + v + "'");
            }
            return (Boolean) v;
        }

        void checkAllUsed(String type) {
            for (Object k : map.keySet()) {
                if (!used.contains(String.valueOf(k))) {
                    throw new IllegalArgumentException("ibsi2: key '" + k + "' does not apply to filter '" + type + "'");
                }
            }
        }
    }
}
