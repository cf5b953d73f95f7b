package io.github.kcsessions.revocation;

import io.github.kcsessions.sessions.Tombstones;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RevokedTokenProvider;
import org.keycloak.models.UserSessionModel;

/**
 * Keycloak's revoked-token store, which also answers "revoked" for the tokens of a session that has ended. Keycloak
 * asks this store about every token it vouches for: userinfo, introspection, every bearer-authenticated API (its account
 * and admin APIs, this extension's) and token exchange; so the copy of an ended session that Keycloak put back into its
 * cache (issue 51127) is refused there, and removed. Everything else is Keycloak's own store ({@code delegate}).
 */
final class EndedSessionTokens implements RevokedTokenProvider {

    private final KeycloakSession session;
    private final RevokedTokenProvider delegate;

    EndedSessionTokens(KeycloakSession session, RevokedTokenProvider delegate) {
        this.session = session;
        this.delegate = delegate;
    }

    @Override
    public boolean put(String id, long lifespanSeconds) {
        return delegate.put(id, lifespanSeconds);
    }

    @Override
    public boolean contains(String id) {
        return delegate.contains(id) || ofEndedSession(id);
    }

    private boolean ofEndedSession(String tokenId) {
        RealmModel realm = session.getContext().getRealm();
        if (!Tombstones.enforced(realm)) {
            return false;
        }
        RequestToken token = RequestToken.withId(session, tokenId);
        if (token == null) {
            return false;
        }
        Tombstones tombstones = new Tombstones(session);
        // The token names a session id; Keycloak uses the online session by that id, else the offline one.
        for (boolean offline : new boolean[] {false, true}) {
            if (!tombstones.exists(realm, token.sessionId(), offline)) {
                continue;
            }
            UserSessionModel candidate = offline ? session.sessions().getOfflineUserSession(realm, token.sessionId())
                    : session.sessions().getUserSession(realm, token.sessionId());
            if (candidate != null && tombstones.live(realm, candidate, "token_check") == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
    }
}
