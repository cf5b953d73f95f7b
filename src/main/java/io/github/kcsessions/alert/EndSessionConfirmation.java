package io.github.kcsessions.alert;

import io.github.kcsessions.device.DeviceNote;
import io.github.kcsessions.metrics.SessionMetrics;
import io.github.kcsessions.revocation.SessionRevoker;
import io.github.kcsessions.sessions.SessionLookup;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.TokenVerifier;
import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.common.VerificationException;
import org.keycloak.common.util.Time;
import org.keycloak.exceptions.TokenNotActiveException;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.Urls;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.List;
import java.util.Map;

/**
 * "This wasn't me": its pages in the realm's login theme (template {@value #TEMPLATE}, in any login theme), and the
 * confirmation, which checks the action token as Keycloak's action-token endpoint does, uses it up in Keycloak's
 * single-use store (so a second post or a later GET of the link is refused on every node), and ends the session as an
 * API revocation does.
 */
public final class EndSessionConfirmation {

    /** The {@code revoked_by} detail of the LOGOUT event. */
    public static final String REVOKED_BY = "new_device_email";
    static final String TEMPLATE = "kcs-end-session.ftl";
    static final String CONFIRM_PATH = "sessions/end-session";
    private static final Logger LOG = Logger.getLogger(EndSessionConfirmation.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public EndSessionConfirmation(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public Response confirm(String key) {
        EndSessionToken token;
        try {
            token = verified(key);
        } catch (TokenNotActiveException e) {
            return error("kcsEndSessionExpired");
        } catch (VerificationException | RuntimeException e) {
            LOG.debugf("Refused a \"This wasn't me\" confirmation: %s", e.getMessage());
            return error("kcsEndSessionInvalid");
        }
        UserModel user = session.users().getUserById(realm, token.getUserId());
        if (user == null || !user.isEnabled()) {
            return error("kcsEndSessionInvalid");
        }
        long lifespan = Math.max(1, token.getExp() - Time.currentTime());
        if (!session.singleUseObjects().putIfAbsent(token.serializeKey(), lifespan)) {
            return error("kcsEndSessionUsed");
        }
        List<UserSessionModel> targets = sessionsOf(user, token);
        if (targets.isEmpty()) {
            return error("kcsEndSessionGone");
        }
        Response page = done(user, targets.get(0));
        int ended = new SessionRevoker(session, realm).revoke(targets, REVOKED_BY, null, null);
        SessionMetrics.endSessionConfirmed(realm.getName());
        SessionMetrics.revocationWhenDone(session, realm.getName(), "this_wasnt_me", 200, ended);
        return page;
    }

    /** The confirmation: the session's device and place, and a form that posts the token. Changes nothing. */
    Response page(AuthenticationSessionModel authSession, EndSessionToken token, String key) {
        UserModel user = session.users().getUserById(realm, token.getUserId());
        List<UserSessionModel> sessions = sessionsOf(user, token);
        if (sessions.isEmpty()) {
            return error("kcsEndSessionGone");
        }
        Map<String, Object> page = describe(sessions.get(0), "confirm");
        page.put("key", key);
        page.put("action", Urls.realmBase(session.getContext().getUri().getBaseUri()).path("{realm}/" + CONFIRM_PATH)
                .build(realm.getName()).toString());
        return session.getProvider(LoginFormsProvider.class).setAuthenticationSession(authSession).setUser(user)
                .setAttribute("kcsEndSession", page).createForm(TEMPLATE);
    }

    /** The result: the session has ended; what to do next. */
    private Response done(UserModel user, UserSessionModel ended) {
        Map<String, Object> page = describe(ended, "done");
        String console = Urls.accountBase(session.getContext().getUri().getBaseUri()).path("/").build(realm.getName())
                .toString();
        page.put("changePasswordUrl", console + "account-security/signing-in");
        page.put("devicesUrl", console);
        return session.getProvider(LoginFormsProvider.class).setUser(user).setAttribute("kcsEndSession", page)
                .createForm(TEMPLATE);
    }

    private Response error(String messageKey) {
        return ErrorPage.error(session, null, Response.Status.BAD_REQUEST, messageKey);
    }

    private List<UserSessionModel> sessionsOf(UserModel user, EndSessionToken token) {
        if (user == null) {
            return List.of();
        }
        return new SessionLookup(session, realm).withId(token.getSessionId()).stream()
                .filter(SessionLookup.ownedBy(user))
                .toList();
    }

    private Map<String, Object> describe(UserSessionModel target, String state) {
        Map<String, Object> page = DeviceWords.of(DeviceNote.decode(target.getNote(DeviceNote.NAME)),
                target.getIpAddress(), session.getContext().resolveLocale(target.getUser()));
        page.put("state", state);
        return page;
    }

    private EndSessionToken verified(String key) throws VerificationException {
        // The realm's keys check the signature; null when there is no token or no valid signature.
        EndSessionToken token = session.tokens().decode(key, EndSessionToken.class);
        if (token == null) {
            throw new VerificationException("not a token of this realm");
        }
        return TokenVerifier.createWithoutSignature(token)
                .withChecks(TokenVerifier.IS_ACTIVE,
                        new TokenVerifier.RealmUrlCheck(Urls.realmIssuer(session.getContext().getUri().getBaseUri(),
                                realm.getName())),
                        DefaultActionToken.ACTION_TOKEN_BASIC_CHECKS,
                        t -> EndSessionToken.TOKEN_TYPE.equals(t.getActionId()) && t.getSessionId() != null)
                .verify().getToken();
    }
}
