package io.github.kcsessions.sessions;

import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.device.SessionDevices;
import io.github.kcsessions.geo.Location;
import io.github.kcsessions.sessions.SessionRepresentation.ClientRepresentation;
import io.github.kcsessions.sessions.SessionRepresentation.IdentityRepresentation;
import io.github.kcsessions.sessions.SessionRepresentation.LocationRepresentation;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

import java.util.List;
import java.util.Objects;

/**
 * Builds {@link SessionRepresentation}s: the one place that decides what a session looks like on the wire.
 * Reads only what the session already holds (fields and notes); nothing is parsed here.
 */
public final class SessionViews {

    private final RealmModel realm;

    public SessionViews(RealmModel realm) {
        this.realm = realm;
    }

    /**
     * The caller's own session, with who they are.
     *
     * @param token the caller's access token (its issue and expiry times are shown); null for a caller by cookie
     */
    public SessionRepresentation whoami(UserSessionModel session, AccessToken token) {
        return build(session, true, identity(session.getUser()), token);
    }

    /** A session in a list: no identity, no token data. */
    public SessionRepresentation item(UserSessionModel session, boolean current) {
        return build(session, current, null, null);
    }

    private SessionRepresentation build(UserSessionModel session, boolean current, IdentityRepresentation identity,
                                        AccessToken token) {
        UserModel user = session.getUser();
        DeviceRecord device = SessionDevices.of(session);
        long expires = SessionExpiry.expiresAtMillis(realm, session);
        return new SessionRepresentation(
                session.getId(),
                user.getId(),
                user.getUsername(),
                identity,
                SessionRepresentation.ACTIVE,
                current,
                session.isOffline(),
                session.isRememberMe(),
                Timestamps.ofSeconds(session.getStarted()),
                Timestamps.ofSeconds(session.getLastSessionRefresh()),
                expires < 0 ? null : Timestamps.ofMillis(expires),
                token == null || token.getIat() == null ? null : Timestamps.ofSeconds(token.getIat()),
                token == null || token.getExp() == null ? null : Timestamps.ofSeconds(token.getExp()),
                device.lastIpAddress(),
                device.initialIpAddress(),
                clients(session),
                device(device),
                location(device.location()),
                location(device.initialLocation()));
    }

    private static SessionDeviceRepresentation device(DeviceRecord record) {
        DeviceInfo info = record.device();
        if (info == null) {
            return null;
        }
        return new SessionDeviceRepresentation(info.userAgent(), info.browser(), info.browserVersion(), info.os(),
                info.osVersion(), info.deviceType(), info.mobile(), info.model(), info.vendor(), info.apiClient(),
                Timestamps.ofSeconds(record.firstSeenAt()), Timestamps.ofSeconds(record.lastSeenAt()));
    }

    private static LocationRepresentation location(Location where) {
        return where == null ? null
                : new LocationRepresentation(where.countryCode(), where.country(), where.region(), where.city());
    }

    private List<ClientRepresentation> clients(UserSessionModel session) {
        return session.getAuthenticatedClientSessions().keySet().stream()
                .map(realm::getClientById)
                .filter(Objects::nonNull)
                .map(client -> new ClientRepresentation(client.getClientId(), client.getName()))
                .toList();
    }

    private static IdentityRepresentation identity(UserModel user) {
        String name = String.join(" ", nonBlank(user.getFirstName()), nonBlank(user.getLastName())).trim();
        return new IdentityRepresentation(user.getId(), user.getUsername(), name.isEmpty() ? user.getUsername() : name,
                user.getEmail());
    }

    private static String nonBlank(String value) {
        return value == null ? "" : value.trim();
    }
}
