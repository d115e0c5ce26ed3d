package org.radspark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.radspark.jobs.CohortExtractJob;
import org.radspark.jobs.FeatureTables;
import org.radspark.jobs.SparkSessions;
import org.radspark.jobs.study.StudyConfig;
import org.radspark.jobs.study.StudyRunner;
import org.radspark.jobs.study.SyntheticStudyCohort;

/**
 * `radspark demo`: builds a small cohort from the bundled test data (pyradiomics' brain1 and breast1
 * NRRD cases, and the IBSI lung CT phantom read once as NIfTI with its NIfTI mask and once as a DICOM
 * series with its RTSTRUCT, as two readers), extracts it into local Delta tables and shows the result.
 * Then, unless --no-study, it derives a study-sized SYNTHETIC cohort from those four real feature rows
 * (60 generated patients, two readers, a generated clinical table; see {@link SyntheticStudyCohort})
 * and runs conf/studies/demo.yaml on it, printing where the report is.
 */
final class DemoCommand {
    private DemoCommand() {
    }

    static int run(String[] argv, PrintStream out) throws IOException {
        Args a = Args.parse(argv, 1, Set.of("table", "master", "testdata", "param", "study"),
            Set.of("verbose", "recompute", "no-study"));
        Path testdata = Path.of(a.options.getOrDefault("testdata",
            System.getProperty("radspark.home", ".") + "/testdata")).toAbsolutePath().normalize();
        if (!Files.isDirectory(testdata.resolve("pyradiomics"))) {
            throw new Args.UsageException("bundled test data not found at " + testdata + " (use --testdata DIR)");
        }
        Path params = Path.of(a.options.getOrDefault("param",
            testdata.getParent().resolve("conf/params/pyradiomics-default.yaml").toString()));
        Path work = Path.of(a.options.getOrDefault("table", "radspark-demo/tables")).toAbsolutePath();
        Files.createDirectories(work.getParent());
        Path manifest = work.getParent().resolve("manifest.csv");
        String t = testdata.toString();
        Files.writeString(manifest, String.join("\n",
            "patient_id,image,mask,roi,reader,center,modality",
            "NB-001," + t + "/pyradiomics/brain1_image.nrrd," + t + "/pyradiomics/brain1_label.nrrd,,r1,center-A,MR",
            "NB-002," + t + "/pyradiomics/breast1_image.nrrd," + t + "/pyradiomics/breast1_label.nrrd,,r1,center-A,MR",
            "NB-003," + t + "/ibsi1/ct_phantom/nifti/image.nii.gz," + t + "/ibsi1/ct_phantom/nifti/mask.nii.gz,,r1,center-B,CT",
            "NB-003," + t + "/ibsi1/ct_phantom/dicom/image," + t + "/ibsi1/ct_phantom/dicom/mask/rtstruct.dcm,GTV-1,r2,center-B,CT",
            ""), StandardCharsets.UTF_8);
        out.println("[radspark] demo cohort: " + manifest + " (4 cases: brain1, breast1, lung CT phantom by 2 readers)");
        SparkSession spark = SparkSessions.create("radspark demo", a.options.get("master"));
        try {
            CohortExtractJob.Summary s = new CohortExtractJob(spark, out).run(new CohortExtractJob.Options(
                manifest.toString(), params.toString(), work.toString(), a.flags.contains("recompute"), 0, 0));
            FeatureTables tables = new FeatureTables(spark, work.toString());
            CohortCommand.printSummary(out, s, tables);
            out.println("== a few feature rows (features_wide) ==");
            List<Row> rows = spark.read().format("delta").load(tables.path("features_wide"))
                .where(functions.col("params_hash").equalTo(s.paramsHash()))
                .select("patient_id", "reader", "modality", "original_shape_VoxelVolume", "original_firstorder_Mean",
                    "original_glcm_Contrast")
                .orderBy("patient_id", "reader").collectAsList();
            out.printf("%-8s %-6s %-8s %22s %22s %22s%n", "patient", "reader", "modality", "shape_VoxelVolume",
                "firstorder_Mean", "glcm_Contrast");
            for (Row r : rows) {
                out.printf("%-8s %-6s %-8s %22.6f %22.6f %22.6f%n", r.getString(0), r.getString(1), r.getString(2),
                    r.getDouble(3), r.getDouble(4), r.getDouble(5));
            }
            if (!a.flags.contains("no-study")) {
                Path studyFile = Path.of(a.options.getOrDefault("study",
                    testdata.getParent().resolve("conf/studies/demo.yaml").toString()));
                runStudy(spark, tables, s.paramsHash(), work.getParent().resolve("study"), studyFile, out);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    /**
     * The demo study: 60 synthetic patients generated from the extracted real rows (two readers, a
     * clinical table with outcome, age and stage), then the study file run on them.
     */
    static StudyRunner.Outcome runStudy(SparkSession spark, FeatureTables tables, String paramsHash, Path dir,
                                        Path studyFile, PrintStream out) throws IOException {
        List<Map<String, Double>> templates = templates(spark, tables.path("features_wide"), paramsHash);
        SyntheticStudyCohort.Spec spec = new SyntheticStudyCohort.Spec();
        spec.modality = "synthetic";
        SyntheticStudyCohort.Result c = SyntheticStudyCohort.write(spark, templates, paramsHash, spec,
            dir.resolve("tables"), dir.resolve("clinical.csv"));
        out.printf("[radspark] synthetic study cohort (NOT real patients): %d patients x %d readers, %d features "
            + "derived from the %d real demo rows; clinical table %s%n", spec.patients, spec.readers.size(), c.features(),
            templates.size(), c.clinicalCsv());
        StudyConfig cfg = StudyConfig.load(studyFile, Map.of(StudyConfig.TABLE, dir.resolve("tables").toString(),
            StudyConfig.CLINICAL, c.clinicalCsv().toString(), StudyConfig.OUTPUT, dir.resolve("output").toString()));
        StudyRunner.Outcome o = new StudyRunner(spark, out).run(cfg);
        StudyCommand.report(out, o);
        return o;
    }

    /** One map of feature values per row of the wide table for a params_hash (non-null numeric features). */
    static List<Map<String, Double>> templates(SparkSession spark, String widePath, String paramsHash) {
        org.apache.spark.sql.Dataset<Row> wide = spark.read().format("delta").load(widePath)
            .where(functions.col("params_hash").equalTo(paramsHash)).orderBy("patient_id", "reader");
        Set<String> keys = Set.of("patient_id", "reader", "modality", "timepoint", "center", "params_hash");
        List<Map<String, Double>> out = new ArrayList<>();
        String[] cols = wide.columns();
        for (Row r : wide.collectAsList()) {
            Map<String, Double> m = new HashMap<>();
            for (int i = 0; i < cols.length; i++) {
                if (!keys.contains(cols[i]) && !r.isNullAt(i) && r.get(i) instanceof Number) {
                    m.put(cols[i], ((Number) r.get(i)).doubleValue());
                }
            }
            out.add(m);
        }
        return out;
    }
}
