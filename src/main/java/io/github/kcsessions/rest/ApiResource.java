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
 * What the API's two resources share: every operation runs through {@link #respond}, and paths or methods that name
 * nothing are answered in the API's own error schema.
 *
 * <p>Why the routes below exist: the JAX-RS layer routes by method first, then by path. A path that no template of the
 * request's method matches becomes JAX-RS's own 404 or 405, which Keycloak's error handler answers in Keycloak's
 * format; there is no exception mapper a provider can add. So every method the API knows has a template that matches
 * any path (literal paths of a subclass always win over them). Methods the API does not know at all never get here:
 * {@link KnownMethods} answers them.
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

    /** Runs an operation: its errors become error-schema responses, unexpected failures a 500 without details. */
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

    /**
     * A trailing slash on a collection ({@code /sessions/}) is the item path with an empty id, as a client that builds
     * {@code /sessions/${id}} from an empty variable sends it; it must never act on the whole collection.
     */
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

    /**
     * Runs before the request is routed to a method of this resource, and so before its body is read: a response to
     * send instead, or null to go on.
     */
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
