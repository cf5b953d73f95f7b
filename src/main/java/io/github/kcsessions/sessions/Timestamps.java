package io.github.kcsessions.sessions;

import java.time.Instant;

/** The API's one time format: ISO-8601 in UTC, e.g. {@code 2026-11-22T12:00:00Z}. */
public final class Timestamps {

    private Timestamps() {
    }

    public static String ofSeconds(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    public static String ofMillis(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
