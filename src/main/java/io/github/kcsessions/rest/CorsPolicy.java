package io.github.kcsessions.rest;

import io.github.kcsessions.auth.Caller;
import io.github.kcsessions.protocol.ApiException;
import io.github.kcsessions.protocol.ApiResponses;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;
import org.keycloak.services.cors.Cors;

import java.util.List;

/**
 * Which browser origins may use this API; the headers are Keycloak's {@link Cors} (and its server options). A request
 * with a token is allowed from the token's allowed origins, a cookie-authenticated one from the server's own origin
 * only. A preflight carries no token: it is answered for origins that some client of the realm lists as a Web Origin,
 * and for no other (Keycloak's account API echoes any origin).
 */
final class CorsPolicy {

    private static final String[] METHODS = {"GET", "POST", "DELETE", "OPTIONS"};

    private final KeycloakSession session;

    CorsPolicy(KeycloakSession session) {
        this.session = session;
    }

    /** The caller, if its token (or cookie) allows the request's origin; a 403 otherwise, before side effects. */
    Caller allow(Caller caller) {
        try {
            Cors cors = Cors.builder().auth().allowedMethods(METHODS).exposedHeaders("WWW-Authenticate");
            if (caller.viaCookie()) {
                cors.checkAllowedOrigins(List.<String>of());
            } else {
                cors.checkAllowedOrigins(caller.accessToken());
            }
            cors.add();
        } catch (ForbiddenException e) {
            throw ApiException.forbidden("Requests from this origin are not allowed for this token.");
        }
        return caller;
    }

    Response preflight() {
        session.getContext().getHttpResponse().addHeader("Vary", "Origin");
        if (fromRealmWebOrigin()) {
            Cors.builder().auth().preflight().allowedMethods(METHODS).add();
        }
        return ApiResponses.noContent();
    }

    /**
     * Lets a web origin of the realm read a response given without a token: a 401, so that a single-page app can
     * tell "sign in again" from a network error, and the answer to a revocation by session token.
     */
    void allowRealmWebOrigin() {
        if (fromRealmWebOrigin()) {
            session.getContext().getHttpResponse().addHeader("Vary", "Origin");
            Cors.builder().auth().exposedHeaders("WWW-Authenticate").checkAllowedOrigins(List.of(origin())).add();
        }
    }

    /**
     * Whether some enabled client of the realm lists the request's origin as a Web Origin: decided per request from
     * Keycloak's cached clients, so that a client changed on any node of a cluster counts at once.
     */
    private boolean fromRealmWebOrigin() {
        String origin = origin();
        return origin != null && session.getContext().getRealm().getClientsStream()
                .filter(client -> client.isEnabled() && !client.isBearerOnly())
                .map(client -> WebOriginsUtils.resolveValidWebOrigins(session, client))
                .anyMatch(origins -> origins.contains(origin) || origins.contains("*"));
    }

    private String origin() {
        return session.getContext().getHttpRequest().getHttpHeaders().getHeaderString(Cors.ORIGIN_HEADER);
    }
}
