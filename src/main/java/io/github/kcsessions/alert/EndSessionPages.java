package io.github.kcsessions.alert;

import io.github.kcsessions.device.DeviceNote;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.sessions.SessionLookup;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.Urls;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages of "This wasn't me", in the realm's login theme: template {@code kcs-end-session.ftl} (from
 * {@code themes/theme-resources}, so it works with any login theme) for the confirmation and the result, and
 * Keycloak's own error page for a link that cannot be used.
 */
final class EndSessionPages {

    static final String TEMPLATE = "kcs-end-session.ftl";
    static final String CONFIRM_PATH = "sessions/end-session";

    private final KeycloakSession session;
    private final RealmModel realm;

    EndSessionPages(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The confirmation: the session's device and place, and a form that posts the token. Changes nothing. */
    Response confirm(AuthenticationSessionModel authSession, EndSessionToken token, String key) {
        UserModel user = session.users().getUserById(realm, token.getUserId());
        List<UserSessionModel> sessions = sessionsOf(user, token);
        if (sessions.isEmpty()) {
            return error(Response.Status.BAD_REQUEST, "kcsEndSessionGone");
        }
        Map<String, Object> page = new HashMap<>(describe(sessions.get(0)));
        page.put("state", "confirm");
        page.put("key", key);
        page.put("action", realmUri().resolve(CONFIRM_PATH).toString());
        return forms(authSession, user).setAttribute("kcsEndSession", page).createForm(TEMPLATE);
    }

    /** The result: the session has ended; what to do next. */
    Response done(UserModel user, UserSessionModel ended) {
        Map<String, Object> page = new HashMap<>(describe(ended));
        page.put("state", "done");
        String console = Urls.accountBase(session.getContext().getUri().getBaseUri()).path("/").build(realm.getName())
                .toString();
        page.put("changePasswordUrl", console + "account-security/signing-in");
        page.put("devicesUrl", console);
        return forms(null, user).setAttribute("kcsEndSession", page).createForm(TEMPLATE);
    }

    Response error(Response.Status status, String messageKey) {
        return ErrorPage.error(session, null, status, messageKey);
    }

    List<UserSessionModel> sessionsOf(UserModel user, EndSessionToken token) {
        if (user == null) {
            return List.of();
        }
        return new SessionLookup(session, realm).withId(token.getSessionId()).stream()
                .filter(SessionLookup.ownedBy(user))
                .toList();
    }

    private LoginFormsProvider forms(AuthenticationSessionModel authSession, UserModel user) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class);
        if (authSession != null) {
            forms.setAuthenticationSession(authSession);
        }
        return forms.setUser(user);
    }

    private Map<String, Object> describe(UserSessionModel target) {
        DeviceRecord record = DeviceNote.decode(target.getNote(DeviceNote.NAME));
        return DeviceWords.of(record, target.getIpAddress(), session.getContext().resolveLocale(target.getUser()));
    }

    private URI realmUri() {
        return URI.create(Urls.realmBase(session.getContext().getUri().getBaseUri()).path("{realm}/")
                .build(realm.getName()).toString());
    }
}
