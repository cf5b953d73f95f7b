package io.github.kcsessions.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
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

import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.it.support.KeycloakTest.Topology.CLUSTER;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every kind of revocation made on one node is in force on the other as soon as it has answered: the session's access
 * token gets 401 from whoami and from Keycloak's userinfo, and its refresh fails, on both nodes.
 */
@KeycloakTest(CLUSTER)
class RevocationClusterIT {

    private TestRealm onA;
    private TestRealm onB;

    @BeforeAll
    void createRealm() {
        onA = TestRealm.create(RevocationClusterIT.class);
        onB = onA.at(KeycloakExtension.cluster().b());
    }

    @Test
    void revokingOneSessionOnAEndsItOnB() {
        Tokens victim = onB.passwordGrant(TestRealm.SPA, "alice");
        Tokens caller = onA.passwordGrant(TestRealm.SPA, "alice");

        assertEquals(204, Api.delete(onA.api("/" + victim.sessionId()), "Authorization", caller.bearer()).status());

        assertEnded(victim);
        assertAlive(caller);
    }

    @Test
    void revokingEveryOtherSessionOnBEndsThemOnA() {
        Tokens one = onA.passwordGrant(TestRealm.SPA, "bob");
        Tokens offline = onA.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access"));
        Tokens caller = onB.passwordGrant(TestRealm.SPA, "bob");

        Http.Reply reply = Api.delete(onB.api(""), "Authorization", caller.bearer());

        assertEquals(200, reply.status(), reply.body());
        assertEquals(2, reply.json().get("revoked").asInt());
        assertEnded(one);
        assertEnded(offline);
        assertAlive(caller);
        assertEquals(1, Api.get(onA.api(""), "Authorization", caller.bearer()).json().get("total").asInt());
    }

    @Test
    void anAdminOnARevokingAllOfAUsersSessionsEndsThemOnB() {
        Tokens first = onB.passwordGrant(TestRealm.SPA, "carol");
        Tokens second = onB.passwordGrant(TestRealm.SPA, "carol", Map.of("scope", "openid offline_access"));
        Tokens bystander = onB.passwordGrant(TestRealm.SPA, "alice");

        Http.Reply reply = onA.admin().call("DELETE",
                "/realms/" + onA.name() + "/device-sessions?userId=" + onA.userId("carol"), null);

        assertEquals(200, reply.status(), reply.body());
        assertEquals(2, reply.json().get("revoked").asInt());
        assertEnded(first);
        assertEnded(second);
        assertAlive(bystander);
    }

    @Test
    void revokingBySessionTokenOnBEndsItOnA() {
        Tokens victim = onA.passwordGrant(TestRealm.SPA, "alice");

        Http.Reply reply = Api.send("POST", onB.api("/revoke"), "application/json",
                "{\"sessionToken\":\"" + victim.refreshToken() + "\"}");

        assertEquals(204, reply.status(), reply.body());
        assertEnded(victim);
    }

    @Test
    void theAdminApiOnBShowsAndRevokesSessionsMadeOnA() {
        Tokens made = onA.passwordGrant(TestRealm.SPA, "bob", "User-Agent", CURL);
        Admin adminOnB = onB.admin();
        String path = "/realms/" + onA.name() + "/device-sessions";

        JsonNode page = adminOnB.json(path + "?userId=" + onA.userId("bob") + "&apiClient=true");
        JsonNode found = adminOnB.json(path + "/" + made.sessionId());

        assertEquals(List.of(made.sessionId()), ids(page));
        assertEquals("curl", found.at("/device/browser").asText());
        assertEquals(204, adminOnB.call("DELETE", path + "/" + made.sessionId(), null).status());
        assertEnded(made);
        // Ended, and node A says so: its tombstone is cluster-wide.
        assertEquals(410, onA.admin().call("GET", path + "/" + made.sessionId(), null).status());
    }

    private void assertEnded(Tokens tokens) {
        for (TestRealm node : List.of(onA, onB)) {
            String where = node == onA ? "on A" : "on B";
            assertEquals(401, node.whoami(tokens).status(), "whoami " + where);
            assertEquals(401, node.userinfo(tokens.accessToken()).status(), "userinfo " + where);
            assertEquals(400, node.refresh(TestRealm.SPA, tokens.refreshToken()).status(), "refresh " + where);
        }
    }

    private void assertAlive(Tokens tokens) {
        for (TestRealm node : List.of(onA, onB)) {
            assertEquals(200, node.whoami(tokens).status());
            assertEquals(200, node.userinfo(tokens.accessToken()).status());
        }
    }

    private static List<String> ids(JsonNode page) {
        return java.util.stream.StreamSupport.stream(page.get("sessions").spliterator(), false)
                .map(s -> s.get("id").asText()).toList();
    }
}
