package org.radspark.jobs.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.radspark.extract.FeatureExtractor;
import org.radspark.image.Image;
import org.radspark.image.Mask;
import org.radspark.io.MaskSelection;
import org.radspark.io.VolumeReaders;
import org.radspark.jobs.SparkSessions;
import org.radspark.params.ExtractionParams;
import org.radspark.params.ParamFileParser;
import org.radspark.params.ParamsHash;

/**
 * Study test set-up, as `radspark demo` does it: real features of bundled cases (pyradiomics' brain1
 * and breast1, extracted with the default parameter file) are the templates of a synthetic cohort.
 */
final class StudyFixtures {
    static final Path DATA = Path.of(System.getProperty("radspark.testdata", "../testdata")).toAbsolutePath().normalize();
    static final Path ROOT = DATA.getParent();
    static final Path PARAMS = ROOT.resolve("conf/params/pyradiomics-default.yaml");
    static final Path STUDIES = ROOT.resolve("conf/studies");

    private static List<Map<String, Double>> templates;
    private static String paramsHash;

    private StudyFixtures() {
    }

    static SparkSession spark() {
        return SparkSessions.create("radspark-study-tests", "local[2]");
    }

    /** Real feature rows (extracted once per JVM). */
    static synchronized List<Map<String, Double>> templates() throws IOException {
        if (templates == null) {
            ExtractionParams params = ParamFileParser.parse(PARAMS);
            paramsHash = ParamsHash.of(Files.readString(PARAMS, StandardCharsets.UTF_8));
            List<Map<String, Double>> out = new ArrayList<>();
            for (String c : List.of("brain1", "breast1")) {
                Image image = VolumeReaders.readImage(DATA.resolve("pyradiomics/" + c + "_image.nrrd"), null);
                Mask mask = VolumeReaders.readMask(DATA.resolve("pyradiomics/" + c + "_label.nrrd"), image.geometry(),
                    new MaskSelection(null, null, null));
                out.add(new FeatureExtractor(params).extract(image, mask, null).features());
            }
            templates = out;
        }
        return templates;
    }

    static String paramsHash() throws IOException {
        templates();
        return paramsHash;
    }

    /** Writes a synthetic cohort under dir (tables/features_wide and clinical.csv). */
    static SyntheticStudyCohort.Result cohort(SparkSession spark, Path dir, SyntheticStudyCohort.Spec spec)
        throws IOException {
        return SyntheticStudyCohort.write(spark, templates(), paramsHash(), spec,
            dir.resolve("tables").toUri().toString(), dir.resolve("clinical.csv").toUri().toString());
    }

    static Map<String, String> paths(Path dir, Path out) {
        return Map.of(StudyConfig.TABLE, dir.resolve("tables").toString(), StudyConfig.CLINICAL,
            dir.resolve("clinical.csv").toString(), StudyConfig.OUTPUT, out.toString());
    }
}
