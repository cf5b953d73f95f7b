package io.github.kcsessions.auth;

import io.github.kcsessions.protocol.ApiException;
import io.github.kcsessions.sessions.Tombstones;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.keycloak.models.AccountRoles;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.List;

/**
 * Recognises the caller from a bearer access token of this realm or, for reads only, the realm's SSO cookie. Every
 * check (header, signature, expiry, revocation, DPoP, live session, enabled user) is Keycloak's {@link AppAuthManager};
 * only the answers are ours, in this API's error schema.
 */
public final class CallerAuthenticator {

    private static final Logger LOG = Logger.getLogger(CallerAuthenticator.class);
    private static final String INVALID_TOKEN =
            "The access token is invalid, expired or revoked, or its session has ended.";

    private final KeycloakSession session;
    private final RealmModel realm;

    public CallerAuthenticator(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    public Caller forRead() {
        return hasAuthorization() ? byBearer() : byCookie();
    }

    /**
     * A caller allowed to change sessions: a bearer token only (a cookie alone is no proof of intent, since any site
     * can make the browser send it), of a user holding the {@code account} role {@code manage-account}.
     */
    public Caller forChange() {
        if (!hasAuthorization()) {
            throw ApiException.credentialsRequired("A bearer access token is required to change sessions.");
        }
        Caller caller = byBearer();
        if (!mayManageAccount(caller)) {
            throw ApiException.forbidden("The account role 'manage-account' is required to revoke sessions.");
        }
        return caller;
    }

    private HttpHeaders headers() {
        return session.getContext().getHttpRequest().getHttpHeaders();
    }

    private boolean hasAuthorization() {
        List<String> values = headers().getRequestHeader(HttpHeaders.AUTHORIZATION);
        return values != null && !values.isEmpty();
    }

    private Caller byBearer() {
        AppAuthManager.AuthHeader header;
        try {
            header = AppAuthManager.extractAuthorizationHeaderTokenOrReturnNull(headers());
        } catch (NotAuthorizedException severalHeaders) {
            throw ApiException.invalidToken("Exactly one Authorization header is allowed.");
        }
        if (header == null) {
            throw ApiException.invalidToken("The Authorization header must be 'Bearer <access token>'.");
        }
        AuthResult result;
        try {
            result = new AppAuthManager.BearerTokenAuthenticator(session).setTokenString(header.getToken())
                    .authenticate();
        } catch (RuntimeException unverifiable) {
            // A token Keycloak cannot read (a JWS header without alg ends in a NullPointerException) is unverifiable:
            // a 401, and only a debug line, since anyone can send it.
            LOG.debugf("Unverifiable credentials: %s", unverifiable.toString());
            throw ApiException.invalidToken(INVALID_TOKEN);
        }
        if (result == null || result.session() == null || endedMeanwhile(result)) {
            throw ApiException.invalidToken(INVALID_TOKEN);
        }
        if (result.user().getServiceAccountClientLink() != null) {
            throw ApiException.forbidden("Service accounts have no sessions to manage.");
        }
        return new Caller(result.user(), result.session(), result.token(), result.client());
    }

    private Caller byCookie() {
        AuthResult result;
        try {
            result = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        } catch (RuntimeException unverifiable) {
            LOG.debugf("Unverifiable SSO cookie: %s", unverifiable.toString());
            result = null;
        }
        if (result == null || result.session() == null || endedMeanwhile(result)) {
            throw ApiException.credentialsRequired("No bearer access token, and no valid SSO session cookie.");
        }
        return new Caller(result.user(), result.session(), null, null);
    }

    /** A session that has ended, whose copy Keycloak put back into its cache: Keycloak's checks let it through. */
    private boolean endedMeanwhile(AuthResult result) {
        return new Tombstones(session).live(realm, result.session(), "api") == null;
    }

    /** Whether this caller may change sessions ({@link #forChange} would accept it): for a page to offer the buttons. */
    public boolean mayChange(Caller caller) {
        return !caller.viaCookie() && mayManageAccount(caller);
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
        return access != null && access.isUserInRole(AccountRoles.MANAGE_ACCOUNT);
    }
}
