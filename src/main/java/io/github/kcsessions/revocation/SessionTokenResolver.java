package io.github.kcsessions.revocation;

import io.github.kcsessions.protocol.ApiException;
import io.github.kcsessions.sessions.SessionLookup;
import io.github.kcsessions.sessions.SessionType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.encode.AccessTokenContext;
import org.keycloak.protocol.oidc.encode.TokenContextEncoderProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.Urls;
import org.keycloak.util.TokenUtil;

import java.util.List;
import java.util.Set;

/**
 * Finds the session that a token of this realm belongs to. The token is the proof (as in RFC 7009): it must carry a
 * valid signature of this realm's keys, this realm's issuer, be unexpired, and be an access, refresh, offline or ID
 * token bound to a session.
 */
public final class SessionTokenResolver {

    /** Far above any token Keycloak issues; bounds the work done on hostile input. */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private static final Set<String> SESSION_TOKEN_TYPES = Set.of(TokenUtil.TOKEN_TYPE_BEARER,
            TokenUtil.TOKEN_TYPE_DPOP, TokenUtil.TOKEN_TYPE_REFRESH, TokenUtil.TOKEN_TYPE_OFFLINE, TokenUtil.TOKEN_TYPE_ID);

    private final KeycloakSession session;
    private final RealmModel realm;

    public SessionTokenResolver(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The session the token belongs to, as a list of zero (already gone) or one. */
    public List<UserSessionModel> sessionOf(String tokenString) {
        AccessToken token = verified(tokenString);
        SessionLookup lookup = new SessionLookup(session, realm);
        String sid = token.getSessionId();
        // Other tokens name the online session, or the offline one when there is no online one any more.
        UserSessionModel found = offlineOnly(token) ? lookup.get(sid, true)
                : lookup.withId(sid).stream().findFirst().orElse(null);
        if (found == null || (token.getSubject() != null && !token.getSubject().equals(found.getUser().getId()))) {
            return List.of();
        }
        return List.of(found);
    }

    private AccessToken verified(String tokenString) {
        if (tokenString == null || tokenString.isBlank() || tokenString.length() > MAX_TOKEN_LENGTH
                || tokenString.chars().filter(c -> c == '.').count() != 2) {
            throw invalid();
        }
        // AccessToken extends IDToken, and refresh tokens are access tokens: one class reads all four kinds.
        AccessToken token = session.tokens().decode(tokenString, AccessToken.class);
        String issuer = Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
        if (token == null || !issuer.equals(token.getIssuer()) || token.isExpired()
                || !SESSION_TOKEN_TYPES.contains(token.getType()) || token.getSessionId() == null) {
            throw invalid();
        }
        return token;
    }

    private boolean offlineOnly(AccessToken token) {
        if (TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType())) {
            return true;
        }
        if (token.getId() == null || TokenUtil.TOKEN_TYPE_ID.equals(token.getType())) {
            return false;
        }
        try {
            AccessTokenContext context = session.getProvider(TokenContextEncoderProvider.class)
                    .getTokenContextFromTokenId(token.getId());
            AccessTokenContext.SessionType type = context.getSessionType();
            return type.isAllowLookupOfflineUserSession() && !type.isAllowLookupOnlineUserSession();
        } catch (RuntimeException notAnEncodedId) {
            return false;
        }
    }

    private static ApiException invalid() {
        return ApiException.invalidRequest("'sessionToken' must be an unexpired access, refresh, offline or ID token "
                + "issued by this realm.");
    }
}
