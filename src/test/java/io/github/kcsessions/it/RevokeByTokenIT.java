package io.github.kcsessions.it;

import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.github.kcsessions.it.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /sessions/revoke: the token is the proof. */
@KeycloakTest
class RevokeByTokenIT {

    private TestRealm realm;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(RevokeByTokenIT.class);
    }

    @Test
    void aRefreshTokenRevokesItsSession() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");

        assertEquals(204, revoke(tokens.refreshToken()).status());

        assertSessionGone(tokens);
    }

    @Test
    void anAccessTokenRevokesItsSession() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");

        assertEquals(204, revoke(tokens.accessToken()).status());

        assertSessionGone(tokens);
    }

    @Test
    void anIdTokenRevokesItsSession() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");

        assertEquals(204, revoke(tokens.idToken()).status());

        assertSessionGone(tokens);
    }

    @Test
    void anOfflineTokenRevokesItsOfflineSession() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access"));
        Tokens observer = realm.passwordGrant(TestRealm.SPA, "bob");
        assertEquals("Offline", Tokens.claims(tokens.refreshToken()).get("typ").asText());

        assertEquals(204, revoke(tokens.refreshToken()).status());

        assertEquals(400, realm.refresh(TestRealm.SPA, tokens.refreshToken()).status());
        assertEquals(0, Api.get(realm.api("?type=offline"), "Authorization", observer.bearer()).json()
                .get("total").asInt());
    }

    @Test
    void revokingIsIdempotent() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");

        assertEquals(204, revoke(tokens.refreshToken()).status());
        assertEquals(204, revoke(tokens.refreshToken()).status());
    }

    @Test
    void deleteWithABodyWorksToo() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");

        Http.Reply reply = Api.send("DELETE", realm.api("/revoke"), "application/json",
                "{\"sessionToken\":\"" + tokens.refreshToken() + "\"}");

        assertEquals(204, reply.status(), reply.body());
        assertSessionGone(tokens);
    }

    @Test
    void onlyTheTokensOwnSessionIsRevoked() {
        Tokens mine = realm.passwordGrant(TestRealm.SPA, "alice");
        Tokens bobs = realm.passwordGrant(TestRealm.SPA, "bob");

        revoke(mine.refreshToken());

        assertEquals(200, realm.whoami(bobs).status());
    }

    @Test
    void whatIsNotATokenOfThisRealmIsABadRequest() {
        TestRealm other = TestRealm.create(RevokeByTokenOtherRealm.class);
        Tokens foreign = other.passwordGrant(TestRealm.SPA, "alice");
        Tokens mine = realm.passwordGrant(TestRealm.SPA, "alice");
        String tampered = mine.refreshToken().substring(0, mine.refreshToken().length() - 4) + "AAAA";

        for (String token : new String[] {"garbage", "a.b.c", foreign.refreshToken(), foreign.accessToken(), tampered}) {
            assertError(revoke(token), 400, "invalid_request");
        }
        assertEquals(200, other.whoami(foreign).status(),
                "the other realm's session is untouched");
        assertEquals(200, realm.whoami(mine).status());
    }

    @Test
    void malformedBodiesAreBadRequests() {
        for (String body : new String[] {"", "{}", "null", "[]", "42", "{\"sessionToken\": 42}",
                "{\"sessionToken\": [\"x\"]}", "{\"sessionToken\": null}", "{\"sessionToken\": \"\"}",
                "{\"sessionToken\": \"x\", \"extra\": 1}", "{not json"}) {
            Http.Reply reply = Api.send("POST", realm.api("/revoke"), "application/json", body);
            assertError(reply, 400, "invalid_request");
        }
        assertError(Api.send("POST", realm.api("/revoke"), "text/plain", "{\"sessionToken\":\"x\"}"), 415,
                "unsupported_media_type");
        String huge = "{\"sessionToken\":\"" + "a".repeat(40_000) + "\"}";
        assertError(Api.send("POST", realm.api("/revoke"), "application/json", huge), 413, "payload_too_large");
    }

    private Http.Reply revoke(String token) {
        return Api.send("POST", realm.api("/revoke"), "application/json", "{\"sessionToken\":\"" + token + "\"}");
    }

    private void assertSessionGone(Tokens tokens) {
        assertError(realm.whoami(tokens), 401, "unauthorized");
        assertEquals(400, realm.refresh(TestRealm.SPA, tokens.refreshToken()).status());
    }

    /** Names the second realm. */
    private static final class RevokeByTokenOtherRealm {
    }
}
