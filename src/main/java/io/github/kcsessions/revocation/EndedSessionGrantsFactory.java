package io.github.kcsessions.revocation;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorFactory;

/** Registers {@link EndedSessionGrants} with Keycloak's token endpoint ({@code token-interceptor} SPI). */
public class EndedSessionGrantsFactory implements TokenPostProcessorFactory {

    public static final String ID = "kcs-ended-sessions";

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return new EndedSessionGrants(session);
    }

    @Override
    public String getId() {
        return ID;
    }
}
