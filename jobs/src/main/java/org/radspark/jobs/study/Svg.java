package org.radspark.jobs.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.radspark.ml.Nomogram;

/** Inline SVG charts for the study report: XY plots, horizontal and vertical bars, heatmap, confusion matrix, nomogram. */
final class Svg {
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#17becf", "#7f7f7f", "#bcbd22"};

    private Svg() {
    }

    static String color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Tick label text: few significant digits. */
    static String tick(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String text(double x, double y, String anchor, int size, String s, String extra) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size
            + "\"" + (extra == null ? "" : " " + extra) + ">" + esc(s) + "</text>";
    }

    private static String path(String d, String stroke, double width, String dash, String fill) {
        return "<path d=\"" + d + "\" stroke=\"" + stroke + "\" stroke-width=\"" + num(width) + "\" fill=\""
            + (fill == null ? "none" : fill) + "\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>";
    }

    /** An XY plot with axes, ticks, grid and a legend under the plotting area. */
    static final class Plot {
        /** Legend entries of point series show a dot, not a line. */
        private static final String POINT = "point";
        /** Clip-path ids, unique within a JVM and so within one report page. */
        private static final java.util.concurrent.atomic.AtomicLong CLIP_IDS = new java.util.concurrent.atomic.AtomicLong();
        private final String title;
        private final String xLabel;
        private final String yLabel;
        private final double x0;
        private final double x1;
        private final double y0;
        private final double y1;
        private final int w = 600;
        private final int h = 380;
        private final int left = 64;
        private final int right = 20;
        private final int top = 30;
        private final int bottom = 48;
        private final List<String> body = new ArrayList<>();
        private final List<String[]> legend = new ArrayList<>();

        Plot(String title, String xLabel, String yLabel, double x0, double x1, double y0, double y1) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            this.x0 = x0;
            this.x1 = x1 == x0 ? x0 + 1 : x1;
            this.y0 = y0;
            this.y1 = y1 == y0 ? y0 + 1 : y1;
        }

        double px(double x) {
            return left + (x - x0) / (x1 - x0) * (w - left - right);
        }

        double py(double y) {
            return top + (y1 - y) / (y1 - y0) * (h - top - bottom);
        }

        Plot line(double[] x, double[] y, String color, String dash, double width, String legendText) {
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    pen = false;
                    continue;
                }
                // values beyond the axes are cut off by the plot area's clip path; the bound only keeps the
                // coordinates finite and small
                double yy = Math.max(y0 - 10 * (y1 - y0), Math.min(y1 + 10 * (y1 - y0), y[i]));
                d.append(pen ? " L" : " M").append(num(px(x[i]))).append(' ').append(num(py(yy)));
                pen = true;
            }
            if (d.length() > 0) {
                body.add(path(d.toString().trim(), color, width, dash, null));
            }
            if (legendText != null) {
                legend.add(new String[] {color, dash, legendText});
            }
            return this;
        }

        Plot points(double[] x, double[] y, String color, double r, String legendText) {
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    body.add("<circle cx=\"" + num(px(x[i])) + "\" cy=\"" + num(py(y[i])) + "\" r=\"" + num(r)
                        + "\" fill=\"" + color + "\"/>");
                }
            }
            if (legendText != null) {
                legend.add(new String[] {color, POINT, legendText});
            }
            return this;
        }

        Plot errorBars(double[] x, double[] lo, double[] hi, String color) {
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(lo[i]) && Double.isFinite(hi[i])) {
                    d.append(" M").append(num(px(x[i]))).append(' ').append(num(py(lo[i])))
                        .append(" L").append(num(px(x[i]))).append(' ').append(num(py(hi[i])));
                }
            }
            if (d.length() > 0) {
                body.add(path(d.toString().trim(), color, 1, null, null));
            }
            return this;
        }

        Plot vline(double x, String color, String dash, String label) {
            body.add(path("M" + num(px(x)) + " " + num(py(y0)) + " L" + num(px(x)) + " " + num(py(y1)), color, 1.2,
                dash, null));
            if (label != null) {
                legend.add(new String[] {color, dash, label});
            }
            return this;
        }

        String render() {
            int legendH = legend.size() * 17 + (legend.isEmpty() ? 0 : 8);
            StringBuilder s = new StringBuilder();
            s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"")
                .append(h + legendH).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h + legendH)
                .append("\" font-family=\"sans-serif\">");
            s.append("<rect x=\"0\" y=\"0\" width=\"").append(w).append("\" height=\"").append(h + legendH)
                .append("\" fill=\"white\"/>");
            s.append(text(w / 2.0, 18, "middle", 14, title, "font-weight=\"bold\""));
            StringBuilder grid = new StringBuilder();
            for (double t : Nomogram.pretty(x0, x1, 6)) {
                if (t < x0 - 1e-12 || t > x1 + 1e-12) {
                    continue;
                }
                grid.append(" M").append(num(px(t))).append(' ').append(num(py(y0))).append(" L").append(num(px(t)))
                    .append(' ').append(num(py(y1)));
                s.append(text(px(t), py(y0) + 15, "middle", 11, tick(t), null));
            }
            for (double t : Nomogram.pretty(y0, y1, 6)) {
                if (t < y0 - 1e-12 || t > y1 + 1e-12) {
                    continue;
                }
                grid.append(" M").append(num(px(x0))).append(' ').append(num(py(t))).append(" L").append(num(px(x1)))
                    .append(' ').append(num(py(t)));
                s.append(text(px(x0) - 5, py(t) + 4, "end", 11, tick(t), null));
            }
            s.append(path(grid.toString().trim(), "#e0e0e0", 1, null, null));
            s.append(path("M" + num(px(x0)) + " " + num(py(y1)) + " L" + num(px(x0)) + " " + num(py(y0)) + " L"
                + num(px(x1)) + " " + num(py(y0)), "#333", 1.2, null, null));
            s.append(text((px(x0) + px(x1)) / 2, h - 10, "middle", 12, xLabel, null));
            s.append(text(14, (py(y0) + py(y1)) / 2, "middle", 12, yLabel,
                "transform=\"rotate(-90 14 " + num((py(y0) + py(y1)) / 2) + ")\""));
            // the curves, points and bars stay inside the axes: a value below the y range leaves the plot
            // instead of being drawn over the tick labels
            String clip = "plot-area-" + CLIP_IDS.incrementAndGet();
            s.append("<clipPath id=\"").append(clip).append("\"><rect x=\"").append(num(px(x0) - 2)).append("\" y=\"")
                .append(num(py(y1) - 2)).append("\" width=\"").append(num(px(x1) - px(x0) + 4)).append("\" height=\"")
                .append(num(py(y0) - py(y1) + 4)).append("\"/></clipPath><g clip-path=\"url(#").append(clip)
                .append(")\">");
            for (String b : body) {
                s.append(b);
            }
            s.append("</g>");
            for (int i = 0; i < legend.size(); i++) {
                String[] l = legend.get(i);
                double y = h + 6 + i * 17;
                if (POINT.equals(l[1])) {
                    s.append("<circle cx=\"").append(left + 13).append("\" cy=\"").append(num(y)).append("\" r=\"4\" fill=\"")
                        .append(l[0]).append("\"/>");
                } else {
                    s.append(path("M" + left + " " + num(y) + " L" + (left + 26) + " " + num(y), l[0], 2.5, l[1], null));
                }
                s.append(text(left + 32, y + 4, "start", 11, l[2], null));
            }
            return s.append("</svg>").toString();
        }
    }

    /** Rounded axis ticks spanning the values and zero (bars start at zero). */
    private static double[] ticksWithZero(double[] values, int n) {
        double lo = 0;
        double hi = 0;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return Nomogram.pretty(lo, lo == hi ? lo + 1 : hi, n);
    }

    /** Horizontal bars (signed), one per name, with a zero line. */
    static String hbars(String title, String xLabel, String[] names, double[] values) {
        int rowH = 20;
        int left = 260;
        int w = 640;
        int top = 34;
        int h = top + names.length * rowH + 44;
        double[] t = ticksWithZero(values, 5);
        double a = t[0];
        double b = t[t.length - 1];
        double span = w - left - 20;
        java.util.function.DoubleUnaryOperator px = v -> left + (v - a) / (b - a) * span;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
            + "\" font-family=\"sans-serif\"><rect width=\"" + w + "\" height=\"" + h + "\" fill=\"white\"/>");
        s.append(text(w / 2.0, 18, "middle", 14, title, "font-weight=\"bold\""));
        for (int i = 0; i < names.length; i++) {
            double y = top + i * rowH;
            double x0 = px.applyAsDouble(Math.min(0, values[i]));
            double x1 = px.applyAsDouble(Math.max(0, values[i]));
            s.append(path("M" + num(x0) + " " + num(y + 3) + " H" + num(x1) + " V" + num(y + rowH - 3) + " H" + num(x0)
                + " Z", "none", 0, null, values[i] >= 0 ? PALETTE[1] : PALETTE[0]));
            s.append(text(left - 6, y + rowH / 2.0 + 4, "end", 11, names[i], null));
        }
        double yAxis = top + names.length * rowH;
        StringBuilder ax = new StringBuilder("M" + num(px.applyAsDouble(a)) + " " + num(yAxis) + " H"
            + num(px.applyAsDouble(b)));
        for (double v : t) {
            ax.append(" M").append(num(px.applyAsDouble(v))).append(' ').append(num(yAxis)).append(" v5");
            s.append(text(px.applyAsDouble(v), yAxis + 17, "middle", 11, tick(v), null));
        }
        s.append(path(ax.toString(), "#333", 1, null, null));
        s.append(path("M" + num(px.applyAsDouble(0)) + " " + top + " V" + num(yAxis), "#333", 1, "3 3", null));
        s.append(text(left + span / 2, h - 6, "middle", 12, xLabel, null));
        return s.append("</svg>").toString();
    }

    /** Vertical bars (e.g. the rad-score waterfall), coloured per bar, with a legend of the colour meanings. */
    static String vbars(String title, String yLabel, double[] values, String[] colors, String[][] legend) {
        int w = 700;
        int h = 360;
        int left = 60;
        int top = 30;
        int bottom = 40;
        double[] t = ticksWithZero(values, 6);
        double a = t[0];
        double b = t[t.length - 1];
        java.util.function.DoubleUnaryOperator py = v -> top + (b - v) / (b - a) * (h - top - bottom);
        double bw = (w - left - 20.0) / Math.max(1, values.length);
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\""
            + (h + 24) + "\" font-family=\"sans-serif\"><rect width=\"" + w + "\" height=\"" + (h + 24)
            + "\" fill=\"white\"/>");
        s.append(text(w / 2.0, 18, "middle", 14, title, "font-weight=\"bold\""));
        for (int i = 0; i < values.length; i++) {
            double x = left + i * bw;
            double y0 = py.applyAsDouble(Math.max(0, values[i]));
            double y1 = py.applyAsDouble(Math.min(0, values[i]));
            s.append(path("M" + num(x + 0.5) + " " + num(y0) + " H" + num(x + bw - 0.5) + " V" + num(y1) + " H"
                + num(x + 0.5) + " Z", "none", 0, null, colors[i]));
        }
        StringBuilder ax = new StringBuilder("M" + left + " " + top + " V" + num(h - bottom));
        for (double v : t) {
            ax.append(" M").append(left - 5).append(' ').append(num(py.applyAsDouble(v))).append(" h5");
            s.append(text(left - 8, py.applyAsDouble(v) + 4, "end", 11, tick(v), null));
        }
        s.append(path(ax.toString(), "#333", 1, null, null));
        s.append(path("M" + left + " " + num(py.applyAsDouble(0)) + " H" + (w - 20), "#333", 1, null, null));
        s.append(text(14, h / 2.0, "middle", 12, yLabel, "transform=\"rotate(-90 14 " + num(h / 2.0) + ")\""));
        s.append(text((w + left) / 2.0, h - 14, "middle", 12, "patients, ordered by rad-score", null));
        for (int i = 0; i < legend.length; i++) {
            double x = left + i * 150;
            s.append(path("M" + x + " " + (h + 6) + " h14 v10 h-14 Z", "none", 0, null, legend[i][0]));
            s.append(text(x + 20, h + 15, "start", 11, legend[i][1], null));
        }
        return s.append("</svg>").toString();
    }

    /** Correlation heatmap, blue (-1) to white (0) to red (+1). */
    static String heatmap(String title, String[] names, double[][] r) {
        int p = names.length;
        int cell = Math.max(8, Math.min(22, 560 / Math.max(1, p)));
        int left = 250;
        int top = 40;
        int w = left + p * cell + 80;
        int h = top + p * cell + 20;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
            + "\" font-family=\"sans-serif\"><rect width=\"" + w + "\" height=\"" + h + "\" fill=\"white\"/>");
        s.append(text(w / 2.0, 18, "middle", 14, title, "font-weight=\"bold\""));
        for (int i = 0; i < p; i++) {
            s.append(text(left - 4, top + i * cell + cell * 0.7, "end", Math.min(11, cell - 1), names[i], null));
            for (int j = 0; j < p; j++) {
                double x = left + j * cell;
                double y = top + i * cell;
                s.append(path("M" + num(x) + " " + num(y) + " h" + cell + " v" + cell + " h-" + cell + " Z", "none", 0,
                    null, diverging(r[i][j])));
            }
        }
        int lx = left + p * cell + 20;
        for (int k = 0; k <= 20; k++) {
            double v = 1 - k / 10.0;
            s.append(path("M" + lx + " " + num(top + k * 8.0) + " h16 v8 h-16 Z", "none", 0, null, diverging(v)));
        }
        s.append(text(lx + 20, top + 8, "start", 10, "+1", null));
        s.append(text(lx + 20, top + 84, "start", 10, "0", null));
        s.append(text(lx + 20, top + 168, "start", 10, "-1", null));
        s.append(path("M" + left + " " + top + " h" + p * cell + " v" + p * cell + " h-" + p * cell + " Z", "#333", 0.8,
            null, null));
        return s.append("</svg>").toString();
    }

    static String diverging(double v) {
        double t = Math.max(-1, Math.min(1, Double.isFinite(v) ? v : 0));
        int rr;
        int gg;
        int bb;
        if (t >= 0) {
            rr = 255;
            gg = (int) Math.round(255 - 200 * t);
            bb = (int) Math.round(255 - 215 * t);
        } else {
            rr = (int) Math.round(255 + 215 * t);
            gg = (int) Math.round(255 + 140 * t);
            bb = 255;
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", rr, gg, bb);
    }

    /** A 2x2 confusion matrix: rows actual 0/1, columns predicted 0/1. */
    static String confusion(String title, long[][] cm) {
        int cell = 70;
        int left = 90;
        int top = 50;
        int w = left + 2 * cell + 20;
        int h = top + 2 * cell + 40;
        long max = 1;
        for (long[] row : cm) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
            + "\" font-family=\"sans-serif\"><rect width=\"" + w + "\" height=\"" + h + "\" fill=\"white\"/>");
        s.append(text(w / 2.0, 16, "middle", 12, title, "font-weight=\"bold\""));
        s.append(text(left + cell, top - 18, "middle", 11, "predicted", null));
        s.append(text(left + cell / 2.0, top - 4, "middle", 11, "0", null));
        s.append(text(left + 1.5 * cell, top - 4, "middle", 11, "1", null));
        s.append(text(20, top + cell, "middle", 11, "actual", "transform=\"rotate(-90 20 " + (top + cell) + ")\""));
        for (int i = 0; i < 2; i++) {
            s.append(text(left - 8, top + i * cell + cell / 2.0 + 4, "end", 11, Integer.toString(i), null));
            for (int j = 0; j < 2; j++) {
                double f = (double) cm[i][j] / max;
                String fill = i == j ? String.format(Locale.ROOT, "#%02x%02x%02x", (int) (235 - 180 * f),
                    (int) (245 - 110 * f), (int) (235 - 180 * f))
                    : String.format(Locale.ROOT, "#%02x%02x%02x", 250, (int) (240 - 150 * f), (int) (235 - 170 * f));
                double x = left + j * cell;
                double y = top + i * cell;
                s.append(path("M" + x + " " + y + " h" + cell + " v" + cell + " h-" + cell + " Z", "#555", 1, null, fill));
                s.append(text(x + cell / 2.0, y + cell / 2.0 + 6, "middle", 18, Long.toString(cm[i][j]),
                    "font-weight=\"bold\""));
            }
        }
        return s.append("</svg>").toString();
    }

    /** rms-style nomogram: points axis, one axis per predictor, total points and risk axes. */
    static String nomogram(String title, Nomogram n) {
        int left = 170;
        int width = 460;
        int rowH = 46;
        int top = 40;
        int p = n.names.length;
        double maxPoints = 0;
        double[] maxPer = new double[p];
        for (int j = 0; j < p; j++) {
            maxPer[j] = Math.max(n.points(j, n.lo[j]), n.points(j, n.hi[j]));
            maxPoints = Math.max(maxPoints, maxPer[j]);
        }
        double total = 0;
        for (double m : maxPer) {
            total += m;
        }
        double pointsScale = maxPoints;
        double[] totalTicks = Nomogram.pretty(0, total, 8);
        double totalMax = totalTicks[totalTicks.length - 1];
        int rows = p + 3;
        int h = top + rows * rowH + 10;
        int w = left + width + 40;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
            + "\" font-family=\"sans-serif\"><rect width=\"" + w + "\" height=\"" + h + "\" fill=\"white\"/>");
        s.append(text(w / 2.0, 18, "middle", 14, title, "font-weight=\"bold\""));
        java.util.function.DoubleUnaryOperator pts = v -> left + v / pointsScale * width;
        // points axis
        double y = top + 16;
        s.append(axis(left, pts.applyAsDouble(pointsScale), y, Nomogram.pretty(0, pointsScale, 10), pts, "Points"));
        for (int j = 0; j < p; j++) {
            y += rowH;
            int jj = j;
            double[] ticks = n.ticks(j);
            java.util.function.DoubleUnaryOperator pos = v -> pts.applyAsDouble(n.points(jj, v));
            double a = pos.applyAsDouble(n.lo[j]);
            double b = pos.applyAsDouble(n.hi[j]);
            s.append(axis(Math.min(a, b), Math.max(a, b), y, thin(ticks, 8), pos, n.names[j]));
        }
        y += rowH;
        double totalWidthScale = width / totalMax;
        java.util.function.DoubleUnaryOperator tp = v -> left + v * totalWidthScale;
        s.append(axis(left, tp.applyAsDouble(totalMax), y, totalTicks, tp, "Total points"));
        y += rowH;
        java.util.function.DoubleUnaryOperator rp = r -> tp.applyAsDouble(n.totalPointsFor(r));
        // risk ticks crowd where the logistic curve is flat: a tick closer than a label's width to the previous
        // one is left out, so that no two labels overlap
        List<Double> risks = new ArrayList<>();
        double lastX = Double.NEGATIVE_INFINITY;
        for (double r : new double[] {0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99}) {
            double t = n.totalPointsFor(r);
            if (t >= 0 && t <= totalMax && rp.applyAsDouble(r) - lastX >= MIN_LABEL_GAP) {
                risks.add(r);
                lastX = rp.applyAsDouble(r);
            }
        }
        double[] rv = risks.stream().mapToDouble(Double::doubleValue).toArray();
        if (rv.length > 0) {
            s.append(axis(rp.applyAsDouble(rv[0]), rp.applyAsDouble(rv[rv.length - 1]), y, rv, rp, "Risk"));
        } else {
            s.append(text(left, y, "start", 11, "Risk: outside 1-99 % over the points range", null));
        }
        return s.append("</svg>").toString();
    }

    /** Least distance in pixels between the centres of two tick labels of a nomogram axis. */
    static final double MIN_LABEL_GAP = 30;

    private static double[] thin(double[] ticks, int max) {
        if (ticks.length <= max) {
            return ticks;
        }
        int step = (int) Math.ceil(ticks.length / (double) max);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < ticks.length; i += step) {
            out.add(ticks[i]);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String axis(double xa, double xb, double y, double[] ticks, java.util.function.DoubleUnaryOperator pos,
                               String label) {
        StringBuilder d = new StringBuilder("M" + num(xa) + " " + num(y) + " H" + num(xb));
        StringBuilder labels = new StringBuilder();
        for (double t : ticks) {
            double x = pos.applyAsDouble(t);
            d.append(" M").append(num(x)).append(' ').append(num(y)).append(" v-6");
            labels.append(text(x, y - 9, "middle", 10, tick(t), null));
        }
        return path(d.toString(), "#333", 1.2, null, null) + labels + text(160, y + 4, "end", 12, label,
            "font-weight=\"bold\"");
    }
}
