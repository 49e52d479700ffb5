package io.github.intunerecsys.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The samples of one scrape in the Prometheus text exposition format ({@code name{label="v",...} value
 * [timestamp]}, comments skipped), with the sums {@code bench-soak} needs. Just enough of the format to read
 * what this service's {@code /actuator/prometheus} writes; not a general client.
 */
final class PrometheusText {

    /** One line of the exposition. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(sample(l));
            }
        }
        return new PrometheusText(out);
    }

    List<Sample> samples() {
        return samples;
    }

    /** Sum of the samples named {@code name} whose labels pass {@code labels}; 0 when there is none. */
    double sum(String name, Predicate<Map<String, String>> labels) {
        double s = 0;
        for (Sample x : samples) {
            if (x.name.equals(name) && labels.test(x.labels)) {
                s += x.value;
            }
        }
        return s;
    }

    double sum(String name) {
        return sum(name, l -> true);
    }

    boolean has(String name) {
        return samples.stream().anyMatch(x -> x.name.equals(name));
    }

    /**
     * The cumulative buckets of histogram {@code name} ({@code name_bucket} by {@code le}) summed over the series
     * whose labels pass {@code labels}: upper bound to count, {@code +Inf} as {@link Double#POSITIVE_INFINITY}.
     */
    NavigableMap<Double, Double> buckets(String name, Predicate<Map<String, String>> labels) {
        NavigableMap<Double, Double> out = new TreeMap<>();
        for (Sample x : samples) {
            if (x.name.equals(name + "_bucket") && labels.test(x.labels)) {
                out.merge(number(x.labels.get("le")), x.value, Double::sum);
            }
        }
        return out;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
        } else {
            if (space < 0) {
                throw new IllegalArgumentException("not a Prometheus sample: " + line);
            }
            name = line.substring(0, space);
            rest = space;
        }
        String[] tail = line.substring(rest).strip().split("\\s+");
        return new Sample(name, labels, number(tail[0]));
    }

    /** Reads {@code a="x",b="y"}} from {@code from}; returns the index after the closing brace. */
    private static int labels(String line, int from, Map<String, String> into) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            if (line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("label value not quoted: " + line);
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char n = line.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
            }
            into.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    private static double number(String s) {
        return switch (s) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }
}
