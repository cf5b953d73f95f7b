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
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The sessions of one user, online and offline, straight from Keycloak's session store by user: never a realm scan.
 */
public final class UserSessions {

    /** Most recent activity first; the id breaks ties so that pages are stable. */
    public static final Comparator<UserSessionModel> MOST_RECENT_FIRST =
            Comparator.comparingInt(UserSessionModel::getLastSessionRefresh).reversed()
                    .thenComparing(UserSessionModel::getId)
                    .thenComparing(UserSessionModel::isOffline);

    private final UserSessionProvider sessions;
    private final RealmModel realm;

    public UserSessions(KeycloakSession session, RealmModel realm) {
        this.sessions = session.sessions();
        this.realm = realm;
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
