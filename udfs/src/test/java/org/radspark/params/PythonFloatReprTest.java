package org.radspark.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Sigma names use Python's str(): expected strings are what CPython 3 prints for these values. */
class PythonFloatReprTest {
    @Test
    void matchesPythonRepr() {
        assertEquals("1.0", SettingKeys.pythonFloatRepr(1.0));
        assertEquals("0.5", SettingKeys.pythonFloatRepr(0.5));
        assertEquals("2.25", SettingKeys.pythonFloatRepr(2.25));
        assertEquals("0.1", SettingKeys.pythonFloatRepr(0.1));
        assertEquals("0.0001", SettingKeys.pythonFloatRepr(1e-4));
        assertEquals("1e-05", SettingKeys.pythonFloatRepr(1e-5));
        assertEquals("1e+16", SettingKeys.pythonFloatRepr(1e16));
        assertEquals("1234567890123456.0", SettingKeys.pythonFloatRepr(1234567890123456.0));
        assertEquals("0.30000000000000004", SettingKeys.pythonFloatRepr(0.1 + 0.2));
    }

    @Test
    void yamlIntegersAndFloatsKeepTheirForm() {
        ExtractionSettings s = ParamFileParser.parse("setting:\n  sigma: [1, 1.0, 3.50, 0.75]\n", "s.yaml").settings();
        assertArrayEquals(new String[] {"1", "1.0", "3.5", "0.75"}, s.sigmaText);
        assertArrayEquals(new double[] {1, 1, 3.5, 0.75}, s.sigma);
        assertEquals("3.5", s.copy().sigmaText(2));
    }
}
