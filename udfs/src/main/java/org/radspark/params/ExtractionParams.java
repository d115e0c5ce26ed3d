package org.radspark.params;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.radspark.ibsi.IbsiConfig;

/**
 * A parsed pyradiomics parameter file: global settings, the enabled image types with their own
 * setting overrides, and the enabled feature classes (null list = the class's default features).
 */
public final class ExtractionParams {
    /** pyradiomics image types, in the order pyradiomics lists them. */
    public static final List<String> IMAGE_TYPES = List.of("Original", "Wavelet", "LoG", "Square", "SquareRoot",
        "Logarithm", "Exponential", "Gradient", "LBP2D", "LBP3D");

    private final ExtractionSettings settings;
    private final Map<String, Map<String, Object>> imageTypes;
    private final Map<String, List<String>> featureClasses;
    private final Map<String, Object> voxelSettings;
    private final String text;
    private final IbsiConfig ibsi;
    private final Map<String, Object> settingsAsWritten;

    public ExtractionParams(ExtractionSettings settings, Map<String, Map<String, Object>> imageTypes,
                            Map<String, List<String>> featureClasses, Map<String, Object> voxelSettings, String text,
                            IbsiConfig ibsi, Map<String, Object> settingsAsWritten) {
        this.settingsAsWritten = Collections.unmodifiableMap(new LinkedHashMap<>(settingsAsWritten));
        this.settings = settings;
        this.imageTypes = Collections.unmodifiableMap(new LinkedHashMap<>(imageTypes));
        this.featureClasses = Collections.unmodifiableMap(new LinkedHashMap<>(featureClasses));
        this.voxelSettings = Collections.unmodifiableMap(new LinkedHashMap<>(voxelSettings));
        this.text = text;
        this.ibsi = ibsi;
    }

    /** The file's setting: block as written (keys in file order, YAML values). */
    public Map<String, Object> settingsAsWritten() {
        return settingsAsWritten;
    }

    /** The IBSI-mode configuration (the file's {@code ibsi:} block), or null in pyradiomics mode. */
    public IbsiConfig ibsi() {
        return ibsi;
    }

    /** pyradiomics' defaults: Original image, every feature class with its default features. */
    public static ExtractionParams defaults() {
        return ParamFileParser.parse("", "(defaults)");
    }

    /** Global settings (a copy: callers may change it). */
    public ExtractionSettings settings() {
        return settings.copy();
    }

    /** Enabled image types and their raw setting overrides. */
    public Map<String, Map<String, Object>> imageTypes() {
        return imageTypes;
    }

    /** Enabled feature classes; a null value means the class's default feature list. */
    public Map<String, List<String>> featureClasses() {
        return featureClasses;
    }

    public Map<String, Object> voxelSettings() {
        return voxelSettings;
    }

    /** Settings in force for one image type: the global ones with that type's overrides applied. */
    public ExtractionSettings settingsFor(String imageType) {
        ExtractionSettings s = settings.copy();
        Map<String, Object> overrides = imageTypes.get(imageType);
        if (overrides != null) {
            for (Map.Entry<String, Object> e : overrides.entrySet()) {
                SettingKeys.setter(e.getKey()).apply(s, e.getValue());
            }
        }
        return s;
    }

    /** The parameter file's text as read (empty for defaults); recorded with every extraction run. */
    public String text() {
        return text;
    }
}
