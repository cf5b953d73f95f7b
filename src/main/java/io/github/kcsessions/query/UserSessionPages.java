package io.github.kcsessions.query;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Pages of one user's sessions, loading only the page: the keys come from Keycloak's session table when it holds
 * every session ({@link PersistedSessionIndex}), else from the session provider.
 */
public final class UserSessionPages {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SessionLookup lookup;

    public UserSessionPages(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.lookup = new SessionLookup(session, realm);
    }

    /** One page of a user's sessions and how many there are. */
    public record Page(List<UserSessionModel> sessions, int total) {
    }

    /**
     * A page of the user's sessions, most recent activity first, except that {@code pinned} (the caller's own
     * session, when given and among them) comes before all others.
     *
     * @param client only sessions this client takes part in; null for all
     */
    public Page page(UserModel user, SessionType type, ClientModel client, SessionKey pinned, int first, int max) {
        List<SessionKey> keys = PersistedSessionIndex.of(session)
                .flatMap(index -> index.keys(realm, user, type, client))
                .orElseGet(() -> lookup.ofUser(user, type)
                        .filter(client == null ? s -> true : SessionLookup.usedBy(client))
                        .map(SessionKey::of)
                        .toList());
        List<UserSessionModel> page = keys.stream()
                .sorted(Comparator.comparing((SessionKey key) -> !key.sameSession(pinned))
                        .thenComparing(SessionKey.MOST_RECENT_FIRST))
                .skip(first)
                .limit(max)
                .map(lookup::load)
                .filter(Objects::nonNull)
                .toList();
        // A session of the page that ended between the two reads is not counted either, so that a page that holds
        // them all shows as many sessions as its total says.
        int endedMeanwhile = Math.min(max, Math.max(0, keys.size() - first)) - page.size();
        return new Page(page, keys.size() - endedMeanwhile);
    }
}
