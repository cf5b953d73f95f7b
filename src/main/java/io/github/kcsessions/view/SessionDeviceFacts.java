package io.github.kcsessions.view;

import org.keycloak.models.UserSessionModel;

/**
 * The device facts of a session that searches filter on, read through the same code as the session's view
 * ({@link SessionDevice}), so that a filter never disagrees with what the API shows for the same session.
 *
 * @param ipAddress        the last seen address, as {@code ipAddress} in the view
 * @param initialIpAddress the address at login, as {@code initialIpAddress} in the view
 * @param countryCode      {@code location.countryCode}, or null when unknown
 * @param browser          {@code device.browser}, or null when unknown
 * @param os               {@code device.os}, or null when unknown
 * @param apiClient        {@code device.apiClient}; false when nothing is known about the device
 */
public record SessionDeviceFacts(String ipAddress, String initialIpAddress, String countryCode, String browser,
                                 String os, boolean apiClient) {

    public static SessionDeviceFacts of(UserSessionModel session) {
        SessionDevice device = SessionDevice.of(session);
        DeviceRepresentation shown = device.device();
        return new SessionDeviceFacts(
                device.lastIpAddress(),
                device.initialIpAddress(),
                device.location() == null ? null : device.location().countryCode(),
                shown == null ? null : shown.browser(),
                shown == null ? null : shown.os(),
                shown != null && shown.apiClient());
    }
}
