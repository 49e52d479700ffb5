package io.github.intunerecsys.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The judgement of {@code bench-replicas}: from the nginx access log (what clients saw), the knob samples of every
 * replica ({@code /actuator/prometheus}) and the tuner's decisions ({@code /actuator/tuner}), a table per phase and
 * replica and the verdicts of "the tuners stay sane behind a load balancer":
 * <ul>
 * <li>knobs within bounds, in every sample and decision;</li>
 * <li>no oscillation: knob reversals (a move opposite to the knob's previous move) per minute at most
 *     {@link Criteria#maxReversalsPerMinute()};</li>
 * <li>replicas under equal load converge: the medians of their knobs over the last third of each phase with all
 *     replicas alive differ by at most {@link Criteria#poolTolerance()} threads and a factor
 *     2^{@link Criteria#batchLog2Tolerance()} in batch;</li>
 * <li>the survivor adapts: the median pool or batch of a surviving replica over {@link Criteria#adaptSeconds()}
 *     after the kill is above its median over as long before;</li>
 * <li>guard trips are rare: at most {@link Criteria#maxGuardShare()} of a replica's decisions;</li>
 * <li>p99 through nginx within the SLO in every phase, leaving out {@link Criteria#transientSeconds()} after the kill;</li>
 * <li>no 5xx but deliberate 503s (a replica's own back-pressure answer, passed on by nginx).</li>
 * </ul>
 * Times are seconds since the load started.
 */
final class ReplicaAnalysis {

    /** One load phase: {@code connections} wrk connections each waiting {@code thinkMillis} between requests. */
    record Phase(String name, int connections, int thinkMillis, int seconds, boolean kill) {

        /** {@code name:connections:thinkMs:seconds[:kill]}, comma-separated. */
        static List<Phase> parse(String spec) {
            List<Phase> out = new ArrayList<>();
            int kills = 0;
            for (String part : spec.split(",")) {
                String[] f = part.strip().split(":");
                if (f.length < 4 || f.length > 5 || (f.length == 5 && !f[4].equals("kill")) || f[0].isBlank()) {
                    throw new UsageException("bench-replicas: a phase is name:connections:thinkMs:seconds[:kill], got '"
                            + part + "'");
                }
                try {
                    Phase p = new Phase(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                            f.length == 5);
                    if (p.connections < 1 || p.thinkMillis < 0 || p.seconds < 1) {
                        throw new NumberFormatException();
                    }
                    kills += p.kill ? 1 : 0;
                    out.add(p);
                } catch (NumberFormatException e) {
                    throw new UsageException("bench-replicas: phase '" + part + "' needs connections >= 1, thinkMs >= 0"
                            + " and seconds >= 1");
                }
            }
            if (kills > 1) {
                throw new UsageException("bench-replicas: at most one phase may kill a replica");
            }
            return out;
        }
    }

    /** A phase as it ran. */
    record Window(Phase phase, double start, double end) {
        boolean contains(double t) {
            return t >= start && t < end;
        }
    }

    /**
     * One request as nginx logged it.
     *
     * @param port       port of the replica that answered last (0 when none did)
     * @param deliberate a 503 answered by a replica itself (back-pressure), not made up by nginx
     */
    record Access(double t, int port, int status, boolean deliberate, double seconds) {

        /**
         * A line of the {@code replicas} log format: {@code $msec $status $request_time "$upstream_addr"
         * "$upstream_status"}; the addresses and statuses list every replica tried, the last one answered.
         */
        static Access parse(String line, double t0) {
            String[] f = line.split(" ", 4);
            if (f.length < 4) {
                throw new IllegalArgumentException("bench-replicas: unreadable access log line '" + line + "'");
            }
            String[] quoted = f[3].split("\" \"");
            String addr = last(quoted[0].replace("\"", ""));
            String upstreamStatus = quoted.length > 1 ? last(quoted[1].replace("\"", "")) : "-";
            int colon = addr.lastIndexOf(':');
            int port = colon < 0 ? 0 : Integer.parseInt(addr.substring(colon + 1));
            int status = Integer.parseInt(f[1]);
            return new Access(Double.parseDouble(f[0]) - t0, port, status,
                    status == 503 && upstreamStatus.equals("503"), Double.parseDouble(f[2]));
        }

        /** The last of nginx's comma- (next upstream) or colon- (internal redirect) separated list. */
        private static String last(String list) {
            String[] parts = list.split("[,]|\\s:\\s");
            return parts[parts.length - 1].strip();
        }
    }

    /** One scrape of a replica: its knobs and cumulative counters. */
    record Sample(double t, int pool, int batch, long guardTrips, long steps, double submitted, double rejected,
            double batchSum, double batchCount, double latencySum, double latencyCount) {
    }

    /**
     * One tuner decision: {@code before} was in force during the interval it judged (p99 and reward of that
     * interval), {@code after} follows.
     */
    record Move(double t, String policy, int poolBefore, int poolAfter, int batchBefore, int batchAfter,
            double p99Millis, double reward) {
    }

    /** What was recorded of one replica; {@code killedAt} is NaN for one that ran to the end. */
    record Replica(String name, int port, List<Sample> samples, List<Move> moves, double killedAt) {
        boolean aliveThrough(Window w) {
            return Double.isNaN(killedAt) || killedAt >= w.end;
        }
    }

    record Bounds(int minPool, int maxPool, int minBatch, int maxBatch) {
        boolean contains(int pool, int batch) {
            return pool >= minPool && pool <= maxPool && batch >= minBatch && batch <= maxBatch;
        }
    }

    /** Thresholds of the verdicts. */
    record Criteria(double sloMillis, double transientSeconds, double adaptSeconds, double maxReversalsPerMinute,
            double maxGuardShare, int poolTolerance, double batchLog2Tolerance) {
    }

    private ReplicaAnalysis() {
    }

    /** Per phase, per replica and the verdicts, as a JSON-ready map. */
    static Map<String, Object> analyse(List<Window> windows, List<Replica> replicas, List<Access> accesses,
            Bounds bounds, Criteria c, double killTime) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> phases = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Window w : windows) {
            phases.add(phase(w, replicas, accesses, c, killTime, failures));
        }
        out.put("phases", phases);

        Map<String, Object> verdicts = new LinkedHashMap<>();
        verdicts.put("knobsWithinBounds", verdict(outOfBounds(replicas, bounds)));
        verdicts.put("noOscillation", verdict(oscillation(windows, replicas, c)));
        verdicts.put("equalLoadConverges", verdict(divergence(windows, replicas, c)));
        verdicts.put("survivorAdapts", adaptation(replicas, bounds, c, killTime));
        verdicts.put("guardTripsRare", verdict(guardTrips(replicas, c)));
        verdicts.put("p99WithinSlo", verdict(failures));
        verdicts.put("no5xxButDeliberate503", verdict(serverErrors(accesses)));
        out.put("verdicts", verdicts);
        out.put("sane", verdicts.values().stream().allMatch(v -> Boolean.TRUE.equals(((Map<?, ?>) v).get("pass"))));
        return out;
    }

    private static Map<String, Object> phase(Window w, List<Replica> replicas, List<Access> accesses, Criteria c,
            double killTime, List<String> sloFailures) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", w.phase().name());
        row.put("connections", w.phase().connections());
        row.put("thinkMillis", w.phase().thinkMillis());
        row.put("seconds", round(w.end() - w.start()));
        double duration = w.end() - w.start();
        boolean hasTransient = Double.isFinite(killTime) && w.contains(killTime);
        List<Double> all = new ArrayList<>();
        List<Double> steady = new ArrayList<>();
        int serverErrors = 0;
        int deliberate = 0;
        for (Access a : accesses) {
            if (!w.contains(a.t())) {
                continue;
            }
            all.add(a.seconds() * 1000);
            if (!(hasTransient && a.t() >= killTime && a.t() < killTime + c.transientSeconds())) {
                steady.add(a.seconds() * 1000);
            }
            if (a.status() >= 500) {
                if (a.deliberate()) {
                    deliberate++;
                } else {
                    serverErrors++;
                }
            }
        }
        row.put("requestsPerSecond", round(all.size() / duration));
        row.put("p50Millis", round(percentile(all, 0.50)));
        row.put("p99Millis", round(percentile(all, 0.99)));
        double p99 = percentile(steady, 0.99);
        if (hasTransient) {
            row.put("p99MillisAfterTransient", round(p99));
        }
        if (!(p99 <= c.sloMillis())) {
            sloFailures.add(String.format(Locale.ROOT, "%s: p99 %.1f ms > SLO %.0f ms%s", w.phase().name(), p99,
                    c.sloMillis(), hasTransient ? " (kill transient left out)" : ""));
        }
        row.put("serverErrors", serverErrors);
        row.put("deliberate503", deliberate);
        List<Map<String, Object>> perReplica = new ArrayList<>();
        for (Replica r : replicas) {
            perReplica.add(replicaInPhase(r, w, accesses));
        }
        row.put("replicas", perReplica);
        return row;
    }

    private static Map<String, Object> replicaInPhase(Replica r, Window w, List<Access> accesses) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("replica", r.name());
        List<Double> latencies = new ArrayList<>();
        for (Access a : accesses) {
            if (a.port() == r.port() && w.contains(a.t())) {
                latencies.add(a.seconds() * 1000);
            }
        }
        row.put("alive", r.aliveThrough(w) ? "yes" : r.killedAt() < w.start() ? "no" : "killed in phase");
        row.put("requestsPerSecond", round(latencies.size() / (w.end() - w.start())));
        row.put("p99Millis", round(percentile(latencies, 0.99)));
        Sample first = lastAtOrBefore(r.samples(), w.start());
        if (first == null) {
            first = r.samples().stream().filter(s -> w.contains(s.t())).findFirst().orElse(null);
        }
        Sample last = lastAtOrBefore(r.samples(), w.end());
        if (last != null && !(r.killedAt() < w.start())) {
            row.put("poolAtEnd", last.pool());
            row.put("batchAtEnd", last.batch());
        }
        row.put("reversals", reversals(r.moves(), w.start(), w.end()));
        List<Move> decided = r.moves().stream().filter(m -> w.contains(m.t())).toList();
        row.put("decisions", decided.size());
        // the p99 each tuner step saw inside the service: the pipeline's share of the latency through nginx
        row.put("tunerMedianP99Millis", round(median(decided.stream().mapToDouble(Move::p99Millis)
                .filter(Double::isFinite).toArray())));
        if (first != null && last != null && last != first) {
            row.put("guardTrips", last.guardTrips() - first.guardTrips());
            double batches = last.batchCount() - first.batchCount();
            double scored = last.latencyCount() - first.latencyCount();
            row.put("meanBatch", batches > 0 ? round((last.batchSum() - first.batchSum()) / batches) : null);
            row.put("pipelineMeanMillis", scored > 0
                    ? round(1000 * (last.latencySum() - first.latencySum()) / scored) : null);
            row.put("rejected", (long) (last.rejected() - first.rejected()));
        }
        return row;
    }

    /** Moves opposite to the previous non-zero move of the same knob, in [from, to). */
    static int reversals(List<Move> moves, double from, double to) {
        int count = 0;
        int lastPool = 0;
        int lastBatch = 0;
        for (Move m : moves) {
            int pool = Integer.signum(m.poolAfter() - m.poolBefore());
            int batch = Integer.signum(m.batchAfter() - m.batchBefore());
            boolean in = m.t() >= from && m.t() < to;
            if (pool != 0) {
                count += in && pool == -lastPool ? 1 : 0;
                lastPool = pool;
            }
            if (batch != 0) {
                count += in && batch == -lastBatch ? 1 : 0;
                lastBatch = batch;
            }
        }
        return count;
    }

    private static List<String> outOfBounds(List<Replica> replicas, Bounds b) {
        List<String> bad = new ArrayList<>();
        for (Replica r : replicas) {
            for (Sample s : r.samples()) {
                if (!b.contains(s.pool(), s.batch())) {
                    bad.add(String.format(Locale.ROOT, "%s at %.0f s: pool %d batch %d", r.name(), s.t(), s.pool(),
                            s.batch()));
                }
            }
            for (Move m : r.moves()) {
                if (!b.contains(m.poolAfter(), m.batchAfter())) {
                    bad.add(String.format(Locale.ROOT, "%s decided pool %d batch %d at %.0f s", r.name(), m.poolAfter(),
                            m.batchAfter(), m.t()));
                }
            }
        }
        return bad;
    }

    private static List<String> oscillation(List<Window> windows, List<Replica> replicas, Criteria c) {
        List<String> bad = new ArrayList<>();
        double start = windows.getFirst().start();
        double end = windows.getLast().end();
        for (Replica r : replicas) {
            double until = Double.isNaN(r.killedAt()) ? end : Math.min(end, r.killedAt());
            double minutes = (until - start) / 60;
            double perMinute = reversals(r.moves(), start, until) / minutes;
            if (minutes > 0 && perMinute > c.maxReversalsPerMinute()) {
                bad.add(String.format(Locale.ROOT, "%s: %.1f reversals/min > %.1f", r.name(), perMinute,
                        c.maxReversalsPerMinute()));
            }
        }
        return bad;
    }

    private static List<String> divergence(List<Window> windows, List<Replica> replicas, Criteria c) {
        List<String> bad = new ArrayList<>();
        for (Window w : windows) {
            if (!replicas.stream().allMatch(r -> r.aliveThrough(w)) || replicas.size() < 2) {
                continue;
            }
            double from = w.end() - (w.end() - w.start()) / 3;
            double[] pools = new double[replicas.size()];
            double[] batches = new double[replicas.size()];
            for (int i = 0; i < replicas.size(); i++) {
                List<Sample> tail = replicas.get(i).samples().stream()
                        .filter(s -> s.t() >= from && s.t() < w.end()).toList();
                if (tail.isEmpty()) {
                    bad.add(w.phase().name() + ": no samples of " + replicas.get(i).name());
                    continue;
                }
                pools[i] = median(tail.stream().mapToDouble(Sample::pool).toArray());
                batches[i] = median(tail.stream().mapToDouble(s -> Math.log(s.batch()) / Math.log(2)).toArray());
            }
            double poolSpread = Arrays.stream(pools).max().orElse(0) - Arrays.stream(pools).min().orElse(0);
            double batchSpread = Arrays.stream(batches).max().orElse(0) - Arrays.stream(batches).min().orElse(0);
            if (poolSpread > c.poolTolerance() || batchSpread > c.batchLog2Tolerance()) {
                bad.add(String.format(Locale.ROOT, "%s: median pools %s, log2 batches %s", w.phase().name(),
                        Arrays.toString(pools), Arrays.toString(batches)));
            }
        }
        return bad;
    }

    /**
     * A survivor adapts when the median of a knob over the {@code adaptSeconds} after the kill is above its median
     * over the same span before (a knob already at its upper bound cannot go up and counts as adapted if it stays there); the first
     * sample with a knob above its value at the kill is reported too.
     */
    private static Map<String, Object> adaptation(List<Replica> replicas, Bounds bounds, Criteria c, double killTime) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (!Double.isFinite(killTime)) {
            v.put("pass", true);
            v.put("detail", List.of("no replica was killed"));
            return v;
        }
        List<String> detail = new ArrayList<>();
        boolean all = true;
        for (Replica r : replicas) {
            if (!Double.isNaN(r.killedAt())) {
                continue;
            }
            List<Sample> before = r.samples().stream()
                    .filter(s -> s.t() >= killTime - c.adaptSeconds() && s.t() <= killTime).toList();
            List<Sample> after = r.samples().stream()
                    .filter(s -> s.t() > killTime && s.t() <= killTime + c.adaptSeconds()).toList();
            if (before.isEmpty() || after.isEmpty()) {
                all = false;
                detail.add(r.name() + ": no samples around the kill");
                continue;
            }
            double poolBefore = median(before.stream().mapToDouble(Sample::pool).toArray());
            double poolAfter = median(after.stream().mapToDouble(Sample::pool).toArray());
            double batchBefore = median(before.stream().mapToDouble(Sample::batch).toArray());
            double batchAfter = median(after.stream().mapToDouble(Sample::batch).toArray());
            boolean poolUp = poolAfter > poolBefore || (poolBefore >= bounds.maxPool() && poolAfter >= poolBefore);
            boolean batchUp = batchAfter > batchBefore || (batchBefore >= bounds.maxBatch() && batchAfter >= batchBefore);
            Sample atKill = before.getLast();
            String firstUp = after.stream().filter(s -> s.pool() > atKill.pool() || s.batch() > atKill.batch())
                    .findFirst().map(s -> String.format(Locale.ROOT, "first knob up after %.1f s (pool %d batch %d)",
                            s.t() - killTime, s.pool(), s.batch())).orElse("no knob above its value at the kill");
            all &= poolUp || batchUp;
            detail.add(String.format(Locale.ROOT, "%s: median pool %.1f -> %.1f, batch %.0f -> %.0f over %.0f s "
                    + "before/after the kill; %s", r.name(), poolBefore, poolAfter, batchBefore, batchAfter,
                    c.adaptSeconds(), firstUp));
        }
        v.put("pass", all);
        v.put("detail", detail);
        return v;
    }

    private static List<String> guardTrips(List<Replica> replicas, Criteria c) {
        List<String> bad = new ArrayList<>();
        for (Replica r : replicas) {
            if (r.samples().size() < 2) {
                continue;
            }
            Sample first = r.samples().getFirst();
            Sample last = r.samples().getLast();
            long trips = last.guardTrips() - first.guardTrips();
            long steps = Math.max(1, last.steps() - first.steps());
            if (trips > c.maxGuardShare() * steps) {
                bad.add(String.format(Locale.ROOT, "%s: %d guard trips in %d decisions", r.name(), trips, steps));
            }
        }
        return bad;
    }

    private static List<String> serverErrors(List<Access> accesses) {
        Map<Integer, Integer> byStatus = new LinkedHashMap<>();
        for (Access a : accesses) {
            if (a.status() >= 500 && !a.deliberate()) {
                byStatus.merge(a.status(), 1, Integer::sum);
            }
        }
        List<String> bad = new ArrayList<>();
        byStatus.forEach((status, n) -> bad.add(n + " x " + status));
        return bad;
    }

    private static Map<String, Object> verdict(List<String> failures) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("pass", failures.isEmpty());
        if (!failures.isEmpty()) {
            v.put("detail", failures.size() > 20 ? failures.subList(0, 20) : failures);
        }
        return v;
    }

    static Sample lastAtOrBefore(List<Sample> samples, double t) {
        Sample found = null;
        for (Sample s : samples) {
            if (s.t() <= t) {
                found = s;
            }
        }
        return found;
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[Math.clamp((int) Math.ceil(q * v.length) - 1, 0, v.length - 1)];
    }

    private static double median(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static Double round(double x) {
        return Double.isFinite(x) ? Math.round(x * 100) / 100.0 : null;
    }
}
