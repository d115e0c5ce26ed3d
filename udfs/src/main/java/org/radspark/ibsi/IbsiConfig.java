package org.radspark.ibsi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.radspark.ibsi2.ConvolutionalFilter;
import org.radspark.ibsi2.Ibsi2FilterConfig;
import org.radspark.params.ParameterException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * IBSI-mode settings (IBSI-1 manual chapter 2, "Image processing", and the reference configurations
 * of chapter 5), read from the {@code ibsi:} block of a parameter file. Every IBSI-1 configuration
 * (digital phantom, CT configurations A to E) can be written with these keys:
 *
 * <pre>
 * ibsi:
 *   dimensions: 2D | 3D                  # 2D: in-plane interpolation, slice-wise texture
 *   interpolation:                       # absent or method: none = no interpolation
 *     spacing: [2, 2, 2]                 # mm along x, y, z; in 2D give [x, y] (z is kept)
 *     method: trilinear | tricubic | nearest | none   # image
 *     maskMethod: trilinear | nearest    # ROI; default trilinear
 *     partialVolumeThreshold: 0.5        # ROI voxel kept when interpolated value &gt;= threshold
 *     grid: center                       # IBSI "align grid centres" (the only grid supported)
 *   roundIntensities: true               # round to the nearest integer after interpolation (CT)
 *   resegmentation:
 *     range: [-500, 400]                 # inclusive; use .inf / -.inf (or null) for an open side
 *     outliers: false                    # mean +- outlierSigma * SD filtering, after the range
 *     outlierSigma: 3
 *   discretisation:                      # texture families and intensity histogram
 *     method: fixedBinSize | fixedBinNumber | none
 *     binSize: 25                        # FBS bin width
 *     minimum: -500                      # FBS lower bound; default: re-segmentation range lower bound, else ROI minimum
 *     binNumber: 32                      # FBN bin count
 *   ivh:                                 # intensity-volume histogram, its own discretisation
 *     method: none | fixedBinSize | fixedBinNumber
 *     binSize: 1                         # for none: the intensity step w; for FBS: the bin width
 *     binNumber: 1000
 *     range: [-500, 400]                 # total range G for none / FBS; default re-segmentation range, else ROI min/max
 * </pre>
 *
 * <p>IBSI-2 phase 2: a parameter file may add an {@code ibsi2:} block next to {@code ibsi:} (keys as in
 * {@link Ibsi2FilterConfig}). The filter is then applied to the processed image (after interpolation and
 * rounding) and only the intensity-based statistics of the response map are computed, over the
 * re-segmented ROI; {@code discretisation} and {@code ivh} do not apply and are rejected.
 *
 * @param filter the {@code ibsi2:} filter, or null (IBSI-1 mode: every family on the processed image)
 */
public record IbsiConfig(
    boolean twoD,
    Interpolation interpolation,
    boolean roundIntensities,
    Resegmentation resegmentation,
    Discretisation discretisation,
    Ivh ivh,
    ConvolutionalFilter filter) {

    /** An IBSI-1 configuration (no filter). */
    public IbsiConfig(boolean twoD, Interpolation interpolation, boolean roundIntensities,
                      Resegmentation resegmentation, Discretisation discretisation, Ivh ivh) {
        this(twoD, interpolation, roundIntensities, resegmentation, discretisation, ivh, null);
    }

    /** True when an {@code ibsi2:} filter is configured (IBSI-2 phase-2 mode). */
    public boolean hasFilter() {
        return filter != null;
    }

    /** Intensity or mask interpolation method. */
    public enum Method { NONE, NEAREST, TRILINEAR, TRICUBIC }

    /** Discretisation method. */
    public enum Binning { NONE, FIXED_BIN_SIZE, FIXED_BIN_NUMBER }

    /** Spacing per axis (x, y, z); NaN keeps the axis as it is. */
    public record Interpolation(double[] spacing, Method imageMethod, Method maskMethod,
                                double partialVolumeThreshold) {
        public boolean enabled() {
            return imageMethod != Method.NONE;
        }
    }

    /** Inclusive range (infinite for an open side) and optional outlier filtering. */
    public record Resegmentation(double lower, double upper, boolean outliers, double outlierSigma) {
        public boolean hasRange() {
            return !Double.isInfinite(lower) || !Double.isInfinite(upper);
        }
    }

    /** binSize, minimum (NaN = default) for FBS; binNumber for FBN. */
    public record Discretisation(Binning method, double binSize, int binNumber, double minimum) {
    }

    /** IVH discretisation: method, bin size (or intensity step for NONE), bin number, total range (NaN = default). */
    public record Ivh(Binning method, double binSize, int binNumber, double lower, double upper) {
    }

    public static final Resegmentation NO_RESEGMENTATION =
        new Resegmentation(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, 3);
    public static final Interpolation NO_INTERPOLATION =
        new Interpolation(new double[] {Double.NaN, Double.NaN, Double.NaN}, Method.NONE, Method.NONE, 0.5);

    private static final Set<String> TOP_KEYS = Set.of("dimensions", "interpolation", "roundIntensities",
        "resegmentation", "discretisation", "ivh");

    /**
     * Reads a whole parameter file (YAML, SnakeYAML SafeConstructor) and parses its {@code ibsi} block and,
     * when present, its {@code ibsi2} filter block. Returns null when the file has no {@code ibsi} block
     * (IBSI mode off; a file with only an {@code ibsi2} block describes a filter for {@code radspark filter}).
     */
    public static IbsiConfig fromYaml(String text, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
            throw new ParameterException(source + ": not valid YAML (" + m + ")");
        }
        if (root == null) {
            return null;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ParameterException(source + ": the parameter file must be a mapping");
        }
        if (!map.containsKey("ibsi")) {
            return null;
        }
        Object block = map.get("ibsi");
        if (!(block instanceof Map<?, ?> b)) {
            throw new ParameterException(source + ": 'ibsi' must be a mapping, got " + describe(block));
        }
        if (map.containsKey("ibsi2") && !(map.get("ibsi2") instanceof Map)) {
            throw new ParameterException(source + ": 'ibsi2' must be a mapping, got " + describe(map.get("ibsi2")));
        }
        return parse(b, map.get("ibsi2"), source);
    }

    /** Parses the contents of an {@code ibsi:} block; {@code source} names the file in error messages. */
    public static IbsiConfig parse(Map<?, ?> block, String source) {
        return parseBlock(block, null, source);
    }

    /**
     * Parses an {@code ibsi:} block together with the contents of an {@code ibsi2:} filter block (null when
     * the file has none).
     */
    public static IbsiConfig parse(Map<?, ?> block, Object filterBlock, String source) {
        ConvolutionalFilter filter = filterBlock == null ? null : filter(filterBlock, source);
        return parseBlock(block, filter, source);
    }

    /** Builds the filter of an {@code ibsi2:} block, reporting problems as ParameterException naming the file. */
    public static ConvolutionalFilter filter(Object filterBlock, String source) {
        if (!(filterBlock instanceof Map<?, ?> fm)) {
            throw new ParameterException(source + ": 'ibsi2' must be a mapping, got " + describe(filterBlock));
        }
        try {
            return Ibsi2FilterConfig.fromMap(fm);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(source + ": " + e.getMessage());
        }
    }

    private static IbsiConfig parseBlock(Map<?, ?> block, ConvolutionalFilter filter, String source) {
        Reader r = new Reader(source, "ibsi");
        r.checkKeys(block, TOP_KEYS);
        String dim = r.string(block, "dimensions", "3D").toUpperCase(Locale.ROOT);
        boolean twoD;
        if (dim.equals("2D")) {
            twoD = true;
        } else if (dim.equals("3D")) {
            twoD = false;
        } else {
            throw r.error("dimensions", "must be 2D or 3D, got '" + dim + "'");
        }
        Interpolation interp = NO_INTERPOLATION;
        if (block.get("interpolation") != null) {
            interp = parseInterpolation(r.map(block, "interpolation"), r.child("interpolation"), twoD);
        }
        boolean round = r.bool(block, "roundIntensities", false);
        Resegmentation reseg = NO_RESEGMENTATION;
        if (block.get("resegmentation") != null) {
            Reader rr = r.child("resegmentation");
            Map<?, ?> m = r.map(block, "resegmentation");
            rr.checkKeys(m, Set.of("range", "outliers", "outlierSigma"));
            double[] range = rr.range(m, "range");
            boolean outliers = rr.bool(m, "outliers", false);
            double sigma = rr.number(m, "outlierSigma", 3);
            if (!(sigma > 0)) {
                throw rr.error("outlierSigma", "must be positive, got " + sigma);
            }
            reseg = new Resegmentation(range == null ? Double.NEGATIVE_INFINITY : range[0],
                range == null ? Double.POSITIVE_INFINITY : range[1], outliers, sigma);
        }
        if (filter != null) {
            for (String key : List.of("discretisation", "ivh")) {
                if (block.containsKey(key)) {
                    throw r.error(key, "does not apply with an ibsi2: filter (only the intensity-based statistics"
                        + " of the response map are computed, without discretisation)");
                }
            }
            return new IbsiConfig(twoD, interp, round, reseg, new Discretisation(Binning.NONE, Double.NaN, 0,
                Double.NaN), new Ivh(Binning.NONE, 1, 0, Double.NaN, Double.NaN), filter);
        }
        if (block.get("discretisation") == null) {
            throw r.error("discretisation", "is required (method: fixedBinSize, fixedBinNumber or none)");
        }
        Reader rd = r.child("discretisation");
        Map<?, ?> dm = r.map(block, "discretisation");
        rd.checkKeys(dm, Set.of("method", "binSize", "binNumber", "minimum"));
        Binning dMethod = binning(rd, rd.string(dm, "method", null));
        double binSize = rd.number(dm, "binSize", Double.NaN);
        int binNumber = (int) rd.integer(dm, "binNumber", 0);
        double minimum = rd.number(dm, "minimum", Double.NaN);
        if (dMethod == Binning.FIXED_BIN_SIZE && !(binSize > 0)) {
            throw rd.error("binSize", "must be a positive number for fixedBinSize");
        }
        if (dMethod == Binning.FIXED_BIN_NUMBER && binNumber < 1) {
            throw rd.error("binNumber", "must be a positive integer for fixedBinNumber");
        }
        Discretisation disc = new Discretisation(dMethod, binSize, binNumber, minimum);

        Ivh ivh = new Ivh(Binning.NONE, 1, 0, Double.NaN, Double.NaN);
        if (block.get("ivh") != null) {
            Reader ri = r.child("ivh");
            Map<?, ?> im = r.map(block, "ivh");
            ri.checkKeys(im, Set.of("method", "binSize", "binNumber", "range"));
            Binning iMethod = binning(ri, ri.string(im, "method", "none"));
            double iSize = ri.number(im, "binSize", 1);
            int iNumber = (int) ri.integer(im, "binNumber", 1000);
            double[] range = ri.range(im, "range");
            if (!(iSize > 0)) {
                throw ri.error("binSize", "must be positive");
            }
            if (iMethod == Binning.FIXED_BIN_NUMBER && iNumber < 2) {
                throw ri.error("binNumber", "must be at least 2 for fixedBinNumber");
            }
            if (range != null && (Double.isInfinite(range[0]) || Double.isInfinite(range[1]))) {
                throw ri.error("range", "must be finite");
            }
            ivh = new Ivh(iMethod, iSize, iNumber, range == null ? Double.NaN : range[0],
                range == null ? Double.NaN : range[1]);
        }
        return new IbsiConfig(twoD, interp, round, reseg, disc, ivh);
    }

    private static Interpolation parseInterpolation(Map<?, ?> m, Reader r, boolean twoD) {
        r.checkKeys(m, Set.of("spacing", "method", "maskMethod", "partialVolumeThreshold", "grid"));
        Method image = method(r, "method", r.string(m, "method", "trilinear"));
        if (image == Method.NONE) {
            return NO_INTERPOLATION;
        }
        Method mask = method(r, "maskMethod", r.string(m, "maskMethod", "trilinear"));
        if (mask == Method.NONE || mask == Method.TRICUBIC) {
            throw r.error("maskMethod", "must be trilinear or nearest");
        }
        String grid = r.string(m, "grid", "center");
        if (!grid.equalsIgnoreCase("center") && !grid.equalsIgnoreCase("centre")) {
            throw r.error("grid", "only 'center' (IBSI align grid centres) is supported, got '" + grid + "'");
        }
        double pv = r.number(m, "partialVolumeThreshold", 0.5);
        if (!(pv > 0 && pv <= 1)) {
            throw r.error("partialVolumeThreshold", "must be in (0, 1], got " + pv);
        }
        Object s = m.get("spacing");
        if (!(s instanceof List<?> list) || list.isEmpty()) {
            throw r.error("spacing", "must be a list of voxel spacings in mm, e.g. [2, 2, 2]");
        }
        if (list.size() > 3 || (!twoD && list.size() != 3) || (twoD && list.size() < 2)) {
            throw r.error("spacing", twoD ? "needs [x, y] (2D interpolates in-plane only)" : "needs [x, y, z]");
        }
        double[] spacing = {Double.NaN, Double.NaN, Double.NaN};
        for (int a = 0; a < list.size(); a++) {
            Object v = list.get(a);
            if (v == null) {
                continue;
            }
            if (!(v instanceof Number n) || !(n.doubleValue() > 0)) {
                throw r.error("spacing", "element " + a + " must be a positive number or null, got " + describe(v));
            }
            if (twoD && a == 2) {
                throw r.error("spacing", "2D interpolation is in-plane only: give [x, y] or [x, y, null]");
            }
            spacing[a] = n.doubleValue();
        }
        return new Interpolation(spacing, image, mask, pv);
    }

    private static Method method(Reader r, String key, String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "none": return Method.NONE;
            case "nearest": case "nearestneighbour": case "nearestneighbor": return Method.NEAREST;
            case "trilinear": case "linear": case "bilinear": return Method.TRILINEAR;
            case "tricubic": case "bspline": case "tricubicspline": case "cubic": return Method.TRICUBIC;
            default: throw r.error(key, "must be none, nearest, trilinear or tricubic, got '" + s + "'");
        }
    }

    private static Binning binning(Reader r, String s) {
        if (s == null) {
            throw r.error("method", "is required (fixedBinSize, fixedBinNumber or none)");
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "none": return Binning.NONE;
            case "fixedbinsize": case "fbs": return Binning.FIXED_BIN_SIZE;
            case "fixedbinnumber": case "fbn": return Binning.FIXED_BIN_NUMBER;
            default: throw r.error("method", "must be fixedBinSize, fixedBinNumber or none, got '" + s + "'");
        }
    }

    static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + " '" + v + "'";
    }

    /** A human-readable summary (for reports). */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimensions", twoD ? "2D" : "3D");
        m.put("interpolation", interpolation.enabled()
            ? interpolation.imageMethod() + " " + java.util.Arrays.toString(interpolation.spacing())
                + " mask " + interpolation.maskMethod() + " >= " + interpolation.partialVolumeThreshold()
            : "none");
        m.put("roundIntensities", roundIntensities);
        m.put("resegmentation", "[" + resegmentation.lower() + ", " + resegmentation.upper() + "]"
            + (resegmentation.outliers() ? " + outliers " + resegmentation.outlierSigma() + " SD" : ""));
        if (filter != null) {
            m.put("filter", filter.describe());
        } else {
            m.put("discretisation", discretisation);
            m.put("ivh", ivh);
        }
        return m;
    }

    /** Key-path-aware accessors that throw ParameterException naming the file and the key. */
    private static final class Reader {
        final String source;
        final String path;

        Reader(String source, String path) {
            this.source = source;
            this.path = path;
        }

        Reader child(String key) {
            return new Reader(source, path + "." + key);
        }

        ParameterException error(String key, String message) {
            return new ParameterException(source + ": " + path + "." + key + " " + message);
        }

        void checkKeys(Map<?, ?> m, Set<String> allowed) {
            List<String> unknown = new ArrayList<>();
            for (Object k : m.keySet()) {
                if (!(k instanceof String s) || !allowed.contains(s)) {
                    unknown.add(String.valueOf(k));
                }
            }
            if (!unknown.isEmpty()) {
                throw new ParameterException(source + ": unknown key(s) " + unknown + " in " + path
                    + " (allowed: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }

        Map<?, ?> map(Map<?, ?> m, String key) {
            Object v = m.get(key);
            if (!(v instanceof Map<?, ?> mm)) {
                throw error(key, "must be a mapping, got " + describe(v));
            }
            return mm;
        }

        String string(Map<?, ?> m, String key, String dflt) {
            Object v = m.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof String s) {
                return s;
            }
            throw error(key, "must be a string, got " + describe(v));
        }

        boolean bool(Map<?, ?> m, String key, boolean dflt) {
            Object v = m.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw error(key, "must be true or false, got " + describe(v));
        }

        double number(Map<?, ?> m, String key, double dflt) {
            Object v = m.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw error(key, "must be a number, got " + describe(v));
        }

        long integer(Map<?, ?> m, String key, long dflt) {
            Object v = m.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof Integer || v instanceof Long) {
                return ((Number) v).longValue();
            }
            throw error(key, "must be an integer, got " + describe(v));
        }

        /** [lower, upper]; null elements mean an open side. Null when the key is absent. */
        double[] range(Map<?, ?> m, String key) {
            Object v = m.get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof List<?> l) || l.size() != 2) {
                throw error(key, "must be a list [lower, upper], got " + describe(v));
            }
            double[] out = new double[2];
            for (int i = 0; i < 2; i++) {
                Object e = l.get(i);
                if (e == null) {
                    out[i] = i == 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                } else if (e instanceof Number n && !Double.isNaN(n.doubleValue())) {
                    out[i] = n.doubleValue();
                } else {
                    throw error(key, "element " + i + " must be a number or null, got " + describe(e));
                }
            }
            if (out[0] > out[1]) {
                throw error(key, "lower bound " + out[0] + " is above upper bound " + out[1]);
            }
            return out;
        }
    }
}
