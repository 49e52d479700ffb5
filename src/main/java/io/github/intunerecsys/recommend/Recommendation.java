package io.github.intunerecsys.recommend;

/**
 * One recommended movie: its item index in the snapshot's catalog, a score whose meaning depends on the strategy
 * (weighted rating, cosine similarity, predicted rating, blended score) and a short human-readable reason.
 */
public record Recommendation(int item, double score, String reason) {
}
