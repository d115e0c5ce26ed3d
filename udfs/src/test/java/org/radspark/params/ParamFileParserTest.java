package org.radspark.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.TestData;

class ParamFileParserTest {

    @Test
    void readsSettingsImageTypesAndFeatureLists() {
        ExtractionParams p = ParamFileParser.parse("""
            imageType:
              Original: {}
            featureClass:
              glcm: [Contrast, SumAverage]
              firstorder:
            setting:
              binWidth: 5
              resampledPixelSpacing: [2, 2, 0]
              interpolator: sitkLinear
              normalize: true
              resegmentRange: [-3, 3]
              resegmentMode: sigma
            """, "p.yaml");
        ExtractionSettings s = p.settings();
        assertEquals(5.0, s.binWidth);
        assertArrayEquals(new double[] {2, 2, 0}, s.resampledPixelSpacing);
        assertEquals("sitkLinear", s.interpolator);
        assertTrue(s.normalize);
        assertEquals("sigma", s.resegmentMode);
        assertEquals(List.of("Contrast", "SumAverage"), p.featureClasses().get("glcm"));
        assertNull(p.featureClasses().get("firstorder"));
        assertEquals(List.of("Original"), List.copyOf(p.imageTypes().keySet()));
    }

    @Test
    void defaultsEnableOriginalAndEveryClass() {
        ExtractionParams p = ExtractionParams.defaults();
        assertEquals(List.of("Original"), List.copyOf(p.imageTypes().keySet()));
        assertTrue(p.featureClasses().keySet().containsAll(List.of("shape", "firstorder", "glcm", "glrlm", "glszm",
            "ngtdm", "gldm")));
        assertEquals(25.0, p.settings().binWidth);
    }

    @Test
    void imageTypeOverridesApplyOnlyToThatType() {
        ExtractionParams p = ParamFileParser.parse("""
            imageType:
              Original: {binWidth: 10}
            setting:
              binWidth: 25
            """, "p.yaml");
        assertEquals(10.0, p.settingsFor("Original").binWidth);
        assertEquals(25.0, p.settings().binWidth);
    }

    @Test
    void unknownSettingIsRejectedWithFileAndKey() {
        ParameterException e = assertThrows(ParameterException.class,
            () -> ParamFileParser.parse("setting:\n  binWidht: 25\n", "ct.yaml"));
        assertEquals("ct.yaml: setting.binWidht: unknown setting (did you mean binWidth?)", e.getMessage());
    }

    @Test
    void negativeBinWidthIsRejected() {
        ParameterException e = assertThrows(ParameterException.class,
            () -> ParamFileParser.parse("setting:\n  binWidth: -25\n", "ct.yaml"));
        assertEquals("ct.yaml: setting.binWidth: expected a number greater than 0, got -25", e.getMessage());
    }

    @Test
    void unknownTopLevelKeyFeatureAndClassAreRejected() {
        assertEquals("a.yaml: settings: unknown key (expected imageType, featureClass, setting, voxelSetting, ibsi or "
            + "ibsi2)",
            assertThrows(ParameterException.class, () -> ParamFileParser.parse("settings: {}\n", "a.yaml")).getMessage());
        assertTrue(assertThrows(ParameterException.class,
            () -> ParamFileParser.parse("featureClass:\n  glcm: [Contrastt]\n", "a.yaml")).getMessage()
            .startsWith("a.yaml: featureClass.glcm: unknown feature 'Contrastt' (known: "));
        assertTrue(assertThrows(ParameterException.class,
            () -> ParamFileParser.parse("featureClass:\n  glcmm:\n", "a.yaml")).getMessage()
            .startsWith("a.yaml: featureClass.glcmm: unknown feature class"));
        assertTrue(assertThrows(ParameterException.class,
            () -> ParamFileParser.parse("imageType:\n  Wavelett: {}\n", "a.yaml")).getMessage()
            .startsWith("a.yaml: imageType.Wavelett: unknown image type"));
    }

    @Test
    void invalidValuesNameTheExpectation() {
        assertEquals("a.yaml: setting.resegmentMode: expected one of [absolute, relative, sigma], got 'sd'",
            assertThrows(ParameterException.class,
                () -> ParamFileParser.parse("setting:\n  resegmentMode: sd\n", "a.yaml")).getMessage());
        assertEquals("a.yaml: setting.distances: expected an integer greater than 0, got 0",
            assertThrows(ParameterException.class,
                () -> ParamFileParser.parse("setting:\n  distances: [1, 0]\n", "a.yaml")).getMessage());
        assertEquals("a.yaml: setting.normalize: expected true or false, got 'yes please'",
            assertThrows(ParameterException.class,
                () -> ParamFileParser.parse("setting:\n  normalize: yes please\n", "a.yaml")).getMessage());
        assertTrue(assertThrows(ParameterException.class,
            () -> ParamFileParser.parse("setting: [binWidth\n", "a.yaml")).getMessage().startsWith("a.yaml: not valid YAML"));
    }

    @Test
    void ibsi2BlockNeedsAnIbsiBlock() {
        ParameterException e = assertThrows(ParameterException.class,
            () -> ParamFileParser.parse("ibsi2: {filter: mean, support: 5}\n", "f.yaml"));
        assertTrue(e.getMessage().startsWith("f.yaml: ibsi2: a filter block needs an ibsi: block"), e.getMessage());
        ExtractionParams p = ParamFileParser.parse("ibsi: {dimensions: 2D}\nibsi2: {filter: log, sigma: 1.5}\n", "g.yaml");
        assertTrue(p.ibsi().hasFilter());
        assertTrue(assertThrows(ParameterException.class,
            () -> ParamFileParser.parse("ibsi: {}\nibsi2: [mean]\n", "h.yaml")).getMessage()
            .startsWith("h.yaml: ibsi2: expected a mapping"));
    }

    @Test
    void shippedPhase2ParameterFilesParse() throws IOException {
        Path conf = TestData.root().getParent().resolve("conf/ibsi/ibsi2/phase2");
        try (Stream<Path> files = Files.list(conf)) {
            List<Path> yamls = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertEquals(10, yamls.size(), "phase-2 ids 1, 2, 3, 6, 7 x A, B: " + yamls);
            for (Path f : yamls) {
                ExtractionParams p = ParamFileParser.parse(f);
                assertTrue(p.ibsi() != null && p.ibsi().hasFilter(), f.toString());
                boolean twoD = f.getFileName().toString().endsWith("_A.yaml");
                assertEquals(twoD, p.ibsi().twoD(), f.toString());
                assertEquals(!twoD, p.ibsi().interpolation().enabled(), f.toString());
                assertEquals(-1000, p.ibsi().resegmentation().lower(), f.toString());
                assertEquals(400, p.ibsi().resegmentation().upper(), f.toString());
            }
        }
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        Path missing = dir.resolve("none.yaml");
        assertTrue(assertThrows(ParameterException.class, () -> ParamFileParser.parse(missing)).getMessage()
            .startsWith(missing + ": cannot read parameter file"));
    }

    @Test
    void shippedParameterFilesParse() throws IOException {
        Path conf = TestData.root().getParent().resolve("conf/params");
        try (Stream<Path> files = Files.list(conf)) {
            List<Path> yamls = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertTrue(yamls.size() >= 4, "conf/params examples: " + yamls);
            for (Path f : yamls) {
                ExtractionParams p = ParamFileParser.parse(f);
                assertTrue(p.featureClasses().containsKey("glcm"), f.toString());
            }
        }
        assertEquals(0.3, ParamFileParser.parse(conf.resolve("pet.yaml")).settings().binWidth);
        assertEquals(25.0, ParamFileParser.parse(conf.resolve("ct.yaml")).settings().binWidth);
    }
}
