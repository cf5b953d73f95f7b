package io.github.kcsessions.it;

import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Each kind of token of a session revokes it, by POST or DELETE, twice alike, and no other session. */
    @ParameterizedTest
    @CsvSource({"POST, refresh", "POST, access", "POST, id", "DELETE, refresh"})
    void eachTokenOfASessionRevokesItAndOnlyIt(String method, String kind) {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");
        Tokens bobs = realm.passwordGrant(TestRealm.SPA, "bob");
        String token = switch (kind) {
            case "access" -> tokens.accessToken();
            case "id" -> tokens.idToken();
            default -> tokens.refreshToken();
        };

        Http.Reply reply = revoke(method, token);

        assertEquals(204, reply.status(), reply.body());
        assertEquals(204, revoke(method, token).status(), "revoking is idempotent");
        assertError(realm.whoami(tokens), 401, "unauthorized");
        assertEquals(400, realm.refresh(TestRealm.SPA, tokens.refreshToken()).status());
        assertEquals(200, realm.whoami(bobs).status());
    }

    @Test
    void whatIsNotATokenOfThisRealmIsABadRequest() {
        TestRealm other = TestRealm.create("revokebytokenit-other", r -> { });
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

    private Http.Reply revoke(String token) {
        return revoke("POST", token);
    }

    private Http.Reply revoke(String method, String token) {
        return Api.send(method, realm.api("/revoke"), "application/json", "{\"sessionToken\":\"" + token + "\"}");
    }
}
