package io.github.intunerecsys.recommend;

/**
 * The CF estimate of one user's rating of one movie, like the notebook's {@code svd.predict(uid, iid)}.
 *
 * @param actual the user's own rating when they rated it, else null
 * @param cold   true when the user or the movie has no ratings and the estimate falls back to biases
 */
public record Prediction(int userId, MovieRef movie, double estimate, Double actual, boolean cold, String model) {
}
