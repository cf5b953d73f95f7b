package io.github.kcsessions.device;

import io.github.kcsessions.geo.Location;

/**
 * What is known about the device of one user session: what the capture stored ({@link DeviceNote}), or, for a session
 * it never saw, what Keycloak recorded ({@link SessionDevices}). Times are epoch seconds; {@code device} is null when
 * nothing is known, {@code location} is where {@code lastIpAddress} is.
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
