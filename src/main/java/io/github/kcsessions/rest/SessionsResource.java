package io.github.kcsessions.rest;

import io.github.kcsessions.alert.EndSessionConfirmation;
import io.github.kcsessions.auth.Caller;
import io.github.kcsessions.auth.CallerAuthenticator;
import io.github.kcsessions.protocol.ApiException;
import io.github.kcsessions.protocol.ApiResponses;
import io.github.kcsessions.protocol.JsonBody;
import io.github.kcsessions.protocol.QueryParameters;
import io.github.kcsessions.protocol.QueryParameters.Paging;
import io.github.kcsessions.revocation.SessionRevoker;
import io.github.kcsessions.revocation.SessionTokenResolver;
import io.github.kcsessions.sessions.RevokedCount;
import io.github.kcsessions.sessions.SessionLookup;
import io.github.kcsessions.sessions.SessionPage;
import io.github.kcsessions.sessions.SessionRepresentation;
import io.github.kcsessions.sessions.SessionType;
import io.github.kcsessions.sessions.SessionViews;
import io.github.kcsessions.sessions.UserSessionPages;
import io.github.kcsessions.storage.SessionRow;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** {@code /realms/{realm}/sessions}: the signed-in user's own sessions. */
public class SessionsResource extends ApiResource {

    private static final String SELF_SERVICE = "self_service";
    /** The one key of the body of {@code /revoke}. */
    private static final String BODY_KEY = "sessionToken";
    private static final Pattern REVOKE_PATH = Pattern.compile(".*/sessions/revoke/?");
    private static final Pattern END_SESSION_PATH = Pattern.compile(".*/sessions/end-session/?");

    private final CorsPolicy cors;

    SessionsResource(KeycloakSession session) {
        super(session, session.getContext().getRealm());
        this.cors = new CorsPolicy(session);
    }

    @GET
    @Path("whoami")
    public Response whoami() {
        return respond(() -> {
            Caller caller = cors.allow(new CallerAuthenticator(session).forRead());
            return ApiResponses.ok(new SessionViews(realm).whoami(caller.session(),
                    caller.viaCookie() ? null : caller.accessToken()));
        });
    }

    @GET
    public Response list(@QueryParam("first") String first, @QueryParam("max") String max,
                         @QueryParam("type") String type, @QueryParam("clientId") String clientId) {
        return respond(() -> {
            CallerAuthenticator authenticator = new CallerAuthenticator(session);
            Caller caller = cors.allow(authenticator.forRead());
            refuseEmptyId();
            Paging paging = Paging.of(first, max);
            SessionType sessionType = QueryParameters.choice("type", type, SessionType.ALL);
            String clientFilter = QueryParameters.text("clientId", clientId);
            ClientModel client = clientFilter == null ? null : realm.getClientByClientId(clientFilter);
            boolean canRevoke = authenticator.mayChange(caller);
            if (clientFilter != null && client == null) {
                return ApiResponses.ok(new SessionPage(List.of(), 0, canRevoke));
            }
            UserSessionModel current = caller.session();
            UserSessionPages.Page page = new UserSessionPages(session, realm).page(caller.user(), sessionType, client,
                    new SessionRow(current.getId(), current.isOffline(), current.getLastSessionRefresh()),
                    paging.first(), paging.max());
            SessionViews views = new SessionViews(realm);
            List<SessionRepresentation> items = page.sessions().stream()
                    .map(s -> views.item(s, caller.isCurrent(s)))
                    .toList();
            return ApiResponses.ok(new SessionPage(items, page.total(), canRevoke));
        });
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return respond(() -> {
            Caller caller = cors.allow(new CallerAuthenticator(session).forRead());
            UserSessionModel found = callersSessions(caller, id).get(0);
            return ApiResponses.ok(new SessionViews(realm).item(found, caller.isCurrent(found)));
        });
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        return revocation("self_one", () -> {
            Caller caller = cors.allow(new CallerAuthenticator(session).forChange());
            List<UserSessionModel> targets = callersSessions(caller, id);
            revoked = revoker().revoke(targets, SELF_SERVICE, caller.session().getId(), caller.client());
            return ApiResponses.noContent();
        });
    }

    @DELETE
    public Response revokeAll(@QueryParam("includeCurrent") String includeCurrent) {
        return revocation("true".equalsIgnoreCase(includeCurrent) ? "self_all" : "self_others", () -> {
            Caller caller = cors.allow(new CallerAuthenticator(session).forChange());
            refuseEmptyId();
            boolean withCurrent = QueryParameters.bool("includeCurrent", includeCurrent);
            // The offline twin of the current session is the same device: revoking it would also end the current
            // session (Keycloak removes an offline session's online twin), so it goes only with includeCurrent.
            List<UserSessionModel> targets = new SessionLookup(session, realm).ofUser(caller.user(), SessionType.ALL)
                    .filter(s -> withCurrent || !s.getId().equals(caller.session().getId()))
                    .toList();
            revoked = revoker().revoke(targets, SELF_SERVICE, caller.session().getId(), caller.client());
            return ApiResponses.ok(new RevokedCount(revoked));
        });
    }

    @POST
    @Path("revoke")
    public Response revokeByToken(String body) {
        return revocation("session_token", () -> {
            cors.allowRealmWebOrigin();
            String token = JsonBody.read(contentTypes(), body).allowOnly(BODY_KEY).requiredText(BODY_KEY);
            List<UserSessionModel> targets = new SessionTokenResolver(session, realm).sessionOf(token);
            revoked = revoker().revoke(targets, "session_token", null, null);
            return ApiResponses.noContent();
        });
    }

    @DELETE
    @Path("revoke")
    public Response revokeByTokenWithDelete(String body) {
        return revokeByToken(body);
    }

    /** The "This wasn't me" form post (docs/new-device-email.md), answered with a login-theme page, not JSON. */
    @POST
    @Path("end-session")
    public Response endSession() {
        String key = session.getContext().getHttpRequest().getDecodedFormParameters().getFirst("key");
        return new EndSessionConfirmation(session, realm).confirm(key);
    }

    @GET
    @Path("ui/{file}")
    public Response ui(@PathParam("file") String file) {
        Response found = UiFiles.serve(file, session.getContext().getRequestHeaders().getHeaderString("If-None-Match"));
        return found == null ? noSuchPath() : found;
    }

    // The literal paths answer 405 for the methods they lack: without these, GET /revoke would be read as the session
    // with the id "revoke", and DELETE /whoami as a revocation of the session "whoami".
    @GET
    @Path("{literal: revoke|end-session}")
    public Response getLiteral() {
        return methodNotAllowed();
    }

    @DELETE
    @Path("{literal: whoami|end-session}")
    public Response deleteLiteral() {
        return methodNotAllowed();
    }

    /**
     * Refused before routing, where JAX-RS would fail to read the body (multipart, an unparseable {@code Content-Type})
     * with a 500 in Keycloak's format: a non-JSON body of {@code /revoke}, an unparseable form of {@code /end-session}.
     */
    @Override
    protected Response beforeRouting(String method) {
        if (!"POST".equals(method) && !"DELETE".equals(method)) {
            return null;
        }
        String path = session.getContext().getUri().getPath();
        if (REVOKE_PATH.matcher(path).matches()) {
            try {
                JsonBody.requireJsonMediaType(contentTypes());
                return null;
            } catch (ApiException refused) {
                return respond(() -> {
                    cors.allowRealmWebOrigin();
                    throw refused;
                });
            }
        }
        if ("POST".equals(method) && END_SESSION_PATH.matcher(path).matches() && !ApiResponses.contentTypeReadable(session)) {
            return ApiResponses.guard(session, new EndSessionConfirmation(session, realm).confirm(null));
        }
        return null;
    }

    @Override
    public Response preflight() {
        return respond(cors::preflight);
    }

    private List<UserSessionModel> callersSessions(Caller caller, String id) {
        List<UserSessionModel> found = new SessionLookup(session, realm).withId(QueryParameters.sessionId(id)).stream()
                .filter(SessionLookup.ownedBy(caller.user()))
                .toList();
        if (found.isEmpty()) {
            // Another user's session answers exactly as an unknown id does.
            throw ApiException.notFound("No session with that id.");
        }
        return found;
    }

    private List<String> contentTypes() {
        return session.getContext().getHttpRequest().getHttpHeaders().getRequestHeader(HttpHeaders.CONTENT_TYPE);
    }

    private SessionRevoker revoker() {
        return new SessionRevoker(session, realm);
    }

    @Override
    protected Response respond(Supplier<Response> operation) {
        Response response = super.respond(operation);
        if (response.getStatus() == Response.Status.UNAUTHORIZED.getStatusCode()) {
            cors.allowRealmWebOrigin();
        }
        return response;
    }
}
