package io.github.kcsessions.rest;

import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.Set;

/**
 * What a provider hands to Keycloak in place of an {@link ApiResource}: a resource locator that passes the request on
 * for the methods the API knows, and answers every other method ({@code TRACE}, {@code PROPFIND}, any made-up name)
 * with a 405 in the API's error schema, before any body is read.
 *
 * <p>Why a locator: the JAX-RS layer answers a method for which a class has no route with its own 405, in Keycloak's
 * format, and it routes such a method only to locators. A locator beside the resource methods of the same class would
 * also outrank them for every method (a template with a variable is more specific than the empty one), so it sits
 * here, one level up, and claims the empty path prefix only. {@code OPTIONS} needs a method of its own: without one the
 * JAX-RS layer would answer it itself, with no CORS headers.
 */
public final class KnownMethods {

    private static final Set<String> KNOWN = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private final ApiResource resource;

    public KnownMethods(ApiResource resource) {
        this.resource = resource;
    }

    @Path("")
    public ApiResource route() {
        String method = resource.session.getContext().getHttpRequest().getHttpMethod();
        if (!KNOWN.contains(method)) {
            // A response with an entity inside a WebApplicationException is sent as it is, past every exception mapper.
            throw new WebApplicationException(resource.methodNotAllowed());
        }
        Response instead = resource.beforeRouting(method);
        if (instead != null) {
            throw new WebApplicationException(instead);
        }
        return resource;
    }

    @OPTIONS
    @Path("{any: .*}")
    public Response preflight() {
        return resource.preflight();
    }
}
