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
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.radspark.jobs.CohortExtractJob;
import org.radspark.jobs.FeatureTables;
import org.radspark.jobs.Locations;
import org.radspark.jobs.SparkSessions;
import org.radspark.jobs.study.StudyConfig;
import org.radspark.jobs.study.StudyRunner;
import org.radspark.jobs.study.SyntheticStudyCohort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `radspark demo`: builds a small cohort from the bundled test data (pyradiomics' brain1 and breast1
 * NRRD cases, and the IBSI lung CT phantom read once as NIfTI with its NIfTI mask and once as a DICOM
 * series with its RTSTRUCT, as two readers), extracts it into local Delta tables and shows the result.
 * Then, unless --no-study, it derives a study-sized SYNTHETIC cohort from those four real feature rows
 * (60 generated patients, two readers, a generated clinical table; see {@link SyntheticStudyCohort})
 * and runs conf/studies/demo.yaml on it, printing where the report is.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs the cohort job on a small cohort built from the bundled test data (brain1, breast1, the IBSI "
        + "lung CT phantom by two readers) into local Delta tables under radspark-demo/, then the demo study "
        + "(conf/studies/demo.yaml) on 60 SYNTHETIC patients derived from those real features."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-t", "--table"}, paramLabel = "DIR", description = "Tables folder (default: radspark-demo/tables).")
    String table;

    @Option(names = "--master", paramLabel = "URL", converter = MasterUrl.class, description = "Spark master (default local[*]).")
    String master;

    @Option(names = "--testdata", paramLabel = "DIR", description = "The bundled test data (default: RADSPARK_HOME/testdata).")
    String testdataDir;

    @Option(names = {"-p", "--param"}, paramLabel = "FILE",
        description = "Parameter file (default: conf/params/pyradiomics-default.yaml).")
    String param;

    @Option(names = "--study", paramLabel = "FILE", description = "Study file (default: conf/studies/demo.yaml).")
    String study;

    @Option(names = "--recompute", description = "Extract the demo cases again.")
    boolean recompute;

    @Option(names = "--no-study", description = "Skip the study.")
    boolean noStudy;

    @Mixin
    LogOptions log;

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        Path testdata = Path.of(testdataDir != null ? testdataDir
            : System.getProperty("radspark.home", ".") + "/testdata").toAbsolutePath().normalize();
        if (!Files.isDirectory(testdata.resolve("pyradiomics"))) {
            throw Radspark.usage(spec, "bundled test data not found at " + testdata + " (use --testdata DIR)");
        }
        // the bundled inputs are local files, and so is the demo's default output folder (explicit file:
        // URIs, whatever Hadoop's default file system); a --table or --param given follows the path rule
        org.apache.hadoop.conf.Configuration conf = Locations.hadoopConf();
        String params = param != null ? Locations.config(param)
            : Locations.fileUri(testdata.getParent().resolve("conf/params/pyradiomics-default.yaml"));
        String work = table != null ? Locations.data(table, conf)
            : Locations.fileUri(Path.of("radspark-demo/tables"));
        String base = work.substring(0, work.lastIndexOf('/'));
        String manifest = base + "/manifest.csv";
        String t = Locations.fileUri(testdata);
        Locations.writeText(manifest, String.join("\n",
            "patient_id,image,mask,roi,reader,center,modality",
            "NB-001," + t + "/pyradiomics/brain1_image.nrrd," + t + "/pyradiomics/brain1_label.nrrd,,r1,center-A,MR",
            "NB-002," + t + "/pyradiomics/breast1_image.nrrd," + t + "/pyradiomics/breast1_label.nrrd,,r1,center-A,MR",
            "NB-003," + t + "/ibsi1/ct_phantom/nifti/image.nii.gz," + t + "/ibsi1/ct_phantom/nifti/mask.nii.gz,,r1,center-B,CT",
            "NB-003," + t + "/ibsi1/ct_phantom/dicom/image," + t + "/ibsi1/ct_phantom/dicom/mask/rtstruct.dcm,GTV-1,r2,center-B,CT",
            ""), conf);
        out.println("[radspark] demo cohort: " + manifest + " (4 cases: brain1, breast1, lung CT phantom by 2 readers)");
        SparkSessions.requireReachable(master);
        SparkSession spark = SparkSessions.create("radspark demo", master);
        try {
            CohortExtractJob.Summary s = new CohortExtractJob(spark, out).run(new CohortExtractJob.Options(
                manifest, params, work, recompute, 0, 0));
            FeatureTables tables = new FeatureTables(spark, work);
            CohortCommand.printSummary(out, s, tables, false);
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
            if (!noStudy) {
                Path studyFile = Path.of(study != null ? study
                    : testdata.getParent().resolve("conf/studies/demo.yaml").toString());
                runStudy(spark, tables, s.paramsHash(), base + "/study", studyFile, out);
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
    static StudyRunner.Outcome runStudy(SparkSession spark, FeatureTables tables, String paramsHash, String dir,
                                        Path studyFile, PrintStream out) throws IOException {
        List<Map<String, Double>> templates = SyntheticStudyCohort.templates(spark, tables.path("features_wide"), paramsHash);
        SyntheticStudyCohort.Spec spec = new SyntheticStudyCohort.Spec();
        spec.modality = "synthetic";
        SyntheticStudyCohort.Result c = SyntheticStudyCohort.write(spark, templates, paramsHash, spec,
            dir + "/tables", dir + "/clinical.csv");
        out.printf("[radspark] synthetic study cohort (NOT real patients): %d patients x %d readers, %d features "
            + "derived from the %d real demo rows; clinical table %s%n", spec.patients, spec.readers.size(), c.features(),
            templates.size(), c.clinicalCsv());
        StudyConfig cfg = StudyConfig.load(studyFile, Map.of(StudyConfig.TABLE, dir + "/tables",
            StudyConfig.CLINICAL, c.clinicalCsv(), StudyConfig.OUTPUT, dir + "/output"));
        StudyRunner.Outcome o = new StudyRunner(spark, out).run(cfg);
        StudyCommand.report(out, o);
        return o;
    }
}
