package io.github.kcsessions.search;

import io.github.kcsessions.note.NoteMarkers;
import io.github.kcsessions.query.PersistedSessionIndex.RowFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The device and activity filters of a search as conditions Keycloak's session table can evaluate: {@code LIKE}
 * patterns on the device note (v2) in each row's text, and the last-activity column. Sessions without a v2 device note
 * (the capture never saw them) have no device fields there and match no device filter on this path.
 */
final class DatabaseFilter {

    private DatabaseFilter() {
    }

    /** The filter, or empty when an {@code ip} prefix is not a whole block and needs the JVM's text comparison. */
    static Optional<RowFilter> of(SessionCriteria criteria, String userId) {
        List<List<String>> like = new ArrayList<>();
        if (criteria.ip() != null) {
            if (criteria.ip().range() == null) {
                return Optional.empty();
            }
            like.add(NoteMarkers.lastOrFirstIp(criteria.ip().range().hexPatterns()));
        }
        if (criteria.country() != null) {
            like.add(List.of(NoteMarkers.country(criteria.country())));
        }
        if (criteria.browser() != null) {
            like.add(List.of(NoteMarkers.browser(criteria.browser())));
        }
        if (criteria.os() != null) {
            like.add(List.of(NoteMarkers.os(criteria.os())));
        }
        if (criteria.apiClient() != null) {
            like.add(List.of(NoteMarkers.apiClient(criteria.apiClient())));
        }
        return Optional.of(new RowFilter(userId, criteria.activeSince(), criteria.activeUntil(), like));
    }
}
