package org.radspark.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.radspark.io.CsvRecords;
import org.radspark.spark.CohortSchemas;

/**
 * A cohort manifest (CSV with a header, Parquet or Delta; local path or any Hadoop URI such as
 * hdfs://): one row per case with patient_id, image, mask and optional center, roi, segment, label,
 * reader, modality, timepoint. Relative paths are resolved against the manifest's folder. The whole
 * manifest is validated before any work: structural problems (unknown or missing columns, duplicate
 * case keys, empty or non-integer values) are listed together in one error; a case whose image or mask
 * does not exist is set aside as a missing-file case, so the cohort job records it as an error row
 * and processes the others.
 */
public final class CohortManifest {
    static final List<String> REQUIRED = List.of("patient_id", "image", "mask");
    static final List<String> OPTIONAL = List.of("center", "roi", "segment", "label", "reader", "modality", "timepoint");

    /** A manifest that cannot be used: the message lists every problem, one per line. */
    public static final class InvalidManifestException extends RuntimeException {
        InvalidManifestException(String message) {
            super(message);
        }
    }

    /** A case whose input files are missing, with the reason naming the file. */
    public record MissingFiles(Row caseRow, String message) {
    }

    private final String location;
    private final List<Row> cases;
    private final Map<Row, Long> imageBytes;
    private final List<MissingFiles> missing;

    private CohortManifest(String location, List<Row> cases, Map<Row, Long> imageBytes, List<MissingFiles> missing) {
        this.location = location;
        this.cases = cases;
        this.imageBytes = imageBytes;
        this.missing = missing;
    }

    /** Size in bytes of a case's image (file, or all files of a DICOM series folder); the job schedules big cases first. */
    public long imageBytes(Row caseRow) {
        return imageBytes.getOrDefault(caseRow, 0L);
    }

    /** Cases set aside because an input file does not exist. */
    public List<MissingFiles> missing() {
        return missing;
    }

    /** Number of cases in the manifest, including those with missing files. */
    public int size() {
        return cases.size() + missing.size();
    }

    public String location() {
        return location;
    }

    /** Validated cases as rows of {@link CohortSchemas#CASE}. */
    public List<Row> cases() {
        return cases;
    }

    public static CohortManifest read(SparkSession spark, String location) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String qualified = Locations.data(location, conf);
        org.apache.hadoop.fs.FileStatus st = Locations.requireExists("manifest", location, qualified, conf);
        Path manifestPath = new Path(qualified);
        Dataset<Row> raw;
        try {
            FileSystem fs = manifestPath.getFileSystem(conf);
            if (st.isDirectory()) {
                raw = fs.exists(new Path(manifestPath, "_delta_log")) ? spark.read().format("delta").load(qualified)
                    : spark.read().parquet(qualified);
            } else if (qualified.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
                raw = spark.read().parquet(qualified);
            } else {
                // a CSV manifest is small and read on the driver anyway: parse it directly, no Spark job
                return readCsv(location, conf);
            }
        } catch (IOException e) {
            throw new InvalidManifestException(location + ": cannot read manifest (" + e.getMessage() + ")");
        }
        return validate(qualified, raw.columns(), raw.collectAsList(), conf);
    }

    /** Reads and validates a CSV manifest (with a header line) without Spark. */
    public static CohortManifest readCsv(String location, Configuration conf) {
        String qualified = Locations.data(location, conf);
        List<List<String>> records;
        try {
            records = CsvRecords.parse(Locations.readText("manifest", location, qualified, conf));
        } catch (CsvRecords.CsvException e) {
            throw new InvalidManifestException(qualified + ": invalid manifest:\n  " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new InvalidManifestException(qualified + ": invalid manifest:\n  empty file (no header line)");
        }
        int width = records.get(0).size();
        List<Row> rows = new ArrayList<>();
        List<String> ragged = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = new ArrayList<>(records.get(i));
            if (r.size() > width) {
                ragged.add("row " + (i + 1) + ": " + r.size() + " fields, the header has " + width);
            }
            while (r.size() < width) {
                r.add("");
            }
            rows.add(RowFactory.create(r.subList(0, width).toArray()));
        }
        if (!ragged.isEmpty()) {
            throw new InvalidManifestException(qualified + ": invalid manifest:\n  " + String.join("\n  ", ragged));
        }
        return validate(qualified, records.get(0).toArray(String[]::new), rows, conf);
    }

    static CohortManifest validate(String location, String[] columns, List<Row> rows, Configuration conf) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < columns.length; i++) {
            String c = columns[i].trim();
            if (!REQUIRED.contains(c) && !OPTIONAL.contains(c)) {
                problems.add("unknown column '" + c + "' (allowed: " + String.join(", ", REQUIRED) + ", "
                    + String.join(", ", OPTIONAL) + ")");
            }
            col.put(c, i);
        }
        for (String r : REQUIRED) {
            if (!col.containsKey(r)) {
                problems.add("missing required column '" + r + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(location + ": invalid manifest:\n  " + String.join("\n  ", problems));
        }
        Path base = new Path(location).getParent();
        Set<String> keys = new LinkedHashSet<>();
        List<Row> cases = new ArrayList<>();
        Map<Row, Long> imageBytes = new HashMap<>();
        List<MissingFiles> missing = new ArrayList<>();
        int line = 1;
        for (Row r : rows) {
            line++;
            String where = "row " + line;
            String patient = text(r, col.get("patient_id"));
            if (patient.isEmpty()) {
                problems.add(where + ": empty patient_id");
                continue;
            }
            where += " (patient " + patient + ")";
            String reader = optional(r, col, "reader");
            String modality = optional(r, col, "modality");
            String timepoint = optional(r, col, "timepoint");
            String key = patient + "|" + reader + "|" + modality + "|" + timepoint;
            if (!keys.add(key)) {
                problems.add(where + ": duplicate case (patient_id, reader, modality, timepoint) = (" + patient + ", "
                    + reader + ", " + modality + ", " + timepoint + ")");
            }
            String image = resolve(base, text(r, col.get("image")));
            String mask = resolve(base, text(r, col.get("mask")));
            if (image.isEmpty() || mask.isEmpty()) {
                problems.add(where + ": image and mask are required");
                continue;
            }
            Integer segment = integer(optional(r, col, "segment"), "segment", where, problems);
            Integer label = integer(optional(r, col, "label"), "label", where, problems);
            String roi = optional(r, col, "roi");
            Row caseRow = RowFactory.create(patient, reader, modality, timepoint, optional(r, col, "center"), image, mask,
                roi.isEmpty() ? null : roi, segment, label);
            List<String> absent = new ArrayList<>();
            long bytes = checkExists(image, "image", conf, absent, problems, where);
            checkExists(mask, "mask", conf, absent, problems, where);
            if (absent.isEmpty()) {
                cases.add(caseRow);
                imageBytes.put(caseRow, bytes);
            } else {
                missing.add(new MissingFiles(caseRow, String.join("; ", absent)));
            }
        }
        if (cases.isEmpty() && missing.isEmpty() && problems.isEmpty()) {
            problems.add("no cases");
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(location + ": invalid manifest:\n  " + String.join("\n  ", problems));
        }
        return new CohortManifest(location, cases, imageBytes, missing);
    }

    private static String text(Row r, int i) {
        Object v = r.get(i);
        return v == null ? "" : v.toString().trim();
    }

    private static String optional(Row r, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null ? "" : text(r, i);
    }

    private static Integer integer(String v, String name, String where, List<String> problems) {
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            problems.add(where + ": " + name + " must be an integer, got '" + v + "'");
            return null;
        }
    }

    /** Absolute URI of a manifest path; relative ones are taken relative to the manifest's folder. */
    static String resolve(Path base, String p) {
        if (p.isEmpty()) {
            return p;
        }
        Path path = new Path(p);
        return (path.toUri().getScheme() != null ? path : new Path(base, path)).toString();
    }

    /** Records a missing file in {@code absent}; returns the file's (or folder's) size in bytes, 0 if absent. */
    private static long checkExists(String uri, String what, Configuration conf, List<String> absent,
                                    List<String> problems, String where) {
        try {
            Path p = new Path(uri);
            FileSystem fs = p.getFileSystem(conf);
            org.apache.hadoop.fs.FileStatus status = fs.getFileStatus(p);
            return status.isDirectory() ? fs.getContentSummary(p).getLength() : status.getLen();
        } catch (java.io.FileNotFoundException e) {
            absent.add(what + " not found: " + uri);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(where + ": " + what + " path cannot be used: " + uri + " (" + e.getMessage() + ")");
        }
        return 0;
    }
}
