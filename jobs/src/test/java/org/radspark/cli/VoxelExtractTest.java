package org.radspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.image.Image;
import org.radspark.io.CsvRecords;
import org.radspark.io.NiftiReader;
import org.radspark.io.NrrdReader;

/**
 * `radspark extract --mode voxel`: the maps written for breast1 are pyradiomics' (every file of
 * testdata/pyradiomics/voxel/breast1, same names, geometry and values within 1e-6), the output lists them,
 * batch mode writes Case-N maps per case with pyradiomics' row layout, and misuse is a usage error.
 */
class VoxelExtractTest {
    private static final Path DATA = ExtractCommandTest.testdata().resolve("pyradiomics");
    private static final String PARAMS = DATA.resolve("../../conf/params/pyradiomics-default.yaml").normalize().toString();

    @Test
    void singleCaseWritesPyradiomicsMapsAndListsThem(@TempDir Path dir) throws Exception {
        ExtractCommandTest.Run r = ExtractCommandTest.run("extract", DATA.resolve("breast1_image.nrrd").toString(),
            DATA.resolve("breast1_label.nrrd").toString(), "-p", PARAMS, "--mode", "voxel", "--out-dir",
            dir.toString(), "-j", "2", "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, String> listed = ExtractCommandTest.parseCsv(r.out());
        Path ref = DATA.resolve("voxel/breast1");
        TreeSet<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.list(ref)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nrrd")).forEach(expected::add);
        }
        TreeSet<String> written = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).forEach(written::add);
        }
        assertEquals(expected, written, "map files (and nothing else: no temporary files left)");
        assertEquals(expected.size(), listed.size());
        for (String name : expected) {
            String feature = name.substring("Case-1_".length(), name.length() - ".nrrd".length());
            assertEquals(dir.resolve(name).toString(), listed.get(feature), feature);
            assertMapsEqual(NrrdReader.read(ref.resolve(name)), NrrdReader.read(dir.resolve(name)), feature);
        }
    }

    @Test
    void niftiMapsAndJsonListing(@TempDir Path dir) throws Exception {
        ExtractCommandTest.Run r = ExtractCommandTest.run("extract", DATA.resolve("breast1_image.nrrd").toString(),
            DATA.resolve("breast1_label.nrrd").toString(), "-p", PARAMS, "-m", "voxel", "-od", dir.toString(),
            "--map-format", "nifti", "-f", "json", "--diagnostics", "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"diagnostics_Configuration_Settings\": {\"minimumROIDimensions\": 2"), r.out());
        assertTrue(r.out().contains("\"gldm_a\": 0, \"voxelBased\": true},"), r.out());
        String name = "Case-1_original_glszm_ZoneEntropy";
        assertTrue(r.out().contains("\"original_glszm_ZoneEntropy\": \"" + dir.resolve(name + ".nii.gz") + "\""));
        assertMapsEqual(NrrdReader.read(DATA.resolve("voxel/breast1/" + name + ".nrrd")),
            NiftiReader.read(dir.resolve(name + ".nii.gz")), name);
    }

    @Test
    void batchModeWritesEachCasesMapsAndPyradiomicsRows(@TempDir Path dir) throws Exception {
        Path cases = dir.resolve("cases.csv");
        Files.writeString(cases, "Image,Mask,Patient\n" + DATA.resolve("breast1_image.nrrd") + ","
            + DATA.resolve("breast1_label.nrrd") + ",P1\nmissing.nrrd,missing_label.nrrd,P2\n"
            + DATA.resolve("breast1_image.nrrd") + "," + DATA.resolve("breast1_label.nrrd") + ",P3\n");
        Path maps = dir.resolve("maps");
        Path out = dir.resolve("out.csv");
        ExtractCommandTest.Run r = ExtractCommandTest.run("extract", cases.toString(), "-p", PARAMS, "--mode", "voxel",
            "--out-dir", maps.toString(), "-o", out.toString(), "-j", "1");
        assertEquals(Radspark.CASES_FAILED, r.code(), r.err());
        assertTrue(r.err().contains("case 2 ("), r.err());
        List<List<String>> rows = CsvRecords.parse(Files.readString(out));
        List<String> header = rows.get(0);
        assertEquals(List.of("Image", "Mask", "Patient"), header.subList(0, 3));
        assertTrue(header.get(3).startsWith("diagnostics_"), header.toString());
        int firstFeature = header.indexOf("original_firstorder_10Percentile");
        assertTrue(firstFeature > 3 && header.subList(3, firstFeature).stream().allMatch(h -> h.startsWith("diagnostics_")));
        assertEquals(4, rows.size());
        assertEquals(maps.resolve("Case-3_original_firstorder_10Percentile.nrrd").toString(),
            rows.get(3).get(firstFeature));
        assertEquals("", rows.get(2).get(firstFeature), "a failed case keeps only its input columns");
        try (Stream<Path> files = Files.list(maps)) {
            assertEquals(2 * 93, files.filter(p -> p.toString().endsWith(".nrrd")).count());
        }
        assertMapsEqual(NrrdReader.read(DATA.resolve("voxel/breast1/Case-1_original_ngtdm_Busyness.nrrd")),
            NrrdReader.read(maps.resolve("Case-3_original_ngtdm_Busyness.nrrd")), "Busyness");
    }

    @Test
    void misuseIsAUsageError(@TempDir Path dir) throws Exception {
        String image = DATA.resolve("breast1_image.nrrd").toString(), mask = DATA.resolve("breast1_label.nrrd").toString();
        ExtractCommandTest.Run segmentWithDir = ExtractCommandTest.run("extract", image, mask, "--out-dir", dir.toString());
        assertEquals(2, segmentWithDir.code());
        assertTrue(segmentWithDir.err().contains("--out-dir and --map-format are for voxel mode"), segmentWithDir.err());
        ExtractCommandTest.Run ibsi = ExtractCommandTest.run("extract", image, mask, "--mode", "voxel", "--standard", "ibsi",
            "-od", dir.toString());
        assertEquals(2, ibsi.code());
        Path badParams = dir.resolve("bad.yaml");
        Files.writeString(badParams, "voxelSetting:\n  kernelRadius: 0\n");
        ExtractCommandTest.Run bad = ExtractCommandTest.run("extract", image, mask, "--mode", "voxel", "-p",
            badParams.toString(), "-od", dir.toString());
        assertEquals(1, bad.code(), bad.err());
        assertTrue(bad.err().contains("voxelSetting.kernelRadius: must be a whole number of at least 1, got 0"), bad.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing written");
        }
    }

    private static void assertMapsEqual(Image expected, Image actual, String name) {
        assertEquals(List.of(expected.geometry().nx(), expected.geometry().ny(), expected.geometry().nz()),
            List.of(actual.geometry().nx(), actual.geometry().ny(), actual.geometry().nz()), name);
        for (int a = 0; a < 3; a++) {
            assertEquals(expected.geometry().origin()[a], actual.geometry().origin()[a], 1e-4, name + " origin");
        }
        double[] e = expected.voxels(), v = actual.voxels();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(v[i])
                : Math.abs(v[i] - e[i]) <= Math.max(1e-9, 1e-6 * Math.abs(e[i]));
            assertTrue(ok, name + " voxel " + i + ": " + v[i] + " vs pyradiomics " + e[i]);
        }
    }
}
