package io.github.intunerecsys.recommend.content;

/**
 * A movie offered for a title query.
 *
 * @param item      catalog item index
 * @param title     the title as the catalog has it
 * @param year      release year, 0 when unknown
 * @param voteCount votes, the popularity used to rank equal matches
 * @param score     match quality in [0, 1]: 1 for an exact match, trigram similarity for a suggestion
 */
public record TitleCandidate(int item, String title, int year, int voteCount, double score) {

    /** "King Kong (1933)". */
    public String displayTitle() {
        return year > 0 ? title + " (" + year + ")" : title;
    }
}
