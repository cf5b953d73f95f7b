package io.github.kcsessions.alert;

import io.github.kcsessions.metrics.SessionMetrics;
import io.github.kcsessions.revocation.SessionRevoker;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.TokenVerifier;
import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.common.VerificationException;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.exceptions.TokenNotActiveException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.Urls;

import java.util.List;

/**
 * The confirmed "This wasn't me" (POST {@code /realms/{realm}/sessions/end-session}, form field {@code key}): checks the
 * action token as Keycloak's action-token endpoint does, uses it up (atomically, in Keycloak's single-use store, so a
 * second post or a later GET of the link is refused on every node), and ends the session it names exactly as a
 * revocation through the API does: back-channel logout and a {@code LOGOUT} event.
 */
public final class EndSessionConfirmation {

    /** The {@code revoked_by} detail of the LOGOUT event. */
    public static final String REVOKED_BY = "new_device_email";
    private static final Logger LOG = Logger.getLogger(EndSessionConfirmation.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EndSessionPages pages;

    public EndSessionConfirmation(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.pages = new EndSessionPages(session, realm);
    }

    public Response confirm(String key) {
        EndSessionToken token;
        try {
            token = verified(key);
        } catch (TokenNotActiveException e) {
            return pages.error(Response.Status.BAD_REQUEST, "kcsEndSessionExpired");
        } catch (VerificationException | RuntimeException e) {
            LOG.debugf("Refused a \"This wasn't me\" confirmation: %s", e.getMessage());
            return pages.error(Response.Status.BAD_REQUEST, "kcsEndSessionInvalid");
        }
        UserModel user = session.users().getUserById(realm, token.getUserId());
        if (user == null || !user.isEnabled()) {
            return pages.error(Response.Status.BAD_REQUEST, "kcsEndSessionInvalid");
        }
        long lifespan = Math.max(1, token.getExp() - Time.currentTime());
        if (!session.singleUseObjects().putIfAbsent(token.serializeKey(), lifespan)) {
            return pages.error(Response.Status.BAD_REQUEST, "kcsEndSessionUsed");
        }
        List<UserSessionModel> targets = pages.sessionsOf(user, token);
        if (targets.isEmpty()) {
            return pages.error(Response.Status.BAD_REQUEST, "kcsEndSessionGone");
        }
        UserSessionModel shown = targets.get(0);
        Response page = pages.done(user, shown);
        int ended = new SessionRevoker(session, realm).revoke(targets, REVOKED_BY, null, null);
        SessionMetrics.endSessionConfirmed(realm.getName());
        SessionMetrics.revocationWhenDone(session, realm.getName(), "this_wasnt_me", 200, ended);
        return page;
    }

    private EndSessionToken verified(String key) throws VerificationException {
        if (key == null || key.isBlank()) {
            throw new VerificationException("no token");
        }
        TokenVerifier<EndSessionToken> verifier = TokenVerifier.create(key, EndSessionToken.class)
                .withChecks(TokenVerifier.IS_ACTIVE,
                        new TokenVerifier.RealmUrlCheck(Urls.realmIssuer(session.getContext().getUri().getBaseUri(),
                                realm.getName())),
                        DefaultActionToken.ACTION_TOKEN_BASIC_CHECKS,
                        token -> EndSessionToken.TOKEN_TYPE.equals(token.getActionId()) && token.getSessionId() != null);
        SignatureProvider signatures = session.getProvider(SignatureProvider.class,
                verifier.getHeader().getAlgorithm().name());
        if (signatures == null) {
            throw new VerificationException("unknown algorithm");
        }
        verifier.verifierContext(signatures.verifier(verifier.getHeader().getKeyId()));
        return verifier.verify().getToken();
    }
}
