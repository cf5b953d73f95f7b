package io.github.kcsessions.auth;

import io.github.kcsessions.http.ApiException;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.AccountRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import java.util.List;

/**
 * Recognises the caller from a bearer access token of this realm or, for reads only, the realm's SSO cookie.
 * All token checks (signature, issuer, expiry, revocation, DPoP, live session, enabled user and client) are
 * Keycloak's own {@link AppAuthManager.BearerTokenAuthenticator}.
 */
public final class CallerAuthenticator {

    private final KeycloakSession session;
    private final RealmModel realm;

    public CallerAuthenticator(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** A caller by bearer token, or by SSO cookie when the request has no Authorization header. */
    public Caller forRead() {
        List<String> authorization = authorizationHeaders();
        if (authorization.isEmpty()) {
            return byCookie();
        }
        return byBearer(authorization);
    }

    /**
     * A caller allowed to change sessions: a bearer token only (a cookie alone is no proof of intent, since any site
     * can make the browser send it), of a user holding the {@code account} role {@code manage-account}.
     */
    public Caller forChange() {
        List<String> authorization = authorizationHeaders();
        if (authorization.isEmpty()) {
            throw ApiException.unauthorized("A bearer access token is required to change sessions.");
        }
        Caller caller = byBearer(authorization);
        if (!mayManageAccount(caller)) {
            throw ApiException.forbidden("The account role 'manage-account' is required to revoke sessions.");
        }
        return caller;
    }

    private List<String> authorizationHeaders() {
        List<String> values = session.getContext().getHttpRequest().getHttpHeaders()
                .getRequestHeader(HttpHeaders.AUTHORIZATION);
        return values == null ? List.of() : values;
    }

    private Caller byBearer(List<String> authorization) {
        if (authorization.size() != 1) {
            throw ApiException.unauthorized("Exactly one Authorization header is allowed.");
        }
        String token = bearerToken(authorization.get(0));
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).setTokenString(token).authenticate();
        if (result == null || result.session() == null) {
            throw ApiException.unauthorized("The access token is invalid, expired or revoked, or its session has ended.");
        }
        if (result.user().getServiceAccountClientLink() != null) {
            throw ApiException.forbidden("Service accounts have no sessions to manage.");
        }
        return new Caller(result.user(), result.session(), result.token(), result.client());
    }

    private static String bearerToken(String header) {
        int space = header.indexOf(' ');
        if (space <= 0) {
            throw ApiException.unauthorized("The Authorization header must be 'Bearer <access token>'.");
        }
        String scheme = header.substring(0, space);
        String token = header.substring(space + 1).trim();
        boolean knownScheme = scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("DPoP");
        if (!knownScheme || token.isEmpty() || token.contains(" ")) {
            throw ApiException.unauthorized("The Authorization header must be 'Bearer <access token>'.");
        }
        return token;
    }

    private Caller byCookie() {
        AuthResult result = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (result == null || result.session() == null) {
            throw ApiException.unauthorized("No bearer access token, and no valid SSO session cookie.");
        }
        return new Caller(result.user(), result.session(), null, null);
    }

    private boolean mayManageAccount(Caller caller) {
        AccessToken token = caller.accessToken();
        if (token.getResourceAccess(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID) == null) {
            // Lightweight access tokens carry no roles: recover them the way the account API does.
            AccessTokenIntrospectionProvider<?> introspection = (AccessTokenIntrospectionProvider<?>) session.getProvider(
                    TokenIntrospectionProvider.class, AccessTokenIntrospectionProviderFactory.ACCESS_TOKEN_TYPE);
            token = introspection.transformAccessToken(token, caller.session());
        }
        AccessToken.Access access = token.getResourceAccess(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        ClientModel account = realm.getClientByClientId(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        return account != null && access != null && access.isUserInRole(AccountRoles.MANAGE_ACCOUNT);
    }
}
