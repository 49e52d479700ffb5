package io.github.intunerecsys.recommend.popularity;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.DatasetFormat;
import io.github.intunerecsys.catalog.Movie;
import io.github.intunerecsys.recommend.Recommendation;
import io.github.intunerecsys.recommend.RecommendationRequest;
import io.github.intunerecsys.recommend.Recommender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Popularity: the weighted-rating chart overall and one per genre, precomputed. Immutable.
 *
 * <p>Candidates are the movies with a vote average: with TMDB metadata (The Movies Dataset) every movie that has
 * metadata, as the notebook's {@code notnull()} filter; with MovieLens-only data the votes are the count and
 * mean of the movie's ratings, so movies nobody rated have no average and are left out.
 */
public final class PopularityModel implements Recommender {

    private final Catalog catalog;
    private final WeightedRatingChart overall;
    private final Map<String, WeightedRatingChart> byGenre;   // key: genre lower-cased
    private final Map<String, String> genreNames;             // lower-cased → as in the data

    private PopularityModel(Catalog catalog, WeightedRatingChart overall, Map<String, WeightedRatingChart> byGenre,
            Map<String, String> genreNames) {
        this.catalog = catalog;
        this.overall = overall;
        this.byGenre = byGenre;
        this.genreNames = genreNames;
    }

    public static PopularityModel build(Dataset dataset) {
        return build(dataset.catalog(), dataset.format() != DatasetFormat.KAGGLE,
                WeightedRatingChart.DEFAULT_PERCENTILE, WeightedRatingChart.DEFAULT_GENRE_PERCENTILE);
    }

    /**
     * @param votesFromRatings true when vote counts/averages were derived from ratings (a movie without ratings
     *                         then has no average)
     */
    public static PopularityModel build(Catalog catalog, boolean votesFromRatings, double percentile,
            double genrePercentile) {
        int n = catalog.size();
        int[] counts = new int[n];
        double[] averages = new double[n];
        List<Integer> candidates = new ArrayList<>();
        Map<String, List<Integer>> genreCandidates = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Movie m = catalog.get(i);
            counts[i] = m.voteCount();
            averages[i] = m.voteAverage();
            boolean hasAverage = m.hasMetadata() && (!votesFromRatings || m.voteCount() > 0);
            if (!hasAverage) {
                continue;
            }
            candidates.add(i);
            for (String g : m.genres()) {
                String key = g.toLowerCase(Locale.ROOT);
                names.putIfAbsent(key, g);
                genreCandidates.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        WeightedRatingChart overall = WeightedRatingChart.build(toArray(candidates), counts, averages, percentile);
        Map<String, WeightedRatingChart> byGenre = new TreeMap<>();
        genreCandidates.forEach((g, list) ->
                byGenre.put(g, WeightedRatingChart.build(toArray(list), counts, averages, genrePercentile)));
        return new PopularityModel(catalog, overall, Collections.unmodifiableMap(byGenre),
                Collections.unmodifiableMap(names));
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String name() {
        return "popular";
    }

    public WeightedRatingChart overall() {
        return overall;
    }

    /** The chart of a genre (case-insensitive), or {@code null} when no candidate movie has it. */
    public WeightedRatingChart genre(String genre) {
        return byGenre.get(genre.toLowerCase(Locale.ROOT));
    }

    /** Genres that have a chart, as spelled in the data. */
    public List<String> genres() {
        return List.copyOf(genreNames.values());
    }

    /** Top of the overall chart, or of one genre's chart when {@code genre} is given. */
    public List<Recommendation> chart(String genre, RecommendationRequest request) {
        WeightedRatingChart chart = genre == null ? overall : genre(genre);
        if (chart == null) {
            return List.of();
        }
        String label = genre == null ? null : genreNames.get(genre.toLowerCase(Locale.ROOT));
        List<Recommendation> out = new ArrayList<>(request.limit());
        for (int r = 0; r < chart.size() && out.size() < request.limit(); r++) {
            int item = chart.itemAt(r);
            if (!request.accepts(item)) {
                continue;
            }
            Movie m = catalog.get(item);
            String reason = String.format(Locale.ROOT, "%s (weighted rating %.2f from %,d votes averaging %.1f)",
                    label == null ? "popular overall" : "popular in " + label, chart.scoreAt(r), m.voteCount(),
                    m.voteAverage());
            out.add(new Recommendation(item, chart.scoreAt(r), reason));
        }
        return out;
    }

    /** The overall chart under the request's filters and exclusions. */
    @Override
    public List<Recommendation> recommend(RecommendationRequest request) {
        return chart(null, request);
    }
}
