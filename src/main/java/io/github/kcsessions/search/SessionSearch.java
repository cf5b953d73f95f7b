package io.github.kcsessions.search;

import io.github.kcsessions.api.Paging;
import io.github.kcsessions.auth.AdminPermissions;
import io.github.kcsessions.note.SessionDevices;
import io.github.kcsessions.query.SessionKey;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
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
public final class SessionSearch {

    private final SessionSource source;

    public SessionSearch(KeycloakSession session, RealmModel realm, AdminPermissions permissions) {
        this.source = new SessionSource(session, realm, permissions);
    }

    public Result find(SessionCriteria criteria, Paging paging) {
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
        TopSessions<UserSessionModel> top = new TopSessions<>(window);
        try (Stream<UserSessionModel> candidates = source.candidates(criteria)) {
            (criteria.filtersOnDevice() ? candidates.filter(s -> criteria.matchesDevice(SessionDevices.of(s)))
                    : candidates).forEach(s -> top.offer(SessionKey.of(s), s));
        }
        return new Result(top.page(paging.first()), top.total());
    }

    /** @param total how many sessions matched in all */
    public record Result(List<UserSessionModel> page, int total) {

        static final Result EMPTY = new Result(List.of(), 0);
    }
}
