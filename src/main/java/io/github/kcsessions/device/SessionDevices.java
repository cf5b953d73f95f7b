package io.github.kcsessions.device;

import io.github.kcsessions.geo.IpAddresses;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.account.DeviceRepresentation;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.Base64;
import java.util.function.Function;

/**
 * The device record of a session, as every reader sees it (views, searches, notifications): what the device capture
 * stored in the session, or, for a session it never saw (created before the extension was installed), what Keycloak
 * itself recorded at login. Reading splits a note; nothing is parsed.
 */
public final class SessionDevices {

    /** Keycloak's own device note, written at login ({@code DeviceActivityManager}). */
    static final String KEYCLOAK_DEVICE_NOTE = "KC_DEVICE_NOTE";

    private SessionDevices() {
    }

    public static DeviceRecord of(UserSessionModel session) {
        return of(session::getNote, session.getIpAddress(), session.getStarted());
    }

    /** The same for a session known by its notes, its address at login and its start (a stored session). */
    public static DeviceRecord of(Function<String, String> notes, String ipAddress, int started) {
        DeviceRecord captured = DeviceNote.decode(notes.apply(DeviceNote.NAME));
        return captured != null ? captured : fromKeycloakNote(notes.apply(KEYCLOAK_DEVICE_NOTE), ipAddress, started);
    }

    private static DeviceRecord fromKeycloakNote(String note, String ipAddress, int started) {
        String ip = IpAddresses.canonical(ipAddress);
        DeviceRepresentation recorded = readKeycloakNote(note);
        if (recorded == null) {
            return new DeviceRecord(null, started, started, ip, ip, null, null);
        }
        String[] browser = splitNameAndVersion(recorded.getBrowser());
        String deviceType = recorded.isMobile() ? DeviceInfo.MOBILE : DeviceInfo.UNKNOWN;
        DeviceInfo device = new DeviceInfo(null, unknownAsNull(browser[0]), browser[1], unknownAsNull(recorded.getOs()),
                unknownAsNull(recorded.getOsVersion()), deviceType, recorded.isMobile(),
                unknownAsNull(recorded.getDevice()), null, false);
        return new DeviceRecord(device, started, started, ip, ip, null, null);
    }

    /** As Keycloak's {@code DeviceActivityManager.getCurrentDevice} reads it: Base64 of its JSON. */
    private static DeviceRepresentation readKeycloakNote(String note) {
        if (note == null) {
            return null;
        }
        try {
            return JsonSerialization.readValue(Base64.getMimeDecoder().decode(note), DeviceRepresentation.class);
        } catch (IOException | RuntimeException unreadable) {
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
