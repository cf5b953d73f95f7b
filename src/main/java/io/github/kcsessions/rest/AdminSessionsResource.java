package io.github.kcsessions.rest;

import io.github.kcsessions.metrics.SessionMetrics;
import io.github.kcsessions.protocol.ApiException;
import io.github.kcsessions.protocol.ApiResponses;
import io.github.kcsessions.protocol.QueryParameters;
import io.github.kcsessions.protocol.QueryParameters.Paging;
import io.github.kcsessions.revocation.AdminRevocation;
import io.github.kcsessions.sessions.RevocationByFilter;
import io.github.kcsessions.sessions.RevokedCount;
import io.github.kcsessions.sessions.SessionCriteria;
import io.github.kcsessions.sessions.SessionLookup;
import io.github.kcsessions.sessions.SessionPage;
import io.github.kcsessions.sessions.SessionRepresentation;
import io.github.kcsessions.sessions.SessionSearch;
import io.github.kcsessions.sessions.SessionType;
import io.github.kcsessions.sessions.SessionViews;
import io.github.kcsessions.sessions.Timestamps;
import io.github.kcsessions.sessions.Tombstones;
import io.github.kcsessions.sessions.UserSessionPages;
import io.github.kcsessions.storage.SessionRow;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/device-sessions}: the sessions of a whole realm, for its administrators. Keycloak's
 * admin root has already authenticated the admin token, applied CORS and refused admins of other realms; this class
 * checks what the admin may do with users.
 */
public class AdminSessionsResource extends ApiResource {

    /** Keycloak's own checks: a refusal is its ForbiddenException, which the error schema answers as a 403. */
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    AdminSessionsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                          AdminEventBuilder adminEvent) {
        super(session, realm);
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @GET
    public Response search(@QueryParam("first") String first, @QueryParam("max") String max) {
        long started = System.nanoTime();
        Response response = respond(() -> {
            auth.users().requireQuery();
            refuseEmptyId();
            Paging paging = Paging.of(first, max);
            MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
            SessionCriteria criteria = SessionCriteria.parse(query::getFirst);
            UserSessionPages.Page page = new SessionSearch(session, realm, auth.users()).find(criteria, paging);
            return ApiResponses.ok(SessionPage.found(views(page.sessions()), page.total()));
        });
        SessionMetrics.adminSearch(realm.getName(), "search", Duration.ofNanos(System.nanoTime() - started));
        return response;
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return respond(() -> {
            UserSessionModel found = sessionsWithId(id).get(0);
            auth.users().requireView(found.getUser());
            return ApiResponses.ok(new SessionViews(realm).item(found, false));
        });
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        return revocation("admin_one", () -> {
            List<UserSessionModel> targets = sessionsWithId(id);
            auth.users().requireManage(targets.get(0).getUser());
            revoked = revocation().revoke(targets);
            return ApiResponses.noContent();
        });
    }

    /**
     * Revokes every session that matches the search filters (docs/admin-api.md): with {@code dryRun=true} only counts
     * them and shows the first page; otherwise the caller states {@code expectedCount} or {@code maxCount}, and a
     * mismatch changes nothing. Only {@code userId} alone revokes all of that user's sessions without either.
     */
    @DELETE
    public Response revokeByFilter(@QueryParam("first") String first, @QueryParam("max") String max) {
        MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
        boolean dryRun = "true".equalsIgnoreCase(query.getFirst("dryRun"));
        String route = query.keySet().equals(java.util.Set.of("userId")) ? "admin_user" : "admin_filter";
        long started = System.nanoTime();
        Response response = dryRun ? respond(() -> revokeMatching(first, max)) : revocation(route,
                () -> revokeMatching(first, max));
        if (!"admin_user".equals(route)) {
            SessionMetrics.adminSearch(realm.getName(), dryRun ? "dry_run" : "revoke_by_filter",
                    Duration.ofNanos(System.nanoTime() - started));
        }
        return response;
    }

    private Response revokeMatching(String first, String max) {
        auth.users().requireQuery();
        refuseEmptyId();
        RevocationRequest request = RevocationRequest.parse(session.getContext().getUri().getQueryParameters());
        SessionCriteria criteria = request.criteria();
        if (!criteria.narrows()) {
            // Never "revoke the whole realm" by a forgotten parameter.
            throw ApiException.invalidParameter("userId", "Revoking needs at least one filter: 'userId', "
                    + "'clientId', a device filter, 'since' or 'until'.");
        }
        UserModel user = criteria.userId() == null ? null : session.users().getUserById(realm, criteria.userId());
        if (criteria.userId() != null && user == null) {
            throw ApiException.notFound("No user with that id.");
        }
        if (user != null) {
            auth.users().requireManage(user);
        } else {
            auth.users().requireManage();
        }
        if (request.wholeUser()) {
            List<UserSessionModel> targets = new SessionLookup(session, realm).ofUser(user, SessionType.ALL).toList();
            revoked = revocation().revoke(targets);
            return ApiResponses.ok(new RevokedCount(revoked));
        }
        SessionSearch search = new SessionSearch(session, realm, auth.users());
        if (request.dryRun()) {
            UserSessionPages.Page page = search.find(criteria, Paging.of(first, max));
            return ApiResponses.ok(new RevocationByFilter(true, page.total(), 0, views(page.sessions())));
        }
        int matched = search.count(criteria);
        request.requireExpected(matched);
        List<SessionRow> targets = matched == 0 ? List.of() : search.all(criteria, matched);
        revoked = revocation().revokeRows(targets);
        return ApiResponses.ok(new RevocationByFilter(false, matched, revoked, null));
    }

    private List<SessionRepresentation> views(List<UserSessionModel> sessions) {
        SessionViews views = new SessionViews(realm);
        return sessions.stream().map(s -> views.item(s, false)).toList();
    }

    /** The realm's sessions with that id, any user's: the online one first, then its offline twin. */
    private List<UserSessionModel> sessionsWithId(String rawId) {
        auth.users().requireQuery();
        String id = QueryParameters.sessionId(rawId);
        List<UserSessionModel> found = new SessionLookup(session, realm).withId(id);
        if (found.isEmpty()) {
            Integer endedAt = new Tombstones(session).endedAt(realm, id);
            if (endedAt != null) {
                throw new ApiException(Response.Status.GONE, "session_ended", "This session has ended.",
                        Map.of("endedAt", Timestamps.ofSeconds(endedAt)));
            }
            throw ApiException.notFound("No session with that id in this realm.");
        }
        return found;
    }

    private AdminRevocation revocation() {
        return new AdminRevocation(session, realm, auth.adminAuth(), adminEvent,
                AdminSessionsResourceProviderFactory.ID);
    }
}
