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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.github.kcsessions.it.ApiAssertions.assertError;
import static io.github.kcsessions.it.ApiAssertions.assertFields;
import static io.github.kcsessions.it.ApiAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /sessions and GET /sessions/{id}: alice sees her own sessions, and only hers. */
@KeycloakTest
class SessionListIT {

    private TestRealm realm;
    private Tokens current;
    private final List<Tokens> others = new ArrayList<>();
    private Tokens offline;
    private Tokens bobs;

    @BeforeAll
    void createSessions() {
        realm = TestRealm.create(SessionListIT.class);
        for (int i = 0; i < 4; i++) {
            others.add(realm.passwordGrant(TestRealm.SPA, "alice"));
        }
        others.add(realm.passwordGrant(TestRealm.BACKEND, "alice"));
        offline = realm.passwordGrant(TestRealm.SPA, "alice", Map.of("scope", "openid offline_access"));
        bobs = realm.passwordGrant(TestRealm.SPA, "bob");
        Clock.nextSecond(); // so that the current session is not the most recently active one by accident of ordering
        current = realm.passwordGrant(TestRealm.SPA, "alice");
        // Older sessions get activity after the current one: the list must still put the current one first.
        Clock.nextSecond();
        realm.refresh(TestRealm.SPA, others.get(0).refreshToken());
    }

    @Test
    void listsAllOfTheCallersSessionsCurrentFirstThenMostRecentActivity() {
        JsonNode page = list("");

        // 4 spa + 1 backend + the offline session (a direct grant keeps no online twin) + the current one.
        assertEquals(7, page.get("total").asInt());
        JsonNode sessions = page.get("sessions");
        assertEquals(7, sessions.size());
        assertFields(sessions.get(0), "/id", current.sessionId(), "/current", true);
        for (int i = 1; i < sessions.size(); i++) {
            JsonNode s = sessions.get(i);
            assertFalse(s.get("current").asBoolean(), "only one current session");
            assertEquals("alice", s.get("username").asText());
            assertFalse(s.has("identity"), "no identity in lists");
            assertFalse(s.has("issuedAt"), "no token data in lists");
            if (i > 1) {
                assertFalse(lastActivity(sessions.get(i - 1)).isBefore(lastActivity(s)), "most recent activity first");
            }
        }
        assertEquals(others.get(0).sessionId(), sessions.get(1).get("id").asText(), "the refreshed session is next");
        assertTrue(ids(sessions).stream().noneMatch(bobs.sessionId()::equals), "bob's session is not alice's");
    }

    @Test
    void filtersByTypeAndClient() {
        assertFields(list("?type=offline"), "/total", 1, "/sessions/0/id", offline.sessionId(),
                "/sessions/0/offline", true);
        JsonNode online = list("?type=online");
        assertEquals(6, online.get("total").asInt());
        online.get("sessions").forEach(s -> assertFalse(s.get("offline").asBoolean()));

        assertFields(list("?clientId=" + TestRealm.BACKEND), "/total", 1, "/sessions/0/id", others.get(4).sessionId(),
                "/sessions/0/clients/0/clientId", TestRealm.BACKEND);
        assertEquals(0, list("?clientId=no-such-client").get("total").asInt());
    }

    @Test
    void pagesAreStableAndCoverEverySessionOnce() {
        List<String> seen = new ArrayList<>();
        for (int first = 0; first < 7; first += 3) {
            JsonNode page = list("?first=" + first + "&max=3");
            assertEquals(7, page.get("total").asInt());
            assertEquals(Math.min(3, 7 - first), page.get("sessions").size());
            seen.addAll(ids(page.get("sessions")));
        }
        assertEquals(7, seen.size());
        assertEquals(7, seen.stream().distinct().count(), "every session exactly once");
        JsonNode beyond = list("?first=100");
        assertEquals(0, beyond.get("sessions").size());
        assertEquals(7, beyond.get("total").asInt());
    }

    @Test
    void getsOneOfTheCallersSessions() {
        assertFields(list("/" + others.get(2).sessionId()), "/id", others.get(2).sessionId(), "/current", false,
                "/username", "alice");
        assertFields(list("/" + current.sessionId()), "/current", true);
    }

    @Test
    void anotherUsersSessionLooksExactlyLikeAnUnknownOne() {
        Http.Reply bobsSession = Api.get(realm.api("/" + bobs.sessionId()), "Authorization", current.bearer());
        Http.Reply unknown = Api.get(realm.api("/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), "Authorization", current.bearer());

        assertError(bobsSession, 404, "not_found");
        assertError(unknown, 404, "not_found");
        assertEquals(unknown.body(), bobsSession.body());
    }

    @Test
    void theSsoCookieCanReadTheList() {
        TestRealm.BrowserLogin login = realm.browserLogin("bob", false);

        JsonNode sessions = assertOk(Api.get(realm.api(""),
                "Cookie", "KEYCLOAK_IDENTITY=" + login.cookies().get("KEYCLOAK_IDENTITY"))).get("sessions");

        assertFields(sessions.get(0), "/id", login.tokens().sessionId(), "/current", true);
        sessions.forEach(s -> assertEquals("bob", s.get("username").asText()));
    }

    /** The caller's list, or one of the caller's sessions. */
    private JsonNode list(String pathAndQuery) {
        return assertOk(Api.get(realm.api(pathAndQuery), "Authorization", current.bearer()));
    }

    private static Instant lastActivity(JsonNode session) {
        return Instant.parse(session.get("lastActivityAt").asText());
    }

    private static List<String> ids(JsonNode sessions) {
        return StreamSupport.stream(sessions.spliterator(), false).map(s -> s.get("id").asText()).toList();
    }
}
