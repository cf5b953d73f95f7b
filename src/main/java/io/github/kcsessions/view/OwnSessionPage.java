package io.github.kcsessions.view;

import java.util.List;

/**
 * A page of the caller's own sessions, how many there are in all, and whether the caller may sign them out (a page
 * shows its buttons by it: the same rule the revocations apply).
 */
public record OwnSessionPage(List<SessionRepresentation> sessions, int total, boolean canRevoke) {
}
