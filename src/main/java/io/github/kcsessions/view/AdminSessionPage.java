package io.github.kcsessions.view;

import java.util.List;

/**
 * A page of an admin search: the sessions, how many match in all, and whether that count is exact; {@code false}
 * when it came from Keycloak's session table, which still counts sessions that expired in the last minutes and are
 * not yet removed (an upper bound; the pages never show them).
 */
public record AdminSessionPage(List<SessionRepresentation> sessions, int total, boolean totalExact) {
}
