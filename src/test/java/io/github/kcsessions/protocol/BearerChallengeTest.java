package io.github.kcsessions.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BearerChallengeTest {

    @Test
    void noCredentialsGetAChallengeWithoutAnErrorCode() {
        assertEquals("Bearer realm=\"demo\"", ApiException.credentialsRequired("none").bearerChallenge("demo"));
    }

    @Test
    void badCredentialsAreAnInvalidToken() {
        assertEquals("Bearer realm=\"demo\", error=\"invalid_token\", error_description=\"The token has 'expired'.\"",
                ApiException.invalidToken("The token has \"expired\".").bearerChallenge("demo"));
    }

    @Test
    void quotesAndBackslashesCannotBreakOutOfTheQuotedString() {
        assertEquals("Bearer realm=\"a'b\"", ApiException.credentialsRequired("x").bearerChallenge("a\"b\\"));
    }

    @Test
    void onlyUnauthorizedErrorsChallenge() {
        assertEquals(ApiException.Challenge.NONE, ApiException.forbidden("no").challenge());
        assertEquals(ApiException.Challenge.NONE, ApiException.invalidParameter("max", "no").challenge());
    }
}
