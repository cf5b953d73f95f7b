package io.github.kcsessions.view;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The device behind a session. {@code deviceType} is one of desktop, mobile, tablet, bot, unknown; {@code mobile}
 * is true for phones and tablets; {@code apiClient} is true for developer tools and HTTP libraries.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceRepresentation(
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
