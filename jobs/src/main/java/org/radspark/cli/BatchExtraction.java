package org.radspark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.radspark.extract.ExtractionResult;
import org.radspark.extract.FeatureExtractor;
import org.radspark.io.CsvRecords;
import org.radspark.io.MaskSelection;
import org.radspark.io.ReadException;
import org.radspark.io.VolumeReaders;
import org.radspark.params.ExtractionParams;
import org.radspark.params.PythonText;

/**
 * pyradiomics' batch mode without Spark ({@code radspark extract cases.csv}): a CSV with the columns
 * {@code Image} and {@code Mask} (paths relative to the CSV), optionally {@code Label}, any other columns
 * passed through. Cases run on {@code jobs} threads; the output has one row per extracted case in
 * pyradiomics' layout (the input columns, then the diagnostics, then the features; keys that only later
 * cases have are appended in sorted order), so scripts that read pyradiomics' output read this one. A case
 * that fails is one line on stderr and no row; the others go on.
 */
final class BatchExtraction {
    /** How the Image and Mask columns are written (pyradiomics' --format-path). */
    enum PathFormat { absolute, relative, basename }

    /** One case of the batch file: its row (input columns in order) and its resolved files. */
    record Case(int number, Map<String, String> row, Path image, Path mask, Integer label, String problem) {
    }

    /** A case's outcome: its output row (only the input columns when it failed) and the reason it failed, or null. */
    record Outcome(Case c, Map<String, Object> row, String error) {
    }

    private final ExtractionParams params;
    private final Integer labelOption;
    private final int jobs;
    private final java.io.PrintWriter log;
    private final boolean quiet;
    private final VoxelMaps voxelMaps;

    /** {@code voxelMaps}: voxel mode's map writer, or null for segment mode. */
    BatchExtraction(ExtractionParams params, Integer labelOption, int jobs, java.io.PrintWriter log, boolean quiet,
                    VoxelMaps voxelMaps) {
        this.params = params;
        this.labelOption = labelOption;
        this.jobs = jobs;
        this.log = log;
        this.quiet = quiet;
        this.voxelMaps = voxelMaps;
    }

    /** Reads a batch file: required Image and Mask columns; rows without either are skipped with a warning. */
    List<Case> read(Path csv) {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReadException(csv + ": cannot read batch file (" + e.getMessage() + ")", e);
        }
        List<List<String>> records;
        try {
            records = CsvRecords.parse(text);
        } catch (CsvRecords.CsvException e) {
            throw new ReadException(csv + ": not a valid CSV batch file: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new ReadException(csv + ": empty batch file (no header line)");
        }
        List<String> header = records.get(0);
        for (String required : new String[] {"Image", "Mask"}) {
            if (!header.contains(required)) {
                throw new ReadException(csv + ": batch file has no '" + required + "' column (columns: "
                    + String.join(", ", header) + ")");
            }
        }
        Path base = csv.toAbsolutePath().getParent();
        List<Case> cases = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < fields.size() ? fields.get(c) : "");
            }
            String image = row.get("Image").strip();
            String mask = row.get("Mask").strip();
            if (image.isEmpty() || mask.isEmpty()) {
                log.println("[radspark] " + csv + " line " + (r + 1) + ": no Image or Mask, skipped");
                continue;
            }
            String label = row.getOrDefault("Label", "").strip();
            Integer l = null;
            String problem = null;
            if (!label.isEmpty()) {
                try {
                    l = (int) Double.parseDouble(label);
                } catch (NumberFormatException e) {
                    problem = "line " + (r + 1) + " of the batch file: Label must be a number, got '" + label + "'";
                }
            }
            cases.add(new Case(cases.size() + 1, row, base.resolve(image).normalize(), base.resolve(mask).normalize(),
                l != null ? l : labelOption, problem));
        }
        return cases;
    }

    /** Extracts every case, {@code jobs} at a time; outcomes in the batch file's order. */
    List<Outcome> extract(List<Case> cases) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, cases.size())), r -> {
            Thread t = new Thread(r, "radspark-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Case c : cases) {
                futures.add(pool.submit(() -> extractOne(c)));
            }
            List<Outcome> out = new ArrayList<>();
            int failed = 0;
            long t0 = System.nanoTime();
            for (Future<Outcome> f : futures) {
                Outcome o;
                try {
                    o = f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                out.add(o);
                if (o.error() != null) {
                    failed++;
                    String clear = org.radspark.jobs.ProgressReporter.bar() && !quiet ? "\r\u001b[K" : "";
                    log.println(clear + "[radspark] case " + o.c().number() + " (" + o.c().image() + " + "
                        + o.c().mask() + "): " + o.error());
                }
                if (!quiet && org.radspark.jobs.ProgressReporter.bar()) {
                    log.print("\r" + org.radspark.jobs.ProgressReporter.barLine(out.size(), cases.size(), failed,
                        (System.nanoTime() - t0) / 1e9) + "\u001b[K" + (out.size() == cases.size() ? "\n" : ""));
                    log.flush();
                } else if (!quiet) {
                    log.printf(Locale.ROOT, "[radspark] cases %d/%d done, %d failed%n", out.size(), cases.size(), failed);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome extractOne(Case c) {
        Map<String, Object> input = new LinkedHashMap<>(c.row());
        input.put("Image", c.image().toString());
        input.put("Mask", c.mask().toString());
        if (c.problem() != null) {
            return new Outcome(c, input, c.problem());
        }
        try {
            VolumeReaders.Case read = VolumeReaders.readCase(c.image(), null, c.mask(), MaskSelection.NONE);
            Map<String, Object> row = new LinkedHashMap<>(c.row());
            row.put("Image", c.image().toString());
            row.put("Mask", c.mask().toString());
            if (voxelMaps != null) {
                VoxelMaps.Written w = voxelMaps.write(read.image(), read.mask(), c.label(), c.number(), log, true);
                row.putAll(w.diagnostics());
                row.putAll(w.files());
            } else {
                ExtractionResult r = new FeatureExtractor(params).extract(read.image(), read.mask(), c.label());
                row.putAll(r.diagnostics());
                row.putAll(r.features());
            }
            return new Outcome(c, row, null);
        } catch (IOException e) {
            return new Outcome(c, input, "cannot write its feature maps: " + e.getMessage());
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int nl = m.indexOf('\n');
            return new Outcome(c, input, nl < 0 ? m : m.substring(0, nl));
        }
    }

    /**
     * The header: the first extracted case's keys in order, then keys only later cases have, sorted (as
     * pyradiomics does).
     */
    static List<String> header(List<Map<String, Object>> rows) {
        List<String> header = new ArrayList<>(rows.get(0).keySet());
        TreeSet<String> more = new TreeSet<>();
        for (Map<String, Object> r : rows.subList(1, rows.size())) {
            more.addAll(r.keySet());
        }
        more.removeAll(header);
        header.addAll(more);
        return header;
    }

    /** Writes the rows as CSV (Python's csv module's quoting) or as a JSON list of objects. */
    static void write(List<Map<String, Object>> rows, String format, PathFormat paths, Path batchDir, boolean skipNans,
                      Writer w) throws IOException {
        for (Map<String, Object> r : rows) {
            for (String k : new String[] {"Image", "Mask"}) {
                Path p = Path.of((String) r.get(k));
                r.put(k, switch (paths) {
                    case absolute -> p.toAbsolutePath().toString();
                    case relative -> batchDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
                    case basename -> p.getFileName().toString();
                });
            }
            if (skipNans) {
                r.values().removeIf(v -> v instanceof Double d && d.isNaN());
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        List<String> header = header(rows);
        if (format.equals("json")) {
            w.write("[");
            for (int i = 0; i < rows.size(); i++) {
                w.write(i == 0 ? "\n  {" : ",\n  {");
                boolean first = true;
                for (Map.Entry<String, Object> e : rows.get(i).entrySet()) {
                    boolean input = !e.getKey().startsWith("diagnostics_") && !(e.getValue() instanceof Double);
                    w.write((first ? "\n    " : ",\n    ") + org.radspark.io.JsonText.quote(e.getKey()) + ": "
                        + jsonValue(e.getValue(), input));
                    first = false;
                }
                w.write("\n  }");
            }
            w.write("\n]\n");
            return;
        }
        w.write(csvLine(new ArrayList<>(header)));
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String k : header) {
                cells.add(text(r.get(k)));
            }
            w.write(csvLine(cells));
        }
    }

    /** A value as pyradiomics' CSV holds it: numbers in Python's repr, absent as empty. */
    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof Double d ? PythonText.repr(d) : v.toString();
    }

    /** Features as numbers (NaN as null); diagnostics as the JSON of their Python value; input columns as text. */
    private static String jsonValue(Object v, boolean input) {
        if (v instanceof Double d) {
            return Double.isFinite(d) ? PythonText.repr(d) : "null";
        }
        String s = v == null ? "" : v.toString();
        return input ? org.radspark.io.JsonText.quote(s) : PythonText.jsonOf(s);
    }

    private static String csvLine(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(ResultWriter.csv(cells.get(i)));
        }
        return b.append('\n').toString();
    }
}
