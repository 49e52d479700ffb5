package io.github.intunerecsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RankingEvaluateCommandTests {

    @TempDir
    Path dir;

    /**
     * 60 users, 40 movies in two genres; each user loves one genre (5★) and dislikes the other (1–2★), rates 16
     * movies in random order, four in five of them from the loved genre, and the lower-numbered movies of each
     * genre are watched more.
     */
    static void writeTasteDataset(Path dir) throws IOException {
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        for (int m = 1; m <= 40; m++) {
            movies.append(m).append(",Movie ").append(m).append(" (2000),").append(m % 2 == 0 ? "Drama" : "Comedy")
                    .append('\n');
        }
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        Random random = new Random(7);
        for (int u = 1; u <= 60; u++) {
            int loved = u % 2;
            java.util.Set<Integer> seen = new java.util.TreeSet<>();
            while (seen.size() < 16) {
                int m = 1 + Math.min(39, (int) Math.abs(random.nextGaussian() * 14));
                if (m % 2 == loved || random.nextInt(5) == 0) {
                    seen.add(m);
                }
            }
            java.util.List<Integer> order = new java.util.ArrayList<>(seen);
            java.util.Collections.shuffle(order, random);
            int t = 1000;
            for (int m : order) {
                double r = m % 2 == loved ? 5.0 : 1.0 + random.nextInt(2);
                ratings.append(u).append(',').append(m).append(',').append(r).append(',').append(t += 10)
                        .append('\n');
            }
        }
        Files.writeString(dir.resolve("movies.csv"), movies);
        Files.writeString(dir.resolve("ratings.csv"), ratings);
    }

    private static String withoutTimings(String json) {
        return json.replaceAll("\"(fit_seconds|rank_seconds)\"\\s*:\\s*[0-9.Ee-]+", "");
    }

    @Test
    void ranksEveryStrategyAndPrintsATable() throws IOException {
        writeTasteDataset(dir);
        CommandRun r = CommandRun.run("evaluate", "--task", "ranking", "--data", dir.toString(), "--k", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("NDCG@5").contains("popularity").contains("content").contains("svd")
                .contains("ease").contains("hybrid");
    }

    @Test
    void sameSeedGivesIdenticalFigures() throws IOException {
        writeTasteDataset(dir);
        String[] args = {"evaluate", "--task", "ranking", "--data", dir.toString(), "--split", "random", "--seed",
            "5", "--model", "popularity,svd,ease,hybrid", "--json"};
        CommandRun a = CommandRun.run(args);
        CommandRun b = CommandRun.run(args);
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(withoutTimings(a.out())).isEqualTo(withoutTimings(b.out())).contains("\"ndcg\"");
        CommandRun other = CommandRun.run("evaluate", "--task", "ranking", "--data", dir.toString(), "--split",
                "random", "--seed", "6", "--model", "popularity,svd,ease,hybrid", "--json");
        assertThat(withoutTimings(other.out())).isNotEqualTo(withoutTimings(a.out()));
    }

    @Test
    void personalisedRankingsFindTheLovedGenre() throws IOException {
        writeTasteDataset(dir);
        CommandRun r = CommandRun.run("evaluate", "--task", "ranking", "--data", dir.toString(), "--model",
                "popularity,ease,hybrid", "--k", "5", "--param", "lambda=10", "min_item_ratings=1", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        double popularity = ndcg(r.out(), "popularity");
        assertThat(ndcg(r.out(), "ease")).isGreaterThan(popularity);
        assertThat(ndcg(r.out(), "hybrid")).isGreaterThan(popularity);
    }

    private static double ndcg(String json, String model) {
        for (JsonNode m : JsonMapper.builder().build().readTree(json).get("models")) {
            if (m.get("model").asString().equals(model)) {
                return m.get("ndcg").asDouble();
            }
        }
        throw new AssertionError("no " + model + " in " + json);
    }

    @Test
    void writesAMarkdownAndHtmlReportWithWellFormedSvg() throws Exception {
        writeTasteDataset(dir);
        Path out = dir.resolve("out");
        CommandRun r = CommandRun.run("evaluate", "--task", "ranking", "--data", dir.toString(), "--model",
                "popularity,ease", "--param", "lambda=10", "--report", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("report.md"))).contains("| ease |").contains("![metrics](metrics.svg)")
                .contains("Learning curve (svd)");
        var factory = DocumentBuilderFactory.newInstance();
        for (String svg : new String[] {"metrics.svg", "learning-curve.svg"}) {
            Document doc = factory.newDocumentBuilder().parse(out.resolve(svg).toFile());
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        }
        Document metrics = factory.newDocumentBuilder().parse(out.resolve("metrics.svg").toFile());
        // five metric groups × two strategies, plus the background and two legend swatches
        assertThat(metrics.getElementsByTagName("rect").getLength()).isEqualTo(10 + 1 + 2);
        Document curve = factory.newDocumentBuilder().parse(out.resolve("learning-curve.svg").toFile());
        assertThat(curve.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("report.html"))).startsWith("<!DOCTYPE html>")
                .contains("<img src=\"metrics.svg\"");
    }

    @Test
    void unknownModelIsAUsageError() throws IOException {
        writeTasteDataset(dir);
        CommandRun r = CommandRun.run("evaluate", "--task", "ranking", "--data", dir.toString(), "--model", "magic");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown --model 'magic'");
        CommandRun p = CommandRun.run("evaluate", "--task", "ranking", "--data", dir.toString(), "--model", "ease",
                "--param", "alpha=1");
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("unknown parameter 'alpha'");
    }
}
