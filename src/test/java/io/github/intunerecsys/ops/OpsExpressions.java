package io.github.intunerecsys.ops;

import static io.github.intunerecsys.ops.OpsTools.list;
import static io.github.intunerecsys.ops.OpsTools.map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every PromQL expression the operators' files hold: dashboard panels and variables, recording and alert rules. */
final class OpsExpressions {

    enum Kind { PANEL, VARIABLE, RECORD, ALERT }

    /** One expression as Prometheus will see it (Grafana variables already substituted). */
    record Expression(Kind kind, String where, String promql) {
    }

    /** What Grafana substitutes for its built-in interval variables; long enough to hold two 1 s scrapes. */
    static final Map<String, String> GRAFANA_BUILTINS = Map.of("__rate_interval", "1m", "__interval", "15s",
            "__range", "5m");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpsExpressions() {
    }

    static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(OpsTools.GRAFANA_DIR.resolve("dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode dashboard(Path file) {
        return JSON.readTree(file.toFile());
    }

    /** Panels, rows' nested panels included, in document order. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels").values()) {
            out.add(p);
            out.addAll(p.path("panels").values());
        }
        return out;
    }

    static List<Expression> all() {
        List<Expression> out = new ArrayList<>();
        dashboardFiles().forEach(f -> out.addAll(fromDashboard(f)));
        out.addAll(fromRules(OpsTools.PROMETHEUS_DIR.resolve("rules.yml")));
        return out;
    }

    static List<Expression> fromDashboard(Path file) {
        JsonNode d = dashboard(file);
        Map<String, String> vars = new LinkedHashMap<>(GRAFANA_BUILTINS);
        List<Expression> out = new ArrayList<>();
        for (JsonNode v : d.path("templating").path("list").values()) {
            vars.put(v.path("name").asString(), v.path("allValue").asString(".*"));
            JsonNode q = v.path("query");
            String query = q.isObject() ? q.path("query").asString() : q.asString();
            Matcher m = LABEL_VALUES.matcher(query.strip());
            if (m.matches()) {
                out.add(new Expression(Kind.VARIABLE, file.getFileName() + " variable $" + v.path("name").asString(),
                        m.group(1)));
            }
        }
        for (JsonNode p : panels(d)) {
            for (JsonNode t : p.path("targets").values()) {
                String expr = t.path("expr").asString("");
                if (!expr.isBlank()) {
                    out.add(new Expression(Kind.PANEL, file.getFileName() + " panel " + p.path("id").asInt() + " '"
                            + p.path("title").asString() + "' " + t.path("refId").asString(), substitute(expr, vars)));
                }
            }
        }
        return out;
    }

    static List<Expression> fromRules(Path rules) {
        List<Expression> out = new ArrayList<>();
        for (Object g : list(OpsTools.yaml(rules).get("groups"))) {
            for (Object r : list(map(g).get("rules"))) {
                Map<String, Object> rule = map(r);
                String expr = String.valueOf(rule.get("expr")).strip();
                if (rule.containsKey("record")) {
                    out.add(new Expression(Kind.RECORD, "record " + rule.get("record"), expr));
                } else {
                    out.add(new Expression(Kind.ALERT, "alert " + rule.get("alert"), expr));
                }
            }
        }
        return out;
    }

    /** Recording rule name to its expression. */
    static Map<String, String> recordingRules() {
        Map<String, String> out = new LinkedHashMap<>();
        fromRules(OpsTools.PROMETHEUS_DIR.resolve("rules.yml")).stream().filter(e -> e.kind() == Kind.RECORD)
                .forEach(e -> out.put(e.where().substring("record ".length()), e.promql()));
        return out;
    }

    static String substitute(String expr, Map<String, String> vars) {
        String out = expr;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue()).replace("[[" + v.getKey() + "]]", v.getValue())
                    .replaceAll("\\$" + Pattern.quote(v.getKey()) + "\\b", Matcher.quoteReplacement(v.getValue()));
        }
        return out;
    }
}
