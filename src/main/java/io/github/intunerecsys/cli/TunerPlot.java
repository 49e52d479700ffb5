package io.github.intunerecsys.cli;

import io.github.intunerecsys.cli.BenchTunerCommand.Interval;
import io.github.intunerecsys.cli.BenchTunerCommand.PolicyResult;
import io.github.intunerecsys.cli.BenchTunerCommand.Report;
import java.util.List;
import java.util.Locale;

/**
 * The {@code bench-tuner --plot} figure, hand-written SVG: one panel per policy with p99 (log scale, red, the SLO
 * dashed), pool size (blue) and log₂ batch size (green) against time, phases separated by grey lines.
 */
final class TunerPlot {

    private static final int WIDTH = 960;
    private static final int PANEL = 170;
    private static final int LEFT = 60;
    private static final int RIGHT = 60;
    private static final int TOP = 30;

    private TunerPlot() {
    }

    static String svg(Report r) {
        List<PolicyResult> policies = r.policies();
        int height = TOP + policies.size() * (PANEL + 30) + 20;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">bench-tuner (%s): p99 ms (red, log, "
                + "SLO dashed), pool (blue, right axis), log2 batch (green, right axis)</text>%n", LEFT, r.env()));
        double tMax = policies.getFirst().intervals().getLast().t();
        double pMin = 0.1;
        double pMax = 10_000;
        double knobMax = Math.max(r.bounds().maxPool(), Math.log(r.bounds().maxBatch()) / Math.log(2));
        int plotW = WIDTH - LEFT - RIGHT;
        for (int k = 0; k < policies.size(); k++) {
            PolicyResult p = policies.get(k);
            int y0 = TOP + k * (PANEL + 30) + 15;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s — goodput %.0f req/s, "
                    + "breach %.0f%%</text>%n", LEFT, y0 - 3, p.policy(), p.goodput(), 100 * p.breachShare()));
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                    + "stroke=\"#999\"/>%n", LEFT, y0, plotW, PANEL));
            String lastPhase = null;
            for (Interval iv : p.intervals()) {
                if (!iv.phase().equals(lastPhase)) {
                    double x = LEFT + plotW * (iv.t() - r.intervalSeconds()) / tMax;
                    sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" fill=\"#666\">%s</text>%n", x, y0, x, y0 + PANEL, x + 3, y0 + 12,
                            iv.phase()));
                    lastPhase = iv.phase();
                }
            }
            double sloY = y0 + PANEL * (1 - logScale(r.sloMillis(), pMin, pMax));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"red\" "
                    + "stroke-dasharray=\"4 3\" opacity=\"0.6\"/>%n", LEFT, sloY, LEFT + plotW, sloY));
            for (double tick : new double[] {1, 10, 100, 1000}) {
                double y = y0 + PANEL * (1 - logScale(tick, pMin, pMax));
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n",
                        LEFT - 4, y + 4, tick));
            }
            for (int tick = 0; tick <= knobMax; tick += 2) {
                double y = y0 + PANEL * (1 - tick / knobMax);
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">%d</text>%n", LEFT + plotW + 4, y + 4, tick));
            }
            sb.append(polyline(p.intervals(), tMax, plotW, y0, "red", iv -> Double.isFinite(iv.p99())
                    ? 1 - logScale(iv.p99(), pMin, pMax) : 0));
            sb.append(polyline(p.intervals(), tMax, plotW, y0, "#1f5fbf", iv -> 1 - iv.pool() / knobMax));
            sb.append(polyline(p.intervals(), tMax, plotW, y0, "#2a9d3a",
                    iv -> 1 - Math.log(iv.batch()) / Math.log(2) / knobMax));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static double logScale(double v, double min, double max) {
        double x = (Math.log(Math.max(v, min)) - Math.log(min)) / (Math.log(max) - Math.log(min));
        return Math.clamp(x, 0, 1);
    }

    private static String polyline(List<Interval> intervals, double tMax, int plotW, int y0, String colour,
            java.util.function.ToDoubleFunction<Interval> y) {
        StringBuilder sb = new StringBuilder("<polyline fill=\"none\" stroke-width=\"1.3\" stroke=\"" + colour
                + "\" points=\"");
        for (Interval iv : intervals) {
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotW * iv.t() / tMax, y0 + PANEL * y.applyAsDouble(iv)));
        }
        return sb.append("\"/>\n").toString();
    }
}
