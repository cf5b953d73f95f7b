package io.github.kcsessions.it;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.kcsessions.it.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DELETE /sessions/{id} and DELETE /sessions: revocation through Keycloak's back-channel logout. */
@KeycloakTest
class RevocationIT {

    private static final String LITE = "lite";

    private TestRealm realm;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(RevocationIT.class, r -> {
            List<Object> clients = new ArrayList<>((List<?>) r.get("clients"));
            clients.add(Map.of("clientId", LITE, "publicClient", true, "directAccessGrantsEnabled", true,
                    "attributes", Map.of("client.use.lightweight.access.token.enabled", "true")));
            r.put("clients", clients);
            TestRealm.addViewOnlyDave(r);
        });
    }

    @Test
    void revokingAnotherDeviceEndsItsTokensKeepsTheCallersSessionAndIsALogoutEventSayingWhoDidIt() {
        Tokens phone = realm.passwordGrant(TestRealm.SPA, "alice");
        Tokens laptop = realm.passwordGrant(TestRealm.SPA, "alice");

        Http.Reply reply = revoke(phone, laptop);

        assertEquals(204, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        assertError(realm.whoami(phone), 401, "unauthorized");
        assertEquals(401, realm.userinfo(phone.accessToken()).status(), "Keycloak's userinfo refuses it too");
        assertEquals(400, realm.refresh(TestRealm.SPA, phone.refreshToken()).status(), "refresh fails");
        assertEquals(200, realm.whoami(laptop).status());
        assertError(Api.get(realm.api("/" + phone.sessionId()), "Authorization", laptop.bearer()), 404, "not_found");
        JsonNode event = findLogout(phone.sessionId());
        assertEquals(realm.userId("alice"), event.get("userId").asText());
        assertEquals("session-api", event.at("/details/revoked_through").asText());
        assertEquals("self_service", event.at("/details/revoked_by").asText());
        assertEquals(laptop.sessionId(), event.at("/details/revoked_by_session").asText());
    }

    @Test
    void revokingTheCurrentSessionIsALogout() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");

        assertEquals(204, revoke(tokens, tokens).status());

        assertError(realm.whoami(tokens), 401, "unauthorized");
    }

    /** By its id, or (false) by its offline token through POST /sessions/revoke. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anOfflineSessionIsRevocable(boolean byId) {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access"));
        Tokens other = realm.passwordGrant(TestRealm.SPA, "bob");
        assertEquals("Offline", Tokens.claims(tokens.refreshToken()).get("typ").asText());
        assertEquals(1, offlineTotal(other));

        Http.Reply reply = byId ? revoke(tokens, other) : revokeByToken(tokens.refreshToken());

        assertEquals(204, reply.status(), reply.body());
        assertEquals(0, offlineTotal(other));
        assertEquals(400, realm.refresh(TestRealm.SPA, tokens.refreshToken()).status(), "the offline token is dead");
        Api.delete(realm.api("?includeCurrent=true"), "Authorization", other.bearer());
    }

    @Test
    void bobCanNeitherSeeNorRevokeAlicesSessions() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");
        Tokens bob = realm.passwordGrant(TestRealm.SPA, "bob");

        assertError(Api.get(realm.api("/" + alice.sessionId()), "Authorization", bob.bearer()), 404, "not_found");
        assertError(revoke(alice, bob), 404, "not_found");

        assertEquals(200, realm.whoami(alice).status(), "alice's session survives");
        assertEquals(200, realm.refresh(TestRealm.SPA, alice.refreshToken()).status());
    }

    @Test
    void revokeAllOthersKeepsTheCurrentSession() {
        Tokens a = realm.passwordGrant(TestRealm.SPA, "carol");
        Tokens b = realm.passwordGrant(TestRealm.BACKEND, "carol");
        Tokens offline = realm.passwordGrant(TestRealm.SPA, "carol", Map.of("scope", "openid offline_access"));
        Tokens current = realm.passwordGrant(TestRealm.SPA, "carol");

        Http.Reply reply = Api.delete(realm.api(""), "Authorization", current.bearer());

        assertEquals(200, reply.status(), reply.body());
        assertEquals(3, reply.json().get("revoked").asInt(), "two online and one offline");
        for (Tokens gone : List.of(a, b, offline)) {
            assertEquals(401, realm.whoami(gone).status());
        }
        assertEquals(400, realm.refresh(TestRealm.SPA, offline.refreshToken()).status());
        JsonNode left = Api.get(realm.api(""), "Authorization", current.bearer()).json();
        assertEquals(1, left.get("total").asInt());
        assertEquals(current.sessionId(), left.at("/sessions/0/id").asText());

        Http.Reply all = Api.delete(realm.api("?includeCurrent=true"), "Authorization", current.bearer());
        assertEquals(1, all.json().get("revoked").asInt());
        assertEquals(401, realm.whoami(current).status());
    }

    /**
     * Every route that ends sessions, on a server with Shared Signals and metrics on (the main run) and off (the run
     * on the older Keycloak): the server logs no ERROR either way.
     */
    @Test
    void noRouteLeavesAnErrorInTheServerLog() {
        ServerLog log = ServerLog.fromNow(KeycloakExtension.server());
        Tokens own = realm.passwordGrant(TestRealm.SPA, "bob");
        assertEquals(204, revoke(realm.passwordGrant(TestRealm.SPA, "bob"), own).status());
        realm.passwordGrant(TestRealm.SPA, "bob");
        assertEquals(200, Api.delete(realm.api(""), "Authorization", own.bearer()).status());
        assertEquals(204, revokeByToken(realm.passwordGrant(TestRealm.SPA, "bob").refreshToken()).status());
        String admin = "/realms/" + realm.name() + "/device-sessions";
        assertEquals(204, Admin.delete(admin + "/" + realm.passwordGrant(TestRealm.SPA, "bob").sessionId()).status());
        realm.passwordGrant(TestRealm.SPA, "bob", "X-Forwarded-For", "203.0.113.55");
        assertEquals(200, Admin.delete(admin + "?ip=203.0.113.55&expectedCount=1").status());
        assertEquals(200, Admin.delete(admin + "?userId=" + realm.userId("bob")).status());
        assertEquals(200, Api.delete(realm.api("?includeCurrent=true"), "Authorization",
                realm.passwordGrant(TestRealm.SPA, "bob").bearer()).status());
        assumeTrue(log != null, "the server's log is known only for a server the harness started");
        assertEquals(List.of(), log.errors());
    }

    @Test
    void lightweightAccessTokensWork() {
        Tokens lite = realm.passwordGrant(LITE, "alice");
        Tokens other = realm.passwordGrant(TestRealm.SPA, "alice");
        assertTrue(Tokens.claims(lite.accessToken()).path("resource_access").isMissingNode(), "really lightweight");

        assertEquals(200, realm.whoami(lite).status());
        assertEquals(204, revoke(other, lite).status());
    }

    @Test
    void withoutManageAccountAUserCanReadButNotRevoke() {
        Tokens dave = realm.passwordGrant(TestRealm.SPA, "dave");
        Tokens daveElsewhere = realm.passwordGrant(TestRealm.SPA, "dave");

        assertEquals(200, Api.get(realm.api(""), "Authorization", dave.bearer()).status());
        assertError(revoke(daveElsewhere, dave), 403, "forbidden");
        assertError(Api.delete(realm.api(""), "Authorization", dave.bearer()), 403, "forbidden");
        assertEquals(200, realm.whoami(daveElsewhere).status());
    }

    @Test
    void theCookieAloneCannotRevoke() {
        TestRealm.BrowserLogin login = realm.browserLogin("bob", false);
        String cookie = "KEYCLOAK_IDENTITY=" + login.cookies().get("KEYCLOAK_IDENTITY");

        assertError(Api.delete(realm.api("/" + login.tokens().sessionId()), "Cookie", cookie), 401, "unauthorized");
        assertError(Api.delete(realm.api("?includeCurrent=true"), "Cookie", cookie), 401, "unauthorized");
        assertEquals(200, Api.get(realm.api("/whoami"), "Cookie", cookie).status(), "still signed in");
    }

    @Test
    void serviceAccountsCannotRevoke() {
        assertError(Api.delete(realm.api(""), "Authorization", realm.clientCredentials().bearer()), 403, "forbidden");
    }

    private Http.Reply revoke(Tokens target, Tokens caller) {
        return Api.delete(realm.api("/" + target.sessionId()), "Authorization", caller.bearer());
    }

    private Http.Reply revokeByToken(String token) {
        return Api.send("POST", realm.api("/revoke"), "application/json", "{\"sessionToken\":\"" + token + "\"}");
    }

    private int offlineTotal(Tokens caller) {
        return Api.get(realm.api("?type=offline"), "Authorization", caller.bearer()).json().get("total").asInt();
    }

    private JsonNode findLogout(String sessionId) {
        JsonNode events = realm.events("LOGOUT");
        return events.valueStream().filter(event -> sessionId.equals(event.path("sessionId").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("No LOGOUT event for " + sessionId + " in " + events));
    }
}
