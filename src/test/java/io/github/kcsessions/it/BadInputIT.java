package io.github.kcsessions.it;

import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.ServerLog;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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
        // The last four: digits of other scripts are digits to some parsers; here they are not a number.
        for (String query : List.of("first=-1", "max=0", "max=101", "max=-5", "first=abc", "max=1e3",
                "first=99999999999999999999", "max=99999999999", "type=everything", "clientId=" + "x".repeat(300),
                "first=%D9%A1", "max=%D9%A1", "max=%EF%BC%95", "first=%E0%A5%A7")) {
            assertTrue(assertError(aliceGets("?" + query), 400, "invalid_parameter").at("/details/parameter")
                    .isTextual(), query);
        }
        for (String query : List.of("type=", "includeCurrent=yes")) {
            assertEquals(200, aliceGets("?" + query).status(),
                    query + ": empty means default, unknown names are ignored");
        }
        for (String notANumber : List.of("first=abcdefghijklmnop", "max=1234567890123x", "max=1.5")) {
            assertEquals("'" + notANumber.split("=")[0] + "' must be an integer.",
                    aliceGets("?" + notANumber).json().get("message").asText(), notANumber);
        }
        assertEquals("'first' must be between 0 and 2147483647.", aliceGets("?first=99999999999999999999").json()
                .get("message").asText(), "a long number is out of range");
        assertError(Api.delete(realm.api("?includeCurrent=maybe"), "Authorization", alice.bearer()), 400,
                "invalid_parameter");
        assertEquals(200, realm.whoami(alice).status(), "nothing revoked");
    }

    @Test
    void oddAndOverlongIds() {
        for (String id : List.of("x".repeat(65), "a%20b", "%00", "..%5C..", "%E2%98%83", "'or'1'='1")) {
            Http.Reply get = aliceGets("/" + id);
            Http.Reply delete = Api.delete(realm.api("/" + id), "Authorization", alice.bearer());
            assertTrue(get.status() == 400 || get.status() == 404, id + " -> " + get);
            assertError(get, get.status(), get.status() == 400 ? "invalid_parameter" : "not_found");
            assertError(delete, delete.status(), delete.status() == 400 ? "invalid_parameter" : "not_found");
        }
        assertEquals(200, realm.whoami(aliceElsewhere).status());
    }

    @Test
    void bodiesOfTheWrongTypeOrSize() {
        for (String body : List.of("", "{}", "null", "[]", "42", "{\"sessionToken\": 42}",
                "{\"sessionToken\": [\"x\"]}", "{\"sessionToken\": null}", "{\"sessionToken\": \"\"}",
                "{\"sessionToken\": \"x\", \"extra\": 1}", "{not json", "{\"sessionToken\": {}}",
                "{\"sessionToken\": true}", "\"just a string\"")) {
            assertError(Api.send("POST", realm.api("/revoke"), "application/json", body), 400, "invalid_request");
        }
        assertError(Api.send("POST", realm.api("/revoke"), "text/plain", "{\"sessionToken\":\"x\"}"), 415,
                "unsupported_media_type");
        // The limit is 32 KiB of UTF-8: 11,000 three-byte characters are over it, though fewer than 32,768 characters.
        for (String token : List.of("x".repeat(33_000), "a".repeat(40_000), "\u20ac".repeat(11_000))) {
            assertError(Api.send("POST", realm.api("/revoke"), "application/json", "{\"sessionToken\":\"" + token
                    + "\"}"), 413, "payload_too_large");
        }
        assertEquals(200, realm.whoami(alice).status(), "nothing revoked");
    }

    /** A client that builds /sessions/${id} from an empty id must never sign the user out anywhere. */
    @Test
    void anEmptyIdNeverWidensARevocation() {
        Tokens other = realm.passwordGrant(TestRealm.SPA, "alice");
        for (String method : List.of("DELETE", "GET")) {
            Http.Reply reply = Http.method(method, realm.api("/"), null, null, "Authorization", alice.bearer());
            assertError(reply, 400, "invalid_parameter");
            assertEquals("The session id is empty.", reply.json().get("message").asText());
        }
        Http.Reply admin = Http.method("DELETE", realm.url("").replace("/realms/", "/admin/realms/")
                + "/device-sessions/?userId=" + realm.userId("alice"), null, null, "Authorization", Admin.bearer());
        assertError(admin, 400, "invalid_parameter");
        assertEquals(200, realm.whoami(other).status(), "nothing revoked");
        assertEquals(200, realm.whoami(aliceElsewhere).status());
    }

    /** Keycloak's verifier throws on a JWS header without "alg": the token cannot be verified, so it is a 401. */
    @Test
    void aTokenKeycloakCannotReadIsA401() {
        for (String token : List.of("e30.e30.e30", "e30.e30.", "e30..", "..", "eyJhbGciOiJub25lIn0.e30.",
                "eyJhbGciOiJIUzI1NiJ9.e30.x")) {
            assertError(Http.get(realm.api("/whoami"), "Authorization", "Bearer " + token), 401, "unauthorized");
            assertError(Http.get(realm.api(""), "Authorization", "Bearer " + token), 401, "unauthorized");
            assertError(Http.get(realm.api("/whoami"), "Cookie", "KEYCLOAK_IDENTITY=" + token), 401, "unauthorized");
            assertError(Http.delete(realm.api("/x"), "Authorization", "Bearer " + token), 401, "unauthorized");
        }
    }

    /**
     * Bodies the JAX-RS layer cannot read (multipart, a media type it cannot parse) are refused before it tries, with
     * a 415 in our schema, and leave no ERROR in the server log; JSON is exactly application/json.
     */
    @Test
    void everyOtherMediaTypeIsA415AndLogsNoError() {
        ServerLog log = ServerLog.fromNow(KeycloakExtension.server());
        String json = "{\"sessionToken\":\"x\"}";
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"sessionToken\"\r\n\r\nx\r\n--b--\r\n";
        for (String method : List.of("POST", "DELETE")) {
            for (String type : List.of("application/json, text/plain", "", "application/*", "*/*", "text/plain",
                    "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1", "json")) {
                assertError(Http.method(method, realm.api("/revoke"), type, json), 415, "unsupported_media_type");
            }
            assertError(Http.method(method, realm.api("/revoke"), "multipart/form-data; boundary=b", multipart), 415,
                    "unsupported_media_type");
            assertError(Http.method(method, realm.api("/revoke"), null, json), 415, "unsupported_media_type");
        }
        Http.Reply duplicate = Http.method("POST", realm.api("/revoke"), "application/json",
                "{\"sessionToken\":\"" + alice.refreshToken() + "\",\"sessionToken\":\"x\"}");
        assertError(duplicate, 400, "invalid_request");
        assertEquals("The body gives a key more than once.", duplicate.json().get("message").asText());
        // Keycloak's own pages fail on such a media type; this API's answers keep their security headers.
        Http.Reply odd = Http.get(realm.api("/whoami"), "Authorization", alice.bearer(), "Content-Type",
                "application/json, text/plain");
        assertEquals(200, odd.status(), odd.toString());
        assertEquals("nosniff", odd.header("X-Content-Type-Options"));
        // The "This wasn't me" form with such a media type gets its error page, not Keycloak's bare 500.
        Http.Reply form = Http.method("POST", realm.api("/end-session"), "application/json, text/plain", "key=x");
        assertEquals(400, form.status(), form.toString());
        assertTrue(form.header("Content-Type").startsWith("text/html"), form.toString());
        assertEquals("nosniff", form.header("X-Content-Type-Options"));
        if (log != null) {
            assertEquals(List.of(), log.errors(), "hostile bodies leave no ERROR in the server log");
        }
        assertEquals(200, realm.whoami(alice).status(), "nothing revoked");
    }

    /** Every route and method of ours answers in our schema, whatever the method; literal paths are not ids. */
    @Test
    void unknownRoutesAndMethodsAnswerInOurSchema() {
        // By path, the methods it does not allow.
        Map.of("", "TRACE PROPFIND MKCOL FOO PUT PATCH POST",
                "/whoami", "TRACE PROPFIND MKCOL FOO PUT PATCH POST DELETE",
                "/some-id", "TRACE PROPFIND MKCOL FOO PUT PATCH POST",
                "/revoke", "TRACE PROPFIND MKCOL FOO GET",
                "/end-session", "TRACE PROPFIND MKCOL FOO GET DELETE").forEach((path, methods) -> {
                    for (String method : methods.split(" ")) {
                        assertError(aliceCalls(method, path), 405, "method_not_allowed");
                    }
                });
        for (String method : List.of("GET", "DELETE", "POST", "PUT", "PATCH")) {
            assertError(aliceCalls(method, "/a/b"), 404, "not_found");
        }
        assertError(aliceCalls("GET", "/a/b/c"), 404, "not_found");
        String admin = realm.url("").replace("/realms/", "/admin/realms/") + "/device-sessions";
        for (String method : List.of("TRACE", "POST", "PUT")) {
            assertError(Api.unchecked(method, admin + "/x", "Authorization", Admin.bearer()), 405, "method_not_allowed");
        }
        assertError(Api.unchecked("GET", admin + "/x/y", "Authorization", Admin.bearer()), 404, "not_found");
        assertEquals(200, realm.whoami(alice).status(), "nothing revoked");
    }

    private Http.Reply aliceGets(String path) {
        return Api.get(realm.api(path), "Authorization", alice.bearer());
    }

    /** A call whose route or method is deliberately not in the OpenAPI description. */
    private Http.Reply aliceCalls(String method, String path) {
        return Api.unchecked(method, realm.api(path), "Authorization", alice.bearer());
    }
}
