package io.github.intunerecsys.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * Two small charts drawn as SVG text, so a report needs no plotting library: grouped bars (one group per metric,
 * one bar per strategy) and lines (one per series over a shared x axis). Fixed size, axis ticks at "nice" steps,
 * a legend, labels XML-escaped.
 */
final class SvgChart {

    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 160;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    /** One named series of values. */
    record Series(String name, double[] values) {
    }

    private SvgChart() {
    }

    /** Bars: {@code groups[g]} labels the g-th value of every series. */
    static String bars(String title, List<String> groups, List<Series> series) {
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                max = Math.max(max, v);
            }
        }
        double top = niceCeiling(max);
        StringBuilder svg = open(title);
        axes(svg, 0, top, null);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double groupWidth = plotWidth / Math.max(groups.size(), 1);
        double barWidth = groupWidth * 0.8 / Math.max(series.size(), 1);
        for (int g = 0; g < groups.size(); g++) {
            double x0 = LEFT + g * groupWidth + groupWidth * 0.1;
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values()[g];
                double h = (HEIGHT - TOP - BOTTOM) * (top == 0 ? 0 : v / top);
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %.4f"
                                + "</title></rect>%n", x0 + s * barWidth, HEIGHT - BOTTOM - h, barWidth * 0.95, h,
                        PALETTE[s % PALETTE.length], escape(series.get(s).name()), escape(groups.get(g)), v));
            }
            text(svg, x0 + groupWidth * 0.4, HEIGHT - BOTTOM + 18, "middle", groups.get(g));
        }
        legend(svg, series);
        return svg.append("</svg>\n").toString();
    }

    /** Lines over x = 1..n (e.g. epochs), the y axis from the smallest to the largest value. */
    static String lines(String title, String xLabel, double[] x, List<Series> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!(max > min)) {
            max = min + 1;
        }
        double pad = (max - min) * 0.05;
        min -= pad;
        max += pad;
        StringBuilder svg = open(title);
        axes(svg, min, max, xLabel);
        double x0 = x[0];
        double x1 = x.length > 1 ? x[x.length - 1] : x0 + 1;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i < x.length; i++) {
            if (x.length <= 12 || i % Math.ceil(x.length / 10.0) == 0 || i == x.length - 1) {
                text(svg, LEFT + plotWidth * (x[i] - x0) / (x1 - x0), HEIGHT - BOTTOM + 18, "middle",
                        format(x[i]));
            }
        }
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            double[] v = series.get(s).values();
            for (int i = 0; i < v.length; i++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotWidth * (x[i] - x0) / (x1 - x0),
                        TOP + plotHeight * (max - v[i]) / (max - min)));
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    PALETTE[s % PALETTE.length], points.toString().strip()));
        }
        legend(svg, series);
        return svg.append("</svg>\n").toString();
    }

    /**
     * Lines on log-log axes (decade grid), for cost against size: a straight line of slope p is growth
     * like size^p. Non-positive values are left out of their line.
     */
    static String logLog(String title, String xLabel, double[] x, List<Series> series) {
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                if (v > 0) {
                    yMin = Math.min(yMin, v);
                    yMax = Math.max(yMax, v);
                }
            }
        }
        if (!(yMax >= yMin)) {
            yMin = 1;
            yMax = 10;
        }
        double ly0 = Math.floor(Math.log10(yMin));
        double ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(yMax)));
        double lx0 = Math.floor(Math.log10(x[0]));
        double lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(x[x.length - 1])));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = open(title);
        for (double d = ly0; d <= ly1; d++) {
            double y = TOP + plotHeight * (ly1 - d) / (ly1 - ly0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                    + "stroke=\"#ddd\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            text(svg, LEFT - 6, y + 4, "end", "1e" + (int) d);
        }
        for (double d = lx0; d <= lx1; d++) {
            double px = LEFT + plotWidth * (d - lx0) / (lx1 - lx0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#ddd\"/>%n", px, TOP, px, HEIGHT - BOTTOM));
            text(svg, px, HEIGHT - BOTTOM + 18, "middle", "1e" + (int) d);
        }
        axes(svg, Double.NaN, Double.NaN, xLabel);
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            double[] v = series.get(s).values();
            for (int i = 0; i < v.length; i++) {
                if (v[i] > 0) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                            LEFT + plotWidth * (Math.log10(x[i]) - lx0) / (lx1 - lx0),
                            TOP + plotHeight * (ly1 - Math.log10(v[i])) / (ly1 - ly0)));
                }
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    PALETTE[s % PALETTE.length], points.toString().strip()));
        }
        legend(svg, series);
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH,
                HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        text(svg, WIDTH / 2.0, 22, "middle", title);
        return svg;
    }

    /** The y axis with five ticks and grid lines (none when min is NaN), the x axis line, and the x label. */
    private static void axes(StringBuilder svg, double min, double max, String xLabel) {
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (int t = 0; t <= 5 && !Double.isNaN(min); t++) {
            double v = min + (max - min) * t / 5;
            double y = TOP + plotHeight * (1 - t / 5.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                    + "stroke=\"#ddd\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            text(svg, LEFT - 6, y + 4, "end", format(v));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        if (xLabel != null) {
            text(svg, LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 10, "middle", xLabel);
        }
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        for (int s = 0; s < series.size(); s++) {
            double y = TOP + 10 + s * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" "
                    + "fill=\"%s\"/>%n", WIDTH - RIGHT + 15, y - 10, PALETTE[s % PALETTE.length]));
            text(svg, WIDTH - RIGHT + 32, y, "start", series.get(s).name());
        }
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y,
                anchor, escape(text)));
    }

    /** The smallest 1, 2 or 5 × 10^n at or above {@code v} (1 for 0). */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v - 1e-12) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
