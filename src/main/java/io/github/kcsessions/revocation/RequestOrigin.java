package io.github.kcsessions.revocation;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;

/**
 * Where a revocation was asked from: what Keycloak's logout needs of the request (to expire the caller's own cookies,
 * to address back-channel logouts) and its events record, kept so that work done in transactions of its own (a large
 * revocation in chunks) still carries it.
 */
record RequestOrigin(UriInfo uri, ClientConnection connection, HttpHeaders headers) {

    static RequestOrigin of(KeycloakSession session) {
        return new RequestOrigin(session.getContext().getUri(), session.getContext().getConnection(),
                session.getContext().getRequestHeaders());
    }
}
