package io.github.intunerecsys.tuning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saves and restores what the RL agent has learned — network weights, normaliser statistics, ε — as JSON, so a
 * restart continues from where it was, and a fresh install starts from the pre-trained file on the classpath
 * ({@value #PRETRAINED_RESOURCE}, written by {@code pretrain-tuner}). The replay buffer is not saved: it is a
 * cache of recent experience, refilled within minutes.
 */
public final class PolicyFile {

    /** 2: action values are centred on the mean reward, which the file carries (format 1 files are not). */
    static final int FORMAT = 2;
    public static final String PRETRAINED_RESOURCE = "/tuner/pretrained-policy.json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    record Saved(int format, int[] layers, double[] weights, double[] mean, double[] m2, long count, double epsilon,
            long updates, double rewardMean, long rewardCount) {
    }

    private PolicyFile() {
    }

    /** Writes atomically (temp file + move), so a crash leaves the previous file. */
    public static void save(DqnPolicy policy, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            MAPPER.writeValue(tmp.toFile(), policy.snapshot());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save tuner policy to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Restores from a file; a clear one-line error when it is not a policy file of this agent's shape. */
    public static void load(DqnPolicy policy, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            load(policy, in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tuner policy " + file + ": " + e.getMessage(), e);
        }
    }

    /** Restores the pre-trained policy shipped in the jar; false when the jar has none. */
    public static boolean loadPretrained(DqnPolicy policy) {
        try (InputStream in = PolicyFile.class.getResourceAsStream(PRETRAINED_RESOURCE)) {
            if (in == null) {
                return false;
            }
            load(policy, in, "classpath:" + PRETRAINED_RESOURCE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void load(DqnPolicy policy, InputStream in, String source) {
        Saved saved;
        try {
            // the format first: an older file lacks fields this one has and would fail to bind, unexplained
            JsonNode tree = MAPPER.readTree(in);
            JsonNode format = tree == null ? null : tree.get("format");
            if (format != null && format.isInt() && format.intValue() != FORMAT) {
                throw new IllegalArgumentException(source + ": policy format " + format.intValue() + ", expected "
                        + FORMAT + " (re-run pretrain-tuner, or delete the file to start from the pre-trained policy)");
            }
            saved = MAPPER.treeToValue(tree, Saved.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not a tuner policy file: " + e.getOriginalMessage());
        }
        if (saved == null || saved.format() != FORMAT) {
            throw new IllegalArgumentException(source + ": not a tuner policy file: no format " + FORMAT);
        }
        try {
            policy.restore(saved);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }
}
