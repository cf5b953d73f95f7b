package io.github.kcsessions.it;

import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.kcsessions.it.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A browser origin is allowed only where the realm's clients allow it. */
@KeycloakTest
class CorsIT {

    private static final String EVIL = "https://evil.example";

    private TestRealm realm;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(CorsIT.class);
    }

    @Test
    void theTokensWebOriginMayReadTheResponse() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");

        Http.Reply reply = Api.get(realm.api("/whoami"), "Authorization", tokens.bearer(), "Origin", TestRealm.SPA_ORIGIN);

        assertEquals(200, reply.status(), reply.body());
        assertEquals(TestRealm.SPA_ORIGIN, reply.header("Access-Control-Allow-Origin"));
        assertEquals("true", reply.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void anotherOriginIsRefusedBeforeAnySideEffect() {
        Tokens victim = realm.passwordGrant(TestRealm.SPA, "bob");
        Tokens caller = realm.passwordGrant(TestRealm.SPA, "bob");

        Http.Reply read = Api.get(realm.api("/whoami"), "Authorization", caller.bearer(), "Origin", EVIL);
        Http.Reply revoke = Api.delete(realm.api("/" + victim.sessionId()), "Authorization", caller.bearer(), "Origin", EVIL);
        Http.Reply revokeAll = Api.delete(realm.api("?includeCurrent=true"), "Authorization", caller.bearer(), "Origin", EVIL);

        for (Http.Reply reply : List.of(read, revoke, revokeAll)) {
            assertError(reply, 403, "forbidden");
            assertNull(reply.header("Access-Control-Allow-Origin"));
        }
        assertEquals(200, realm.whoami(victim).status(), "nothing revoked");
        assertEquals(200, realm.whoami(caller).status());
    }

    @Test
    void aConfidentialClientsTokenHasNoBrowserOrigin() {
        Tokens backend = realm.passwordGrant(TestRealm.BACKEND, "alice");

        Http.Reply reply = Api.get(realm.api("/whoami"), "Authorization", backend.bearer(), "Origin", TestRealm.SPA_ORIGIN);

        assertError(reply, 403, "forbidden");
        assertNull(reply.header("Access-Control-Allow-Origin"));
    }

    @Test
    void preflightIsAnsweredForKnownWebOriginsOnEveryPath() {
        for (String path : List.of("", "/whoami", "/some-session-id", "/revoke")) {
            Http.Reply reply = Api.options(realm.api(path), "Origin", TestRealm.SPA_ORIGIN,
                    "Access-Control-Request-Method", "DELETE",
                    "Access-Control-Request-Headers", "authorization, content-type");

            assertEquals(204, reply.status(), path);
            assertEquals(TestRealm.SPA_ORIGIN, reply.header("Access-Control-Allow-Origin"), path);
            String methods = reply.header("Access-Control-Allow-Methods");
            assertTrue(methods.contains("GET") && methods.contains("POST") && methods.contains("DELETE"), methods);
            String headers = reply.header("Access-Control-Allow-Headers").toLowerCase();
            assertTrue(headers.contains("authorization") && headers.contains("content-type"), headers);
        }
    }

    @Test
    void preflightFromAnUnknownOriginGetsNoCorsHeaders() {
        Http.Reply reply = preflightFrom(EVIL);

        assertEquals(204, reply.status());
        assertNull(reply.header("Access-Control-Allow-Origin"));
        assertNull(reply.header("Access-Control-Allow-Methods"));
    }

    @Test
    void aWebOriginAddedToAClientIsHonouredAtOnceAndARemovedOneIsNot() {
        String newOrigin = "http://localhost:3999";
        assertNull(preflightFrom(newOrigin).header("Access-Control-Allow-Origin"), "not a web origin yet");

        String clients = "/realms/" + realm.name() + "/clients";
        String spa = clients + "/" + Admin.getJson(clients + "?clientId=" + TestRealm.SPA).get(0).get("id").asText();
        Admin.expectOk(Admin.put(spa, Map.of("webOrigins", List.of(TestRealm.SPA_ORIGIN, newOrigin))));
        try {
            assertEquals(newOrigin, preflightFrom(newOrigin).header("Access-Control-Allow-Origin"));
        } finally {
            Admin.expectOk(Admin.put(spa, Map.of("webOrigins", List.of(TestRealm.SPA_ORIGIN))));
        }
        assertNull(preflightFrom(newOrigin).header("Access-Control-Allow-Origin"), "removed again");
        assertEquals(TestRealm.SPA_ORIGIN, preflightFrom(TestRealm.SPA_ORIGIN).header("Access-Control-Allow-Origin"));
    }

    @Test
    void aKnownOriginCanReadA401() {
        Http.Reply reply = Api.get(realm.api("/whoami"), "Authorization", "Bearer expired.or.garbage",
                "Origin", TestRealm.SPA_ORIGIN);

        assertError(reply, 401, "unauthorized");
        assertEquals(TestRealm.SPA_ORIGIN, reply.header("Access-Control-Allow-Origin"));
        assertNull(Api.get(realm.api("/whoami"), "Origin", EVIL).header("Access-Control-Allow-Origin"));
    }

    @Test
    void theCookieIsHonouredOnlyFromTheServersOwnOrigin() {
        TestRealm.BrowserLogin login = realm.browserLogin("carol", false);
        String cookie = "KEYCLOAK_IDENTITY=" + login.cookies().get("KEYCLOAK_IDENTITY");

        assertEquals(200, Api.get(realm.api("/whoami"), "Cookie", cookie, "Origin",
                KeycloakExtension.server().baseUrl()).status());
        Http.Reply foreign = Api.get(realm.api("/whoami"), "Cookie", cookie, "Origin", EVIL);
        assertError(foreign, 403, "forbidden");
        assertNull(foreign.header("Access-Control-Allow-Origin"));
    }

    private Http.Reply preflightFrom(String origin) {
        return Api.options(realm.api("/whoami"), "Origin", origin, "Access-Control-Request-Method", "GET");
    }
}
