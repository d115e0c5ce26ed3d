package org.radspark.ibsi;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Rows of testdata/reference/ibsi1_reference_values.csv and the IBSI match rule. */
record IbsiReference(String family, String feature, String code, String dataSet, String aggregation,
                     String valueText, double value, double tolerance) {

    static List<IbsiReference> load(Path csv) throws IOException {
        List<IbsiReference> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = split(line);
            out.add(new IbsiReference(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5),
                Double.parseDouble(f.get(5)), Double.parseDouble(f.get(6))));
        }
        return out;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    b.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }

    /** Significant digits printed in the reference value ("1.2e3" = 2, "0.0946" = 3, "-50" = 2). */
    int significantDigits() {
        String m = valueText.toLowerCase().split("e")[0].replace("-", "").replace("+", "").replace(".", "");
        m = m.replaceFirst("^0+", "");
        return Math.max(1, m.length());
    }

    /** Within tolerance; tolerance 0 means equal after rounding to the reference's significant digits. */
    boolean matches(double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        if (tolerance > 0) {
            return Math.abs(v - value) <= tolerance * (1 + 1e-9);
        }
        if (v == 0 || value == 0) {
            return Math.abs(v - value) < 1e-12;
        }
        double r = new BigDecimal(v).round(new MathContext(significantDigits(), RoundingMode.HALF_EVEN)).doubleValue();
        return Math.abs(r - value) <= 1e-9 * Math.abs(value);
    }
}
