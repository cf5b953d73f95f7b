package io.github.kcsessions.device;

/**
 * One entry of a {@code Sec-CH-UA} or {@code Sec-CH-UA-Full-Version-List} brand list, e.g. {@code "Google Chrome";v="124"}.
 *
 * @param name    the brand as the browser spells it, e.g. "Google Chrome", "Microsoft Edge", "Chromium"
 * @param version the {@code v} parameter: a major version in {@code Sec-CH-UA}, a full one in the full version list;
 *                null when absent
 */
public record Brand(String name, String version) {
}
