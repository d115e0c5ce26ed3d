package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radspark.image.Image;
import org.radspark.io.MapFormat;
import org.radspark.io.NrrdReader;
import org.radspark.spark.FeatureMapCasesFunction;

/**
 * `cohort extract --mode voxel`: maps computed on the executors equal pyradiomics' maps, one folder per case and
 * parameter set below TABLE/maps, one feature_maps row per map; a re-run maps only new cases, --recompute
 * replaces folders and rows without duplicates, and a failing case is an errors row.
 */
class CohortFeatureMapJobTest {
    @Test
    void caseFoldersAreSafeAndDistinct() {
        String f = FeatureMapCasesFunction.caseFolder("file:/t/maps", "h1", "P001", "", "MR", "");
        assertEquals("file:/t/maps/h1/P001/_/MR/_", f);
        String slash = FeatureMapCasesFunction.caseFolder("file:/t/maps", "h1", "P/01", "r1", "..", "_");
        assertTrue(slash.matches("file:/t/maps/h1/P_01-[0-9a-f]{8}/r1/_\\.-[0-9a-f]{8}/_-[0-9a-f]{8}"), slash);
        assertTrue(!FeatureMapCasesFunction.caseFolder("r", "h", "P/01", "", "", "")
            .equals(FeatureMapCasesFunction.caseFolder("r", "h", "P_01", "", "", "")));
    }

    @Test
    void mapsOnExecutorsEqualPyradiomicsAndRerunsAddNothingTwice(@TempDir Path dir) throws IOException {
        SparkSession spark = CohortFixtures.spark();
        CohortFixtures.copyPyradiomicsCases(dir);
        Path manifest = CohortFixtures.writeManifest(dir, "patient_id,image,mask,center,reader",
            "P/01,data/breast1_image.nrrd,data/breast1_label.nrrd,A,r1",
            "P002,data/breast1_image.nrrd,missing_label.nrrd,B,r1");
        String table = dir.resolve("tables").toString();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        CohortFeatureMapJob job = new CohortFeatureMapJob(spark, new PrintStream(console, true, StandardCharsets.UTF_8));
        CohortExtractJob.Summary first = job.run(new CohortFeatureMapJob.Options(manifest.toString(),
            CohortFixtures.PARAMS.toString(), table, false, 0, MapFormat.nrrd));
        assertEquals(1, first.done(), console.toString());
        assertEquals(1, first.failed());

        Dataset<Row> maps = spark.read().format("delta").load(dir.resolve("tables/feature_maps").toString());
        assertEquals(93, maps.count(), "one row per map of the mapped case");
        Row mcc = maps.where(functions.col("feature").equalTo("original_glcm_Contrast")).head();
        assertEquals("P/01", mcc.getAs("patient_id"));
        assertEquals("original", mcc.getAs("image_type"));
        assertEquals("glcm", mcc.getAs("feature_class"));
        assertEquals(143L, (long) mcc.<Long>getAs("roi_voxels"));
        assertEquals(List.of(11, 14, 5), List.of(mcc.<Integer>getAs("size_x"), mcc.<Integer>getAs("size_y"),
            mcc.<Integer>getAs("size_z")));
        String path = mcc.getAs("path");
        assertTrue(path.contains("/tables/maps/" + first.paramsHash() + "/P_01-"), path);
        Path caseDir = Path.of(URI.create(path)).getParent();
        try (Stream<Path> files = Files.list(caseDir)) {
            assertEquals(93, files.filter(p -> p.toString().endsWith(".nrrd")).count());
        }
        try (Stream<Path> siblings = Files.list(caseDir.getParent())) {
            assertEquals(1, siblings.count(), "no temporary folders left");
        }
        for (Row r : maps.collectAsList()) {
            String feature = r.getAs("feature");
            Image expected = NrrdReader.read(CohortFixtures.DATA.resolve("pyradiomics/voxel/breast1/Case-1_" + feature
                + ".nrrd"));
            Image actual = NrrdReader.read(Path.of(URI.create(r.getAs("path"))));
            double[] e = expected.voxels(), a = actual.voxels();
            for (int i = 0; i < e.length; i++) {
                boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i])
                    : Math.abs(a[i] - e[i]) <= Math.max(1e-9, 1e-6 * Math.abs(e[i]));
                assertTrue(ok, feature + " voxel " + i + ": " + a[i] + " vs pyradiomics " + e[i]);
            }
        }
        Dataset<Row> errors = spark.read().format("delta").load(dir.resolve("tables/errors").toString());
        assertEquals(1, errors.where(functions.col("patient_id").equalTo("P002")).count());

        // nothing new: nothing mapped again
        CohortExtractJob.Summary second = job.run(new CohortFeatureMapJob.Options(manifest.toString(),
            CohortFixtures.PARAMS.toString(), table, false, 0, MapFormat.nrrd));
        assertEquals(0, second.done());
        assertEquals(1, second.skipped());
        // recompute: same rows replaced, not added
        CohortExtractJob.Summary third = job.run(new CohortFeatureMapJob.Options(manifest.toString(),
            CohortFixtures.PARAMS.toString(), table, true, 0, MapFormat.nrrd));
        assertEquals(1, third.done());
        maps = spark.read().format("delta").load(dir.resolve("tables/feature_maps").toString());
        assertEquals(93, maps.count());
        assertEquals(third.runId(), maps.select("run_id").distinct().head().getString(0));
        Dataset<Row> runs = spark.read().format("delta").load(dir.resolve("tables/runs").toString());
        assertEquals(3, runs.count());
        assertTrue(console.toString().contains("voxel mode: 1 to map, 0 already done"), console.toString());
    }
}
