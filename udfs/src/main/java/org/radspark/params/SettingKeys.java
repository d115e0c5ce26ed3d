package org.radspark.params;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of pyradiomics' "setting" block with their types and ranges (pyradiomics
 * schemas/paramSchema.yaml), and how each is applied to {@link ExtractionSettings}. Every key is
 * validated before it is applied, so an invalid value never half-configures an extraction.
 */
final class SettingKeys {

    /** Validates a raw YAML value and stores it; throws IllegalArgumentException with the reason. */
    interface Setter {
        void apply(ExtractionSettings s, Object value);
    }

    static final Set<String> INTERPOLATORS = Set.of("sitkNearestNeighbor", "sitkLinear", "sitkBSpline",
        "sitkGaussian", "sitkLabelGaussian", "sitkHammingWindowedSinc", "sitkCosineWindowedSinc",
        "sitkWelchWindowedSinc", "sitkLanczosWindowedSinc", "sitkBlackmanWindowedSinc");
    /** SimpleITK's integer codes for the interpolators above, as pyradiomics also accepts them. */
    private static final String[] INTERPOLATOR_CODES = {null, "sitkNearestNeighbor", "sitkLinear", "sitkBSpline",
        "sitkGaussian", "sitkLabelGaussian", "sitkHammingWindowedSinc", "sitkCosineWindowedSinc",
        "sitkWelchWindowedSinc", "sitkLanczosWindowedSinc", "sitkBlackmanWindowedSinc"};
    static final Set<String> WEIGHTING_NORMS = Set.of("manhattan", "euclidean", "infinity", "no_weighting");

    private static final Map<String, Setter> SETTERS = new LinkedHashMap<>();

    static {
        SETTERS.put("minimumROIDimensions", (s, v) -> s.minimumROIDimensions = intIn(v, 1, 3));
        SETTERS.put("minimumROISize", (s, v) -> s.minimumROISize = v == null ? null : intAbove(v, 0));
        SETTERS.put("geometryTolerance", (s, v) -> s.geometryTolerance = v == null ? null : floatAbove(v, 0));
        SETTERS.put("correctMask", (s, v) -> s.correctMask = bool(v));
        SETTERS.put("additionalInfo", (s, v) -> s.additionalInfo = bool(v));
        SETTERS.put("label", (s, v) -> s.label = intAbove(v, 0));
        SETTERS.put("label_channel", (s, v) -> s.labelChannel = v == null ? null : intAtLeast(v, 0));
        SETTERS.put("binWidth", (s, v) -> s.binWidth = v == null ? null : floatAbove(v, 0));
        SETTERS.put("binCount", (s, v) -> s.binCount = v == null ? null : intAbove(v, 0));
        SETTERS.put("normalize", (s, v) -> s.normalize = bool(v));
        SETTERS.put("normalizeScale", (s, v) -> s.normalizeScale = floatAbove(v, 0));
        SETTERS.put("removeOutliers", (s, v) -> s.removeOutliers = v == null ? null : floatAbove(v, 0));
        SETTERS.put("resampledPixelSpacing", (s, v) -> s.resampledPixelSpacing = v == null ? null : spacing(v));
        SETTERS.put("interpolator", (s, v) -> s.interpolator = v == null ? null : interpolator(v));
        SETTERS.put("padDistance", (s, v) -> s.padDistance = intAtLeast(v, 0));
        SETTERS.put("distances", (s, v) -> s.distances = positiveInts(v));
        SETTERS.put("force2D", (s, v) -> s.force2D = bool(v));
        SETTERS.put("force2Ddimension", (s, v) -> s.force2Ddimension = intIn(v, 0, 2));
        SETTERS.put("resegmentRange", (s, v) -> s.resegmentRange = v == null ? null : resegmentRange(v));
        SETTERS.put("resegmentMode", (s, v) -> s.resegmentMode = oneOf(v, List.of("absolute", "relative", "sigma")));
        SETTERS.put("resegmentShape", (s, v) -> s.resegmentShape = bool(v));
        SETTERS.put("preCrop", (s, v) -> s.preCrop = bool(v));
        SETTERS.put("sigma", (s, v) -> {
            s.sigma = positiveFloats(v);
            s.sigmaText = pythonStrings(v);
        });
        SETTERS.put("start_level", (s, v) -> s.start_level = intAtLeast(v, 0));
        SETTERS.put("level", (s, v) -> s.level = intAbove(v, 0));
        SETTERS.put("wavelet", (s, v) -> s.wavelet = string(v));
        SETTERS.put("gradientUseSpacing", (s, v) -> s.gradientUseSpacing = bool(v));
        SETTERS.put("lbp2DRadius", (s, v) -> s.lbp2DRadius = floatAbove(v, 0));
        SETTERS.put("lbp2DSamples", (s, v) -> s.lbp2DSamples = intAtLeast(v, 1));
        SETTERS.put("lbp2DMethod", (s, v) -> s.lbp2DMethod = oneOf(v, List.of("default", "ror", "uniform", "var")));
        SETTERS.put("lbp3DLevels", (s, v) -> s.lbp3DLevels = intAtLeast(v, 1));
        SETTERS.put("lbp3DIcosphereRadius", (s, v) -> s.lbp3DIcosphereRadius = floatAbove(v, 0));
        SETTERS.put("lbp3DIcosphereSubdivision", (s, v) -> s.lbp3DIcosphereSubdivision = intAtLeast(v, 0));
        SETTERS.put("voxelArrayShift", (s, v) -> s.voxelArrayShift = number(v));
        SETTERS.put("symmetricalGLCM", (s, v) -> s.symmetricalGLCM = bool(v));
        SETTERS.put("weightingNorm", (s, v) -> s.weightingNorm = v == null ? null : oneOf(v, List.copyOf(WEIGHTING_NORMS)));
        SETTERS.put("gldm_a", (s, v) -> s.gldm_a = intAtLeast(v, 0));
        SETTERS.put("n4BiasCorrection", (s, v) -> s.n4BiasCorrection = bool(v));
        for (String key : new String[] {"n4ShrinkFactor", "n4Iterations", "n4ConvergenceThreshold", "n4SplineOrder",
            "n4ControlPoints", "n4Mask", "n4WienerNoise", "n4BiasFieldFwhm", "n4HistogramBins"}) {
            SETTERS.put(key, (s, v) -> {
                java.util.Map<String, Object> trial = new java.util.LinkedHashMap<>(s.n4);
                trial.put(key, v);
                org.radspark.preprocess.n4.N4Settings.fromMap(trial); // validates the value
                s.n4 = trial;
            });
        }
    }

    private SettingKeys() {
    }

    static Set<String> names() {
        return Collections.unmodifiableSet(SETTERS.keySet());
    }

    /** The known setting closest to a misspelt one (same letters ignoring case, or at most 2 edits), or null. */
    static String closest(String key) {
        String best = null;
        int bestDistance = 3;
        for (String k : SETTERS.keySet()) {
            int d = k.equalsIgnoreCase(key) ? 0 : editDistance(k.toLowerCase(java.util.Locale.ROOT),
                key.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance (insertions, deletions, substitutions; a transposition counts as 2). */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1),
                    prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static Setter setter(String key) {
        return SETTERS.get(key);
    }

    // ---- value checks; messages describe the expected value

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected true or false, got " + show(v));
    }

    private static double number(Object v) {
        if (v instanceof Number n && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("expected a number, got " + show(v));
    }

    private static int integer(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            long l = ((Number) v).longValue();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) l;
            }
        }
        throw new IllegalArgumentException("expected an integer, got " + show(v));
    }

    private static int intIn(Object v, int min, int max) {
        int i = integer(v);
        if (i < min || i > max) {
            throw new IllegalArgumentException("expected an integer from " + min + " to " + max + ", got " + i);
        }
        return i;
    }

    private static int intAbove(Object v, int exclusiveMin) {
        int i = integer(v);
        if (i <= exclusiveMin) {
            throw new IllegalArgumentException("expected an integer greater than " + exclusiveMin + ", got " + i);
        }
        return i;
    }

    private static int intAtLeast(Object v, int min) {
        int i = integer(v);
        if (i < min) {
            throw new IllegalArgumentException("expected an integer of at least " + min + ", got " + i);
        }
        return i;
    }

    private static double floatAbove(Object v, double exclusiveMin) {
        double d = number(v);
        if (!(d > exclusiveMin)) {
            throw new IllegalArgumentException("expected a number greater than " + fmt(exclusiveMin) + ", got " + show(v));
        }
        return d;
    }

    private static String string(Object v) {
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException("expected a text value, got " + show(v));
    }

    private static String oneOf(Object v, List<String> allowed) {
        if (v instanceof String s && allowed.contains(s)) {
            return s;
        }
        throw new IllegalArgumentException("expected one of " + allowed + ", got " + show(v));
    }

    private static List<?> list(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("expected a list, got " + show(v));
    }

    private static double[] spacing(Object v) {
        List<?> l = list(v);
        if (l.size() != 3) {
            throw new IllegalArgumentException("expected 3 spacings (x, y, z), got " + l.size());
        }
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = number(l.get(i));
            if (out[i] < 0) {
                throw new IllegalArgumentException("spacings must be 0 (keep) or positive, got " + show(l.get(i)));
            }
        }
        return out;
    }

    private static double[] resegmentRange(Object v) {
        List<?> l = list(v);
        if (l.isEmpty() || l.size() > 2) {
            throw new IllegalArgumentException("expected 1 or 2 thresholds, got " + l.size());
        }
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(l.get(i));
        }
        return out;
    }

    private static int[] positiveInts(Object v) {
        List<?> l = list(v);
        if (l.isEmpty()) {
            throw new IllegalArgumentException("expected at least one distance");
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = intAbove(l.get(i), 0);
        }
        return out;
    }

    private static double[] positiveFloats(Object v) {
        List<?> l = list(v);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = floatAbove(l.get(i), 0);
        }
        return out;
    }

    /** Python's str() of each YAML number: integers as written, floats as repr (shortest round-trip digits). */
    private static String[] pythonStrings(Object v) {
        List<?> l = list(v);
        String[] out = new String[l.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = l.get(i);
            out[i] = o instanceof Double || o instanceof Float ? pythonFloatRepr(((Number) o).doubleValue())
                : String.valueOf(o);
        }
        return out;
    }

    /**
     * Python's repr of a finite double: the shortest decimal that reads back as the same double, written
     * plainly (with ".0" when integral) for decimal exponents -4..15 and as d.ddde+XX otherwise.
     */
    static String pythonFloatRepr(double x) {
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(x);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == x) {
                shortest = r;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = x < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.abs().toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        int e = Math.abs(exponent);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
    }

    private static String interpolator(Object v) {
        if (v instanceof String s && INTERPOLATORS.contains(s)) {
            return s;
        }
        if (v instanceof Integer i && i >= 1 && i < INTERPOLATOR_CODES.length) {
            return INTERPOLATOR_CODES[i];
        }
        List<String> sorted = new ArrayList<>(INTERPOLATORS);
        Collections.sort(sorted);
        throw new IllegalArgumentException("expected one of " + sorted + " or its SimpleITK code 1-10, got " + show(v));
    }

    private static String show(Object v) {
        return v instanceof String ? "'" + v + "'" : String.valueOf(v);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
