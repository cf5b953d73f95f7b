package io.github.kcsessions.search;

import io.github.kcsessions.api.Paging;
import io.github.kcsessions.auth.AdminPermissions;
import io.github.kcsessions.note.SessionDevices;
import io.github.kcsessions.query.PersistedSessionIndex;
import io.github.kcsessions.query.PersistedSessionIndex.RowFilter;
import io.github.kcsessions.query.SessionLookup;
import io.github.kcsessions.query.UserSessionPages;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a search reads its sessions from, the cheapest place its filters allow:
 * <ul>
 *   <li>{@code userId}: that user's sessions (as the self-service API reads them);</li>
 *   <li>{@code clientId}: the sessions of that client;</li>
 *   <li>neither: every session of the realm.</li>
 * </ul>
 * The streams of {@link #candidates} may hold a database cursor: close them.
 */
final class SessionSource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissions permissions;
    private final SessionLookup lookup;

    SessionSource(KeycloakSession session, RealmModel realm, AdminPermissions permissions) {
        this.session = session;
        this.realm = realm;
        this.permissions = permissions;
        this.lookup = new SessionLookup(session, realm);
    }

    /** A page of one user's sessions by {@code userId}, {@code clientId} and {@code type} alone. */
    SessionSearch.Result userPage(SessionCriteria criteria, Paging paging) {
        UserModel user = viewableUser(criteria.userId());
        if (user == null || unknownClient(criteria)) {
            return SessionSearch.Result.EMPTY;
        }
        UserSessionPages.Page page = new UserSessionPages(session, realm)
                .page(user, criteria.type(), client(criteria), null, paging.first(), paging.max());
        return new SessionSearch.Result(page.sessions(), page.total(), true);
    }

    /**
     * A page of the realm's sessions by {@code clientId} and {@code type} alone, paged by the session table; empty
     * when that table cannot serve it, or when fine-grained permissions hide some users (each session must then be
     * checked, so every candidate is read).
     */
    Optional<SessionSearch.Result> realmPage(SessionCriteria criteria, RowFilter filter, Paging paging) {
        if (!permissions.canViewAllUsers()) {
            return Optional.empty();
        }
        if (unknownClient(criteria)) {
            return Optional.of(SessionSearch.Result.EMPTY);
        }
        return PersistedSessionIndex.of(session)
                .flatMap(index -> index.realmPage(realm, criteria.type(), client(criteria), filter, paging.first(),
                        paging.max()))
                .map(page -> new SessionSearch.Result(page.keys().stream()
                        .map(lookup::load)
                        .filter(Objects::nonNull)
                        // The database matched the note's text; the page shows what the record says, so it decides.
                        .filter(s -> !criteria.filtersOnDevice() || criteria.matchesDevice(SessionDevices.of(s)))
                        .toList(), page.total(), page.totalExact()));
    }

    /** The count of a realm-wide search by the session table, all rows counted; empty where realmPage is. */
    Optional<Integer> realmCount(SessionCriteria criteria, RowFilter filter) {
        if (!permissions.canViewAllUsers()) {
            return Optional.empty();
        }
        if (unknownClient(criteria)) {
            return Optional.of(0);
        }
        return PersistedSessionIndex.of(session)
                .flatMap(index -> index.count(realm, criteria.type(), client(criteria), filter));
    }

    /** Sessions that pass {@code userId}, {@code clientId} and {@code type}, and whose user the caller may view. */
    Stream<UserSessionModel> candidates(SessionCriteria criteria) {
        if (criteria.userId() != null) {
            return ofUser(criteria);
        }
        Stream<UserSessionModel> found;
        if (criteria.clientId() != null) {
            ClientModel client = client(criteria);
            found = client == null ? Stream.empty() : lookup.ofClient(client, criteria.type());
        } else {
            found = lookup.ofRealm(criteria.type());
        }
        // Fine-grained admin permissions may show some users only; with view-users every session is visible.
        return permissions.canViewAllUsers() ? found : found.filter(s -> permissions.canView(s.getUser()));
    }

    private Stream<UserSessionModel> ofUser(SessionCriteria criteria) {
        UserModel user = viewableUser(criteria.userId());
        if (user == null || unknownClient(criteria)) {
            return Stream.empty();
        }
        Stream<UserSessionModel> found = lookup.ofUser(user, criteria.type());
        ClientModel client = client(criteria);
        return client == null ? found : found.filter(SessionLookup.usedBy(client));
    }

    /** The user, or null when there is none; 403 when the caller may not view them. */
    private UserModel viewableUser(String id) {
        UserModel user = session.users().getUserById(realm, id);
        if (user != null) {
            permissions.requireView(user);
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
}
