package org.radspark.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.radspark.extract.ExtractionResult;

/** Writes one extraction result as CSV (header feature,value) or as a flat JSON object. */
final class ResultWriter {
    private ResultWriter() {
    }

    static void write(ExtractionResult result, boolean diagnostics, String format, Writer out) throws IOException {
        if (format.equals("json")) {
            writeJson(result, diagnostics, out);
        } else {
            writeCsv(result, diagnostics, out);
        }
    }

    private static void writeCsv(ExtractionResult result, boolean diagnostics, Writer out) throws IOException {
        out.write("feature,value\n");
        if (diagnostics) {
            for (Map.Entry<String, String> e : result.diagnostics().entrySet()) {
                out.write(csv(e.getKey()) + "," + csv(e.getValue()) + "\n");
            }
        }
        for (Map.Entry<String, Double> e : result.features().entrySet()) {
            out.write(e.getKey() + "," + number(e.getValue()) + "\n");
        }
    }

    private static void writeJson(ExtractionResult result, boolean diagnostics, Writer out) throws IOException {
        out.write("{");
        boolean first = true;
        if (diagnostics) {
            for (Map.Entry<String, String> e : result.diagnostics().entrySet()) {
                out.write((first ? "\n  " : ",\n  ") + json(e.getKey()) + ": "
                    + org.radspark.params.PythonText.jsonOf(e.getValue()));
                first = false;
            }
        }
        for (Map.Entry<String, Double> e : result.features().entrySet()) {
            double v = e.getValue();
            out.write((first ? "\n  " : ",\n  ") + json(e.getKey()) + ": "
                + (Double.isFinite(v) ? number(v) : "null"));
            first = false;
        }
        out.write("\n}\n");
    }

    /**
     * Voxel mode's output for one case: as {@link #write}, with each feature's map file in place of its value
     * (pyradiomics' voxel-mode row).
     */
    static void writeMaps(Map<String, String> diagnostics, Map<String, String> files, boolean withDiagnostics,
                          String format, Writer out) throws IOException {
        boolean json = format.equals("json");
        out.write(json ? "{" : "feature,value\n");
        boolean first = true;
        if (withDiagnostics) {
            for (Map.Entry<String, String> e : diagnostics.entrySet()) {
                out.write(json ? (first ? "\n  " : ",\n  ") + json(e.getKey()) + ": "
                    + org.radspark.params.PythonText.jsonOf(e.getValue()) : csv(e.getKey()) + "," + csv(e.getValue()) + "\n");
                first = false;
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            out.write(json ? (first ? "\n  " : ",\n  ") + json(e.getKey()) + ": " + json(e.getValue())
                : e.getKey() + "," + csv(e.getValue()) + "\n");
            first = false;
        }
        if (json) {
            out.write("\n}\n");
        }
    }

    /** IBSI-mode output: CSV family,feature,ibsi_code,aggregation,value, or a JSON array of objects. */
    static void writeIbsi(java.util.List<org.radspark.ibsi.IbsiValue> values, String format, Writer out)
        throws IOException {
        if (format.equals("json")) {
            out.write("[");
            for (int i = 0; i < values.size(); i++) {
                org.radspark.ibsi.IbsiValue v = values.get(i);
                out.write((i == 0 ? "\n  " : ",\n  ") + "{\"family\": " + json(v.family()) + ", \"feature\": "
                    + json(v.feature()) + ", \"ibsi_code\": " + json(v.ibsiCode()) + ", \"aggregation\": "
                    + json(v.aggregation()) + ", \"value\": " + (Double.isFinite(v.value()) ? number(v.value()) : "null") + "}");
            }
            out.write("\n]\n");
        } else {
            org.radspark.ibsi.IbsiCsvWriter.write(values, out);
        }
    }

    /** A feature value as pyradiomics prints it: Python's float repr (2918821481.0, 1e-05, nan). */
    static String number(Double v) {
        if (v == null || v.isNaN()) {
            return "nan";
        }
        return org.radspark.params.PythonText.repr(v);
    }

    /** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
    static String csv(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String json(String s) {
        return org.radspark.io.JsonText.quote(s);
    }
}
