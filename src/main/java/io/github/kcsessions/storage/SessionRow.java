package io.github.kcsessions.storage;

/** What a page of the device table gives: which session, and its last activity (epoch seconds). */
public record SessionRow(String sessionId, boolean offline, int lastSeen) {
}
