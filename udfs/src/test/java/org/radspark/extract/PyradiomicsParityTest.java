package org.radspark.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radspark.TestData;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.CsvRecords;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ParamFileParser;

/**
 * Parity with pyradiomics' own baselines (testdata/pyradiomics/baseline, computed by pyradiomics
 * 1.3.0 / 2.0.1 with SimpleITK 0.9.1 / 1.1.0). For each settings variant the settings recorded in the
 * baseline's diagnostics_Configuration_Settings row are turned into a parameter file, every feature
 * listed in the baseline is requested (deprecated ones included), and each value must equal the
 * baseline within 1e-6 relative (1e-9 absolute where the baseline is near zero). A per-class summary
 * is written to target/parity-report.md.
 */
class PyradiomicsParityTest {
    static final double REL_TOL = 1e-6;
    static final double ABS_TOL = 1e-9;
    static final String[] CLASSES = {"firstorder", "shape", "shape2D", "glcm", "glrlm", "glszm", "ngtdm", "gldm"};

    /**
     * Baseline values that released pyradiomics does not reproduce. The brain1 shape column was written
     * by an unreleased development build (2.0.1b1.post11+g127d134, while mesh volume was being
     * introduced, pyradiomics PR #427); pyradiomics v3.1.0 gives different MeshVolume and SurfaceArea
     * for brain1 (testdata/pyradiomics/v3.1.0), and so do we. The same build's breast1 shape values and
     * the released 2.1.0 brain1_resampling shape values match ours to 1e-12. These four are checked
     * against the released values in {@link #brain1EqualsReleasedPyradiomics310()} instead, and here only
     * within pyradiomics' own test tolerance (3 %).
     */
    static final Map<String, String> OUTDATED_BASELINE = Map.of(
        "brain1|original_shape_MeshVolume", "development-build mesh volume",
        "brain1|original_shape_SurfaceArea", "development-build mesh surface",
        "brain1|original_shape_Sphericity", "derived from MeshVolume and SurfaceArea",
        "brain1|original_shape_SurfaceVolumeRatio", "derived from MeshVolume and SurfaceArea");

    /** Worst relative deviation per (column, class), for the report. */
    private static final Map<String, String> REPORT = new TreeMap<>();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"brain1", "brain1_normalization", "brain1_resegmentation", "brain1_resampling",
        "breast1", "breast1_normalization", "breast1_resegmentation", "breast1_resampling",
        "brain1_2d", "brain1_FBN", "brain1_combined", "brain1_flatRegion", "brain1_shape2D",
        "breast1_2d", "breast1_FBN", "breast1_combined", "breast1_flatRegion"})
    void featuresEqualPyradiomicsBaseline(String column) throws IOException {
        String caseName = column.contains("_") ? column.substring(0, column.indexOf('_')) : column;
        Image image = VolumeReaders.readImage(TestData.path("pyradiomics/" + caseName + "_image.nrrd"), null);
        Mask mask = VolumeReaders.readMask(TestData.path("pyradiomics/" + caseName + "_label.nrrd"), image.geometry(),
            MaskSelection.NONE);
        if (column.endsWith("_shape2D")) {
            mask = largestSliceMask(mask);
        }
        // Each class file records the settings (and pyradiomics version) its column was computed with,
        // so every class is extracted with its own file's settings.
        Map<String, Map<String, String>> baselines = new LinkedHashMap<>();
        Map<String, Double> computed = new LinkedHashMap<>();
        for (String cls : CLASSES) {
            Path file = TestData.path("pyradiomics/baseline/baseline_" + cls + ".csv");
            Map<String, String> values = readColumn(file, column);
            if (values == null) {
                continue;
            }
            baselines.put(cls, values);
            List<String> names = new ArrayList<>();
            for (String key : values.keySet()) {
                if (key.startsWith("original_" + cls + "_")) {
                    names.add(key.substring(("original_" + cls + "_").length()));
                }
            }
            String yaml = "setting: " + pythonDictToYaml(values.get("diagnostics_Configuration_Settings")) + "\n"
                + "featureClass:\n  " + cls + ": [" + String.join(", ", names) + "]\n";
            ExtractionParams params = ParamFileParser.parse(yaml, file.getFileName() + " column " + column);
            computed.putAll(new FeatureExtractor(params).extract(image, mask).features());
        }
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (String cls : baselines.keySet()) {
            int within = 0, count = 0;
            double worst = 0;
            String worstName = "-";
            for (Map.Entry<String, String> e : baselines.get(cls).entrySet()) {
                if (!e.getKey().startsWith("original_" + cls + "_")) {
                    continue;
                }
                count++;
                double expected = Double.parseDouble(e.getValue());
                Double actual = computed.get(e.getKey());
                if (actual == null) {
                    failures.add(e.getKey() + ": not computed");
                    continue;
                }
                double dev = deviation(actual, expected);
                if (OUTDATED_BASELINE.containsKey(column + "|" + e.getKey())) {
                    if (!(dev < 0.03)) {
                        failures.add(e.getKey() + ": beyond pyradiomics' own 3 % tolerance of its outdated baseline");
                    }
                    within++;
                    continue;
                }
                if (dev > worst || Double.isNaN(dev)) {
                    worst = dev;
                    worstName = e.getKey().substring(("original_" + cls + "_").length());
                }
                if (within(actual, expected)) {
                    within++;
                } else {
                    failures.add(String.format(Locale.ROOT, "%s: expected %.12g, got %.12g (rel %.2e)", e.getKey(),
                        expected, actual, dev));
                }
            }
            total += count;
            REPORT.put(column + " | " + cls, String.format(Locale.ROOT, "%d/%d | %s (%.2e)", within, count, worstName, worst));
        }
        assertTrue(total >= 9, "baseline features read: " + total);
        assertEquals(List.of(), failures, column + ": features outside 1e-6 of pyradiomics' baseline");
    }

    /**
     * brain1 with pyradiomics' default settings against the values released pyradiomics v3.1.0 computed
     * (testdata/pyradiomics/v3.1.0/brain1_default.csv): all 100 features of shape, firstorder, glcm,
     * glrlm, glszm and gldm that run recorded (its glcm list left out MCC and SumAverage) within 1e-6
     * relative.
     */
    @org.junit.jupiter.api.Test
    void brain1EqualsReleasedPyradiomics310() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (List<String> row : CsvRecords.parse(Files.readString(TestData.path("pyradiomics/v3.1.0/brain1_default.csv")))
            .subList(1, 101)) {
            expected.put(row.get(0), row.get(1));
        }
        ExtractionParams params = ParamFileParser.parse(
            "featureClass: {shape: , firstorder: , glcm: , glrlm: , glszm: , gldm: }\n", "defaults");
        Image image = VolumeReaders.readImage(TestData.path("pyradiomics/brain1_image.nrrd"), null);
        Mask mask = VolumeReaders.readMask(TestData.path("pyradiomics/brain1_label.nrrd"), image.geometry(),
            MaskSelection.NONE);
        Map<String, Double> actual = new FeatureExtractor(params).extract(image, mask).features();
        List<String> failures = new ArrayList<>();
        double worst = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Double v = actual.get(e.getKey());
            double x = Double.parseDouble(e.getValue());
            if (v == null || !within(v, x)) {
                failures.add(e.getKey() + ": expected " + x + ", got " + v);
            } else {
                worst = Math.max(worst, deviation(v, x));
            }
        }
        assertEquals(100, expected.size());
        assertEquals(List.of(), failures);
        REPORT.put("brain1 (pyradiomics 3.1.0) | all", String.format(Locale.ROOT, "100/100 | (%.2e)", worst));
    }

    /** Also checks the mask diagnostics that pyradiomics recorded (bounding box, voxel and volume counts). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"brain1_normalization", "breast1_normalization"})
    void maskDiagnosticsEqualBaseline(String column) throws IOException {
        String caseName = column.substring(0, column.indexOf('_'));
        Map<String, String> base = readColumn(TestData.path("pyradiomics/baseline/baseline_firstorder.csv"), column);
        Image image = VolumeReaders.readImage(TestData.path("pyradiomics/" + caseName + "_image.nrrd"), null);
        Mask mask = VolumeReaders.readMask(TestData.path("pyradiomics/" + caseName + "_label.nrrd"), image.geometry(),
            MaskSelection.NONE);
        ExtractionResult r = new FeatureExtractor(ExtractionParams.defaults()).extract(image, mask);
        for (String key : new String[] {"diagnostics_Mask-original_BoundingBox", "diagnostics_Mask-original_VoxelNum",
            "diagnostics_Mask-original_VolumeNum", "diagnostics_Image-original_Size",
            "diagnostics_Image-original_Hash", "diagnostics_Mask-original_Hash",
            "diagnostics_Configuration_EnabledImageTypes"}) {
            assertEquals(base.get(key), r.diagnostics().get(key), key);
        }
        assertEquals(Double.parseDouble(base.get("diagnostics_Image-original_Mean")),
            Double.parseDouble(r.diagnostics().get("diagnostics_Image-original_Mean")), 1e-9, "image mean");
        // the baselines' pyradiomics wrote integer images' extremes as integers; today's writes floats (0.0)
        for (String key : new String[] {"diagnostics_Image-original_Minimum", "diagnostics_Image-original_Maximum"}) {
            assertEquals(Double.parseDouble(base.get(key)), Double.parseDouble(r.diagnostics().get(key)), 0, key);
        }
        String[] expectedCom = strip(base.get("diagnostics_Mask-original_CenterOfMassIndex")).split(",");
        String[] actualCom = strip(r.diagnostics().get("diagnostics_Mask-original_CenterOfMassIndex")).split(",");
        for (int i = 0; i < 3; i++) {
            assertEquals(Double.parseDouble(expectedCom[i]), Double.parseDouble(actualCom[i]), 1e-9, "center of mass index");
        }
    }

    /**
     * pyradiomics' shape2D test case uses a single-slice mask (the label's largest slice, as a 256x256x1
     * volume at that slice's position) which correctMask puts back onto the image grid; its
     * diagnostics record slice 16 with 984 voxels for brain1.
     */
    static Mask largestSliceMask(Mask mask) {
        Geometry g = mask.geometry();
        int plane = g.nx() * g.ny();
        int best = 0, bestCount = -1;
        for (int k = 0; k < g.nz(); k++) {
            int n = 0;
            for (int p = 0; p < plane; p++) {
                if (mask.labels()[k * plane + p] == 1) {
                    n++;
                }
            }
            if (n > bestCount) {
                best = k;
                bestCount = n;
            }
        }
        int[] slice = java.util.Arrays.copyOfRange(mask.labels(), best * plane, (best + 1) * plane);
        return new Mask(g.crop(0, 0, best, g.nx(), g.ny(), 1), slice);
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (REPORT.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder("# pyradiomics parity (tolerance 1e-6 relative)\n\n");
        b.append("| case | class | within 1e-6 | worst feature (relative deviation) |\n|---|---|---|---|\n");
        for (Map.Entry<String, String> e : REPORT.entrySet()) {
            b.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        }
        Path out = Path.of("target", "parity-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, b.toString(), StandardCharsets.UTF_8);
        System.out.println(b);
    }

    static boolean within(double actual, double expected) {
        if (Math.abs(expected) < ABS_TOL) {
            return Math.abs(actual - expected) <= ABS_TOL;
        }
        return Math.abs(actual - expected) <= REL_TOL * Math.abs(expected);
    }

    static double deviation(double actual, double expected) {
        if (Math.abs(expected) < ABS_TOL) {
            return Math.abs(actual - expected);
        }
        return Math.abs(actual - expected) / Math.abs(expected);
    }

    private static String strip(String tuple) {
        return tuple.replace("(", "").replace(")", "").replace(" ", "");
    }

    /** A Python dict literal of plain values is a YAML flow mapping once None/True/False are renamed. */
    static String pythonDictToYaml(String dict) {
        return dict.replace("None", "null").replace("True", "true").replace("False", "false")
            .replace("'additionalInfo': true, ", "");
    }

    /** featureName -> value of one column of a pyradiomics baseline CSV, or null when the file lacks the column. */
    static Map<String, String> readColumn(Path csv, String column) throws IOException {
        List<List<String>> rows = CsvRecords.parse(Files.readString(csv, StandardCharsets.UTF_8));
        int col = rows.get(0).indexOf(column);
        if (col < 0) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            out.put(row.get(0), row.get(col));
        }
        return out;
    }
}
