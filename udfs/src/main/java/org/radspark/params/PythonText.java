package org.radspark.params;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings written as pyradiomics writes them in its diagnostics: Python's repr of the settings dict
 * ({@code {'binWidth': 25, 'label': 1, 'interpolator': 'sitkBSpline', 'resampledPixelSpacing': None}}).
 */
public final class PythonText {
    private PythonText() {
    }

    /**
     * pyradiomics' diagnostics_Configuration_Settings: its default settings (featureextractor's
     * _getDefaultSettings, in that order) updated with the parameter file's setting: and voxelSetting:
     * blocks, and the label of this extraction.
     */
    public static String configurationSettings(ExtractionParams params, int label) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("minimumROIDimensions", 2);
        s.put("minimumROISize", null);
        s.put("normalize", false);
        s.put("normalizeScale", 1);
        s.put("removeOutliers", null);
        s.put("resampledPixelSpacing", null);
        s.put("interpolator", "sitkBSpline");
        s.put("preCrop", false);
        s.put("padDistance", 5);
        s.put("distances", List.of(1));
        s.put("force2D", false);
        s.put("force2Ddimension", 0);
        s.put("resegmentRange", null);
        s.put("label", 1);
        s.put("additionalInfo", true);
        s.putAll(params.settingsAsWritten());
        s.putAll(params.voxelSettings());
        s.put("label", label);
        return repr(s);
    }

    /** Python's repr of a YAML value: dicts, lists, strings, numbers, booleans and None. */
    public static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String str) {
            return "'" + str.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            // Python's repr of a float: shortest round-trip digits, always with a point or an exponent
            String t = Double.toString(d);
            if (t.contains("E")) {
                String[] parts = t.split("E");
                int exp = Integer.parseInt(parts[1]);
                if (exp >= -4 && exp < 16) {
                    String plain = new java.math.BigDecimal(parts[0]).scaleByPowerOfTen(exp).stripTrailingZeros()
                        .toPlainString();
                    return plain.contains(".") ? plain : plain + ".0";
                }
                String mant = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
                return mant + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
            }
            return t;
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(repr(String.valueOf(e.getKey()))).append(": ").append(repr(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object x : l) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(repr(x));
            }
            return b.append(']').toString();
        }
        return repr(v.toString());
    }
}
