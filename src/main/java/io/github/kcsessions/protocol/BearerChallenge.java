package io.github.kcsessions.protocol;

/**
 * The {@code WWW-Authenticate} value of a 401 (RFC 6750 section 3): no error code when the request had no credentials,
 * {@code invalid_token} with a description otherwise.
 */
final class BearerChallenge {

    private BearerChallenge() {
    }

    static String of(String realmName, ApiException e) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(quotable(realmName)).append('"');
        if (e.challenge() == ApiException.Challenge.INVALID_TOKEN) {
            challenge.append(", error=\"invalid_token\", error_description=\"").append(quotable(e.getMessage()))
                    .append('"');
        }
        return challenge.toString();
    }

    private static String quotable(String text) {
        return text.replace("\\", "").replace("\"", "'");
    }
}
