package io.github.kcsessions.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The answer of a revocation by filter: how many sessions matched, how many were ended (none on a dry run), and, on a
 * dry run, the first page of what would be ended.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevocationByFilter(boolean dryRun, int matched, int revoked, List<SessionRepresentation> sessions) {
}
