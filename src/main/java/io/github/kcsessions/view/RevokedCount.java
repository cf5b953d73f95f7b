package io.github.kcsessions.view;

/** The answer of a bulk revocation: how many sessions it ended. */
public record RevokedCount(int revoked) {
}
