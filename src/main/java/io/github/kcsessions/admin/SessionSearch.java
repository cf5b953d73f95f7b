package io.github.kcsessions.admin;

import io.github.kcsessions.http.Paging;
import org.keycloak.models.UserSessionModel;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One page of an admin search. Without device filters, pages come from Keycloak's session keys (a user's, or the
 * realm's, sorted and paged by the database), loading only the page, as the self-service list does; any other search
 * reads every candidate once, filters and counts it, and keeps only the top {@code first + max} (device filters need
 * each session's device note, which only the session holds).
 */
final class SessionSearch {

    private final SessionSource source;

    SessionSearch(SessionSource source) {
        this.source = source;
    }

    Result find(SessionCriteria criteria, Paging paging) {
        int window = SearchWindow.of(paging);
        if (criteria.userId() != null && !criteria.filtersOnDevice()) {
            return source.userPage(criteria, paging);
        }
        if (!criteria.filtersOnDevice()) {
            Optional<Result> page = source.realmPage(criteria, paging);
            if (page.isPresent()) {
                return page.get();
            }
        }
        TopSessions top = new TopSessions(window);
        try (Stream<UserSessionModel> candidates = source.candidates(criteria)) {
            candidates.filter(criteria::matchesDevice).forEach(top::offer);
        }
        List<UserSessionModel> page = top.page(paging.first());
        return new Result(page.size() > paging.max() ? page.subList(0, paging.max()) : page, top.total());
    }

    /** @param total how many sessions matched in all */
    record Result(List<UserSessionModel> page, int total) {

        static final Result EMPTY = new Result(List.of(), 0);
    }
}
