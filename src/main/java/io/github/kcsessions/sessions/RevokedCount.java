package io.github.kcsessions.sessions;

/** The answer of a bulk revocation: how many sessions it ended. */
public record RevokedCount(int revoked) {
}
