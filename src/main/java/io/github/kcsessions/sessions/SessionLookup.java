package io.github.kcsessions.sessions;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The one place that asks Keycloak's session provider for sessions: by id, by user, by client, or the whole realm,
 * online and offline alike. An online session and the offline session created beside it share one id ("twins").
 * A session looked up by id that has ended but is back in Keycloak's cache is not found ({@link Tombstones}).
 */
public final class SessionLookup {

    private final UserSessionProvider sessions;
    private final RealmModel realm;
    private final Tombstones tombstones;

    public SessionLookup(KeycloakSession session, RealmModel realm) {
        this.sessions = session.sessions();
        this.realm = realm;
        this.tombstones = new Tombstones(session);
    }

    /** The realm's sessions with that id, any user's: the online one first, then its offline twin, if they exist. */
    public List<UserSessionModel> withId(String id) {
        List<UserSessionModel> found = new ArrayList<>(2);
        UserSessionModel online = get(id, false);
        if (online != null) {
            found.add(online);
        }
        UserSessionModel offline = get(id, true);
        if (offline != null) {
            found.add(offline);
        }
        return found;
    }

    /**
     * As {@link #withId}, for work outside a request: a copy of an ended session is left to the next request that
     * meets it, which removes it and tells the apps (Shared Signals need a request to name the issuer).
     */
    public List<UserSessionModel> withIdOutsideRequest(String id) {
        return Stream.of(sessions.getUserSession(realm, id), sessions.getOfflineUserSession(realm, id))
                .filter(found -> found != null && !tombstones.refuses(realm, found))
                .toList();
    }

    /** The online or the offline session with that id, or null. */
    public UserSessionModel get(String id, boolean offline) {
        UserSessionModel found = offline ? sessions.getOfflineUserSession(realm, id) : sessions.getUserSession(realm, id);
        return found == null ? null : tombstones.live(realm, found, "api");
    }

    /** The user's sessions, straight from Keycloak's store by user: never a realm scan. */
    public Stream<UserSessionModel> ofUser(UserModel user, SessionType type) {
        Stream<UserSessionModel> online = type.includesOnline() ? sessions.getUserSessionsStream(realm, user) : Stream.empty();
        Stream<UserSessionModel> offline = type.includesOffline()
                ? sessions.getOfflineUserSessionsStream(realm, user) : Stream.empty();
        return Stream.concat(online, offline);
    }

    /**
     * The sessions a client takes part in. Read-only streams: sessions loaded through the ordinary lookups stay
     * registered in the request's transaction until it ends, so a scan through them would hold every session it saw
     * in memory. The stream may hold a database cursor: close it.
     */
    public Stream<UserSessionModel> ofClient(ClientModel client, SessionType type) {
        Stream<UserSessionModel> online = type.includesOnline()
                ? sessions.readOnlyStreamUserSessions(realm, client, -1, -1) : Stream.empty();
        Stream<UserSessionModel> offline = type.includesOffline()
                ? sessions.readOnlyStreamOfflineUserSessions(realm, client, -1, -1) : Stream.empty();
        return Stream.concat(online, offline);
    }

    /** Every session of the realm, read-only as in {@link #ofClient}. The stream may hold a database cursor: close it. */
    public Stream<UserSessionModel> ofRealm(SessionType type) {
        Stream<UserSessionModel> online = type.includesOnline()
                ? sessions.readOnlyStreamUserSessions(realm) : Stream.empty();
        Stream<UserSessionModel> offline = type.includesOffline()
                ? sessions.readOnlyStreamOfflineUserSessions(realm) : Stream.empty();
        return Stream.concat(online, offline);
    }

    public static Predicate<UserSessionModel> usedBy(ClientModel client) {
        return session -> session.getAuthenticatedClientSessionByClient(client.getId()) != null;
    }

    public static Predicate<UserSessionModel> ownedBy(UserModel user) {
        return session -> session.getUser().getId().equals(user.getId());
    }
}
