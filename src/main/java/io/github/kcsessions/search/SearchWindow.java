package io.github.kcsessions.search;

import io.github.kcsessions.api.ApiException;
import io.github.kcsessions.api.Paging;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * How deep a search may page: {@code first + max} at most {@value #MAX_WINDOW}. A page is cut from the top
 * {@code first + max} matches (see {@link TopSessions}), so the window bounds the memory of one request; deeper pages
 * are refused rather than silently truncated, and narrower filters are the way to reach older sessions.
 */
final class SearchWindow {

    static final int MAX_WINDOW = 10_000;

    private SearchWindow() {
    }

    static int of(Paging paging) {
        long window = (long) paging.first() + paging.max();
        if (window > MAX_WINDOW) {
            throw new ApiException(Response.Status.BAD_REQUEST, "invalid_parameter",
                    "'first' + 'max' must be at most " + MAX_WINDOW + "; narrow the search with filters instead.",
                    Map.of("parameter", "first", "maximum", MAX_WINDOW - paging.max()));
        }
        return (int) window;
    }
}
