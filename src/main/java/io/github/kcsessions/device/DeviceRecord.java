package io.github.kcsessions.device;

import io.github.kcsessions.geo.Location;
import java.util.Objects;

/**
 * What is remembered about the device of one user session, stored in the session with {@link DeviceNote}.
 *
 * @param device           the device as last identified: from the first request, re-read when a later captured
 *                         request brings another user agent; never null
 * @param firstSeenAt      when the session first came from this device, epoch seconds
 * @param lastSeenAt       when it was last seen, epoch seconds
 * @param initialIpAddress the address of the first request
 * @param lastIpAddress    the address of the latest request
 * @param location         where {@code lastIpAddress} is; null when unknown
 */
public record DeviceRecord(DeviceInfo device, long firstSeenAt, long lastSeenAt, String initialIpAddress,
                           String lastIpAddress, Location location) {

    public DeviceRecord {
        Objects.requireNonNull(device, "device");
    }

    /** This record with the device a later request showed (the browser was updated, say); times and addresses kept. */
    public DeviceRecord withDevice(DeviceInfo newDevice) {
        return new DeviceRecord(newDevice, firstSeenAt, lastSeenAt, initialIpAddress, lastIpAddress, location);
    }

    /** This record after another request of the session, from {@code ipAddress} located at {@code location}. */
    public DeviceRecord seenAgain(long at, String ipAddress, Location location) {
        return new DeviceRecord(device, firstSeenAt, at, initialIpAddress, ipAddress, location);
    }
}
