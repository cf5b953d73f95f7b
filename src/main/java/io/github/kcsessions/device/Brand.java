package io.github.kcsessions.device;

/**
 * One entry of a {@code Sec-CH-UA} or {@code Sec-CH-UA-Full-Version-List} brand list, e.g.
 * {@code "Google Chrome";v="124"}; {@code version} (major in the first, full in the second) is null when absent.
 */
public record Brand(String name, String version) {
}
