package io.github.kcsessions.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The device behind a session, on the wire. {@code deviceType} is one of desktop, mobile, tablet, bot, unknown;
 * {@code mobile} is true for phones and tablets; {@code apiClient} is true for developer tools and HTTP libraries.
 * (Not Keycloak's {@code org.keycloak.representations.account.DeviceRepresentation}, which groups sessions by device.)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionDeviceRepresentation(
        String userAgent,
        String browser,
        String browserVersion,
        String os,
        String osVersion,
        String deviceType,
        boolean mobile,
        String model,
        String vendor,
        boolean apiClient,
        String firstSeenAt,
        String lastSeenAt) {
}
