package io.github.kcsessions.protocol;

/**
 * A validated page request: {@code first} (default 0) and {@code max} (default 50, at most {@value #MAX_PAGE_SIZE}).
 * Out-of-range values are refused rather than silently clamped, so a client never mistakes a short page for the end.
 */
public record Paging(int first, int max) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 100;

    public static Paging of(String first, String max) {
        return new Paging(
                QueryParameters.integer("first", first, 0, 0, Integer.MAX_VALUE),
                QueryParameters.integer("max", max, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
    }
}
