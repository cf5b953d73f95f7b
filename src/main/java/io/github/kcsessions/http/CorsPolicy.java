package io.github.kcsessions.http;

import io.github.kcsessions.auth.Caller;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;
import org.keycloak.http.HttpResponse;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;
import org.keycloak.services.cors.Cors;

import java.util.List;

/**
 * Which browser origins may use this API.
 *
 * <p>A request with a token is allowed from the token's allowed origins (its client's Web Origins), checked by
 * Keycloak's own {@link Cors} before anything happens. A preflight carries no token, so it is answered for origins
 * that some client of the realm lists as a Web Origin, and for no other (Keycloak's account API echoes any origin).
 * A cookie-authenticated request is allowed from the server's own origin only.
 */
public final class CorsPolicy {

    static final String METHODS = "GET, POST, DELETE, OPTIONS";
    static final String HEADERS = "Authorization, Content-Type, Accept, DPoP, Origin, X-Requested-With";
    private static final String MAX_AGE = String.valueOf(Cors.DEFAULT_MAX_AGE);

    private final KeycloakSession session;

    public CorsPolicy(KeycloakSession session) {
        this.session = session;
    }

    /** Throws 403 for a request from an origin the caller's token (or cookie) does not allow, before side effects. */
    public void allow(Caller caller) {
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
    }

    /** Answers an OPTIONS request. */
    public Response preflight() {
        HttpResponse response = session.getContext().getHttpResponse();
        response.addHeader("Vary", "Origin");
        String origin = origin();
        if (origin != null && isRealmWebOrigin(origin)) {
            response.setHeader(Cors.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(Cors.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
            response.setHeader(Cors.ACCESS_CONTROL_ALLOW_HEADERS, HEADERS);
            response.setHeader(Cors.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            response.setHeader(Cors.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
        }
        return Endpoint.noContent();
    }

    /**
     * Lets a web origin of the realm read a response given without a token: a 401, so that a single-page app can
     * tell "sign in again" from a network error, and the answer to a revocation by session token.
     */
    public void allowRealmWebOrigin() {
        String origin = origin();
        if (origin != null && isRealmWebOrigin(origin)) {
            HttpResponse response = session.getContext().getHttpResponse();
            response.setHeader(Cors.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(Cors.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            response.setHeader(Cors.ACCESS_CONTROL_EXPOSE_HEADERS, "WWW-Authenticate");
            response.addHeader("Vary", "Origin");
        }
    }

    private String origin() {
        return session.getContext().getHttpRequest().getHttpHeaders().getHeaderString(Cors.ORIGIN_HEADER);
    }

    // Preflights are cached by browsers for an hour (Access-Control-Max-Age), so a walk over the realm's clients
    // here is rare; it never happens on an actual request.
    private boolean isRealmWebOrigin(String origin) {
        RealmModel realm = session.getContext().getRealm();
        return realm.getClientsStream()
                .filter(client -> client.isEnabled() && !client.isBearerOnly())
                .anyMatch(client -> WebOriginsUtils.resolveValidWebOrigins(session, client).contains(origin));
    }
}
