package io.github.kcsessions.rest;

import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.Set;

/**
 * An {@link ApiResource} behind a resource locator, which answers the methods the API does not know (TRACE, PROPFIND,
 * any made-up name) with a 405 in the API's schema before any body is read. A locator, since JAX-RS routes such a
 * method only to locators (else its own 405 in Keycloak's format); one level up, since a locator beside the resource
 * methods would outrank them all. {@code OPTIONS} needs its own method, or JAX-RS answers it without CORS headers.
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
