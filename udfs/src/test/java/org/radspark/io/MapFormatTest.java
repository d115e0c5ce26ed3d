package org.radspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.radspark.image.Geometry;
import org.radspark.image.Image;

/** A feature map written in either format reads back with its geometry and every float64 value, NaN included. */
class MapFormatTest {
    @ParameterizedTest
    @EnumSource(MapFormat.class)
    void roundTripKeepsGeometryAndValues(MapFormat format, @TempDir Path dir) throws Exception {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        Geometry g = new Geometry(5, 4, 3, new double[] {0.664062, 0.7, 2.1},
            new double[] {-103.26180000000001, -6.3087480000000085, 24.15000000000003},
            new double[] {c, -s, 0, s, c, 0, 0, 0, 1});
        double[] v = new double[60];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7 == 0 ? Double.NaN : Math.PI * i / 3e5 - 1.0 / (i + 1);
        }
        Path file = dir.resolve("map" + format.suffix());
        try (OutputStream out = Files.newOutputStream(file)) {
            format.write(new Image(g, v), out, file.toString());
        }
        Image back = format == MapFormat.nrrd ? NrrdReader.read(file) : NiftiReader.read(file);
        assertArrayEquals(g.size(), back.geometry().size());
        assertArrayEquals(g.spacing(), back.geometry().spacing(), 1e-6);
        assertArrayEquals(g.origin(), back.geometry().origin(), format == MapFormat.nrrd ? 0 : 1e-4);
        assertArrayEquals(g.direction(), back.geometry().direction(), 1e-6);
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], back.voxels()[i], 0.0, "voxel " + i);
        }
    }
}
