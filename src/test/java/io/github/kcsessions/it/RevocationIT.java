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
            List<Object> clients = new java.util.ArrayList<>((List<?>) r.get("clients"));
            clients.add(Map.of("clientId", LITE, "publicClient", true, "directAccessGrantsEnabled", true,
                    "attributes", Map.of("client.use.lightweight.access.token.enabled", "true")));
            r.put("clients", clients);
            List<Object> users = new java.util.ArrayList<>((List<?>) r.get("users"));
            users.add(TestRealm.user(r.get("realm").toString(), "dave", "Dave", "Doe", "dave@example.com"));
            r.put("users", users);
        });
        // dave keeps view-profile but loses manage-account: the realm's switch for self-service.
        String dave = realm.userId("dave");
        JsonNode defaultRole = Admin.getJson("/realms/" + realm.name() + "/roles/default-roles-" + realm.name());
        Admin.expectOk(Http.method("DELETE", base() + "/admin/realms/" + realm.name() + "/users/" + dave
                        + "/role-mappings/realm", "application/json", "[" + defaultRole + "]",
                "Authorization", Admin.bearer()));
        String account = Admin.getJson("/realms/" + realm.name() + "/clients?clientId=account").get(0).get("id").asText();
        JsonNode viewProfile = Admin.getJson("/realms/" + realm.name() + "/clients/" + account + "/roles/view-profile");
        Admin.expectOk(Admin.post("/realms/" + realm.name() + "/users/" + dave + "/role-mappings/clients/" + account,
                List.of(viewProfile)));
    }

    @Test
    void revokingAnotherDeviceEndsItsTokensAndKeepsTheCallersSession() {
        Tokens phone = realm.passwordGrant(TestRealm.SPA, "alice");
        Tokens laptop = realm.passwordGrant(TestRealm.SPA, "alice");

        Http.Reply reply = Api.delete(realm.api("/" + phone.sessionId()), "Authorization", laptop.bearer());

        assertEquals(204, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        assertError(realm.whoami(phone), 401, "unauthorized");
        assertEquals(401, realm.userinfo(phone.accessToken()).status(), "Keycloak's userinfo refuses it too");
        assertEquals(400, realm.refresh(TestRealm.SPA, phone.refreshToken()).status(), "refresh fails");
        assertEquals(200, realm.whoami(laptop).status());
        assertError(Api.get(realm.api("/" + phone.sessionId()), "Authorization", laptop.bearer()), 404, "not_found");
    }

    @Test
    void revokingTheCurrentSessionIsALogout() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice");

        assertEquals(204, Api.delete(realm.api("/" + tokens.sessionId()), "Authorization", tokens.bearer()).status());

        assertError(realm.whoami(tokens), 401, "unauthorized");
    }

    @Test
    void anOfflineSessionIsRevocable() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access"));
        Tokens other = realm.passwordGrant(TestRealm.SPA, "bob");
        JsonNode offline = Api.get(realm.api("?type=offline"), "Authorization", other.bearer()).json();
        assertEquals(1, offline.get("total").asInt());

        assertEquals(204, Api.delete(realm.api("/" + tokens.sessionId()), "Authorization", other.bearer()).status());

        assertEquals(0, Api.get(realm.api("?type=offline"), "Authorization", other.bearer()).json().get("total").asInt());
        assertEquals(400, realm.refresh(TestRealm.SPA, tokens.refreshToken()).status(), "the offline token is dead");
        Api.delete(realm.api("?includeCurrent=true"), "Authorization", other.bearer());
    }

    @Test
    void bobCanNeitherSeeNorRevokeAlicesSessions() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");
        Tokens bob = realm.passwordGrant(TestRealm.SPA, "bob");

        assertError(Api.get(realm.api("/" + alice.sessionId()), "Authorization", bob.bearer()), 404, "not_found");
        assertError(Api.delete(realm.api("/" + alice.sessionId()), "Authorization", bob.bearer()), 404, "not_found");

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

    @Test
    void eachRevocationIsALogoutEventSayingWhoDidIt() {
        Tokens target = realm.passwordGrant(TestRealm.SPA, "alice");
        Tokens caller = realm.passwordGrant(TestRealm.SPA, "alice");

        Api.delete(realm.api("/" + target.sessionId()), "Authorization", caller.bearer());

        JsonNode event = findLogout(target.sessionId());
        assertEquals(realm.userId("alice"), event.get("userId").asText());
        assertEquals("session-api", event.at("/details/revoked_through").asText());
        assertEquals("self_service", event.at("/details/revoked_by").asText());
        assertEquals(caller.sessionId(), event.at("/details/revoked_by_session").asText());
    }

    /**
     * Every route that ends sessions, on a server with Shared Signals and metrics on (the main run) and off (the run
     * on the older Keycloak): the server logs no ERROR either way.
     */
    @Test
    void noRouteLeavesAnErrorInTheServerLog() {
        ServerLog log = ServerLog.fromNow(KeycloakExtension.server());
        Tokens own = realm.passwordGrant(TestRealm.SPA, "bob");
        assertEquals(204, Api.delete(realm.api("/" + realm.passwordGrant(TestRealm.SPA, "bob").sessionId()),
                "Authorization", own.bearer()).status());
        realm.passwordGrant(TestRealm.SPA, "bob");
        assertEquals(200, Api.delete(realm.api(""), "Authorization", own.bearer()).status());
        assertEquals(204, Api.send("POST", realm.api("/revoke"), "application/json", "{\"sessionToken\":\""
                + realm.passwordGrant(TestRealm.SPA, "bob").refreshToken() + "\"}").status());
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
        assertEquals(204, Api.delete(realm.api("/" + other.sessionId()), "Authorization", lite.bearer()).status());
    }

    @Test
    void withoutManageAccountAUserCanReadButNotRevoke() {
        Tokens dave = realm.passwordGrant(TestRealm.SPA, "dave");
        Tokens daveElsewhere = realm.passwordGrant(TestRealm.SPA, "dave");

        assertEquals(200, Api.get(realm.api(""), "Authorization", dave.bearer()).status());
        assertError(Api.delete(realm.api("/" + daveElsewhere.sessionId()), "Authorization", dave.bearer()), 403, "forbidden");
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

    private JsonNode findLogout(String sessionId) {
        for (JsonNode event : realm.events("LOGOUT")) {
            if (sessionId.equals(event.path("sessionId").asText())) {
                return event;
            }
        }
        throw new AssertionError("No LOGOUT event for " + sessionId + " in " + realm.events("LOGOUT"));
    }

    private static String base() {
        return io.github.kcsessions.it.support.KeycloakExtension.server().baseUrl();
    }
}
