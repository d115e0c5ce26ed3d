package org.radspark.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radspark.TestData;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.NrrdReader;
import org.radspark.io.VolumeReaders;
import org.radspark.params.ParamFileParser;

/**
 * Voxel-based feature maps equal pyradiomics' own maps (testdata/pyradiomics/voxel, made by its
 * make_reference.sh with pyradiomics' CLI in voxel mode): the same set of maps, the same geometry (ROI box
 * padded by kernelRadius) and every voxel within 1e-6 relative (1e-9 absolute near zero), NaN where
 * pyradiomics has NaN. Covers the default kernel (radius 1, masked, initValue 0, GLCM MCC left at initValue as
 * pyradiomics leaves it), radius 2 over the whole box with NaN outside the ROI and distance weighting, and
 * batches of 20 voxels (GLCM angles and MCC decided per batch: MCC is computed for one batch of breast1).
 */
class VoxelMapParityTest {
    static final double REL_TOL = 1e-6;
    static final double ABS_TOL = 1e-9;

    @ParameterizedTest(name = "{0} with {1}, {3} threads")
    @CsvSource({
        "brain1, ../../../conf/params/pyradiomics-default.yaml, brain1, 2",
        "breast1, ../../../conf/params/pyradiomics-default.yaml, breast1, 1",
        "breast1, voxel-unmasked.yaml, breast1-unmasked, 2",
        "breast1, voxel-batched.yaml, breast1-batched, 2"})
    void mapsEqualPyradiomics(String caseName, String params, String folder, int threads) throws IOException {
        Path refDir = TestData.path("pyradiomics/voxel/" + folder);
        Image image = VolumeReaders.readImage(TestData.path("pyradiomics/" + caseName + "_image.nrrd"), null);
        Mask mask = VolumeReaders.readMask(TestData.path("pyradiomics/" + caseName + "_label.nrrd"), image.geometry(),
            MaskSelection.NONE);
        FeatureMapExtractor extractor = new FeatureMapExtractor(
            ParamFileParser.parse(TestData.path("pyradiomics/voxel").resolve(params).normalize()));
        Map<String, Image> maps = extractor.extract(image, mask, null, threads, FeatureMapExtractor.Progress.NONE).maps();

        TreeSet<String> expectedNames = new TreeSet<>();
        try (Stream<Path> files = Files.list(refDir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nrrd"))
                .forEach(n -> expectedNames.add(n.substring("Case-1_".length(), n.length() - ".nrrd".length())));
        }
        assertEquals(expectedNames, new TreeSet<>(maps.keySet()), "feature maps");

        List<String> problems = new ArrayList<>();
        long compared = 0;
        for (String name : expectedNames) {
            Image expected = NrrdReader.read(refDir.resolve("Case-1_" + name + ".nrrd"));
            Image actual = maps.get(name);
            Geometry eg = expected.geometry(), ag = actual.geometry();
            assertArrayEquals(eg.size(), ag.size(), name + " size");
            assertArrayEquals(eg.origin(), ag.origin(), 1e-9, name + " origin");
            assertArrayEquals(eg.spacing(), ag.spacing(), 1e-12, name + " spacing");
            double[] e = expected.voxels(), a = actual.voxels();
            int bad = 0;
            String first = null;
            for (int v = 0; v < e.length; v++) {
                compared++;
                boolean ok = Double.isNaN(e[v]) ? Double.isNaN(a[v])
                    : Math.abs(a[v] - e[v]) <= Math.max(ABS_TOL, REL_TOL * Math.abs(e[v]));
                if (!ok) {
                    if (bad++ == 0) {
                        first = "voxel " + v + ": " + a[v] + " vs pyradiomics " + e[v];
                    }
                }
            }
            if (bad > 0) {
                problems.add(name + ": " + bad + " voxels differ, first " + first);
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " maps differ:\n" + String.join("\n", problems));
        assertTrue(compared > 40L * 143, "compared " + compared + " voxels");
    }
}
