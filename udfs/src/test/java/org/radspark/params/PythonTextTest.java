package org.radspark.params;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings as pyradiomics prints them: Python's repr of its settings dict. */
class PythonTextTest {

    @Test
    void pythonReprOfYamlValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("binWidth", 25);
        m.put("normalizeScale", 100.0);
        m.put("resampledPixelSpacing", List.of(1.5, 1.5, 3));
        m.put("interpolator", "sitkBSpline");
        m.put("force2D", true);
        m.put("resegmentRange", null);
        m.put("tiny", 1e-5);
        m.put("huge", 1.5e16);
        m.put("name", Arrays.asList("it's", null));
        assertEquals("{'binWidth': 25, 'normalizeScale': 100.0, 'resampledPixelSpacing': [1.5, 1.5, 3], "
            + "'interpolator': 'sitkBSpline', 'force2D': True, 'resegmentRange': None, 'tiny': 1e-05, "
            + "'huge': 1.5e+16, 'name': ['it\\'s', None]}", PythonText.repr(m));
        assertEquals("0.0001", PythonText.repr(1e-4));
        assertEquals("0.00015", PythonText.repr(1.5e-4));
        assertEquals("15000000.0", PythonText.repr(1.5e7));
    }

    @Test
    void configurationSettingsArePyradiomicsDefaultsUpdatedWithTheFile() {
        ExtractionParams p = ParamFileParser.parse("setting:\n  binWidth: 25\n  interpolator: sitkLinear\n"
            + "  resampledPixelSpacing: [2, 2, 2]\nvoxelSetting:\n  kernelRadius: 2\n", "p.yaml");
        assertEquals("{'minimumROIDimensions': 2, 'minimumROISize': None, 'normalize': False, 'normalizeScale': 1, "
            + "'removeOutliers': None, 'resampledPixelSpacing': [2, 2, 2], 'interpolator': 'sitkLinear', "
            + "'preCrop': False, 'padDistance': 5, 'distances': [1], 'force2D': False, 'force2Ddimension': 0, "
            + "'resegmentRange': None, 'label': 3, 'additionalInfo': True, 'binWidth': 25, 'kernelRadius': 2}",
            PythonText.configurationSettings(p, 3));
    }

    @Test
    void diagnosticsValuesAsPyradiomicsJson() {
        assertEquals("[0.78125, 0.78125, 6.5]", PythonText.jsonOf("(0.78125, 0.78125, 6.5)"));
        assertEquals("[162, 84, 11, 47, 70, 7]", PythonText.jsonOf("(162, 84, 11, 47, 70, 7)"));
        assertEquals("4137", PythonText.jsonOf("4137"));
        assertEquals("-46.88272", PythonText.jsonOf("-46.88272"));
        assertEquals("{\"label\": 1, \"resegmentRange\": null, \"force2D\": false, \"distances\": [1], "
            + "\"interpolator\": \"sitkBSpline\"}", PythonText.jsonOf("{'label': 1, 'resegmentRange': None, "
            + "'force2D': False, 'distances': [1], 'interpolator': 'sitkBSpline'}"));
        assertEquals("{\"Original\": {}}", PythonText.jsonOf("{'Original': {}}"));
        assertEquals("\"3D\"", PythonText.jsonOf("3D"));
        assertEquals("\"5c9ce3ca174f0f8324aa4d277e0fef82dc5ac566\"",
            PythonText.jsonOf("5c9ce3ca174f0f8324aa4d277e0fef82dc5ac566"));
        assertEquals("[1]", PythonText.jsonOf("(1,)"));
        assertEquals("\"radspark-0.1.0\"", PythonText.jsonOf("radspark-0.1.0"));
    }
}
