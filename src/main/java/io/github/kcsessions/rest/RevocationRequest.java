package io.github.kcsessions.rest;

import io.github.kcsessions.protocol.ApiException;
import io.github.kcsessions.protocol.QueryParameters;
import io.github.kcsessions.sessions.SessionCriteria;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of a revocation by filter, checked before anything is read or changed: an unknown or repeated
 * parameter is a 400, never a wider revocation than the caller meant.
 *
 * @param expectedCount the caller's count of the matching sessions (from a dry run); any other count changes nothing
 * @param maxCount      the most sessions the caller accepts to revoke
 * @param wholeUser     {@code ?userId=X} and nothing else: all of one user's sessions, as before filters existed
 */
record RevocationRequest(SessionCriteria criteria, boolean dryRun, Integer expectedCount, Integer maxCount,
                         boolean wholeUser) {

    /** The most sessions one request may revoke: more is done in several requests. */
    static final int MAX_PER_REQUEST = 10_000;

    private static final Set<String> CONTROL = Set.of("dryRun", "expectedCount", "maxCount", "first", "max");

    static RevocationRequest parse(MultivaluedMap<String, String> query) {
        Set<String> given = new TreeSet<>(query.keySet());
        for (String name : given) {
            if (!SessionCriteria.PARAMETERS.contains(name) && !CONTROL.contains(name)) {
                throw ApiException.invalidParameter(name, "Unknown parameter '" + name + "': nothing was revoked.");
            }
            if (query.get(name).size() > 1) {
                throw ApiException.invalidParameter(name, "'" + name + "' is given more than once: nothing was revoked.");
            }
        }
        SessionCriteria criteria = SessionCriteria.parse(query::getFirst);
        boolean dry = QueryParameters.bool("dryRun", query.getFirst("dryRun"));
        Integer expected = count("expectedCount", query.getFirst("expectedCount"));
        Integer max = count("maxCount", query.getFirst("maxCount"));
        return new RevocationRequest(criteria, dry, expected, max, given.equals(Set.of("userId")));
    }

    /** Passes only when the count is what the caller stated; 409 otherwise, before anything changed. */
    void requireExpected(int matched) {
        if (expectedCount == null && maxCount == null) {
            throw ApiException.invalidParameter("expectedCount", "State how many sessions you expect to revoke "
                    + "('expectedCount', from a dry run) or at most ('maxCount'): nothing was revoked.");
        }
        if (expectedCount != null && expectedCount != matched) {
            throw mismatch(matched, "expected " + expectedCount);
        }
        if (maxCount != null && matched > maxCount) {
            throw mismatch(matched, "at most " + maxCount);
        }
        if (matched > MAX_PER_REQUEST) {
            throw mismatch(matched, "at most " + MAX_PER_REQUEST + " per request");
        }
    }

    private static ApiException mismatch(int matched, String stated) {
        return new ApiException(Response.Status.CONFLICT, "count_mismatch",
                matched + " sessions match, " + stated + ": nothing was revoked.", Map.of("matched", matched));
    }

    private static Integer count(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!raw.matches("\\d{1,9}")) {
            throw ApiException.invalidParameter(name, "'" + name + "' must be a whole number.");
        }
        return Integer.parseInt(raw);
    }
}
