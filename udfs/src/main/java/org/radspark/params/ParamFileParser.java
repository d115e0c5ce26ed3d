package org.radspark.params;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.radspark.features.FeatureFamilies;
import org.radspark.features.FeatureFamily;
import org.radspark.ibsi.IbsiConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads pyradiomics parameter files (YAML with the blocks imageType, featureClass, setting and
 * voxelSetting, as in pyradiomics' schemas/paramSchema.yaml). Every key and value is checked; the
 * first problem is reported as "FILE: KEY: reason".
 */
public final class ParamFileParser {
    private static final Set<String> TOP_LEVEL = Set.of("imageType", "featureClass", "setting", "voxelSetting", "ibsi",
        "ibsi2");
    private static final Set<String> VOXEL_SETTINGS = Set.of("kernelRadius", "maskedKernel", "initValue", "voxelBatch");

    private ParamFileParser() {
    }

    /** A voxelSetting value checked as pyradiomics' schema does: kernelRadius and voxelBatch ints > 0, ... */
    private static Object voxelValue(String key, Object value, String source) {
        String where = source + ": voxelSetting." + key + ": ";
        switch (key) {
            case "kernelRadius", "voxelBatch" -> {
                if (!(value instanceof Integer i) || i < 1) {
                    throw new ParameterException(where + "must be a whole number of at least 1, got " + value);
                }
            }
            case "maskedKernel" -> {
                if (!(value instanceof Boolean)) {
                    throw new ParameterException(where + "must be true or false, got " + value);
                }
            }
            default -> { // initValue
                if (!(value instanceof Number)) {
                    throw new ParameterException(where + "must be a number (.nan for NaN), got " + value);
                }
            }
        }
        return value;
    }

    public static ExtractionParams parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(file + ": cannot read parameter file (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /**
     * Parameter file text with pyradiomics' command-line setting overrides ({@code -s KEY:VALUE}) written
     * into its setting: block; each VALUE is read as a YAML scalar or flow sequence ({@code 25},
     * {@code true}, {@code sitkLinear}, {@code [2, 2, 2]}). The result is checked like any parameter file.
     */
    public static String withSettingOverrides(String text, List<String> overrides, String source) {
        if (overrides == null || overrides.isEmpty()) {
            return text;
        }
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new ParameterException(source + ": not valid YAML, " + YamlProblems.describe(e));
        }
        Map<String, Object> top = root == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map(root, source, "(top level)"));
        Map<String, Object> setting = top.get("setting") == null ? new LinkedHashMap<>()
            : new LinkedHashMap<>(map(top.get("setting"), source, "setting"));
        for (String o : overrides) {
            int colon = o.indexOf(':');
            if (colon <= 0) {
                throw new ParameterException("setting override '" + o + "' needs the form KEY:VALUE (e.g. binWidth:25)");
            }
            String value = o.substring(colon + 1).strip();
            Object parsed;
            try {
                parsed = value.isEmpty() ? null : new Yaml(new SafeConstructor(new LoaderOptions())).load(value);
            } catch (YAMLException e) {
                throw new ParameterException("setting override '" + o + "': value is not valid YAML, "
                    + YamlProblems.describe(e));
            }
            setting.put(o.substring(0, colon).strip(), parsed);
        }
        top.put("setting", setting);
        org.yaml.snakeyaml.DumperOptions d = new org.yaml.snakeyaml.DumperOptions();
        d.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        return new Yaml(d).dump(top);
    }

    /** Parses {@code text}; {@code source} names the file in error messages. */
    public static ExtractionParams parse(String text, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new ParameterException(source + ": not valid YAML, " + YamlProblems.describe(e));
        }
        Map<String, Object> top = root == null ? Map.of() : map(root, source, "(top level)");
        for (String key : top.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new ParameterException(source + ": " + key + ": unknown key (expected imageType, featureClass, "
                    + "setting, voxelSetting, ibsi or ibsi2)");
            }
        }
        ExtractionSettings settings = new ExtractionSettings();
        Object settingBlock = top.get("setting");
        Map<String, Object> asWritten = new LinkedHashMap<>();
        if (settingBlock != null) {
            asWritten.putAll(map(settingBlock, source, "setting"));
            applySettings(settings, map(settingBlock, source, "setting"), source, "setting.");
        }
        Map<String, Map<String, Object>> imageTypes = new LinkedHashMap<>();
        if (top.containsKey("imageType")) {
            Object block = top.get("imageType");
            Map<String, Object> types = block == null ? Map.of() : map(block, source, "imageType");
            for (Map.Entry<String, Object> e : types.entrySet()) {
                if (!ExtractionParams.IMAGE_TYPES.contains(e.getKey())) {
                    throw new ParameterException(source + ": imageType." + e.getKey() + ": unknown image type (expected one of "
                        + ExtractionParams.IMAGE_TYPES + ")");
                }
                Map<String, Object> overrides = e.getValue() == null ? Map.of()
                    : map(e.getValue(), source, "imageType." + e.getKey());
                applySettings(settings.copy(), overrides, source, "imageType." + e.getKey() + ".");
                imageTypes.put(e.getKey(), new LinkedHashMap<>(overrides));
            }
        } else {
            imageTypes.put("Original", Map.of());
        }
        Map<String, List<String>> classes = new LinkedHashMap<>();
        if (top.containsKey("featureClass")) {
            Object block = top.get("featureClass");
            Map<String, Object> fc = block == null ? Map.of() : map(block, source, "featureClass");
            for (Map.Entry<String, Object> e : fc.entrySet()) {
                classes.put(e.getKey(), featureList(e.getKey(), e.getValue(), source));
            }
        } else {
            for (String name : FeatureFamilies.all().keySet()) {
                classes.put(name, null);
            }
        }
        Map<String, Object> voxel = new LinkedHashMap<>();
        Object voxelBlock = top.get("voxelSetting");
        if (voxelBlock != null) {
            for (Map.Entry<String, Object> e : map(voxelBlock, source, "voxelSetting").entrySet()) {
                if (!VOXEL_SETTINGS.contains(e.getKey())) {
                    throw new ParameterException(source + ": voxelSetting." + e.getKey() + ": unknown key (expected one of "
                        + VOXEL_SETTINGS + ")");
                }
                voxel.put(e.getKey(), voxelValue(e.getKey(), e.getValue(), source));
            }
        }
        IbsiConfig ibsi = null;
        if (top.containsKey("ibsi")) {
            Object filterBlock = top.containsKey("ibsi2") ? map(top.get("ibsi2"), source, "ibsi2") : null;
            ibsi = IbsiConfig.parse(map(top.get("ibsi"), source, "ibsi"), filterBlock, source);
        } else if (top.containsKey("ibsi2")) {
            throw new ParameterException(source + ": ibsi2: a filter block needs an ibsi: block for the image"
                + " processing of IBSI-2 phase 2 (see conf/ibsi/ibsi2/phase2/); to write a response map, use"
                + " 'radspark filter'");
        }
        return new ExtractionParams(settings, imageTypes, classes, voxel, text, ibsi, asWritten);
    }

    private static void applySettings(ExtractionSettings target, Map<String, Object> block, String source, String prefix) {
        for (Map.Entry<String, Object> e : block.entrySet()) {
            SettingKeys.Setter setter = SettingKeys.setter(e.getKey());
            if (setter == null) {
                String near = SettingKeys.closest(e.getKey());
                throw new ParameterException(source + ": " + prefix + e.getKey() + ": unknown setting"
                    + (near == null ? "" : " (did you mean " + near + "?)"));
            }
            try {
                setter.apply(target, e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new ParameterException(source + ": " + prefix + e.getKey() + ": " + ex.getMessage());
            }
        }
        if (target.binCount == null && target.binWidth == null) {
            throw new ParameterException(source + ": " + prefix + "binWidth: a bin width or a bin count is required");
        }
    }

    private static List<String> featureList(String className, Object value, String source) {
        FeatureFamily family = FeatureFamilies.get(className);
        if (family == null) {
            throw new ParameterException(source + ": featureClass." + className + ": unknown feature class (expected one of "
                + FeatureFamilies.all().keySet() + ")");
        }
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new ParameterException(source + ": featureClass." + className + ": expected a list of feature names, got "
                + value);
        }
        if (list.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || !family.featureNames().contains(s)) {
                throw new ParameterException(source + ": featureClass." + className + ": unknown feature '" + o
                    + "' (known: " + String.join(", ", family.featureNames()) + ")");
            }
            names.add(s);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String source, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new ParameterException(source + ": " + where + ": expected a mapping, got " + o);
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new ParameterException(source + ": " + where + ": key " + k + " is not a name");
            }
        }
        return (Map<String, Object>) m;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
