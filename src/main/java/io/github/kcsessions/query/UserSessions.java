package io.github.kcsessions.query;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The sessions of one user, online and offline, straight from Keycloak's session store by user: never a realm scan.
 */
public final class UserSessions {

    private final KeycloakSession session;
    private final UserSessionProvider sessions;
    private final RealmModel realm;

    public UserSessions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.sessions = session.sessions();
        this.realm = realm;
    }

    /** One page of a user's sessions and how many there are. */
    public record Page(List<UserSessionModel> sessions, int total) {
    }

    /**
     * A page of the user's sessions: {@code first} (if given and among them) first, then most recent activity first.
     * Only the sessions of the page are loaded.
     *
     * @param client only sessions this client takes part in; null for all
     */
    public Page page(UserModel user, SessionType type, ClientModel client, SessionKey first, int offset, int max) {
        List<SessionKey> keys = PersistedSessionIndex.of(session)
                .flatMap(index -> index.keys(realm, user, type, client))
                .orElseGet(() -> of(user, type)
                        .filter(client == null ? s -> true : usedBy(client))
                        .map(SessionKey::of)
                        .toList());
        List<UserSessionModel> page = keys.stream()
                .sorted(Comparator.comparing((SessionKey key) -> !key.equals(first))
                        .thenComparing(SessionKey.MOST_RECENT_FIRST))
                .skip(offset)
                .limit(max)
                .map(this::load)
                .filter(Objects::nonNull)
                .toList();
        return new Page(page, keys.size());
    }

    /** The session a key names, or null when it has ended since the key was read. */
    public UserSessionModel load(SessionKey key) {
        return key.offline() ? sessions.getOfflineUserSession(realm, key.id()) : sessions.getUserSession(realm, key.id());
    }

    public Stream<UserSessionModel> of(UserModel user, SessionType type) {
        Stream<UserSessionModel> online = type.includesOnline() ? sessions.getUserSessionsStream(realm, user) : Stream.empty();
        Stream<UserSessionModel> offline = type.includesOffline() ? sessions.getOfflineUserSessionsStream(realm, user) : Stream.empty();
        return Stream.concat(online, offline);
    }

    /** The user's sessions with that id: the online one first, then its offline twin, if they exist. */
    public List<UserSessionModel> byId(UserModel user, String id) {
        List<UserSessionModel> found = new ArrayList<>(2);
        UserSessionModel online = sessions.getUserSession(realm, id);
        if (online != null && online.getUser().getId().equals(user.getId())) {
            found.add(online);
        }
        UserSessionModel offline = sessions.getOfflineUserSession(realm, id);
        if (offline != null && offline.getUser().getId().equals(user.getId())) {
            found.add(offline);
        }
        return found;
    }

    public static Predicate<UserSessionModel> usedBy(ClientModel client) {
        return session -> session.getAuthenticatedClientSessionByClient(client.getId()) != null;
    }
}
