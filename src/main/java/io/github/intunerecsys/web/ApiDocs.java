package io.github.intunerecsys.web;

/**
 * Example bodies for the OpenAPI description (annotation values must be constants). They are real answers of the
 * demo dataset, trimmed.
 */
final class ApiDocs {

    static final String PROBLEM = "application/problem+json";

    static final String TITLE_NOT_FOUND = """
            {"type":"about:blank","title":"Title not found","status":404,\
            "detail":"no movie titled 'Toy Stroy'; did you mean 'Toy Story (1995)', 'Toy Story 2 (1999)'?",\
            "instance":"/recommend","suggestions":[{"movieId":1,"tmdbId":862,"imdbId":"tt0114709",\
            "title":"Toy Story","year":1995,"genres":["Adventure","Animation","Children","Comedy","Fantasy"]}]}""";

    static final String AMBIGUOUS_TITLE = """
            {"type":"about:blank","title":"Ambiguous title","status":409,\
            "detail":"'Cape Fear' matches 2 movies; add the year, e.g. 'Cape Fear (1991)'",\
            "instance":"/recommend","candidates":[{"movieId":1343,"title":"Cape Fear","year":1991},\
            {"movieId":1344,"title":"Cape Fear","year":1962}]}""";

    static final String BAD_LIMIT = """
            {"type":"about:blank","title":"Invalid parameter","status":400,\
            "detail":"limit must be between 1 and 100, got 500","instance":"/recommend","parameter":"limit"}""";

    static final String BAD_GENRE = """
            {"type":"about:blank","title":"Invalid parameter","status":400,\
            "detail":"unknown genre 'Comdy'; allowed: Action, Adventure, Animation, Comedy, ...",\
            "instance":"/recommend/popular","parameter":"genre","allowed":["Action","Adventure","Animation","Comedy"]}""";

    static final String BAD_STRATEGY = """
            {"type":"about:blank","title":"Invalid parameter","status":400,\
            "detail":"unknown strategy 'knn'; allowed: svd, hybrid, popular",\
            "instance":"/users/1/recommendations","parameter":"strategy","allowed":["svd","hybrid","popular"]}""";

    static final String BAD_ID = """
            {"type":"about:blank","title":"Invalid parameter","status":400,\
            "detail":"movieId must be a whole number, got 'abc'","instance":"/movies/abc","parameter":"movieId"}""";

    static final String UNKNOWN_MOVIE = """
            {"type":"about:blank","title":"Unknown movie","status":404,"detail":"no movie with id 999999",\
            "instance":"/movies/999999"}""";

    static final String UNKNOWN_USER = """
            {"type":"about:blank","title":"Unknown user","status":404,"detail":"no user with id 999999",\
            "instance":"/users/999999/ratings"}""";

    static final String NOT_READY = """
            {"type":"about:blank","title":"Not ready","status":503,"detail":"models are not ready: still loading",\
            "instance":"/recommend/popular"}""";

    private ApiDocs() {
    }
}
