package io.github.kcsessions.view;

import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.device.DeviceNote;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.geo.IpAddresses;
import io.github.kcsessions.geo.Location;
import io.github.kcsessions.view.SessionRepresentation.LocationRepresentation;
import org.keycloak.device.DeviceActivityManager;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.account.DeviceRepresentation;

/**
 * The device part of a session's view: what the device capture stored in the session, or, for sessions it never saw,
 * what Keycloak itself recorded at login.
 */
record SessionDevice(io.github.kcsessions.view.DeviceRepresentation device, LocationRepresentation location,
                     String initialIpAddress, String lastIpAddress) {

    static SessionDevice of(UserSessionModel session) {
        DeviceRecord captured = DeviceNote.decode(session.getNote(DeviceNote.NAME));
        return captured == null ? fromKeycloakNote(session) : fromCaptured(captured);
    }

    private static SessionDevice fromCaptured(DeviceRecord captured) {
        DeviceInfo info = captured.device();
        Location where = captured.location();
        return new SessionDevice(new io.github.kcsessions.view.DeviceRepresentation(
                info.userAgent(),
                info.browser(),
                info.browserVersion(),
                info.os(),
                info.osVersion(),
                info.deviceType(),
                info.mobile(),
                info.model(),
                info.vendor(),
                info.apiClient(),
                Timestamps.ofSeconds(captured.firstSeenAt()),
                Timestamps.ofSeconds(captured.lastSeenAt())),
                where == null ? null : new LocationRepresentation(where.countryCode(), where.country(), where.region(),
                        where.city()),
                captured.initialIpAddress(),
                captured.lastIpAddress());
    }

    private static SessionDevice fromKeycloakNote(UserSessionModel session) {
        DeviceRepresentation recorded = readKeycloakNote(session);
        String ip = IpAddresses.canonical(session.getIpAddress());
        if (recorded == null) {
            return new SessionDevice(null, null, ip, ip);
        }
        String[] browser = splitNameAndVersion(recorded.getBrowser());
        String firstSeen = Timestamps.ofSeconds(session.getStarted());
        return new SessionDevice(new io.github.kcsessions.view.DeviceRepresentation(
                null,
                unknownAsNull(browser[0]),
                browser[1],
                unknownAsNull(recorded.getOs()),
                unknownAsNull(recorded.getOsVersion()),
                recorded.isMobile() ? "mobile" : "unknown",
                recorded.isMobile(),
                unknownAsNull(recorded.getDevice()),
                null,
                false,
                firstSeen,
                firstSeen), null, ip, ip);
    }

    private static DeviceRepresentation readKeycloakNote(UserSessionModel session) {
        try {
            return DeviceActivityManager.getCurrentDevice(session);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Keycloak stores the browser as "Chrome/131.0.0". */
    private static String[] splitNameAndVersion(String browser) {
        if (browser == null) {
            return new String[] {null, null};
        }
        int slash = browser.lastIndexOf('/');
        return slash < 0 ? new String[] {browser, null}
                : new String[] {browser.substring(0, slash), browser.substring(slash + 1)};
    }

    private static String unknownAsNull(String value) {
        return value == null || value.isBlank() || DeviceRepresentation.UNKNOWN.equals(value)
                || "Other".equals(value) ? null : value;
    }
}
