package io.github.kcsessions.revocation;

import io.github.kcsessions.sessions.Tombstones;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.token.TokenInterceptorException;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;
import org.keycloak.protocol.oidc.token.TokenPostProcessorFactory;

/**
 * Refuses new tokens for a session that has ended, at the token endpoint ({@code token-interceptor} SPI), for every
 * grant (refresh, authorization code, token exchange, device, CIBA): the copy of an ended session that Keycloak put
 * back into its cache (Keycloak issue 51127) must not get credentials. Answered as Keycloak answers a refresh of an
 * ended session, 400 {@code invalid_grant}, and nothing the grant changed is kept.
 */
public class EndedSessionGrantsFactory implements TokenPostProcessorFactory {

    public static final String ID = "kcs-ended-sessions";

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return context -> refuseEnded(session, context);
    }

    private static void refuseEnded(KeycloakSession session, TokenPostProcessorContext context) {
        if (context.clientSessionCtx() == null) {
            return;
        }
        AuthenticatedClientSessionModel clientSession = context.clientSessionCtx().getClientSession();
        UserSessionModel userSession = clientSession == null ? null : clientSession.getUserSession();
        if (userSession == null || userSession.getPersistenceState() == UserSessionModel.SessionPersistenceState.TRANSIENT) {
            return;
        }
        if (new Tombstones(session).live(userSession.getRealm(), userSession, "token_endpoint") == null) {
            // The token endpoint answers this exception itself, past Keycloak's error handler, which would otherwise
            // roll back what the grant changed (the refreshed session, the client session).
            session.getTransactionManager().setRollbackOnly();
            throw new TokenInterceptorException(OAuthErrorException.INVALID_GRANT, "Session not active");
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
