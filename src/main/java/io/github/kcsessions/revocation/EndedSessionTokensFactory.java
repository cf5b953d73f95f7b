package io.github.kcsessions.revocation;

import io.github.kcsessions.sessions.SessionLookup;
import io.github.kcsessions.sessions.Tombstones;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RevokedTokenProvider;
import org.keycloak.models.RevokedTokenProviderFactory;
import org.keycloak.models.UserSessionModel;
import org.keycloak.provider.ProviderFactory;

import java.util.Comparator;

/**
 * Keycloak's revoked-token store, which also answers "revoked" for the tokens of a session that has ended: Keycloak
 * asks it about every token it vouches for (userinfo, introspection, bearer APIs, token exchange), so a copy of an
 * ended session put back into its cache (issue 51127) is refused there, and removed. Its order above Keycloak's makes
 * it the store without configuration; the rest goes to the store Keycloak would have picked ({@code delegate}).
 */
public class EndedSessionTokensFactory
        implements RevokedTokenProviderFactory<EndedSessionTokensFactory.EndedSessionTokens> {

    public static final String ID = "kcs-ended-sessions";

    private static final Logger LOG = Logger.getLogger(EndedSessionTokensFactory.class);
    private String delegateId;

    @Override
    public EndedSessionTokens create(KeycloakSession session) {
        return new EndedSessionTokens(session, session.getProvider(RevokedTokenProvider.class, delegateId));
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        delegateId = factory.getProviderFactoriesStream(RevokedTokenProvider.class)
                .filter(other -> !ID.equals(other.getId()))
                .max(Comparator.comparingInt(ProviderFactory::order))
                .map(ProviderFactory::getId)
                .orElseThrow(() -> new IllegalStateException("Keycloak has no revoked-token store to stand in front of"));
        LOG.debugf("Revoked-token store: Keycloak's '%s', with ended sessions' tokens refused", delegateId);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        // Above Keycloak's own stores (infinispan 1, jpa 0).
        return 100;
    }

    static final class EndedSessionTokens implements RevokedTokenProvider {

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
                UserSessionModel candidate = SessionLookup.find(session, realm, token.sessionId(), offline);
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
}
