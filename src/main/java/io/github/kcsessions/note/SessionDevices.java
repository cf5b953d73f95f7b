package io.github.kcsessions.note;

import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.geo.IpAddresses;
import org.keycloak.device.DeviceActivityManager;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.account.DeviceRepresentation;

/**
 * The device record of a session, as every reader sees it (views, searches, notifications): what the device capture
 * stored in the session, or, for a session it never saw (created before the extension was installed), what Keycloak
 * itself recorded at login. Reading splits a note; nothing is parsed.
 */
public final class SessionDevices {

    private SessionDevices() {
    }

    public static DeviceRecord of(UserSessionModel session) {
        DeviceRecord captured = DeviceNote.decode(session.getNote(DeviceNote.NAME));
        return captured != null ? captured : fromKeycloakNote(session);
    }

    private static DeviceRecord fromKeycloakNote(UserSessionModel session) {
        String ip = IpAddresses.canonical(session.getIpAddress());
        DeviceRepresentation recorded = readKeycloakNote(session);
        if (recorded == null) {
            return new DeviceRecord(null, session.getStarted(), session.getStarted(), ip, ip, null, null);
        }
        String[] browser = splitNameAndVersion(recorded.getBrowser());
        String deviceType = recorded.isMobile() ? DeviceInfo.MOBILE : DeviceInfo.UNKNOWN;
        DeviceInfo device = new DeviceInfo(null, unknownAsNull(browser[0]), browser[1], unknownAsNull(recorded.getOs()),
                unknownAsNull(recorded.getOsVersion()), deviceType, recorded.isMobile(),
                unknownAsNull(recorded.getDevice()), null, false);
        return new DeviceRecord(device, session.getStarted(), session.getStarted(), ip, ip, null, null);
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
