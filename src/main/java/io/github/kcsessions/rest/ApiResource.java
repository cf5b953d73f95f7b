package io.github.kcsessions.rest;

import io.github.kcsessions.metrics.SessionMetrics;
import io.github.kcsessions.protocol.ApiException;
import io.github.kcsessions.protocol.ApiResponses;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the API's two resources share: every operation runs through {@link #respond}. The catch-all routes below exist
 * because a path that no template of its method matches gets JAX-RS's own 404 or 405 in Keycloak's format, and a
 * provider cannot add an exception mapper; literal paths of a subclass win over them. Methods the API does not know
 * never get here: {@link KnownMethods} answers them.
 */
public abstract class ApiResource {

    private static final Pattern NESTED = Pattern.compile("[^/]+/.+");

    protected final KeycloakSession session;
    protected final RealmModel realm;
    /** How many sessions the current revocation ended, for its metric. */
    protected int revoked;

    protected ApiResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    protected Response respond(Supplier<Response> operation) {
        return ApiResponses.run(session, operation);
    }

    /** A revocation, counted by route and outcome (docs/operations.md, metrics). */
    protected Response revocation(String route, Supplier<Response> operation) {
        revoked = 0;
        Response response = respond(operation);
        SessionMetrics.revocationWhenDone(session, realm.getName(), route, response.getStatus(), revoked);
        return response;
    }

    /** {@code /sessions/} is an item path with an empty id (an empty variable): it must never act on all sessions. */
    protected void refuseEmptyId() {
        String path = session.getContext().getUri().getRequestUri().getRawPath();
        if (path != null && path.endsWith("/")) {
            throw ApiException.invalidParameter("id", "The session id is empty.");
        }
    }

    @GET
    @Path("{first}/{rest: .+}")
    public Response unknownPathGet() {
        return noSuchPath();
    }

    @DELETE
    @Path("{first}/{rest: .+}")
    public Response unknownPathDelete() {
        return noSuchPath();
    }

    @POST
    @Path("{any: .*}")
    public Response unsupportedPost(@Encoded @PathParam("any") String path) {
        return unsupported(path);
    }

    @PUT
    @Path("{any: .*}")
    public Response unsupportedPut(@Encoded @PathParam("any") String path) {
        return unsupported(path);
    }

    @PATCH
    @Path("{any: .*}")
    public Response unsupportedPatch(@Encoded @PathParam("any") String path) {
        return unsupported(path);
    }

    /** A path of two segments or more names nothing; a shorter one lacks only the method. */
    private Response unsupported(String path) {
        return NESTED.matcher(path).matches() ? noSuchPath() : methodNotAllowed();
    }

    /** Runs before routing, so before the body is read: a response to send instead, or null to go on. */
    protected Response beforeRouting(String method) {
        return null;
    }

    /** {@code OPTIONS}, on any path: only an API that browsers call across origins answers it. */
    public Response preflight() {
        return methodNotAllowed();
    }

    protected Response noSuchPath() {
        return respond(() -> {
            throw ApiException.notFound("No such resource.");
        });
    }

    protected Response methodNotAllowed() {
        return respond(() -> {
            throw new ApiException(Response.Status.METHOD_NOT_ALLOWED, "method_not_allowed",
                    "This method is not supported here.");
        });
    }
}
