package io.github.kcsessions.alert;

import jakarta.ws.rs.core.Response;
import org.keycloak.TokenVerifier;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.services.messages.Messages;

/**
 * Opens a "This wasn't me" link, which Keycloak has verified: shows what will happen and asks to confirm, and changes
 * nothing, since mail scanners open links. The confirmation posts the token to {@link EndSessionConfirmation}.
 */
public class EndSessionActionTokenHandler extends AbstractActionTokenHandler<EndSessionToken> {

    public EndSessionActionTokenHandler() {
        super(EndSessionToken.TOKEN_TYPE, EndSessionToken.class, Messages.INVALID_REQUEST, EventType.EXECUTE_ACTION_TOKEN,
                Errors.INVALID_TOKEN);
    }

    @Override
    @SuppressWarnings("unchecked")
    public TokenVerifier.Predicate<? super EndSessionToken>[] getVerifiers(ActionTokenContext<EndSessionToken> context) {
        return new TokenVerifier.Predicate[]{
                (TokenVerifier.Predicate<EndSessionToken>) token -> token.getSessionId() != null};
    }

    /** Not repeatable, so that Keycloak itself refuses a link whose confirmation was already posted. */
    @Override
    public boolean canUseTokenRepeatedly(EndSessionToken token, ActionTokenContext<EndSessionToken> context) {
        return false;
    }

    @Override
    public Response handleToken(EndSessionToken token, ActionTokenContext<EndSessionToken> context) {
        String key = context.getAuthenticationSession().getAuthNote(Constants.KEY);
        return new EndSessionConfirmation(context.getSession(), context.getRealm())
                .page(context.getAuthenticationSession(), token, key);
    }
}
