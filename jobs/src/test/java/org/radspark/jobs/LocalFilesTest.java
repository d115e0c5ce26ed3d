package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The path rule of the commands without Spark: scheme-less and file: locations are local, others refused. */
class LocalFilesTest {
    @Test
    void fileUrisAndPlainPathsAreLocal() {
        assertEquals(Path.of("scans/a.nrrd"), LocalFiles.path("image", "scans/a.nrrd"));
        assertEquals(Path.of("/data/a.nrrd"), LocalFiles.path("image", "/data/a.nrrd"));
        assertEquals(Path.of("/data/a.nrrd"), LocalFiles.path("image", "file:/data/a.nrrd"));
        assertEquals(Path.of("/data/a.nrrd"), LocalFiles.path("image", "file:///data/a.nrrd"));
        assertEquals(Path.of("/data/a.nrrd"), LocalFiles.path("image", "FILE://localhost/data/a.nrrd"));
        assertEquals(Path.of("scans/a.nrrd"), LocalFiles.path("image", "file:scans/a.nrrd"));
        assertEquals(Path.of("/data/a b.nrrd"), LocalFiles.path("image", "file:///data/a b.nrrd"));
    }

    @Test
    void otherSchemesAndHostsAreRefusedInOneLine() {
        Locations.LocationException hdfs = assertThrows(Locations.LocationException.class,
            () -> LocalFiles.path("mask", "hdfs://nn:8020/m.nrrd"));
        assertEquals("mask hdfs://nn:8020/m.nrrd: this command reads and writes local files only (copy it here "
            + "first, e.g. hdfs dfs -get; cohort extract reads any file system)", hdfs.getMessage());
        Locations.LocationException host = assertThrows(Locations.LocationException.class,
            () -> LocalFiles.path("image", "file://pacs/data/a.nrrd"));
        assertEquals("image file://pacs/data/a.nrrd: a file URI naming host pacs is not a local file", host.getMessage());
        assertThrows(Locations.LocationException.class, () -> LocalFiles.path("image", "file:"));
    }

    @Test
    void schemesAreToldFromDriveLetters() {
        assertTrue(LocalFiles.hasScheme("s3a://bucket/x"));
        assertTrue(LocalFiles.hasScheme("file:x"));
        assertFalse(LocalFiles.hasScheme("C:\\scans\\a.nrrd"));
        assertFalse(LocalFiles.hasScheme("C:/scans/a.nrrd"));
        assertFalse(LocalFiles.hasScheme("scans/a:b.nrrd"));
    }
}
