package io.github.kcsessions.admin;

import io.github.kcsessions.http.ApiException;
import io.github.kcsessions.http.Endpoint;
import io.github.kcsessions.http.Paging;
import io.github.kcsessions.http.QueryParameters;
import io.github.kcsessions.http.SessionsResource.SessionPage;
import io.github.kcsessions.query.SessionType;
import io.github.kcsessions.query.UserSessions;
import io.github.kcsessions.view.SessionRepresentation;
import io.github.kcsessions.view.SessionViews;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /admin/realms/{realm}/device-sessions}: the sessions of a whole realm, for its administrators. Keycloak's
 * admin root has already authenticated the admin token, applied CORS and refused admins of other realms; this class
 * checks what the admin may do with users. Every method runs through {@link Endpoint}, so errors have the API's
 * schema.
 */
public class AdminSessionsResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAccess access;
    private final AdminEventBuilder adminEvent;

    AdminSessionsResource(KeycloakSession session, RealmModel realm, AdminAccess access, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.adminEvent = adminEvent;
    }

    @GET
    public Response search(@QueryParam("first") String first, @QueryParam("max") String max,
                           @QueryParam("userId") String userId, @QueryParam("clientId") String clientId,
                           @QueryParam("type") String type, @QueryParam("ip") String ip,
                           @QueryParam("country") String country, @QueryParam("browser") String browser,
                           @QueryParam("os") String os, @QueryParam("apiClient") String apiClient) {
        return respond(() -> {
            access.requireQuery();
            Paging paging = Paging.of(first, max);
            SessionCriteria criteria = SessionCriteria.parse(userId, clientId, type, ip, country, browser, os, apiClient);
            SessionSearch.Result result = new SessionSearch(new SessionSource(session, realm, access)).find(criteria, paging);
            SessionViews views = new SessionViews(realm);
            List<SessionRepresentation> page = result.page().stream().map(s -> views.item(s, false)).toList();
            return Endpoint.ok(new SessionPage(page, result.total()));
        });
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return respond(() -> {
            access.requireQuery();
            UserSessionModel found = sessionsWithId(id).get(0);
            access.requireView(found.getUser());
            return Endpoint.ok(new SessionViews(realm).item(found, false));
        });
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        return respond(() -> {
            access.requireQuery();
            List<UserSessionModel> targets = sessionsWithId(id);
            access.requireManage(targets.get(0).getUser());
            revocation().revoke(targets);
            return Endpoint.noContent();
        });
    }

    @DELETE
    public Response revokeAllOfUser(@QueryParam("userId") String userId) {
        return respond(() -> {
            access.requireQuery();
            String id = QueryParameters.text("userId", userId);
            if (id == null) {
                // Never "revoke the whole realm" by a forgotten parameter.
                throw ApiException.invalidParameter("userId", "'userId' is required: whose sessions to revoke.");
            }
            UserModel user = session.users().getUserById(realm, id);
            if (user == null) {
                throw ApiException.notFound("No user with that id.");
            }
            access.requireManage(user);
            List<UserSessionModel> targets = new UserSessions(session, realm).of(user, SessionType.ALL).toList();
            return Endpoint.ok(Map.of("revoked", revocation().revoke(targets)));
        });
    }

    @GET
    @Path("{first}/{rest: .+}")
    public Response unknownPath() {
        return respond(() -> {
            throw ApiException.noSuchPath();
        });
    }

    @POST
    @Path("{any: .*}")
    public Response post() {
        return methodNotAllowed();
    }

    @PUT
    @Path("{any: .*}")
    public Response put() {
        return methodNotAllowed();
    }

    @PATCH
    @Path("{any: .*}")
    public Response patch() {
        return methodNotAllowed();
    }

    private Response methodNotAllowed() {
        return respond(() -> {
            throw ApiException.methodNotAllowed();
        });
    }

    /** The realm's sessions with that id, any user's: the online one first, then its offline twin. */
    private List<UserSessionModel> sessionsWithId(String rawId) {
        String id = QueryParameters.sessionId(rawId);
        UserSessionProvider sessions = session.sessions();
        List<UserSessionModel> found = new ArrayList<>(2);
        UserSessionModel online = sessions.getUserSession(realm, id);
        if (online != null) {
            found.add(online);
        }
        UserSessionModel offline = sessions.getOfflineUserSession(realm, id);
        if (offline != null) {
            found.add(offline);
        }
        if (found.isEmpty()) {
            throw ApiException.notFound("No session with that id in this realm.");
        }
        return found;
    }

    private AdminRevocation revocation() {
        return new AdminRevocation(session, realm, access.admin(), adminEvent);
    }

    private Response respond(Supplier<Response> operation) {
        return Endpoint.run(session, operation);
    }
}
