package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV manifests read on the driver: short rows padded, long rows reported, quoted values, image sizes. */
class CsvManifestTest {

    @Test
    void manifestRowsAreCheckedAgainstTheHeader(@TempDir Path dir) throws Exception {
        Path image = Files.writeString(dir.resolve("img.nrrd"), "x");
        Path mask = Files.writeString(dir.resolve("mask.nrrd"), "x");
        Path m = dir.resolve("m.csv");
        Files.writeString(m, "patient_id,image,mask,reader\nP1,img.nrrd,mask.nrrd\nP2,img.nrrd,mask.nrrd,r1,extra\n",
            StandardCharsets.UTF_8);
        CohortManifest.InvalidManifestException e = assertThrows(CohortManifest.InvalidManifestException.class,
            () -> CohortManifest.readCsv(m.toString(), new Configuration()));
        assertTrue(e.getMessage().endsWith("invalid manifest:\n  row 3: 5 fields, the header has 4"), e.getMessage());

        Files.writeString(m, "patient_id,image,mask,reader\nP1,img.nrrd,mask.nrrd\n\"P 2\",\"" + image + "\",\"" + mask
            + "\",r1\n", StandardCharsets.UTF_8);
        CohortManifest ok = CohortManifest.readCsv(m.toString(), new Configuration());
        assertEquals(2, ok.cases().size());
        assertEquals("", ok.cases().get(0).getString(1), "a short row has empty optional columns");
        assertEquals("P 2", ok.cases().get(1).getString(0));
        assertEquals("r1", ok.cases().get(1).getString(1));
        assertEquals(1L, ok.imageBytes(ok.cases().get(1)));
    }
}
