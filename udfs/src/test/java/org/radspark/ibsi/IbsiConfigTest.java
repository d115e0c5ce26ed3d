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
