package io.github.kcsessions.device;

import io.github.kcsessions.geo.Location;

/**
 * What is known about the device of one user session: what the device capture stored in the session with
 * {@link DeviceNote}, or, for a session the capture never saw, what Keycloak itself recorded (see
 * {@link SessionDevices}).
 *
 * @param device           the device as last identified: from the first request, re-read when a later captured
 *                         request brings another user agent; null when nothing is known about it
 * @param firstSeenAt      when the session first came from this device, epoch seconds
 * @param lastSeenAt       when it was last seen, epoch seconds
 * @param initialIpAddress the address of the first request
 * @param lastIpAddress    the address of the latest request
 * @param location         where {@code lastIpAddress} is; null when unknown
 * @param initialLocation  where {@code initialIpAddress} is; null when unknown
 */
public record DeviceRecord(DeviceInfo device, long firstSeenAt, long lastSeenAt, String initialIpAddress,
                           String lastIpAddress, Location location, Location initialLocation) {

    /** This record with the device a later request showed (the browser was updated, say); times and addresses kept. */
    public DeviceRecord withDevice(DeviceInfo newDevice) {
        return new DeviceRecord(newDevice, firstSeenAt, lastSeenAt, initialIpAddress, lastIpAddress, location,
                initialLocation);
    }

    /** This record after another request of the session, from {@code ipAddress} located at {@code location}. */
    public DeviceRecord seenAgain(long at, String ipAddress, Location location) {
        return new DeviceRecord(device, firstSeenAt, at, initialIpAddress, ipAddress, location, initialLocation);
    }
}
