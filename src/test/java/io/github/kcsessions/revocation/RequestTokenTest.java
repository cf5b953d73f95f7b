package io.github.kcsessions.revocation;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reading the session of a request's token by the token's id, without trusting anything else in it. */
class RequestTokenTest {

    private static String jwt(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void theSessionOfTheTokenWithThatId() {
        String token = jwt("{\"exp\":1,\"jti\":\"onrtro:abc\",\"aud\":[\"a\",{\"x\":1}],\"sid\":\"s-1\",\"typ\":\"Bearer\"}");

        assertEquals(new RequestToken("s-1"), RequestToken.read(token, "onrtro:abc"));
    }

    @Test
    void anotherTokenOfTheRequestSaysNothing() {
        assertNull(RequestToken.read(jwt("{\"jti\":\"other\",\"sid\":\"s-1\"}"), "onrtro:abc"));
    }

    @Test
    void aTokenWithoutSessionSaysNothing() {
        assertNull(RequestToken.read(jwt("{\"jti\":\"onrtro:abc\"}"), "onrtro:abc"));
        assertNull(RequestToken.read(jwt("{\"jti\":\"onrtro:abc\",\"sid\":7}"), "onrtro:abc"));
    }

    @Test
    void whatIsNotAJwtSaysNothing() {
        for (String junk : new String[] {"", "abc", "a.b", "a.%%%.c", "a." + "e30" + ".c", jwt("[1,2]"), jwt("{\"jti\":"),
                "x".repeat(20_000) + ".e30.c"}) {
            assertNull(RequestToken.read(junk, "onrtro:abc"), junk.length() > 40 ? "long" : junk);
        }
    }
}
