package io.github.intunerecsys.recommend;

import java.util.Map;

/** A loaded model, for {@code /models}: what it is, how it was built and how good it measured. */
public record ModelInfo(String name, String algorithm, Map<String, Object> params, double trainingSeconds,
        Map<String, Object> quality) {
}
