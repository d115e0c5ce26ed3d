package org.radspark.params;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Identity of a parameter file's content: SHA-256 over a canonical form of the parsed YAML (keys
 * sorted, numbers normalised), so comments, key order and formatting do not change it, while any
 * setting, image type or feature list does. The first 16 hex digits name a params_hash partition.
 */
public final class ParamsHash {
    private ParamsHash() {
    }

    public static String of(String yamlText) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        StringBuilder canonical = new StringBuilder();
        write(root, canonical);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", d[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Object o, StringBuilder out) {
        if (o instanceof Map<?, ?> m) {
            out.append('{');
            for (Map.Entry<String, Object> e : new TreeMap<String, Object>(stringKeys(m)).entrySet()) {
                out.append(e.getKey()).append(':');
                write(e.getValue(), out);
                out.append(',');
            }
            out.append('}');
        } else if (o instanceof List<?> l) {
            out.append('[');
            for (Object x : l) {
                write(x, out);
                out.append(',');
            }
            out.append(']');
        } else if (o instanceof Number n) {
            out.append(Double.toString(n.doubleValue()));
        } else {
            out.append(o == null ? "null" : "'" + o + "'");
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }
}
