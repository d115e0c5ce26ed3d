package org.radspark.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.image.Geometry;
import org.radspark.image.Mask;
import org.radspark.io.ReadException;

class RtStructReaderTest {
    private static DicomSeries phantom;

    @BeforeAll
    static void readPhantom() {
        phantom = new DicomSeriesReader().read(DicomTestFiles.phantomImageDir());
    }

    @Test
    void phantomGtvHasIbsiVoxelCount() {
        RtStructReader reader = new RtStructReader();
        assertEquals(List.of("GTV-1"), reader.roiNames(DicomTestFiles.phantomRtstruct()));
        Mask mask = reader.read(DicomTestFiles.phantomRtstruct(), phantom, "GTV-1");
        assertEquals(125256, mask.count(1));
        Mask only = reader.read(DicomTestFiles.phantomRtstruct(), phantom.image().geometry(), null);
        assertArrayEquals(mask.labels(), only.labels());
    }

    @Test
    void roiNotFound(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rtstruct.dcm");
        Files.copy(DicomTestFiles.phantomRtstruct(), file);
        ReadException e = assertThrows(ReadException.class,
            () -> new RtStructReader().read(file, phantom.image().geometry(), "Lung"));
        assertEquals(file + ": ROI 'Lung' not found (available: GTV-1)", e.getMessage());
    }

    @Test
    void voxelCentresInsidePolygonAndHolesByXor() {
        Geometry grid = new Geometry(10, 10, 2, new double[] {1, 1, 2}, new double[] {0, 0, 0},
            Geometry.identityDirection());
        int[] labels = new int[200];
        RtStructReader.Rasteriser r = new RtStructReader.Rasteriser(grid, labels);
        // square with corners at voxel centres 1..7 on slice z = 2 (k = 1): centres on the lower/left edge count
        assertNull(r.fill(new double[] {1, 1, 2.4, 7, 1, 2.4, 7, 7, 2.4, 1, 7, 2.4}));
        assertEquals(36, count(labels));
        // a hole 3..5 in the same slice, opposite winding
        assertNull(r.fill(new double[] {3, 3, 2, 3, 5, 2, 5, 5, 2, 5, 3, 2}));
        assertEquals(32, count(labels));
        assertEquals(0, labels[grid.index(3, 3, 1)]);
        assertEquals(1, labels[grid.index(5, 5, 1)]);
        assertEquals(1, labels[grid.index(1, 1, 1)]);
        assertEquals(0, labels[grid.index(7, 7, 1)]);
        // partly outside the grid: clipped
        assertNull(r.fill(new double[] {-5, -5, 0, 2, -5, 0, 2, 2, 0, -5, 2, 0}));
        assertEquals(32 + 4, count(labels));
        // not on any slice
        assertEquals("at (0.0, 0.0, 9.0) mm lies outside the image slices",
            r.fill(new double[] {0, 0, 9, 3, 0, 9, 3, 3, 9}));
    }

    private static int count(int[] labels) {
        int n = 0;
        for (int v : labels) {
            n += v;
        }
        return n;
    }
}
