package io.github.kcsessions.capture;

import io.github.kcsessions.device.ClientHints;
import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.device.DeviceNote;
import io.github.kcsessions.device.DeviceParser;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.geo.GeoIpLookup;
import io.github.kcsessions.geo.IpAddresses;
import io.github.kcsessions.geo.Location;
import io.github.kcsessions.metrics.SessionMetrics;
import io.github.kcsessions.sessions.SessionLookup;
import io.github.kcsessions.storage.DeviceSessions;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.keycloak.common.ClientConnection;
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

import java.util.List;
import java.util.Objects;

/**
 * Writes the device note of a session from the request that created or used it: success events arrive in the request,
 * so its headers and address are the event's. A login is always the user's device; a code exchange or refresh counts
 * only for a public client, since a confidential one makes those calls from its own server.
 */
final class DeviceCaptureListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(DeviceCaptureListener.class);

    private final KeycloakSession session;
    private final DeviceParser parser;
    private final GeoIpLookup geoIp;
    private final SessionActivity activity;
    /** False when writing the device table is switched off (for measurements only). */
    private final boolean writeTable;
    private DeviceSessions table;

    DeviceCaptureListener(KeycloakSession session, DeviceParser parser, GeoIpLookup geoIp, SessionActivity activity,
                          boolean writeTable) {
        this.session = session;
        this.parser = parser;
        this.geoIp = geoIp;
        this.activity = activity;
        this.writeTable = writeTable;
    }

    /** The device table, opened on first use: most events this listener sees need none. */
    private DeviceSessions table() {
        if (table == null) {
            table = new DeviceSessions(session);
        }
        return table;
    }

    @Override
    public void onEvent(Event event) {
        EventType type = event.getType();
        if (event.getSessionId() == null || (type != EventType.LOGIN && type != EventType.CODE_TO_TOKEN
                && type != EventType.REFRESH_TOKEN && type != EventType.TOKEN_EXCHANGE)) {
            return;
        }
        try {
            ClientModel client = client(event);
            if (type == EventType.LOGIN || client != null && client.isPublicClient() && type != EventType.TOKEN_EXCHANGE) {
                capture(event, client);
            } else if (writeTable) {
                // A confidential client's server, not the user's device: only the session's activity is recorded.
                activity.touched(table(), event.getSessionId(), isOfflineRefresh(event), Time.currentTime());
            }
        } catch (RuntimeException e) {
            // Device data is a nicety: it must never fail a login.
            LOG.warnf(e, "Could not record the device of session %s", event.getSessionId());
            SessionMetrics.captureProblem(realmName(), "failed");
        }
    }

    private ClientModel client(Event event) {
        RealmModel realm = session.getContext().getRealm();
        return event.getClientId() == null || realm == null ? null : realm.getClientByClientId(event.getClientId());
    }

    private static boolean isOfflineRefresh(Event event) {
        return event.getDetails() != null
                && TokenUtil.TOKEN_TYPE_OFFLINE.equals(event.getDetails().get(Details.REFRESH_TOKEN_TYPE));
    }

    private void capture(Event event, ClientModel client) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null) {
            return;
        }
        List<UserSessionModel> targets = sessionsOf(event);
        if (targets.isEmpty()) {
            return;
        }
        ObservedRequest observed = new ObservedRequest(request.getHttpHeaders(), clientAddress());
        observed.count();
        long now = Time.currentTime();
        boolean joined = event.getType() != EventType.REFRESH_TOKEN;
        for (UserSessionModel target : targets) {
            DeviceRecord previous = DeviceNote.decode(target.getNote(DeviceNote.NAME));
            DeviceRecord next;
            if (previous == null) {
                // Keycloak's own record of the session's first address, when it has one (a session the capture
                // never saw before, refreshed now), spelled as the capture spells addresses.
                String initialIp = target.getIpAddress() != null ? IpAddresses.canonical(target.getIpAddress())
                        : observed.ip;
                Location initialLocation = Objects.equals(initialIp, observed.ip) ? observed.location()
                        : geoIp.locate(initialIp);
                next = new DeviceRecord(observed.device(), target.getStarted(), now, initialIp, observed.ip,
                        observed.location(), initialLocation);
            } else {
                boolean sameAddress = Objects.equals(previous.lastIpAddress(), observed.ip);
                next = previous.seenAgain(now, observed.ip, sameAddress ? previous.location() : observed.location());
                if (observed.userAgent != null && !observed.userAgent.equals(previous.device().userAgent())) {
                    next = next.withDevice(observed.device());
                }
            }
            target.setNote(DeviceNote.NAME, DeviceNote.encode(next));
            if (writeTable) {
                index(target, client, previous, next, joined);
            }
        }
    }

    /**
     * The session's row of the device table: at a sign-in or code exchange always (a session, or a client in it,
     * may be new); at a refresh only when a filtered field changed or a minute has passed since the last write, which
     * the previous record tells, as Keycloak coarsens its own writes of the last refresh.
     */
    private void index(UserSessionModel target, ClientModel client, DeviceRecord previous, DeviceRecord next,
                       boolean joined) {
        String realmId = target.getRealm().getId();
        boolean changed = previous == null || joined
                || previous.lastSeenAt() / 60 != next.lastSeenAt() / 60
                || !DeviceSessions.filteredFields(previous).equals(DeviceSessions.filteredFields(next));
        if (changed) {
            table().save(realmId, target.getUser().getId(), target.getId(), target.isOffline(), next,
                    (int) next.lastSeenAt(), true);
            activity.written(target.getId(), target.isOffline(), (int) next.lastSeenAt());
        }
        if (joined && client != null) {
            table().addClient(realmId, target.getId(), target.isOffline(), client.getId());
        }
    }

    /**
     * The client's address as Keycloak read it. A proxy's bracketed IPv6 ({@code [2001:db8::1]:4711}) leaves the
     * server without a resolved address, only with the host text, which is then the address.
     */
    private String clientAddress() {
        ClientConnection connection = session.getContext().getConnection();
        String address = IpAddresses.canonical(connection.getRemoteAddr());
        return address != null ? address : IpAddresses.canonical(connection.getRemoteHost());
    }

    /** What one request shows; parsed and located at most once, and only when needed, whatever the session count. */
    private final class ObservedRequest {

        private final HttpHeaders headers;
        private final String userAgent;
        private final String ip;
        private DeviceInfo device;
        private Location location;
        private boolean located;

        ObservedRequest(HttpHeaders headers, String ip) {
            this.headers = headers;
            this.userAgent = DeviceParser.normalizeUserAgent(headers.getHeaderString(HttpHeaders.USER_AGENT));
            this.ip = ip;
        }

        DeviceInfo device() {
            if (device == null) {
                device = parser.parse(userAgent, ClientHints.from(headers::getHeaderString));
                if (userAgent != null && device.browser() == null && device.os() == null) {
                    SessionMetrics.captureProblem(realmName(), "unrecognised_user_agent");
                }
            }
            return device;
        }

        /** The capture, and what it lacked, for the metrics: only what is known without parsing more. */
        void count() {
            String realm = realmName();
            SessionMetrics.capture(realm);
            if (userAgent == null) {
                SessionMetrics.captureProblem(realm, "no_user_agent");
            }
            if (geoIp == GeoIpLookup.UNUSABLE) {
                SessionMetrics.captureProblem(realm, "geoip_database_unusable");
            }
        }

        Location location() {
            if (!located) {
                location = geoIp.locate(ip);
                located = true;
                if (location == null && geoIp != GeoIpLookup.DISABLED && geoIp != GeoIpLookup.UNUSABLE
                        && IpAddresses.isPublic(ip)) {
                    SessionMetrics.captureProblem(realmName(), "no_location");
                }
            }
            return location;
        }
    }

    /**
     * The sessions the event is about. A login or code exchange updates the online session and an offline session
     * with the same id (one created in the same request starts with a copy of the online session's notes; since
     * Keycloak 26.1, an offline token asked for in the first request leaves only the offline session); a refresh
     * updates the kind of session its refresh token belongs to.
     */
    private List<UserSessionModel> sessionsOf(Event event) {
        SessionLookup lookup = new SessionLookup(session, session.getContext().getRealm());
        String id = event.getSessionId();
        if (event.getType() == EventType.REFRESH_TOKEN) {
            UserSessionModel target = lookup.get(id, isOfflineRefresh(event));
            return target == null ? List.of() : List.of(target);
        }
        return lookup.withId(id);
    }

    private String realmName() {
        RealmModel realm = session.getContext().getRealm();
        return realm == null ? "" : realm.getName();
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
