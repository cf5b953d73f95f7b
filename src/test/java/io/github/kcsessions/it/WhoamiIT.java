package io.github.kcsessions.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Clock;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.github.kcsessions.it.ApiAssertions.assertError;
import static io.github.kcsessions.it.ApiAssertions.assertFields;
import static io.github.kcsessions.it.ApiAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@KeycloakTest
class WhoamiIT {

    private static final int IDLE = 600;
    private static final int MAX = 36_000;
    private static final int REMEMBER_ME_IDLE = 7_200;
    private static final int REMEMBER_ME_MAX = 86_400;

    private TestRealm realm;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(WhoamiIT.class, r -> {
            r.put("ssoSessionIdleTimeout", IDLE);
            r.put("ssoSessionMaxLifespan", MAX);
            r.put("ssoSessionIdleTimeoutRememberMe", REMEMBER_ME_IDLE);
            r.put("ssoSessionMaxLifespanRememberMe", REMEMBER_ME_MAX);
        });
    }

    @Test
    void whoamiAfterPasswordGrant() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");

        Http.Reply reply = realm.whoami(tokens);

        JsonNode me = assertOk(reply);
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        String alice = realm.userId("alice");
        assertFields(me, "/id", tokens.sessionId(), "/userId", alice, "/username", "alice", "/identity/id", alice,
                "/identity/username", "alice", "/identity/displayName", "Alice Liddell",
                "/identity/email", "alice@example.com", "/state", "active", "/current", true, "/offline", false,
                "/rememberMe", false, "/ipAddress", "127.0.0.1", "/clients/0/name", "Demo SPA");
        assertEquals(Tokens.claims(tokens.accessToken()).get("iat").asLong(), seconds(me, "issuedAt"));
        assertEquals(Tokens.claims(tokens.accessToken()).get("exp").asLong(), seconds(me, "tokenExpiresAt"));
        assertTrue(instant(me, "tokenExpiresAt").isBefore(instant(me, "expiresAt")),
                "the token expires before the session");
        assertEquals(List.of("spa"), me.get("clients").findValuesAsText("clientId"));
        Instant created = instant(me, "createdAt");
        Instant lastActivity = instant(me, "lastActivityAt");
        assertTrue(Math.abs(created.getEpochSecond() - Instant.now().getEpochSecond()) < 60, "createdAt is now");
        assertFalse(lastActivity.isBefore(created));
        assertTrue(me.has("device"), "device is always present, null when unknown");
    }

    @Test
    void whoamiAfterBrowserLoginWithRememberMe() {
        TestRealm.BrowserLogin login = realm.browserLogin("bob", true);

        JsonNode me = assertOk(realm.whoami(login.tokens()));

        assertFields(me, "/id", login.tokens().sessionId(), "/username", "bob", "/identity/displayName", "Bob Builder",
                "/rememberMe", true);
        assertEquals(List.of("spa"), me.get("clients").findValuesAsText("clientId"));
        assertEquals(seconds(me, "lastActivityAt") + REMEMBER_ME_IDLE, seconds(me, "expiresAt"), "remember-me idle");
    }

    @Test
    void whoamiWithTheSsoCookie() {
        TestRealm.BrowserLogin login = realm.browserLogin("carol", false);
        String identity = login.cookies().get("KEYCLOAK_IDENTITY");
        assertNotNull(identity, "the login set the SSO cookie");

        JsonNode me = assertOk(Api.get(realm.api("/whoami"), "Cookie", "KEYCLOAK_IDENTITY=" + identity));

        // No first or last name: the username.
        assertFields(me, "/id", login.tokens().sessionId(), "/username", "carol", "/identity/displayName", "carol");
        assertFalse(me.has("issuedAt"), "no token, no issuedAt");
    }

    @Test
    void noCredentialsIsUnauthorized() {
        Http.Reply reply = Api.get(realm.api("/whoami"));

        assertError(reply, 401, "unauthorized");
        assertEquals("Bearer realm=\"" + realm.name() + "\"", reply.header("WWW-Authenticate"),
                "no credentials, no error code (RFC 6750 section 3.1)");
        assertEquals("no-store", reply.header("Cache-Control"));
    }

    @Test
    void garbageTokensAreUnauthorized() {
        for (String header : List.of("Bearer garbage", "Bearer a.b.c", "Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer  ")) {
            Http.Reply reply = Api.get(realm.api("/whoami"), "Authorization", header);
            assertError(reply, 401, "unauthorized");
            String challenge = reply.header("WWW-Authenticate");
            assertTrue(challenge.startsWith("Bearer realm=\"" + realm.name() + "\", error=\"invalid_token\""),
                    header + " -> " + challenge);
        }
    }

    @Test
    void expiredTokenIsUnauthorized() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");
        realm.update(Map.of("accessTokenLifespan", 1));
        Tokens shortLived;
        try {
            shortLived = realm.passwordGrant(TestRealm.SPA, "alice");
        } finally {
            realm.update(Map.of("accessTokenLifespan", 300));
        }
        Clock.untilAfter(Tokens.claims(shortLived.accessToken()).get("exp").asLong());

        assertError(realm.whoami(shortLived), 401, "unauthorized");
        assertEquals(200, realm.whoami(tokens).status(), "a token still valid keeps working");
    }

    @Test
    void aForeignTokenAnEndedSessionAndAServiceAccountAreRefused() {
        TestRealm other = TestRealm.create("whoamiit-other", r -> { });
        Tokens foreign = other.passwordGrant(TestRealm.SPA, "alice");
        assertEquals(200, other.whoami(foreign).status());
        assertError(realm.whoami(foreign), 401, "unauthorized");

        Tokens ended = realm.passwordGrant(TestRealm.SPA, "bob");
        Http.Reply logout = realm.logout(TestRealm.SPA, ended.refreshToken());
        assertEquals(204, logout.status(), logout.body());
        assertError(realm.whoami(ended), 401, "unauthorized");

        assertError(realm.whoami(realm.clientCredentials()), 403, "forbidden");
    }

    @Test
    void expiresAtIsTheEarlierOfIdleAndMaxExpiry() {
        JsonNode me = realm.whoami(realm.passwordGrant(TestRealm.SPA, "alice")).json();
        assertEquals(seconds(me, "lastActivityAt") + IDLE, seconds(me, "expiresAt"), "idle expiry comes first");

        realm.update(Map.of("ssoSessionMaxLifespan", 300));
        try {
            JsonNode capped = realm.whoami(realm.passwordGrant(TestRealm.SPA, "alice")).json();
            assertEquals(seconds(capped, "createdAt") + 300, seconds(capped, "expiresAt"), "max lifespan comes first");
        } finally {
            realm.update(Map.of("ssoSessionMaxLifespan", MAX));
        }
    }

    private static long seconds(JsonNode node, String field) {
        return instant(node, field).getEpochSecond();
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.get(field).asText());
    }
}
