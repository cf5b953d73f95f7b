package io.github.kcsessions.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.util.function.Supplier;

/**
 * What the API's two resources share: every operation runs through {@link #respond}, and paths or methods that name
 * nothing are answered in the API's own error schema. Without these routes, JAX-RS would throw its own 404 and 405,
 * which Keycloak's error handler answers in Keycloak's format; there is no exception mapper a provider can add.
 * Literal paths of a subclass ({@code revoke}, {@code whoami}) always win over these templates.
 */
public abstract class ApiResource {

    protected final KeycloakSession session;

    protected ApiResource(KeycloakSession session) {
        this.session = session;
    }

    /** Runs an operation: its errors become {@link ApiError} responses, unexpected failures a 500 without details. */
    protected Response respond(Supplier<Response> operation) {
        return ApiResponses.run(session, operation);
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
    public Response unsupportedPost() {
        return methodNotAllowed();
    }

    @PUT
    @Path("{any: .*}")
    public Response unsupportedPut() {
        return methodNotAllowed();
    }

    @PATCH
    @Path("{any: .*}")
    public Response unsupportedPatch() {
        return methodNotAllowed();
    }

    private Response methodNotAllowed() {
        return respond(() -> {
            throw ApiException.methodNotAllowed();
        });
    }
}
