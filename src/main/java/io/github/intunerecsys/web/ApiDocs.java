package io.github.intunerecsys.web;

/**
 * Example bodies for the OpenAPI description (annotation values must be constants). They are real answers of the
 * demo dataset, trimmed.
 */
final class ApiDocs {

    static final String PROBLEM = "application/problem+json";

    static final String TITLE_NOT_FOUND = """
            {"title":"Title not found","status":404,\
            "detail":"no movie titled 'Toy Stroy'; did you mean 'Toy Story (1995)', 'Toy Story 4 (2019)', \
            'Toy Story 3 (2010)'?","instance":"/recommend","suggestions":[{"movieId":1,"tmdbId":null,"imdbId":null,\
            "title":"Toy Story","year":1995,"genres":["Adventure","Animation","Children","Comedy","Fantasy"]}]}""";

    static final String AMBIGUOUS_TITLE = """
            {"title":"Ambiguous title","status":409,\
            "detail":"'Cape Fear' matches 2 movies; add the year, e.g. 'Cape Fear (1991)'",\
            "instance":"/recommend","candidates":[{"movieId":177,"tmdbId":null,"imdbId":null,"title":"Cape Fear",\
            "year":1991,"genres":["Crime","Thriller"]},{"movieId":176,"tmdbId":null,"imdbId":null,"title":"Cape Fear",\
            "year":1962,"genres":["Crime","Thriller"]}]}""";

    static final String BAD_LIMIT = """
            {"title":"Invalid parameter","status":400,\
            "detail":"limit must be between 1 and 100, got 500","instance":"/recommend","parameter":"limit"}""";

    static final String BAD_GENRE = """
            {"title":"Invalid parameter","status":400,\
            "detail":"unknown genre 'Comdy'; allowed: Action, Adventure, Animation, Comedy, ...",\
            "instance":"/recommend/popular","parameter":"genre","allowed":["Action","Adventure","Animation","Comedy"]}""";

    static final String BAD_STRATEGY = """
            {"title":"Invalid parameter","status":400,\
            "detail":"unknown strategy 'knn'; allowed: svd, hybrid, popular",\
            "instance":"/users/1/recommendations","parameter":"strategy","allowed":["svd","hybrid","popular"]}""";

    static final String BAD_ID = """
            {"title":"Invalid parameter","status":400,\
            "detail":"movieId must be a whole number, got 'abc'","instance":"/movies/abc","parameter":"movieId"}""";

    static final String UNKNOWN_MOVIE = """
            {"title":"Unknown movie","status":404,"detail":"no movie with id 999999",\
            "instance":"/movies/999999"}""";

    static final String UNKNOWN_USER = """
            {"title":"Unknown user","status":404,"detail":"no user with id 999999",\
            "instance":"/users/999999/ratings"}""";

    static final String NOT_READY = """
            {"title":"Not ready","status":503,"detail":"models are not ready: still loading",\
            "instance":"/recommend/popular"}""";

    private ApiDocs() {
    }
}
