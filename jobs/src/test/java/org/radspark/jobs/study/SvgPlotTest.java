package org.radspark.jobs.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report's XY plots: what falls outside the axes' ranges is cut off at the plotting area, not drawn over the ticks. */
class SvgPlotTest {
    private static final Pattern CLIPPED = Pattern.compile("<clipPath id=\"(plot-area-\\d+)\"><rect x=\"([-\\d.]+)\" "
        + "y=\"([-\\d.]+)\" width=\"([\\d.]+)\" height=\"([\\d.]+)\"/></clipPath><g clip-path=\"url\\(#\\1\\)\">"
        + "<path d=\"([^\"]+)\"");

    @Test
    void aCurveBelowTheRangeLeavesThePlotAtItsTrueValue() {
        // a decision curve that falls to -0.9 on a net-benefit axis from -0.05 to 0.5
        Svg.Plot p = new Svg.Plot("Decision curves", "threshold probability", "net benefit", 0, 1, -0.05, 0.5);
        p.line(new double[] {0, 0.5, 1}, new double[] {0.4, -0.3, -0.9}, "#000", null, 1.8, "model");
        String svg = p.render();
        Matcher m = CLIPPED.matcher(svg);
        assertTrue(m.find(), svg);
        double clipBottom = Double.parseDouble(m.group(3)) + Double.parseDouble(m.group(5));
        assertEquals(p.py(-0.05) + 2, clipBottom, 0.01, "the clip rectangle ends at the x axis");
        String[] points = m.group(6).split(" [ML]|^M");
        double lastY = Double.parseDouble(points[points.length - 1].trim().split(" ")[1]);
        assertEquals(p.py(-0.9), lastY, 0.01, "the last point is drawn at -0.9, below the clip, not clamped near the axis");
        assertTrue(lastY > clipBottom + 100);
    }

    @Test
    void nomogramRiskLabelsDoNotOverlap() {
        // a steep model: the 1 %-99 % risks span a short stretch of the total-points axis
        org.radspark.ml.Nomogram n = new org.radspark.ml.Nomogram(new String[] {"rad_score", "age"}, -2.0,
            new double[] {6.0, 0.02}, new double[] {-1.5, 20}, new double[] {1.5, 80}, 100);
        String svg = Svg.nomogram("nomogram", n);
        int axis = svg.lastIndexOf(">Risk<");
        assertTrue(axis > 0, svg);
        // the risk axis is the last one: its tick labels are the text elements before its name
        String riskAxis = svg.substring(svg.lastIndexOf("<path", axis), axis);
        Matcher label = Pattern.compile("<text x=\"([-\\d.]+)\"[^>]*>([^<]+)</text>").matcher(riskAxis);
        double previous = Double.NEGATIVE_INFINITY;
        int labels = 0;
        while (label.find()) {
            double x = Double.parseDouble(label.group(1));
            assertTrue(x - previous >= Svg.MIN_LABEL_GAP, "risk label " + label.group(2) + " at " + x + " after " + previous);
            previous = x;
            labels++;
        }
        assertTrue(labels >= 3, "risk labels: " + labels + " in " + riskAxis);
    }

    @Test
    void everyPlotOfAPageHasItsOwnClipPath() {
        String a = new Svg.Plot("a", "x", "y", 0, 1, 0, 1).render();
        String b = new Svg.Plot("b", "x", "y", 0, 1, 0, 1).render();
        Matcher ma = CLIPPED.matcher(a.replace("</g>", "<path d=\"M0 0\""));
        Matcher mb = CLIPPED.matcher(b.replace("</g>", "<path d=\"M0 0\""));
        assertTrue(ma.find() && mb.find());
        assertTrue(!ma.group(1).equals(mb.group(1)), ma.group(1) + " twice");
    }
}
