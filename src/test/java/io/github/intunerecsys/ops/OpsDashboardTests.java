package io.github.intunerecsys.ops;

import static io.github.intunerecsys.ops.OpsTools.list;
import static io.github.intunerecsys.ops.OpsTools.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The provisioned Grafana dashboards are valid, self-consistent and point at the provisioned datasource. */
class OpsDashboardTests {

    /** Grafana 10.0's schema; older dashboards are migrated on load, which provisioning would not save back. */
    private static final int MIN_SCHEMA_VERSION = 36;

    private static String provisionedUid() {
        Map<String, Object> ds = map(list(OpsTools.yaml(
                OpsTools.GRAFANA_DIR.resolve("provisioning/datasources/prometheus.yml")).get("datasources")).getFirst());
        assertThat(ds).containsEntry("type", "prometheus");
        return String.valueOf(ds.get("uid"));
    }

    @Test
    void thereAreTheThreeDashboardsWithUniqueUidsAndTitles() {
        List<JsonNode> boards = OpsExpressions.dashboardFiles().stream().map(OpsExpressions::dashboard).toList();
        assertThat(boards.stream().map(b -> b.path("uid").asString()))
                .containsExactlyInAnyOrder("intune-service", "intune-pipeline-tuner", "intune-jvm")
                .doesNotHaveDuplicates();
        assertThat(boards.stream().map(b -> b.path("title").asString())).doesNotHaveDuplicates();
    }

    @Test
    void everyDashboardHasASchemaVersionAndUniquePanelIds() {
        for (Path file : OpsExpressions.dashboardFiles()) {
            JsonNode d = OpsExpressions.dashboard(file);
            assertThat(d.path("schemaVersion").asInt()).as("%s schemaVersion", file.getFileName())
                    .isGreaterThanOrEqualTo(MIN_SCHEMA_VERSION);
            List<Integer> ids = OpsExpressions.panels(d).stream().map(p -> p.path("id").asInt(-1)).toList();
            assertThat(ids).as("%s panel ids", file.getFileName()).doesNotContain(-1).doesNotHaveDuplicates();
        }
    }

    @Test
    void everyDatasourceReferenceIsTheProvisionedPrometheus() {
        String uid = provisionedUid();
        for (Path file : OpsExpressions.dashboardFiles()) {
            List<JsonNode> refs = new ArrayList<>();
            collectDatasources(OpsExpressions.dashboard(file), refs);
            assertThat(refs).as("%s datasource references", file.getFileName()).isNotEmpty()
                    .allSatisfy(ref -> {
                        assertThat(ref.isObject()).as("datasource given as {type, uid}: %s", ref).isTrue();
                        assertThat(ref.path("uid").asString()).isEqualTo(uid);
                        assertThat(ref.path("type").asString()).isEqualTo("prometheus");
                    });
        }
    }

    @Test
    void everyPanelQueriesSomethingAndFitsTheGridWithoutOverlap() {
        for (Path file : OpsExpressions.dashboardFiles()) {
            Set<String> cells = new HashSet<>();
            for (JsonNode p : OpsExpressions.panels(OpsExpressions.dashboard(file))) {
                String what = file.getFileName() + " panel " + p.path("id").asInt() + " '" + p.path("title").asString()
                        + "'";
                if (!p.path("type").asString().equals("row")) {
                    assertThat(p.path("targets").values()).as(what + " targets").isNotEmpty()
                            .allSatisfy(t -> assertThat(t.path("expr").asString("")).as(what).isNotBlank());
                }
                JsonNode g = p.path("gridPos");
                int x = g.path("x").asInt(), y = g.path("y").asInt(), w = g.path("w").asInt(), h = g.path("h").asInt();
                assertThat(w).as(what + " width").isBetween(1, 24);
                assertThat(x + w).as(what + " right edge").isLessThanOrEqualTo(24);
                for (int dy = 0; dy < h; dy++) {
                    for (int dx = 0; dx < w; dx++) {
                        assertThat(cells.add((x + dx) + "," + (y + dy))).as(what + " overlaps another panel").isTrue();
                    }
                }
            }
        }
    }

    @Test
    void panelExpressionsParseIntoSelectorsOfKnownShape() {
        List<OpsExpressions.Expression> exprs = OpsExpressions.all();
        assertThat(exprs).hasSizeGreaterThan(50);
        for (OpsExpressions.Expression e : exprs) {
            assertThat(e.promql()).as(e.where() + ": Grafana variable left unsubstituted").doesNotContain("$");
            assertThat(PromQl.selectors(e.promql())).as(e.where() + " reads at least one series").isNotEmpty()
                    .allSatisfy(s -> assertThat(s.metric()).matches("[a-z_:][a-z0-9_:]*"));
        }
    }

    private static void collectDatasources(JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("datasource")) {
                    out.add(e.getValue());
                } else {
                    collectDatasources(e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.values().forEach(v -> collectDatasources(v, out));
        }
    }
}
