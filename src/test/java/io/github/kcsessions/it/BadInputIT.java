package io.github.kcsessions.it;

import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.kcsessions.it.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is answered with a 4xx in the error schema, never a 500, and changes nothing. */
@KeycloakTest
class BadInputIT {

    private TestRealm realm;
    private Tokens alice;
    private Tokens aliceElsewhere;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(BadInputIT.class);
        alice = realm.passwordGrant(TestRealm.SPA, "alice");
        aliceElsewhere = realm.passwordGrant(TestRealm.SPA, "alice");
    }

    @Test
    void badPagingAndFilterValues() {
        for (String query : List.of("first=-1", "max=0", "max=101", "max=-5", "first=abc", "max=1e3",
                "first=99999999999999999999", "max=99999999999", "type=everything", "type=", "includeCurrent=yes")) {
            Http.Reply reply = Api.get(realm.api("?" + query), "Authorization", alice.bearer());
            if (query.equals("type=") || query.startsWith("includeCurrent")) {
                assertEquals(200, reply.status(), query + ": empty means default, unknown names are ignored");
                continue;
            }
            assertError(reply, 400, "invalid_parameter");
            assertTrue(reply.json().at("/details/parameter").isTextual(), query);
        }
        assertError(Api.get(realm.api("?clientId=" + "x".repeat(300)), "Authorization", alice.bearer()), 400,
                "invalid_parameter");
        for (String notANumber : List.of("first=abcdefghijklmnop", "max=1234567890123x", "max=1.5")) {
            assertEquals("'" + notANumber.split("=")[0] + "' must be an integer.", Api.get(realm.api("?" + notANumber),
                    "Authorization", alice.bearer()).json().get("message").asText(), notANumber);
        }
        assertEquals("'first' must be between 0 and 2147483647.", Api.get(realm.api("?first=99999999999999999999"),
                "Authorization", alice.bearer()).json().get("message").asText(), "a long number is out of range");
        assertError(Api.delete(realm.api("?includeCurrent=maybe"), "Authorization", alice.bearer()), 400,
                "invalid_parameter");
        assertEquals(200, Api.get(realm.api("/whoami"), "Authorization", alice.bearer()).status(), "nothing revoked");
    }

    @Test
    void oddAndOverlongIds() {
        for (String id : List.of("x".repeat(65), "a%20b", "%00", "..%5C..", "%E2%98%83", "'or'1'='1")) {
            Http.Reply get = Api.get(realm.api("/" + id), "Authorization", alice.bearer());
            Http.Reply delete = Api.delete(realm.api("/" + id), "Authorization", alice.bearer());
            assertTrue(get.status() == 400 || get.status() == 404, id + " -> " + get);
            assertError(get, get.status(), get.status() == 400 ? "invalid_parameter" : "not_found");
            assertError(delete, delete.status(), delete.status() == 400 ? "invalid_parameter" : "not_found");
        }
        assertEquals(200, Api.get(realm.api("/whoami"), "Authorization", aliceElsewhere.bearer()).status());
    }

    @Test
    void unknownPathsAndMethods() {
        Http.Reply deep = Api.unchecked("GET", realm.api("/a/b/c"), "Authorization", alice.bearer());
        assertEquals(404, deep.status());
        assertEquals("not_found", deep.json().get("error").asText());

        for (String method : List.of("PUT", "PATCH", "POST")) {
            for (String path : List.of("/whoami", "", "/some-id")) {
                Http.Reply reply = Api.unchecked(method, realm.api(path), "Authorization", alice.bearer());
                assertEquals(405, reply.status(), method + " " + path);
                assertEquals("method_not_allowed", reply.json().get("error").asText());
            }
        }
    }

    @Test
    void bodiesOfTheWrongTypeOrSize() {
        for (String body : List.of("{\"sessionToken\": {}}", "{\"sessionToken\": true}", "\"just a string\"")) {
            assertError(Api.send("POST", realm.api("/revoke"), "application/json", body), 400, "invalid_request");
        }
        assertError(Api.send("POST", realm.api("/revoke"), "application/json", "{\"sessionToken\":\"" + "x".repeat(33_000) + "\"}"),
                413, "payload_too_large");
        // The limit is 32 KiB of UTF-8: 11,000 three-byte characters are over it, though fewer than 32,768 characters.
        assertError(Api.send("POST", realm.api("/revoke"), "application/json", "{\"sessionToken\":\"" + "\u20ac".repeat(11_000) + "\"}"),
                413, "payload_too_large");
        assertEquals(200, Api.get(realm.api("/whoami"), "Authorization", alice.bearer()).status(), "nothing revoked");
    }
}
