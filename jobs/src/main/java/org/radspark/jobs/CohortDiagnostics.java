package org.radspark.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.radspark.extract.Diagnostics;
import org.radspark.image.Geometry;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;
import org.radspark.spark.CohortSchemas;
import org.radspark.spark.ExtractCasesFunction;

/**
 * Quality-control facts of a cohort's original images and masks, one row per manifest case, read on the
 * executors: the quantities of pyradiomics' {@code diagnostics_Image-original_*} and
 * {@code diagnostics_Mask-original_*} entries (spacing, size, intensity minimum/mean/maximum, ROI voxel
 * count, connected components) as numbers, plus the ROI's physical volume and intensity range. A case
 * that cannot be read gets a row with its {@code error} and null values; the others go on.
 */
public final class CohortDiagnostics {
    public static final StructType SCHEMA = new StructType()
        .add("patient_id", DataTypes.StringType, false)
        .add("reader", DataTypes.StringType, false)
        .add("modality", DataTypes.StringType, false)
        .add("timepoint", DataTypes.StringType, false)
        .add("center", DataTypes.StringType, false)
        .add("spacing_x", DataTypes.DoubleType, true)
        .add("spacing_y", DataTypes.DoubleType, true)
        .add("spacing_z", DataTypes.DoubleType, true)
        .add("size_x", DataTypes.IntegerType, true)
        .add("size_y", DataTypes.IntegerType, true)
        .add("size_z", DataTypes.IntegerType, true)
        .add("image_min", DataTypes.DoubleType, true)
        .add("image_mean", DataTypes.DoubleType, true)
        .add("image_max", DataTypes.DoubleType, true)
        .add("roi_voxels", DataTypes.LongType, true)
        .add("roi_components", DataTypes.IntegerType, true)
        .add("roi_volume_mm3", DataTypes.DoubleType, true)
        .add("roi_min", DataTypes.DoubleType, true)
        .add("roi_mean", DataTypes.DoubleType, true)
        .add("roi_max", DataTypes.DoubleType, true)
        .add("error", DataTypes.StringType, true);

    private CohortDiagnostics() {
    }

    /**
     * One row per case of the manifest at {@code manifestLocation} (CSV, Parquet or Delta, as the cohort
     * job reads it); {@code label} is the ROI label of cases whose manifest row names none.
     */
    public static Dataset<Row> of(SparkSession spark, String manifestLocation, int label) {
        CohortManifest manifest = CohortManifest.read(spark, manifestLocation);
        List<Row> cases = manifest.cases();
        int slices = Math.max(1, Math.min(cases.size(), spark.sparkContext().defaultParallelism()));
        return spark.createDataFrame(cases, CohortSchemas.CASE).repartition(slices)
            .mapPartitions(new Read(label), Encoders.row(SCHEMA));
    }

    /** Reads each case of a partition and measures it. */
    private static final class Read implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int defaultLabel;

        Read(int defaultLabel) {
            this.defaultLabel = defaultLabel;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> cases) {
            List<Row> out = new ArrayList<>();
            while (cases.hasNext()) {
                out.add(measure(cases.next()));
            }
            return out.iterator();
        }

        private Row measure(Row c) {
            Object[] v = new Object[SCHEMA.size()];
            for (int i = 0; i < 5; i++) {
                v[i] = c.getString(i);
            }
            Path scratch = null;
            try {
                scratch = Files.createTempDirectory("radspark-qc-");
                VolumeReaders.Case read = VolumeReaders.readCase(ExtractCasesFunction.localize(c.getString(5),
                    scratch.resolve("image")), null, ExtractCasesFunction.localize(c.getString(6), scratch.resolve("mask")),
                    new MaskSelection(c.isNullAt(7) ? null : c.getString(7), c.isNullAt(8) ? null : c.getInt(8), null));
                Image image = read.image();
                Mask mask = read.mask();
                int label = c.isNullAt(9) ? defaultLabel : c.getInt(9);
                Geometry g = image.geometry();
                double[] voxels = image.voxels();
                int[] labels = mask.labels();
                double[] range = Diagnostics.minMeanMax(voxels);
                double roiMin = Double.POSITIVE_INFINITY;
                double roiMax = Double.NEGATIVE_INFINITY;
                double roiSum = 0;
                long roi = 0;
                for (int i = 0; i < voxels.length; i++) {
                    double x = voxels[i];
                    if (labels[i] == label) {
                        roi++;
                        roiSum += x;
                        roiMin = Math.min(roiMin, x);
                        roiMax = Math.max(roiMax, x);
                    }
                }
                v[5] = g.spacing(0);
                v[6] = g.spacing(1);
                v[7] = g.spacing(2);
                v[8] = g.nx();
                v[9] = g.ny();
                v[10] = g.nz();
                v[11] = range[0];
                v[12] = range[1];
                v[13] = range[2];
                v[14] = roi;
                v[15] = Diagnostics.countComponents(mask, label);
                v[16] = roi * g.spacing(0) * g.spacing(1) * g.spacing(2);
                v[17] = roi == 0 ? null : roiMin;
                v[18] = roi == 0 ? null : roiSum / roi;
                v[19] = roi == 0 ? null : roiMax;
                v[20] = roi == 0 ? "label " + label + " not in the mask" : null;
            } catch (IOException | RuntimeException e) {
                v[20] = e.getClass().getSimpleName() + ": " + e.getMessage();
            } finally {
                ExtractCasesFunction.deleteQuietly(scratch);
            }
            return RowFactory.create(v);
        }
    }
}
