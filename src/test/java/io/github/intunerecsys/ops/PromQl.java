package io.github.intunerecsys.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL lexing to list the series selectors of an expression ({@code name{matchers}}), so that each can
 * be checked on its own against a real Prometheus. Functions, aggregations, keywords, label lists after
 * {@code by/without/on/ignoring/group_*}, strings, durations and numbers are skipped.
 */
final class PromQl {

    /** One series selector: metric name, its matcher text (braces included, or empty) and the labels it matches on. */
    record Selector(String metric, String matchers, Set<String> labels) {
        String text() {
            return metric + matchers;
        }
    }

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");

    private PromQl() {
    }

    static List<Selector> selectors(String expr) {
        List<Selector> out = new ArrayList<>();
        int n = expr.length();
        int i = 0;
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1))) {
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_'
                        || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpace(expr, i);
                char after = next < n ? expr.charAt(next) : 0;
                if (LABEL_LIST_KEYWORDS.contains(word)) {
                    i = after == '(' ? expr.indexOf(')', next) + 1 : next;
                } else if (word.equals("offset")) {
                    i = skipSpace(expr, next);
                    while (i < n && Character.isLetterOrDigit(expr.charAt(i))) {
                        i++;
                    }
                } else if (after == '(' || AGGREGATIONS.contains(word) || KEYWORDS.contains(word)) {
                    i = next;
                } else if (after == '{') {
                    int close = closingBrace(expr, next);
                    String matchers = expr.substring(next, close + 1);
                    out.add(new Selector(word, matchers, labels(matchers)));
                    i = close + 1;
                } else {
                    out.add(new Selector(word, "", Set.of()));
                }
            } else {
                i++;
            }
        }
        return out;
    }

    /** The metric names an expression reads. */
    static Set<String> metrics(String expr) {
        Set<String> names = new LinkedHashSet<>();
        selectors(expr).forEach(s -> names.add(s.metric()));
        return names;
    }

    private static Set<String> labels(String matchers) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = MATCHER.matcher(matchers);
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i++);
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int closingBrace(String s, int open) {
        int i = open + 1;
        while (i < s.length() && s.charAt(i) != '}') {
            i = s.charAt(i) == '"' ? skipString(s, i) : i + 1;
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("unclosed '{' in: " + s);
        }
        return i;
    }
}
