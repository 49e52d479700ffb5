package io.github.intunerecsys.web;

import io.github.intunerecsys.recommend.RatingIngest.FieldProblem;
import io.github.intunerecsys.recommend.RatingIngest.RatingInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses rating request bodies by hand from the JSON tree, so every shape problem — a string where a number
 * belongs, a fraction in an id, a missing or unknown field — is reported by index and field instead of as one
 * opaque "unreadable body". Jackson's stream limits (nesting depth, number length) bound the parse itself.
 */
final class RatingBodies {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> FIELDS = Set.of("userId", "movieId", "rating", "timestamp");

    /** Body-level problems that are not about one item (bad JSON, wrong top-level shape). */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** What a body parsed to: one input per item, null where the item has shape problems. */
    record Parsed(List<RatingInput> inputs, List<FieldProblem> problems) {
    }

    private RatingBodies() {
    }

    static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new Unreadable("request body is empty; expected a JSON object");
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Unreadable("request body is not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
    }

    static Parsed single(byte[] body) {
        JsonNode node = tree(body);
        List<FieldProblem> problems = new ArrayList<>();
        List<RatingInput> inputs = new ArrayList<>(1);
        inputs.add(item(node, 0, problems));
        return new Parsed(inputs, problems);
    }

    static Parsed batch(byte[] body, int maxBatch) {
        JsonNode node = tree(body);
        JsonNode list = node.isObject() ? node.get("ratings") : null;
        if (list == null || !list.isArray()) {
            throw new Unreadable("expected {\"ratings\": [ {userId, movieId, rating, timestamp?}, ... ]}");
        }
        if (list.isEmpty()) {
            throw new Unreadable("ratings is empty; send 1 to " + maxBatch + " ratings");
        }
        if (list.size() > maxBatch) {
            throw new Unreadable("a batch holds at most " + maxBatch + " ratings (intune.feedback.max-batch), got "
                    + list.size());
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<RatingInput> inputs = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            inputs.add(item(list.get(i), i, problems));
        }
        return new Parsed(inputs, problems);
    }

    private static RatingInput item(JsonNode node, int index, List<FieldProblem> problems) {
        if (!node.isObject()) {
            problems.add(new FieldProblem(index, "(item)", "must be an object {userId, movieId, rating, timestamp?}"));
            return null;
        }
        int before = problems.size();
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem(index, clip(name), "unknown field; allowed: userId, "
                        + "movieId, rating, timestamp"));
            }
        }
        Long userId = integer(node.get("userId"), index, "userId", true, problems);
        Long movieId = integer(node.get("movieId"), index, "movieId", true, problems);
        Double rating = number(node.get("rating"), index, "rating", problems);
        Long timestamp = integer(node.get("timestamp"), index, "timestamp", false, problems);
        if (problems.size() > before) {
            return null;
        }
        return new RatingInput(userId, movieId, rating, timestamp);
    }

    private static Long integer(JsonNode v, int index, String field, boolean required, List<FieldProblem> out) {
        if (v == null || v.isNull()) {
            if (required) {
                out.add(new FieldProblem(index, field, "is required"));
            }
            return null;
        }
        if (!v.isIntegralNumber() && !(v.isNumber() && v.canConvertToExactIntegral())) {
            out.add(new FieldProblem(index, field, "must be an integer"));
            return null;
        }
        if (!v.canConvertToLong()) {
            out.add(new FieldProblem(index, field, "is out of range"));
            return null;
        }
        return v.longValue();
    }

    private static Double number(JsonNode v, int index, String field, List<FieldProblem> out) {
        if (v == null || v.isNull()) {
            out.add(new FieldProblem(index, field, "is required"));
            return null;
        }
        if (!v.isNumber()) {
            out.add(new FieldProblem(index, field, "must be a number"));
            return null;
        }
        return v.doubleValue();
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
