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
        boolean narrowsByRecord = criteria.filtersOnDevice() || criteria.filtersOnActivity();
        if (criteria.userId() != null && !narrowsByRecord) {
            return source.userPage(criteria, paging);
        }
        if (criteria.userId() == null) {
            Optional<Result> page = DatabaseFilter.of(criteria, null)
                    .flatMap(filter -> source.realmPage(criteria, filter, paging));
            if (page.isPresent()) {
                return page.get();
            }
        }
        TopSessions<UserSessionModel> top = new TopSessions<>(window);
        try (Stream<UserSessionModel> candidates = source.candidates(criteria)) {
            candidates.filter(s -> criteria.matchesActivity(s.getLastSessionRefresh()))
                    .filter(s -> !criteria.filtersOnDevice() || criteria.matchesDevice(SessionDevices.of(s)))
                    .forEach(s -> top.offer(SessionKey.of(s), s));
        }
        return new Result(top.page(paging.first()), top.total(), true);
    }

    /**
     * How many sessions match, every one counted: what a dry run reports and a revocation's guard compares. Without
     * {@code userId}, a count by the database; otherwise the JVM search's own exact total.
     */
    public int count(SessionCriteria criteria) {
        if (criteria.userId() == null) {
            Optional<Integer> counted = DatabaseFilter.of(criteria, null)
                    .flatMap(filter -> source.realmCount(criteria, filter));
            if (counted.isPresent()) {
                return counted.get();
            }
        }
        return find(criteria, new Paging(0, 1)).total();
    }

    /**
     * @param total      how many sessions matched in all
     * @param totalExact false when the database stopped counting (see {@code PersistedSessionIndex#COUNT_LIMIT}):
     *                   {@code total} is then a lower bound
     */
    public record Result(List<UserSessionModel> page, int total, boolean totalExact) {

        static final Result EMPTY = new Result(List.of(), 0, true);
    }
}
