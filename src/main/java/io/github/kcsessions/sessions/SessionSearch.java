package io.github.kcsessions.sessions;

import io.github.kcsessions.protocol.ApiException;
import io.github.kcsessions.protocol.QueryParameters.Paging;
import io.github.kcsessions.storage.DeviceSessions;
import io.github.kcsessions.storage.SessionRow;
import io.github.kcsessions.storage.SessionRowFilter;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.UserPermissionEvaluator;

import java.util.List;
import java.util.Optional;

/**
 * An admin search: the rows of the device table that pass the criteria, counted and paged by the database through
 * its indexes, then the page's sessions loaded from Keycloak (docs/admin-api.md).
 */
public final class SessionSearch {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserPermissionEvaluator users;

    /** @param users the administrator's permissions on users, Keycloak's (fine-grained ones included) */
    public SessionSearch(KeycloakSession session, RealmModel realm, UserPermissionEvaluator users) {
        this.session = session;
        this.realm = realm;
        this.users = users;
    }

    public UserSessionPages.Page find(SessionCriteria criteria, Paging paging) {
        return rows(criteria)
                .map(filter -> new UserSessionPages(session, realm).page(filter, paging.first(), paging.max()))
                .orElse(UserSessionPages.Page.EMPTY);
    }

    /** How many sessions match, every one counted: what a dry run reports and a revocation's guard compares. */
    public int count(SessionCriteria criteria) {
        return rows(criteria).map(filter -> new DeviceSessions(session).count(filter)).orElse(0);
    }

    /** The device-table rows of every matching session, at most {@code limit}, for a revocation by filter. */
    public List<SessionRow> all(SessionCriteria criteria, int limit) {
        return rows(criteria).map(filter -> new DeviceSessions(session).page(filter, 0, limit)).orElse(List.of());
    }

    /**
     * The device table's rows for the criteria; empty when they can match nothing: a user or client the realm does
     * not have (as in the self-service list, not an error). An administrator who may view some users only
     * (fine-grained permissions) searches one of them at a time.
     */
    private Optional<SessionRowFilter> rows(SessionCriteria criteria) {
        if (criteria.userId() != null) {
            UserModel user = session.users().getUserById(realm, criteria.userId());
            if (user == null) {
                return Optional.empty();
            }
            users.requireView(user);
        } else if (!users.canView()) {
            throw ApiException.forbidden("Searching all users' sessions needs the realm-management role 'view-users'; "
                    + "search one user's sessions with 'userId'.");
        }
        String clientUuid = null;
        if (criteria.clientId() != null) {
            ClientModel client = realm.getClientByClientId(criteria.clientId());
            if (client == null) {
                return Optional.empty();
            }
            clientUuid = client.getId();
        }
        return Optional.of(criteria.rows(realm.getId(), clientUuid));
    }
}
