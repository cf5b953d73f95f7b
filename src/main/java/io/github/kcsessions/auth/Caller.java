package io.github.kcsessions.auth;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/**
 * Who is calling, and through which session.
 *
 * @param accessToken the bearer token, or null when the caller was recognised by the browser SSO cookie
 * @param client      the client the token was issued to, or null for the cookie
 */
public record Caller(UserModel user, UserSessionModel session, AccessToken accessToken, ClientModel client) {

    public boolean viaCookie() {
        return accessToken == null;
    }

    public boolean isCurrent(UserSessionModel candidate) {
        return candidate.getId().equals(session.getId()) && candidate.isOffline() == session.isOffline();
    }
}
