package org.radspark.ml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the committed WDBC fixtures (testdata/wdbc). */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir() {
        String base = System.getProperty("radspark.testdata");
        Path p = base != null ? Paths.get(base, "wdbc") : Paths.get("..", "testdata", "wdbc");
        if (!Files.isDirectory(p)) {
            p = Paths.get("testdata", "wdbc");
        }
        return p;
    }

    /** Simple CSV: header row, comma separated, optional double quotes around fields. */
    static final class Csv {
        final List<String> header;
        final List<String[]> rows;

        Csv(List<String> header, List<String[]> rows) {
            this.header = header;
            this.rows = rows;
        }

        int col(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + name);
            }
            return i;
        }

        double[] doubles(String name) {
            int c = col(name);
            return rows.stream().mapToDouble(r -> Double.parseDouble(r[c])).toArray();
        }

        String[] strings(String name) {
            int c = col(name);
            return rows.stream().map(r -> r[c]).toArray(String[]::new);
        }
    }

    static Csv csv(String file) {
        try {
            List<String> lines = Files.readAllLines(dir().resolve(file));
            List<String> header = new ArrayList<>();
            for (String h : lines.get(0).split(",", -1)) {
                header.add(unquote(h));
            }
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isEmpty()) {
                    continue;
                }
                String[] f = lines.get(i).split(",", -1);
                for (int k = 0; k < f.length; k++) {
                    f[k] = unquote(f[k]);
                }
                rows.add(f);
            }
            return new Csv(header, rows);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    static JsonNode json(String file) {
        try {
            return new ObjectMapper().readTree(dir().resolve(file).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** WDBC as a matrix: 30 features, malignant label, fold id. */
    static final class Wdbc {
        final String[] names;
        final double[][] x;
        final double[] y;
        final int[] fold;

        Wdbc(String[] names, double[][] x, double[] y, int[] fold) {
            this.names = names;
            this.x = x;
            this.y = y;
            this.fold = fold;
        }

        int[] labels() {
            return Glmnet.toInt(y);
        }

        double[][] columns(String... cols) {
            Map<String, Integer> pos = new LinkedHashMap<>();
            for (int j = 0; j < names.length; j++) {
                pos.put(names[j], j);
            }
            double[][] out = new double[x.length][cols.length];
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < cols.length; k++) {
                    out[i][k] = x[i][pos.get(cols[k])];
                }
            }
            return out;
        }
    }

    static Wdbc wdbc() {
        Csv c = csv("wdbc.csv");
        List<String> feats = new ArrayList<>(c.header);
        feats.remove("id");
        feats.remove("malignant");
        feats.remove("fold");
        String[] names = feats.toArray(new String[0]);
        int n = c.rows.size();
        double[][] x = new double[n][names.length];
        for (int j = 0; j < names.length; j++) {
            double[] col = c.doubles(names[j]);
            for (int i = 0; i < n; i++) {
                x[i][j] = col[i];
            }
        }
        double[] y = c.doubles("malignant");
        int[] fold = java.util.Arrays.stream(c.doubles("fold")).mapToInt(d -> (int) d).toArray();
        return new Wdbc(names, x, y, fold);
    }
}
