package io.github.kcsessions.admin;

import io.github.kcsessions.http.Paging;
import io.github.kcsessions.query.PersistedSessionIndex;
import io.github.kcsessions.query.SessionType;
import io.github.kcsessions.query.UserSessions;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a search reads its sessions from, the cheapest place its filters allow:
 * <ul>
 *   <li>{@code userId}: that user's sessions ({@link UserSessions}, as the self-service API);</li>
 *   <li>{@code clientId}: the sessions of that client, from Keycloak's read-only client stream;</li>
 *   <li>neither: every session of the realm, from Keycloak's read-only realm stream.</li>
 * </ul>
 * The read-only streams are used for the wide searches because they are not tracked by the request's session
 * transaction: sessions loaded through the ordinary lookups stay registered in it until the request ends, so a realm
 * scan through them would hold the whole realm in memory however small the page. The returned stream may hold a
 * database cursor: close it.
 */
final class SessionSource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAccess access;

    SessionSource(KeycloakSession session, RealmModel realm, AdminAccess access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
    }

    /** A page of one user's sessions by {@code userId}, {@code clientId} and {@code type} alone. */
    SessionSearch.Result userPage(SessionCriteria criteria, Paging paging) {
        UserModel user = viewableUser(criteria.userId());
        if (user == null || unknownClient(criteria)) {
            return SessionSearch.Result.EMPTY;
        }
        UserSessions.Page page = new UserSessions(session, realm)
                .page(user, criteria.type(), client(criteria), null, paging.first(), paging.max());
        return new SessionSearch.Result(page.sessions(), page.total());
    }

    /**
     * A page of the realm's sessions by {@code clientId} and {@code type} alone, paged by the session table; empty
     * when that table cannot serve it, or when fine-grained permissions hide some users (each session must then be
     * checked, so every candidate is read).
     */
    Optional<SessionSearch.Result> realmPage(SessionCriteria criteria, Paging paging) {
        if (!access.canViewAllUsers()) {
            return Optional.empty();
        }
        if (unknownClient(criteria)) {
            return Optional.of(SessionSearch.Result.EMPTY);
        }
        UserSessions sessions = new UserSessions(session, realm);
        return PersistedSessionIndex.of(session)
                .flatMap(index -> index.realmPage(realm, criteria.type(), client(criteria), paging.first(), paging.max()))
                .map(page -> new SessionSearch.Result(page.keys().stream()
                        .map(sessions::load)
                        .filter(Objects::nonNull)
                        .toList(), page.total()));
    }

    /** Sessions that pass {@code userId}, {@code clientId} and {@code type}, and whose user the caller may view. */
    Stream<UserSessionModel> candidates(SessionCriteria criteria) {
        if (criteria.userId() != null) {
            return ofUser(criteria);
        }
        Stream<UserSessionModel> found;
        if (criteria.clientId() != null) {
            ClientModel client = client(criteria);
            found = client == null ? Stream.empty() : ofClient(client, criteria.type());
        } else {
            found = ofRealm(criteria.type());
        }
        // Fine-grained admin permissions may show some users only; with view-users every session is visible.
        return access.canViewAllUsers() ? found : found.filter(s -> access.canView(s.getUser()));
    }

    private Stream<UserSessionModel> ofUser(SessionCriteria criteria) {
        UserModel user = viewableUser(criteria.userId());
        if (user == null || unknownClient(criteria)) {
            return Stream.empty();
        }
        Stream<UserSessionModel> found = new UserSessions(session, realm).of(user, criteria.type());
        ClientModel client = client(criteria);
        return client == null ? found : found.filter(UserSessions.usedBy(client));
    }

    /** The user, or null when there is none; 403 when the caller may not view them. */
    private UserModel viewableUser(String id) {
        UserModel user = session.users().getUserById(realm, id);
        if (user != null) {
            access.requireView(user);
        }
        return user;
    }

    private ClientModel client(SessionCriteria criteria) {
        return criteria.clientId() == null ? null : realm.getClientByClientId(criteria.clientId());
    }

    /** A {@code clientId} naming no client of the realm matches nothing (as in the self-service list). */
    private boolean unknownClient(SessionCriteria criteria) {
        return criteria.clientId() != null && client(criteria) == null;
    }

    private Stream<UserSessionModel> ofClient(ClientModel client, SessionType type) {
        UserSessionProvider sessions = session.sessions();
        Stream<UserSessionModel> online = type.includesOnline()
                ? sessions.readOnlyStreamUserSessions(realm, client, -1, -1) : Stream.empty();
        Stream<UserSessionModel> offline = type.includesOffline()
                ? sessions.readOnlyStreamOfflineUserSessions(realm, client, -1, -1) : Stream.empty();
        return Stream.concat(online, offline);
    }

    private Stream<UserSessionModel> ofRealm(SessionType type) {
        UserSessionProvider sessions = session.sessions();
        Stream<UserSessionModel> online = type.includesOnline()
                ? sessions.readOnlyStreamUserSessions(realm) : Stream.empty();
        Stream<UserSessionModel> offline = type.includesOffline()
                ? sessions.readOnlyStreamOfflineUserSessions(realm) : Stream.empty();
        return Stream.concat(online, offline);
    }
}
