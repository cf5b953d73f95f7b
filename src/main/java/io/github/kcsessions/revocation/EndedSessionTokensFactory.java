package io.github.kcsessions.revocation;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RevokedTokenProvider;
import org.keycloak.models.RevokedTokenProviderFactory;
import org.keycloak.provider.ProviderFactory;

import java.util.Comparator;

/**
 * Puts {@link EndedSessionTokens} in front of Keycloak's own revoked-token store: its order is above Keycloak's
 * factories, so Keycloak picks it as the store without any configuration, and it hands every call on to the factory
 * Keycloak would have picked otherwise.
 */
public class EndedSessionTokensFactory implements RevokedTokenProviderFactory<EndedSessionTokens> {

    public static final String ID = "kcs-ended-sessions";
    /** Above Keycloak's own stores (infinispan 1, jpa 0). */
    static final int ORDER = 100;

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
        return ORDER;
    }
}
