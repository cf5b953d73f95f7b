package io.github.kcsessions.sessions;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Sessions from Keycloak's session provider, by id or by user, online and offline alike. An online session and the
 * offline session created beside it share one id ("twins"). A session looked up by id that has ended but is back in
 * Keycloak's cache is not found ({@link Tombstones}).
 */
public final class SessionLookup {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Tombstones tombstones;

    public SessionLookup(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.tombstones = new Tombstones(session);
    }

    /** The realm's sessions with that id, any user's: the online one first, then its offline twin, if they exist. */
    public List<UserSessionModel> withId(String id) {
        return Stream.of(get(id, false), get(id, true)).filter(Objects::nonNull).toList();
    }

    /**
     * As {@link #withId}, for work outside a request: a copy of an ended session is left to the next request that
     * meets it, which removes it and tells the apps (Shared Signals need a request to name the issuer).
     */
    public List<UserSessionModel> withIdOutsideRequest(String id) {
        return Stream.of(find(session, realm, id, false), find(session, realm, id, true))
                .filter(found -> found != null && !tombstones.refuses(realm, found))
                .toList();
    }

    public UserSessionModel get(String id, boolean offline) {
        UserSessionModel found = find(session, realm, id, offline);
        return found == null ? null : tombstones.live(realm, found, "api");
    }

    /** What Keycloak has by that id and kind, a copy of an ended session included. */
    public static UserSessionModel find(KeycloakSession session, RealmModel realm, String id, boolean offline) {
        UserSessionProvider sessions = session.sessions();
        return offline ? sessions.getOfflineUserSession(realm, id) : sessions.getUserSession(realm, id);
    }

    /** The user's sessions, straight from Keycloak's store by user: never a realm scan. */
    public Stream<UserSessionModel> ofUser(UserModel user, SessionType type) {
        UserSessionProvider sessions = session.sessions();
        Stream<UserSessionModel> online = type.includesOnline() ? sessions.getUserSessionsStream(realm, user) : Stream.empty();
        Stream<UserSessionModel> offline = type.includesOffline()
                ? sessions.getOfflineUserSessionsStream(realm, user) : Stream.empty();
        return Stream.concat(online, offline);
    }

    public static Predicate<UserSessionModel> ownedBy(UserModel user) {
        return session -> session.getUser().getId().equals(user.getId());
    }
}
