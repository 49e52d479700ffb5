package io.github.intunerecsys.cli;

import io.github.intunerecsys.cli.ReplicaAnalysis.Access;
import io.github.intunerecsys.cli.ReplicaAnalysis.Replica;
import io.github.intunerecsys.cli.ReplicaAnalysis.Sample;
import io.github.intunerecsys.cli.ReplicaAnalysis.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code bench-replicas --plot} figure, hand-written SVG: a top panel with p99 through nginx per 2-s window (log
 * scale, red, the SLO dashed) and requests/s per replica, then one panel per replica with its pool size (blue) and
 * log₂ batch limit (green); phases and the kill marked by vertical lines.
 */
final class ReplicaPlot {

    private static final int WIDTH = 960;
    private static final int PANEL = 150;
    private static final int LEFT = 60;
    private static final int RIGHT = 60;
    private static final int TOP = 30;
    private static final double BIN = 2;
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1"};

    private ReplicaPlot() {
    }

    static String svg(List<Window> windows, List<Replica> replicas, List<Access> accesses,
            ReplicaAnalysis.Bounds bounds, double sloMillis, double killTime) {
        double tMax = windows.getLast().end();
        int panels = 1 + replicas.size();
        int height = TOP + panels * (PANEL + 30) + 10;
        int plotW = WIDTH - LEFT - RIGHT;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                WIDTH, height));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">bench-replicas: p99 through nginx"
                + " per %.0f s (red, log ms, SLO dashed) and requests/s per replica; knobs per replica</text>%n", LEFT, BIN));

        int bins = (int) Math.ceil(tMax / BIN);
        List<List<Double>> latencies = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            latencies.add(new ArrayList<>());
        }
        double[][] counts = new double[replicas.size()][bins];
        for (Access a : accesses) {
            int b = (int) (a.t() / BIN);
            if (b < 0 || b >= bins) {
                continue;
            }
            latencies.get(b).add(a.seconds() * 1000);
            for (int r = 0; r < replicas.size(); r++) {
                if (replicas.get(r).port() == a.port()) {
                    counts[r][b] += 1 / BIN;
                }
            }
        }
        double rpsMax = 1;
        for (double[] c : counts) {
            for (double v : c) {
                rpsMax = Math.max(rpsMax, v);
            }
        }
        int y0 = TOP + 15;
        frame(sb, windows, killTime, tMax, plotW, y0, "through nginx (right axis: requests/s, max "
                + Math.round(rpsMax) + ")");
        double sloY = y0 + PANEL * (1 - logScale(sloMillis));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"red\" "
                + "stroke-dasharray=\"4 3\" opacity=\"0.6\"/>%n", LEFT, sloY, LEFT + plotW, sloY));
        for (double tick : new double[] {1, 10, 100, 1000}) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n",
                    LEFT - 4, y0 + PANEL * (1 - logScale(tick)) + 4, tick));
        }
        StringBuilder p99 = new StringBuilder();
        for (int b = 0; b < bins; b++) {
            if (!latencies.get(b).isEmpty()) {
                double v = ReplicaAnalysis.percentile(latencies.get(b), 0.99);
                p99.append(point((b + 0.5) * BIN, tMax, plotW, y0 + PANEL * (1 - logScale(v))));
            }
        }
        sb.append(polyline(p99, "red"));
        for (int r = 0; r < replicas.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int b = 0; b < bins; b++) {
                line.append(point((b + 0.5) * BIN, tMax, plotW, y0 + PANEL * (1 - counts[r][b] / rpsMax)));
            }
            sb.append(polyline(line, COLOURS[r % COLOURS.length]).replace("stroke-width=\"1.3\"",
                    "stroke-width=\"1\" opacity=\"0.6\""));
        }

        double knobMax = Math.max(bounds.maxPool(), Math.log(bounds.maxBatch()) / Math.log(2));
        for (int r = 0; r < replicas.size(); r++) {
            Replica rep = replicas.get(r);
            int y = TOP + (r + 1) * (PANEL + 30) + 15;
            frame(sb, windows, killTime, tMax, plotW, y, rep.name() + ": pool (blue), log2 batch (green)");
            for (int tick = 0; tick <= knobMax; tick += 2) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\">%d</text>%n", LEFT + plotW + 4,
                        y + PANEL * (1 - tick / knobMax) + 4, tick));
            }
            StringBuilder pool = new StringBuilder();
            StringBuilder batch = new StringBuilder();
            for (Sample s : rep.samples()) {
                if (s.t() >= 0 && s.t() <= tMax) {
                    pool.append(point(s.t(), tMax, plotW, y + PANEL * (1 - s.pool() / knobMax)));
                    batch.append(point(s.t(), tMax, plotW,
                            y + PANEL * (1 - Math.log(Math.max(1, s.batch())) / Math.log(2) / knobMax)));
                }
            }
            sb.append(polyline(pool, "#1f5fbf")).append(polyline(batch, "#2a9d3a"));
        }
        return sb.append("</svg>\n").toString();
    }

    private static void frame(StringBuilder sb, List<Window> windows, double killTime, double tMax, int plotW, int y0,
            String title) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n"
                + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, y0 - 3, escape(title), LEFT, y0, plotW, PANEL));
        for (Window w : windows) {
            double x = LEFT + plotW * w.start() / tMax;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" fill=\"#666\">%s</text>%n", x, y0, x, y0 + PANEL, x + 3, y0 + 12,
                    escape(w.phase().name())));
        }
        if (Double.isFinite(killTime)) {
            double x = LEFT + plotW * killTime / tMax;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" "
                    + "stroke-dasharray=\"2 2\"/>%n", x, y0, x, y0 + PANEL));
        }
    }

    private static double logScale(double v) {
        double min = 0.5;
        double max = 5000;
        return Math.clamp((Math.log(Math.max(v, min)) - Math.log(min)) / (Math.log(max) - Math.log(min)), 0, 1);
    }

    private static String point(double t, double tMax, int plotW, double y) {
        return String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotW * t / tMax, y);
    }

    private static String polyline(StringBuilder points, String colour) {
        return "<polyline fill=\"none\" stroke-width=\"1.3\" stroke=\"" + colour + "\" points=\"" + points + "\"/>\n";
    }

    /** Phase names come from the command line. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
