package io.github.kcsessions.alert;

import com.google.common.base.Throwables;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.metrics.SessionMetrics;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.LinkExpirationFormatterMethod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "new sign-in" email (template {@value #TEMPLATE}): what device, where, when and through which application, with
 * links to the "Devices & sessions" page and "This wasn't me". In the user's own language, never the request's.
 */
final class NewDeviceEmail {

    static final String TEMPLATE = "kcs-new-device.ftl";
    static final String SUBJECT = "kcsNewDeviceSubject";
    private static final String DEVICES_THEME = "session-devices";
    private static final Logger LOG = Logger.getLogger(NewDeviceEmail.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final URI baseUri;

    NewDeviceEmail(KeycloakSession session, RealmModel realm, UserModel user, URI baseUri) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.baseUri = baseUri;
    }

    void send(NewDeviceCheck signIn, DeviceRecord record) {
        if (user.getEmail() == null || realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            LOG.debugf("New device for user %s, but no email address or no SMTP settings in realm %s",
                    user.getId(), realm.getName());
            SessionMetrics.newDeviceEmail(realm.getName(), "no_address");
            return;
        }
        Locale locale = session.getContext().resolveLocale(user, true);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        attributes.putAll(DeviceWords.of(record, null, locale));
        attributes.put("signedInAt", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(signIn.time())) + " UTC");
        attributes.put("application", applicationName(signIn.clientId()));
        attributes.put("devicesUrl", devicesPageUrl());
        attributes.put("endSessionUrl", endSessionUrl(signIn));
        attributes.put("linkExpiration", Math.max(1, lifespan(signIn) / 60));
        attributes.put("linkExpirationFormatter", linkExpirationFormatter(locale));
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(SUBJECT, List.of(realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName()),
                            TEMPLATE, attributes);
            SessionMetrics.newDeviceEmail(realm.getName(), "sent");
        } catch (EmailException e) {
            SessionMetrics.newDeviceEmail(realm.getName(), "failed");
            // Lost only as an email: the sign-in is long done, and the device is remembered anyway.
            Throwable root = Throwables.getRootCause(e);
            LOG.warnf("Could not send the new-device email for session %s of user %s in realm %s: %s",
                    signIn.sessionId(), user.getId(), realm.getName(),
                    root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
        }
    }

    /** Keycloak's own "12 hours" / "7 days" wording of a link's lifespan, as its action-token emails have it. */
    private LinkExpirationFormatterMethod linkExpirationFormatter(Locale locale) {
        try {
            return new LinkExpirationFormatterMethod(session.theme().getTheme(Theme.Type.EMAIL).getMessages(locale),
                    locale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String applicationName(String clientId) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        if (client == null) {
            return clientId == null ? "" : clientId;
        }
        String name = client.getName();
        // Names written as ${key} are message keys of the admin console; the client id says more in an email.
        return name == null || name.isBlank() || name.startsWith("${") ? client.getClientId() : name;
    }

    /** The "Devices & sessions" page when the realm's account console has it, else the account console itself. */
    private String devicesPageUrl() {
        String console = Urls.accountBase(baseUri).path("/").build(realm.getName()).toString();
        return hasDevicesPage() ? console + "content/devices-and-sessions" : console;
    }

    private boolean hasDevicesPage() {
        String name = realm.getAccountTheme();
        try {
            for (int depth = 0; name != null && depth < 8; depth++) {
                if (DEVICES_THEME.equals(name)) {
                    return true;
                }
                Theme theme = session.theme().getTheme(name, Theme.Type.ACCOUNT);
                name = theme == null ? null : theme.getParentName();
            }
        } catch (IOException e) {
            LOG.debugf("Could not read account theme %s: %s", name, e.getMessage());
        }
        return false;
    }

    private String endSessionUrl(NewDeviceCheck signIn) {
        int expiresAt = Time.currentTime() + lifespan(signIn);
        String token = new EndSessionToken(user.getId(), signIn.sessionId(), expiresAt).serialize(session, realm, baseUri);
        // Keycloak's action-token endpoint, without the client and tab ids of a login flow: this link starts none.
        return Urls.loginActionsBase(baseUri).path(LoginActionsService.class, "executeActionToken")
                .queryParam(Constants.KEY, token).build(realm.getName()).toString();
    }

    /** The realm's lifespan for this link when it sets one (as for Keycloak's own action tokens), else the server's. */
    private int lifespan(NewDeviceCheck signIn) {
        Integer override = realm.getUserActionTokenLifespans().get(EndSessionToken.TOKEN_TYPE);
        return override != null ? override : signIn.linkLifespan();
    }
}
