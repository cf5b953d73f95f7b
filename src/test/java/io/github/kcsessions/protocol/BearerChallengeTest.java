package io.github.kcsessions.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BearerChallengeTest {

    @Test
    void noCredentialsGetAChallengeWithoutAnErrorCode() {
        assertEquals("Bearer realm=\"demo\"", BearerChallenge.of("demo", ApiException.credentialsRequired("No token.")));
    }

    @Test
    void badCredentialsAreAnInvalidToken() {
        assertEquals("Bearer realm=\"demo\", error=\"invalid_token\", error_description=\"The token has 'expired'.\"",
                BearerChallenge.of("demo", ApiException.invalidToken("The token has \"expired\".")));
    }

    @Test
    void quotesAndBackslashesCannotBreakOutOfTheQuotedString() {
        assertEquals("Bearer realm=\"a'b\"", BearerChallenge.of("a\"b\\", ApiException.credentialsRequired("x")));
    }

    @Test
    void onlyUnauthorizedErrorsChallenge() {
        assertEquals(ApiException.Challenge.NONE, ApiException.forbidden("no").challenge());
        assertEquals(ApiException.Challenge.NONE, ApiException.invalidParameter("max", "no").challenge());
    }
}
