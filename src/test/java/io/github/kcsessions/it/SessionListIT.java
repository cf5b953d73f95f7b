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

import static io.github.kcsessions.it.ApiAssertions.assertError;
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
    void createSessions() throws InterruptedException {
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
        Http.Reply reply = Api.get(realm.api(""), "Authorization", current.bearer());

        assertEquals(200, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        JsonNode page = reply.json();
        // 4 spa + 1 backend + the offline session (a direct grant keeps no online twin) + the current one.
        assertEquals(7, page.get("total").asInt());
        JsonNode sessions = page.get("sessions");
        assertEquals(7, sessions.size());
        assertEquals(current.sessionId(), sessions.get(0).get("id").asText());
        assertTrue(sessions.get(0).get("current").asBoolean());
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
    void offlineSessionsAreListedAsOffline() {
        JsonNode offlineOnly = Api.get(realm.api("?type=offline"), "Authorization", current.bearer()).json();

        assertEquals(1, offlineOnly.get("total").asInt());
        JsonNode session = offlineOnly.at("/sessions/0");
        assertEquals(offline.sessionId(), session.get("id").asText());
        assertTrue(session.get("offline").asBoolean());

        JsonNode online = Api.get(realm.api("?type=online"), "Authorization", current.bearer()).json();
        assertEquals(6, online.get("total").asInt());
        online.get("sessions").forEach(s -> assertFalse(s.get("offline").asBoolean()));
    }

    @Test
    void pagesAreStableAndCoverEverySessionOnce() {
        List<String> seen = new ArrayList<>();
        for (int first = 0; first < 7; first += 3) {
            JsonNode page = Api.get(realm.api("?first=" + first + "&max=3"), "Authorization", current.bearer()).json();
            assertEquals(7, page.get("total").asInt());
            assertEquals(Math.min(3, 7 - first), page.get("sessions").size());
            seen.addAll(ids(page.get("sessions")));
        }
        assertEquals(7, seen.size());
        assertEquals(7, seen.stream().distinct().count(), "every session exactly once");
        JsonNode beyond = Api.get(realm.api("?first=100"), "Authorization", current.bearer()).json();
        assertEquals(0, beyond.get("sessions").size());
        assertEquals(7, beyond.get("total").asInt());
    }

    @Test
    void filtersByClient() {
        JsonNode backend = Api.get(realm.api("?clientId=" + TestRealm.BACKEND), "Authorization", current.bearer()).json();
        assertEquals(1, backend.get("total").asInt());
        assertEquals(others.get(4).sessionId(), backend.at("/sessions/0/id").asText());
        assertEquals(TestRealm.BACKEND, backend.at("/sessions/0/clients/0/clientId").asText());

        JsonNode unknown = Api.get(realm.api("?clientId=no-such-client"), "Authorization", current.bearer()).json();
        assertEquals(0, unknown.get("total").asInt());
    }

    @Test
    void getsOneOfTheCallersSessions() {
        Http.Reply reply = Api.get(realm.api("/" + others.get(2).sessionId()), "Authorization", current.bearer());

        assertEquals(200, reply.status(), reply.body());
        JsonNode session = reply.json();
        assertEquals(others.get(2).sessionId(), session.get("id").asText());
        assertFalse(session.get("current").asBoolean());
        assertEquals("alice", session.get("username").asText());

        JsonNode mine = Api.get(realm.api("/" + current.sessionId()), "Authorization", current.bearer()).json();
        assertTrue(mine.get("current").asBoolean());
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

        Http.Reply reply = Api.get(realm.api(""), "Cookie", "KEYCLOAK_IDENTITY=" + login.cookies().get("KEYCLOAK_IDENTITY"));

        assertEquals(200, reply.status(), reply.body());
        JsonNode sessions = reply.json().get("sessions");
        assertEquals(login.tokens().sessionId(), sessions.get(0).get("id").asText());
        assertTrue(sessions.get(0).get("current").asBoolean());
        sessions.forEach(s -> assertEquals("bob", s.get("username").asText()));
    }

    private static Instant lastActivity(JsonNode session) {
        return Instant.parse(session.get("lastActivityAt").asText());
    }

    private static List<String> ids(JsonNode sessions) {
        List<String> ids = new ArrayList<>();
        sessions.forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }
}
