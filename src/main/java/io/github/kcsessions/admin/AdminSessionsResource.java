package io.github.kcsessions.admin;

import io.github.kcsessions.api.ApiException;
import io.github.kcsessions.api.ApiResource;
import io.github.kcsessions.api.ApiResponses;
import io.github.kcsessions.api.Paging;
import io.github.kcsessions.api.QueryParameters;
import io.github.kcsessions.auth.AdminPermissions;
import io.github.kcsessions.query.SessionLookup;
import io.github.kcsessions.query.SessionType;
import io.github.kcsessions.revocation.AdminRevocation;
import io.github.kcsessions.search.SessionCriteria;
import io.github.kcsessions.search.SessionSearch;
import io.github.kcsessions.view.RevokedCount;
import io.github.kcsessions.view.SessionPage;
import io.github.kcsessions.view.SessionRepresentation;
import io.github.kcsessions.view.SessionViews;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.List;

/**
 * {@code /admin/realms/{realm}/device-sessions}: the sessions of a whole realm, for its administrators. Keycloak's
 * admin root has already authenticated the admin token, applied CORS and refused admins of other realms; this class
 * checks what the admin may do with users.
 */
public class AdminSessionsResource extends ApiResource {

    private final RealmModel realm;
    private final AdminPermissions permissions;
    private final AdminEventBuilder adminEvent;

    AdminSessionsResource(KeycloakSession session, RealmModel realm, AdminPermissions permissions,
                          AdminEventBuilder adminEvent) {
        super(session);
        this.realm = realm;
        this.permissions = permissions;
        this.adminEvent = adminEvent;
    }

    @GET
    public Response search(@QueryParam("first") String first, @QueryParam("max") String max,
                           @QueryParam("userId") String userId, @QueryParam("clientId") String clientId,
                           @QueryParam("type") String type, @QueryParam("ip") String ip,
                           @QueryParam("country") String country, @QueryParam("browser") String browser,
                           @QueryParam("os") String os, @QueryParam("apiClient") String apiClient) {
        return respond(() -> {
            permissions.requireQuery();
            Paging paging = Paging.of(first, max);
            SessionCriteria criteria = SessionCriteria.parse(userId, clientId, type, ip, country, browser, os, apiClient);
            SessionSearch.Result result = new SessionSearch(session, realm, permissions).find(criteria, paging);
            SessionViews views = new SessionViews(realm);
            List<SessionRepresentation> page = result.page().stream().map(s -> views.item(s, false)).toList();
            return ApiResponses.ok(new SessionPage(page, result.total()));
        });
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return respond(() -> {
            permissions.requireQuery();
            UserSessionModel found = sessionsWithId(id).get(0);
            permissions.requireView(found.getUser());
            return ApiResponses.ok(new SessionViews(realm).item(found, false));
        });
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        return respond(() -> {
            permissions.requireQuery();
            List<UserSessionModel> targets = sessionsWithId(id);
            permissions.requireManage(targets.get(0).getUser());
            revocation().revoke(targets);
            return ApiResponses.noContent();
        });
    }

    @DELETE
    public Response revokeAllOfUser(@QueryParam("userId") String userId) {
        return respond(() -> {
            permissions.requireQuery();
            String id = QueryParameters.text("userId", userId);
            if (id == null) {
                // Never "revoke the whole realm" by a forgotten parameter.
                throw ApiException.invalidParameter("userId", "'userId' is required: whose sessions to revoke.");
            }
            UserModel user = session.users().getUserById(realm, id);
            if (user == null) {
                throw ApiException.notFound("No user with that id.");
            }
            permissions.requireManage(user);
            List<UserSessionModel> targets = new SessionLookup(session, realm).ofUser(user, SessionType.ALL).toList();
            return ApiResponses.ok(new RevokedCount(revocation().revoke(targets)));
        });
    }

    /** The realm's sessions with that id, any user's: the online one first, then its offline twin. */
    private List<UserSessionModel> sessionsWithId(String rawId) {
        List<UserSessionModel> found = new SessionLookup(session, realm).withId(QueryParameters.sessionId(rawId));
        if (found.isEmpty()) {
            throw ApiException.notFound("No session with that id in this realm.");
        }
        return found;
    }

    private AdminRevocation revocation() {
        return new AdminRevocation(session, realm, permissions.admin(), adminEvent,
                AdminSessionsResourceProviderFactory.ID);
    }
}
