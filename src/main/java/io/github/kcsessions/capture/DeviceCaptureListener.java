package io.github.kcsessions.capture;

import io.github.kcsessions.device.ClientHints;
import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.device.DeviceNote;
import io.github.kcsessions.device.DeviceParser;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.geo.GeoIpLookup;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.util.TokenUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the device note of a session from the request that created or used it. Success events arrive synchronously
 * in the request's own transaction, so the request's headers and client address are those of the event.
 *
 * <p>A login (new session, direct grant, or browser SSO re-authentication) is always the user's device. A code
 * exchange or token refresh counts only for a public client: a confidential client makes those calls from its own
 * server, which is not the user's device.
 */
final class DeviceCaptureListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(DeviceCaptureListener.class);

    private final KeycloakSession session;
    private final DeviceParser parser;
    private final GeoIpLookup geoIp;

    DeviceCaptureListener(KeycloakSession session, DeviceParser parser, GeoIpLookup geoIp) {
        this.session = session;
        this.parser = parser;
        this.geoIp = geoIp;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getSessionId() == null || !isCapturing(event)) {
            return;
        }
        try {
            capture(event);
        } catch (RuntimeException e) {
            // Device data is a nicety: it must never fail a login.
            LOG.warnf(e, "Could not record the device of session %s", event.getSessionId());
        }
    }

    private boolean isCapturing(Event event) {
        EventType type = event.getType();
        if (type == EventType.LOGIN) {
            return true;
        }
        if (type == EventType.REFRESH_TOKEN || type == EventType.CODE_TO_TOKEN) {
            return isPublicClient(event);
        }
        return false;
    }

    private boolean isPublicClient(Event event) {
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = event.getClientId() == null ? null : realm.getClientByClientId(event.getClientId());
        return client != null && client.isPublicClient();
    }

    private void capture(Event event) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null) {
            return;
        }
        HttpHeaders headers = request.getHttpHeaders();
        String ip = session.getContext().getConnection().getRemoteAddr();
        long now = Time.currentTime();
        for (UserSessionModel target : sessionsOf(event)) {
            DeviceRecord previous = DeviceNote.decode(target.getNote(DeviceNote.NAME));
            String userAgent = headers.getHeaderString(HttpHeaders.USER_AGENT);
            DeviceRecord next;
            if (previous == null) {
                DeviceInfo device = parser.parse(userAgent, ClientHints.from(headers::getHeaderString));
                String initialIp = target.getIpAddress() != null ? target.getIpAddress() : ip;
                next = new DeviceRecord(device, target.getStarted(), now, initialIp, ip, geoIp.locate(ip));
            } else {
                next = previous.seenAgain(now, ip, sameAddress(previous, ip) ? previous.location() : geoIp.locate(ip));
                if (!Objects.equals(truncate(userAgent), previous.device().userAgent()) && userAgent != null) {
                    next = new DeviceRecord(parser.parse(userAgent, ClientHints.from(headers::getHeaderString)),
                            next.firstSeenAt(), next.lastSeenAt(), next.initialIpAddress(), next.lastIpAddress(),
                            next.location());
                }
            }
            target.setNote(DeviceNote.NAME, DeviceNote.encode(next));
        }
    }

    private static boolean sameAddress(DeviceRecord previous, String ip) {
        return Objects.equals(previous.lastIpAddress(), ip);
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= DeviceInfo.MAX_USER_AGENT_LENGTH ? userAgent
                : userAgent.substring(0, DeviceInfo.MAX_USER_AGENT_LENGTH);
    }

    /**
     * The sessions the event is about. A login updates the online session and an offline session created in the same
     * request (Keycloak copies the online session's notes into it before this listener runs); a refresh updates the
     * kind of session its refresh token belongs to.
     */
    private List<UserSessionModel> sessionsOf(Event event) {
        RealmModel realm = session.getContext().getRealm();
        String id = event.getSessionId();
        String tokenType = event.getDetails() == null ? null : event.getDetails().get(Details.REFRESH_TOKEN_TYPE);
        List<UserSessionModel> found = new ArrayList<>(2);
        if (event.getType() == EventType.REFRESH_TOKEN) {
            UserSessionModel target = TokenUtil.TOKEN_TYPE_OFFLINE.equals(tokenType)
                    ? session.sessions().getOfflineUserSession(realm, id)
                    : session.sessions().getUserSession(realm, id);
            if (target != null) {
                found.add(target);
            }
            return found;
        }
        UserSessionModel online = session.sessions().getUserSession(realm, id);
        UserSessionModel offline = session.sessions().getOfflineUserSession(realm, id);
        if (online != null) {
            found.add(online);
        }
        if (offline != null) {
            found.add(offline);
        }
        return found;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
