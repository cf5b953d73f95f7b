package io.github.kcsessions.view;

import java.util.List;

/**
 * A page of an admin search: the sessions, how many match, and whether that count is complete; {@code false} when the
 * database stopped counting, so that more sessions than {@code total} match.
 */
public record AdminSessionPage(List<SessionRepresentation> sessions, int total, boolean totalExact) {
}
