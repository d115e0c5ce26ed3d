package org.radspark.ibsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.params.ParameterException;

/** The ibsi: block of a parameter file, the align-grid-centres grid and the IBSI CSV output. */
class IbsiConfigTest {

    @Test
    void configurationsCToEAreExpressible() {
        // IBSI-1 config E: 3D, isotropic 2 mm tricubic, rounding, range [-1000, 400] + outliers, FBN 32
        IbsiConfig e = IbsiConfig.fromYaml("""
            setting: {label: 1}
            ibsi:
              dimensions: 3D
              interpolation: {spacing: [2, 2, 2], method: tricubic, maskMethod: trilinear, partialVolumeThreshold: 0.5}
              roundIntensities: true
              resegmentation: {range: [-1000, 400], outliers: true}
              discretisation: {method: fixedBinNumber, binNumber: 32}
              ivh: {method: none, binSize: 1, range: [-1000, 400]}
            """, "e.yaml");
        assertFalse(e.twoD());
        assertEquals(IbsiConfig.Method.TRICUBIC, e.interpolation().imageMethod());
        assertArrayEquals(new double[] {2, 2, 2}, e.interpolation().spacing());
        assertTrue(e.resegmentation().outliers());
        assertEquals(3, e.resegmentation().outlierSigma());
        assertEquals(-1000, e.resegmentation().lower());
        assertEquals(IbsiConfig.Binning.FIXED_BIN_NUMBER, e.discretisation().method());
        assertEquals(32, e.discretisation().binNumber());
        // outliers only, open range
        IbsiConfig d = IbsiConfig.fromYaml("""
            ibsi:
              interpolation: {spacing: [2, 2, 2], method: trilinear}
              resegmentation: {outliers: true}
              discretisation: {method: fixedBinSize, binSize: 25, minimum: -1000}
            """, "d.yaml");
        assertTrue(Double.isInfinite(d.resegmentation().lower()));
        assertEquals(-1000, d.discretisation().minimum());
        assertNull(IbsiConfig.fromYaml("setting: {label: 1}\n", "plain.yaml"), "no ibsi block: IBSI mode off");
    }

    @Test
    void errorsNameTheFileAndTheKey() {
        assertMessage("f.yaml: ibsi.discretisation.binSize must be a positive number for fixedBinSize",
            "ibsi: {discretisation: {method: fixedBinSize}}");
        assertMessage("f.yaml: ibsi.dimensions must be 2D or 3D, got '4D'",
            "ibsi: {dimensions: 4D, discretisation: {method: none}}");
        assertMessage("f.yaml: unknown key(s) [binsize] in ibsi.discretisation",
            "ibsi: {discretisation: {method: fixedBinSize, binsize: 25}}");
        assertMessage("f.yaml: ibsi.interpolation.spacing needs [x, y] (2D interpolates in-plane only)",
            "ibsi: {dimensions: 2D, interpolation: {spacing: [2]}, discretisation: {method: none}}");
        assertMessage("f.yaml: ibsi.resegmentation.range lower bound 400.0 is above upper bound -500.0",
            "ibsi: {resegmentation: {range: [400, -500]}, discretisation: {method: none}}");
        assertMessage("f.yaml: ibsi.interpolation.method must be none, nearest, trilinear or tricubic, got 'sinc'",
            "ibsi: {interpolation: {spacing: [1, 1, 1], method: sinc}, discretisation: {method: none}}");
        assertMessage("f.yaml: ibsi.discretisation is required", "ibsi: {dimensions: 3D}");
        assertMessage("f.yaml: not valid YAML", "ibsi: [");
    }

    @Test
    void ibsi2BlockAddsAFilterAndReplacesDiscretisation() {
        IbsiConfig c = IbsiConfig.fromYaml("""
            ibsi:
              dimensions: 2D
              roundIntensities: true
              resegmentation: {range: [-1000, 400]}
            ibsi2: {filter: mean, dimensions: 2, support: 5, boundary: mirror}
            """, "p2.yaml");
        assertTrue(c.hasFilter());
        assertEquals("mean(support=5, 2D, MIRROR)", c.filter().describe());
        assertEquals(IbsiConfig.Binning.NONE, c.discretisation().method());
        assertEquals("mean(support=5, 2D, MIRROR)", c.summary().get("filter"));
        assertFalse(IbsiConfig.fromYaml("ibsi: {discretisation: {method: none}}", "p1.yaml").hasFilter());
        assertMessage("f.yaml: ibsi.discretisation does not apply with an ibsi2: filter",
            "{ibsi: {discretisation: {method: none}}, ibsi2: {filter: none}}");
        assertMessage("f.yaml: ibsi.ivh does not apply with an ibsi2: filter",
            "{ibsi: {ivh: {method: none}}, ibsi2: {filter: none}}");
        assertMessage("f.yaml: ibsi2: key 'sigma' does not apply to filter 'mean'",
            "{ibsi: {}, ibsi2: {filter: mean, support: 3, sigma: 1}}");
        assertMessage("f.yaml: 'ibsi2' must be a mapping", "{ibsi: {}, ibsi2: }");
        assertNull(IbsiConfig.fromYaml("ibsi2: {filter: mean, support: 3}\n", "filter-only.yaml"),
            "a filter-only file (radspark filter) does not switch IBSI mode on");
    }

    @Test
    void filterRunsOnTheProcessedImageOverTheResegmentedRoi() {
        // 6 x 5 x 1 grid: a linear ramp 0..29 along i + 6j; the ROI is every voxel, re-segmented to [0, 20]
        Geometry g = new Geometry(6, 5, 1, new double[] {1, 1, 1}, new double[3], Geometry.identityDirection());
        double[] v = new double[30];
        int[] labels = new int[30];
        for (int i = 0; i < 30; i++) {
            v[i] = i;
            labels[i] = 1;
        }
        IbsiConfig c = IbsiConfig.fromYaml("""
            ibsi: {dimensions: 2D, resegmentation: {range: [0, 20]}}
            ibsi2: {filter: mean, dimensions: 2, support: 3, boundary: nearest}
            """, "ramp.yaml");
        List<IbsiValue> out = IbsiExtractor.extract(new Image(g, v), new Mask(g, labels), c);
        assertEquals(18, out.size());
        assertTrue(out.stream().allMatch(x -> x.family().equals(IntensityStatisticsFamily.FAMILY)));
        // the 3 x 3 mean of a linear ramp is the ramp itself away from the edges; with nearest-value padding the
        // edge voxels average in a repeated row/column. Reference: the same mean computed here directly.
        double sum = 0;
        int n = 0;
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 6; i++) {
                if (i + 6 * j > 20) {
                    continue; // outside the re-segmented ROI (decided on the unfiltered intensities)
                }
                double s = 0;
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int ii = Math.min(Math.max(i + di, 0), 5), jj = Math.min(Math.max(j + dj, 0), 4);
                        s += ii + 6 * jj;
                    }
                }
                sum += s / 9;
                n++;
            }
        }
        assertEquals(21, n);
        double mean = out.stream().filter(x -> x.ibsiCode().equals("Q4LE")).findFirst().orElseThrow().value();
        assertEquals(sum / n, mean, 1e-12);
        // the unfiltered pipeline (filter: none) reports the processed intensities: mean of 0..20
        IbsiConfig none = IbsiConfig.fromYaml("""
            ibsi: {dimensions: 2D, resegmentation: {range: [0, 20]}}
            ibsi2: {filter: none}
            """, "none.yaml");
        double plain = IbsiExtractor.extract(new Image(g, v), new Mask(g, labels), none).stream()
            .filter(x -> x.ibsiCode().equals("Q4LE")).findFirst().orElseThrow().value();
        assertEquals(10, plain, 1e-12);
    }

    private static void assertMessage(String expectedStart, String yaml) {
        ParameterException e = assertThrows(ParameterException.class, () -> IbsiConfig.fromYaml(yaml, "f.yaml"));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void alignGridCentresGrid() {
        // config B: 204 x 0.977 mm -> 100 x 2 mm, centred on the old grid
        double sa = 0.9765625;
        double[] c = IbsiPreprocessor.alignedGrid(204, sa, 2);
        assertEquals(100, c.length);
        assertEquals((sa * 203 - 2 * 99) / 2 / sa, c[0], 1e-12);
        assertEquals(203 / 2.0, (c[0] + c[99]) / 2, 1e-9, "grid centres coincide");
        assertEquals(99, IbsiPreprocessor.alignedGrid(201, sa, 2).length);
        assertEquals(3, IbsiPreprocessor.alignedGrid(6, 1, 2).length, "exact multiple gains no voxel");
    }

    @Test
    void interpolationMethodsKeepAConstantImageAndATwoDGridKeepsSlices() {
        Geometry g = new Geometry(6, 5, 4, new double[] {1, 1, 3}, new double[3], Geometry.identityDirection());
        double[] v = new double[120];
        int[] labels = new int[120];
        java.util.Arrays.fill(v, 42);
        java.util.Arrays.fill(labels, 1);
        for (String method : List.of("trilinear", "tricubic", "nearest")) {
            IbsiConfig c = IbsiConfig.fromYaml("ibsi: {dimensions: 2D, interpolation: {spacing: [2, 2], method: "
                + method + "}, discretisation: {method: fixedBinNumber, binNumber: 8}}", "t.yaml");
            IbsiRoi roi = IbsiPreprocessor.process(new Image(g, v), new Mask(g, labels), c);
            assertEquals(3, roi.nx(), method);
            assertEquals(3, roi.ny(), method);
            assertEquals(4, roi.nz(), method);
            for (double x : roi.intensities()) {
                assertEquals(42, x, 1e-9, method);
            }
            for (byte b : roi.morphological()) {
                assertEquals(1, b, method);
            }
        }
    }

    @Test
    void csvColumnsAndQuoting() throws Exception {
        StringWriter w = new StringWriter();
        IbsiCsvWriter.write(List.of(new IbsiValue("morphology", "Volume (mesh)", "RNU0", "—", 556.0),
            new IbsiValue("grey level co-occurrence matrix (GLCM)", "Joint maximum", "GYBY", "2D, averaged", 0.5)), w);
        assertEquals("family,feature,ibsi_code,aggregation,value\n"
            + "morphology,Volume (mesh),RNU0,—,556.0\n"
            + "grey level co-occurrence matrix (GLCM),Joint maximum,GYBY,\"2D, averaged\",0.5\n", w.toString());
    }
}
