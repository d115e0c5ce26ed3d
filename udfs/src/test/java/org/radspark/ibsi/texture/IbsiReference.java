package org.radspark.ibsi.texture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.radspark.TestData;
import org.radspark.ibsi.IbsiValue;

/** Reads testdata/reference/ibsi1_reference_values.csv and compares computed values with it. */
final class IbsiReference {
    private IbsiReference() {
    }

    record Row(String family, String feature, String code, String dataSet, String aggregation, String value,
               String tolerance, String consensus) {
        double ref() { return Double.parseDouble(value); }
        double tol() { return Double.parseDouble(tolerance); }
    }

    record Check(Row row, Double computed, boolean matched, String why) {
    }

    static List<Row> rows(String dataSet, Set<String> families) {
        Path csv = TestData.path("reference/ibsi1_reference_values.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = splitCsv(line);
            Row r = new Row(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7));
            if (r.dataSet().equals(dataSet) && families.contains(r.family())) {
                out.add(r);
            }
        }
        return out;
    }

    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int p = 0; p < line.length(); p++) {
            char c = line.charAt(p);
            if (c == '"') {
                if (quoted && p + 1 < line.length() && line.charAt(p + 1) == '"') {
                    cur.append('"');
                    p++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /**
     * Tolerance > 0: |computed - ref| <= tol. Tolerance 0 (the manual's "—"): the computed value,
     * rounded half-up to the significant digits the reference is printed with, equals the reference;
     * a reference of 0 needs |computed| < 1e-9.
     */
    static boolean matches(Row r, double computed) {
        if (!Double.isFinite(computed)) {
            return false;
        }
        double tol = r.tol();
        if (tol > 0) {
            return Math.abs(computed - r.ref()) <= tol;
        }
        BigDecimal ref = new BigDecimal(r.value().trim());
        if (ref.signum() == 0) {
            return Math.abs(computed) < 1e-9;
        }
        int sig = significantDigits(r.value().trim());
        BigDecimal rounded = new BigDecimal(computed).round(new MathContext(sig, RoundingMode.HALF_UP));
        return rounded.compareTo(ref) == 0;
    }

    static int significantDigits(String s) {
        String m = s.toLowerCase();
        int e = m.indexOf('e');
        if (e >= 0) {
            m = m.substring(0, e);
        }
        m = m.replace("-", "").replace("+", "").replace(".", "");
        m = m.replaceFirst("^0+", "");
        return Math.max(1, m.length());
    }

    static List<Check> check(List<Row> rows, List<IbsiValue> computed) {
        Map<String, Double> byKey = new LinkedHashMap<>();
        for (IbsiValue v : computed) {
            byKey.put(key(v.family(), v.feature(), v.aggregation()), v.value());
        }
        List<Check> out = new ArrayList<>();
        for (Row r : rows) {
            Double c = byKey.get(key(r.family(), r.feature(), r.aggregation()));
            if (c == null) {
                out.add(new Check(r, null, false, "not computed"));
            } else {
                boolean ok = matches(r, c);
                out.add(new Check(r, c, ok, ok ? "" : "outside tolerance"));
            }
        }
        return out;
    }

    static String key(String family, String feature, String aggregation) {
        return family + "|" + feature + "|" + aggregation;
    }

    /** Markdown: matched/total per family and aggregation, then every unmatched row. */
    static String summary(String title, List<Check> checks) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Check c : checks) {
            int[] n = counts.computeIfAbsent(c.row().family() + "|" + c.row().aggregation(), x -> new int[2]);
            n[1]++;
            if (c.matched()) {
                n[0]++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        long ok = checks.stream().filter(Check::matched).count();
        sb.append("Matched ").append(ok).append(" / ").append(checks.size()).append(" reference rows.\n\n");
        sb.append("| family | aggregation | matched | total |\n|---|---|---|---|\n");
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            String[] fa = e.getKey().split("\\|");
            sb.append("| ").append(fa[0]).append(" | ").append(fa[1]).append(" | ").append(e.getValue()[0])
                .append(" | ").append(e.getValue()[1]).append(" |\n");
        }
        sb.append("\n## Unmatched rows\n\n");
        boolean any = false;
        for (Check c : checks) {
            if (!c.matched()) {
                any = true;
                sb.append("- ").append(c.row().family()).append(" / ").append(c.row().feature()).append(" (")
                    .append(c.row().code()).append(") / ").append(c.row().aggregation()).append(": reference ")
                    .append(c.row().value()).append(" (tol ").append(c.row().tolerance()).append("), computed ")
                    .append(c.computed()).append(" — ").append(c.why()).append('\n');
            }
        }
        if (!any) {
            sb.append("None.\n");
        }
        return sb.toString();
    }

    static void write(String fileName, String text) {
        Path target = Files.isDirectory(Path.of("target")) ? Path.of("target") : Path.of("udfs", "target");
        try {
            Files.createDirectories(target);
            Files.writeString(target.resolve(fileName), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
