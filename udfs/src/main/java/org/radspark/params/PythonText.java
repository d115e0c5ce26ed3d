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
        return repr(settingsAsPyradiomicsHolds(params, label));
    }

    /** The settings text of a voxel-based extraction: pyradiomics adds 'voxelBased': True at the end. */
    public static String voxelConfigurationSettings(ExtractionParams params, int label) {
        Map<String, Object> s = settingsAsPyradiomicsHolds(params, label);
        s.put("voxelBased", true);
        return repr(s);
    }

    private static Map<String, Object> settingsAsPyradiomicsHolds(ExtractionParams params, int label) {
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
        return s;
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

    /**
     * A diagnostics value written as Python writes it ({@code (1.0, 2.0)}, {@code {'a': None}}, {@code 4137},
     * {@code 3D}) as the JSON pyradiomics' -f json gives for it: tuples as arrays, dicts as objects, numbers
     * as numbers, None/True/False as null/true/false, anything else as a JSON string.
     */
    public static String jsonOf(String python) {
        try {
            Literal p = new Literal(python.strip());
            String json = p.value();
            p.skipSpace();
            if (p.at == p.s.length()) {
                return json;
            }
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            // not a Python literal: a plain text value
        }
        return jsonString(python);
    }

    private static String jsonString(String s) {
        return org.radspark.io.JsonText.quote(s);
    }

    /** A reader of Python literals that writes JSON as it goes. */
    private static final class Literal {
        final String s;
        int at;

        Literal(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        String value() {
            skipSpace();
            char c = s.charAt(at);
            if (c == '{') {
                return sequence('{', '}', true);
            }
            if (c == '(' || c == '[') {
                return sequence(c, c == '(' ? ')' : ']', false);
            }
            if (c == '\'' || c == '"') {
                return jsonString(quoted());
            }
            int start = at;
            while (at < s.length() && ",)]}: ".indexOf(s.charAt(at)) < 0) {
                at++;
            }
            String word = s.substring(start, at);
            switch (word) {
                case "None": return "null";
                case "True": return "true";
                case "False": return "false";
                default:
                    // numbers only (nan and inf have no JSON form)
                    if (!word.matches("-?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?")) {
                        throw new IllegalArgumentException(word);
                    }
                    return word;
            }
        }

        String sequence(char open, char close, boolean dict) {
            at++;
            StringBuilder b = new StringBuilder(dict ? "{" : "[");
            skipSpace();
            boolean first = true;
            while (s.charAt(at) != close) {
                if (!first) {
                    if (s.charAt(at) != ',') {
                        throw new IllegalArgumentException("expected ,");
                    }
                    at++;
                    skipSpace();
                    if (s.charAt(at) == close) {
                        break;   // a trailing comma, as in (1,)
                    }
                    b.append(", ");
                }
                first = false;
                if (dict) {
                    skipSpace();
                    String key = s.charAt(at) == '\'' || s.charAt(at) == '"' ? jsonString(quoted()) : value();
                    skipSpace();
                    if (s.charAt(at) != ':') {
                        throw new IllegalArgumentException("expected :");
                    }
                    at++;
                    b.append(key.startsWith("\"") ? key : jsonString(key)).append(": ");
                }
                b.append(value());
                skipSpace();
            }
            at++;
            return b.append(dict ? '}' : ']').toString();
        }

        String quoted() {
            char q = s.charAt(at++);
            StringBuilder b = new StringBuilder();
            while (s.charAt(at) != q) {
                char c = s.charAt(at++);
                if (c == '\\') {
                    c = s.charAt(at++);
                }
                b.append(c);
            }
            at++;
            return b.toString();
        }
    }
}
