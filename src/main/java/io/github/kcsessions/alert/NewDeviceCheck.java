package io.github.kcsessions.alert;

import io.github.kcsessions.device.DeviceNote;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.metrics.SessionMetrics;
import io.github.kcsessions.sessions.SessionLookup;
import io.github.kcsessions.storage.KnownDeviceStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * After one sign-in has committed: is its device new for this account? Updates the account's known devices and, for a
 * new device, sends the email. An account's first device is only learned, and a device without a user agent is neither
 * remembered nor reported (docs/new-device-email.md).
 */
record NewDeviceCheck(String realmId, String userId, String sessionId, String clientId, long time, URI baseUri,
                      int linkLifespan) {

    private static final Logger LOG = Logger.getLogger(NewDeviceCheck.class);

    void run(KeycloakSessionFactory factory) {
        try {
            DeviceRecord news = sight(factory);
            if (news == null) {
                return;
            }
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                UserModel user = session.users().getUserById(realm, userId);
                if (user != null) {
                    new NewDeviceEmail(session, realm, user, baseUri).send(this, news);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "New-device check of session %s failed; no email was sent for it", sessionId);
        }
    }

    /**
     * The device when it is news to report, else null; committed when this returns, so that a simultaneous sign-in
     * of the same device never waits for an email being sent.
     */
    private DeviceRecord sight(KeycloakSessionFactory factory) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, this::claim);
        } catch (RuntimeException raced) {
            // Not every database lets the claim skip a row another sign-in inserted meanwhile (H2 has no
            // "on conflict"); that row has committed now, and the second reading finds the device known.
            LOG.debugf("New-device check of session %s retried: %s", sessionId, raced.toString());
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, this::claim);
        }
    }

    private DeviceRecord claim(KeycloakSession session) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return null;
        }
        session.getContext().setRealm(realm);
        UserModel user = session.users().getUserById(realm, userId);
        List<UserSessionModel> sessions = new SessionLookup(session, realm).withIdOutsideRequest(sessionId);
        if (user == null || sessions.isEmpty()) {
            return null;
        }
        DeviceRecord device = DeviceNote.decode(sessions.get(0).getNote(DeviceNote.NAME));
        if (device == null || !DeviceKey.isRecognisable(device.device())) {
            return null;
        }
        long today = Instant.ofEpochMilli(time).atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
        KnownDeviceStore.Sighting sighting = new KnownDeviceStore(session).signedIn(realmId, user.getId(),
                DeviceKey.of(device.device()).value(), today);
        if (sighting == KnownDeviceStore.Sighting.NEW) {
            return device;
        }
        SessionMetrics.newDeviceEmail(realm.getName(),
                sighting == KnownDeviceStore.Sighting.FIRST ? "first_device" : "known_device");
        return null;
    }
}
