package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDFS for real: an in-process MiniDFSCluster holds NRRD, NIfTI and DICOM (series + RTSTRUCT) cases and
 * the manifest; the cohort job reads them from hdfs:// and writes its Delta tables to hdfs://.
 */
class HdfsCohortTest {

    @Test
    void cohortReadsFromAndWritesToHdfs(@TempDir Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            cluster.waitActive();
            FileSystem fs = cluster.getFileSystem();
            String root = fs.getUri() + "/cohort";
            Path data = CohortFixtures.DATA;
            put(fs, data.resolve("pyradiomics/breast1_image.nrrd"), root + "/nrrd/breast1_image.nrrd");
            put(fs, data.resolve("pyradiomics/breast1_label.nrrd"), root + "/nrrd/breast1_label.nrrd");
            put(fs, data.resolve("ibsi1/ct_phantom/nifti/image.nii.gz"), root + "/nifti/image.nii.gz");
            put(fs, data.resolve("ibsi1/ct_phantom/nifti/mask.nii.gz"), root + "/nifti/mask.nii.gz");
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(data.resolve("ibsi1/ct_phantom/dicom/image").toUri()),
                new org.apache.hadoop.fs.Path(root + "/dicom/series"));
            put(fs, data.resolve("ibsi1/ct_phantom/dicom/mask/rtstruct.dcm"), root + "/dicom/rtstruct.dcm");
            put(fs, CohortFixtures.PARAMS, root + "/params.yaml");
            try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(root + "/manifest.csv"))) {
                out.write(String.join("\n",
                    "patient_id,image,mask,roi,modality",
                    "H1,nrrd/breast1_image.nrrd,nrrd/breast1_label.nrrd,,MR",
                    "H2,nifti/image.nii.gz,nifti/mask.nii.gz,,CT",
                    "H3,dicom/series,dicom/rtstruct.dcm,GTV-1,CT", "").getBytes(StandardCharsets.UTF_8));
            }

            SparkSession spark = CohortFixtures.spark();
            spark.sparkContext().hadoopConfiguration().set("fs.defaultFS", fs.getUri().toString());
            String table = root + "/tables";
            CohortExtractJob.Summary s = new CohortExtractJob(spark, new PrintStream(new ByteArrayOutputStream()))
                .run(new CohortExtractJob.Options(root + "/manifest.csv", root + "/params.yaml", table, false, 0, 0));
            assertEquals(3, s.done(), s.errors().toString());
            assertEquals(0, s.failed());

            Dataset<Row> features = spark.read().format("delta").load(table + "/features");
            assertEquals(3L * CohortFixtures.DEFAULT_FEATURES, features.count());
            // the CT phantom read as NIfTI and as DICOM + RTSTRUCT gives the same voxel count
            double niftiVoxels = features.where("patient_id = 'H2' AND feature = 'original_shape_VoxelVolume'")
                .select("value").head().getDouble(0);
            double dicomVoxels = features.where("patient_id = 'H3' AND feature = 'original_shape_VoxelVolume'")
                .select("value").head().getDouble(0);
            assertEquals(niftiVoxels, dicomVoxels, 1e-6 * niftiVoxels);
            assertEquals(3, spark.read().format("delta").load(table + "/features_wide").count());
            assertEquals(true, fs.exists(new org.apache.hadoop.fs.Path(table + "/features/_delta_log")));

            // voxel mode: the maps are written to HDFS by the executors, renamed into place, listed in feature_maps
            try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(root + "/voxel.csv"))) {
                out.write("patient_id,image,mask\nH1,nrrd/breast1_image.nrrd,nrrd/breast1_label.nrrd\n"
                    .getBytes(StandardCharsets.UTF_8));
            }
            CohortExtractJob.Summary v = new CohortFeatureMapJob(spark, new PrintStream(new ByteArrayOutputStream()))
                .run(new CohortFeatureMapJob.Options(root + "/voxel.csv", root + "/params.yaml", table, false, 0,
                    org.radspark.io.MapFormat.nrrd));
            assertEquals(1, v.done(), v.errors().toString());
            Row map = spark.read().format("delta").load(table + "/feature_maps")
                .where("feature = 'original_firstorder_Median'").head();
            String mapPath = map.getAs("path");
            assertTrue(mapPath.startsWith(fs.getUri() + "/cohort/tables/maps/" + v.paramsHash() + "/H1/"), mapPath);
            Path local = dir.resolve("median.nrrd");
            fs.copyToLocalFile(new org.apache.hadoop.fs.Path(mapPath), new org.apache.hadoop.fs.Path(local.toUri()));
            double[] expected = org.radspark.io.NrrdReader.read(
                data.resolve("pyradiomics/voxel/breast1/Case-1_original_firstorder_Median.nrrd")).voxels();
            assertArrayEquals(expected, org.radspark.io.NrrdReader.read(local).voxels(), 1e-9);
            org.apache.hadoop.fs.FileStatus[] caseFolders = fs.listStatus(
                new org.apache.hadoop.fs.Path(mapPath).getParent().getParent());
            assertEquals(1, caseFolders.length, "no temporary folder left beside the case's");
            spark.sparkContext().hadoopConfiguration().unset("fs.defaultFS");
        } finally {
            cluster.shutdown();
        }
    }

    private static void put(FileSystem fs, Path local, String target) throws IOException {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(target));
    }
}
