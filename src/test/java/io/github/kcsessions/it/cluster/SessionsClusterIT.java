package io.github.kcsessions.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Clock;
import io.github.kcsessions.it.support.Cluster;
import io.github.kcsessions.it.support.DistributionServer;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Instant;
import java.util.Map;

import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.FIREFOX_LINUX;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.fixtures.Devices.HOME_IP;
import static io.github.kcsessions.fixtures.Devices.SAFARI_IPHONE;
import static io.github.kcsessions.it.support.KeycloakTest.Topology.CLUSTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Keycloak nodes on one PostgreSQL: what one node records and changes, the other sees, through Keycloak's own
 * clustering and persistent sessions. The crash of a node, and its return, come last.
 */
@KeycloakTest(CLUSTER)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionsClusterIT {

    private static final String LONDON = LONDON_IP;

    private Cluster cluster;
    private TestRealm onA;
    private TestRealm onB;

    @BeforeAll
    void createRealm() {
        cluster = KeycloakExtension.cluster();
        onA = TestRealm.create(SessionsClusterIT.class);
        onB = onA.at(cluster.b());
    }

    @Test
    @Order(1)
    void aSessionMadeOnOneNodeReadsTheSameOnTheOther() {
        Tokens login = onA.passwordGrant(TestRealm.SPA, "alice", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", LONDON);

        JsonNode fromA = onA.whoami(login).json();
        JsonNode fromB = onB.whoami(login).json();

        assertEquals(login.sessionId(), fromB.get("id").asText());
        assertEquals("Firefox", fromB.at("/device/browser").asText());
        assertEquals("London", fromB.at("/location/city").asText());
        assertEquals(LONDON, fromB.get("ipAddress").asText());
        assertEquals(fromA.get("device"), fromB.get("device"));
        assertEquals(fromA.get("location"), fromB.get("location"));
    }

    @Test
    @Order(2)
    void listsAreTheSameOnBothNodes() {
        Tokens first = onA.passwordGrant(TestRealm.SPA, "bob", "User-Agent", FIREFOX_LINUX);
        onB.passwordGrant(TestRealm.SPA, "bob", "User-Agent", CURL);
        onA.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access"));

        JsonNode listA = Api.get(onA.api("?max=10"), "Authorization", first.bearer()).json();
        JsonNode listB = Api.get(onB.api("?max=10"), "Authorization", first.bearer()).json();

        assertEquals(3, listA.get("total").asInt());
        assertEquals(listA, listB);
    }

    @Test
    @Order(3)
    void aRefreshOnOneNodeUpdatesTheLastAddressSeenOnTheOther() {
        Tokens login = onA.passwordGrant(TestRealm.SPA, "carol", "X-Forwarded-For", "10.0.0.7");
        Http.Reply refreshed = onB.refresh(TestRealm.SPA, login.refreshToken(), "X-Forwarded-For", LONDON);
        assertEquals(200, refreshed.status(), refreshed.body());

        JsonNode fromA = onA.whoami(login).json();

        assertEquals(LONDON, fromA.get("ipAddress").asText());
        assertEquals("10.0.0.7", fromA.get("initialIpAddress").asText());
        assertEquals("GB", fromA.at("/location/countryCode").asText());
    }

    @Test
    @Order(4)
    void bothNodesSearchTheSameRows() {
        onA.passwordGrant(TestRealm.SPA, "carol", "User-Agent", CURL, "X-Forwarded-For", LONDON);
        onB.passwordGrant(TestRealm.SPA, "carol", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", LONDON);

        JsonNode fromA = onA.searchSessions("country=GB&max=100");
        JsonNode fromB = onB.searchSessions("country=GB&max=100");

        assertTrue(fromA.get("total").asInt() >= 2);
        assertEquals(fromA, fromB);
    }

    @Test
    @Order(5)
    void aDeletedRealmLeavesNoRowBehind() {
        TestRealm doomed = TestRealm.create("sessionsclusterit-doomed", r -> { });
        doomed.passwordGrant(TestRealm.SPA, "alice");
        doomed.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access"));
        String realmId = Admin.getJson("/realms/" + doomed.name()).get("id").asText();
        assertEquals("2", cluster.sql("select count(*) from kcs_device_session where realm_id = '" + realmId + "'"));

        Admin.expectOk(Admin.delete("/realms/" + doomed.name()));

        assertEquals("0", cluster.sql("select count(*) from kcs_device_session where realm_id = '" + realmId + "'"));
        assertEquals("0", cluster.sql("select count(*) from kcs_device_session_client where realm_id = '" + realmId
                + "'"));
    }

    /**
     * A crash of node B (SIGKILL): node A serves every session alone. B then comes back as after an upgrade of the
     * extension (no device table yet, known devices in the user attribute of earlier builds), fills the table, and
     * both nodes show every session's device as before.
     */
    @Test
    @Order(10)
    void afterANodeIsKilledTheOtherServesEverySessionAndTheNodeComesBackAfterAnUpgrade() {
        Tokens login = onA.passwordGrant(TestRealm.SPA, "alice", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", LONDON);
        JsonNode before = Api.get(onA.api("/" + login.sessionId()), "Authorization", login.bearer()).json();
        Tokens offline = onA.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access"),
                "User-Agent", SAFARI_IPHONE, "X-Forwarded-For", LONDON);
        JsonNode offlineBefore = listedOffline(offline);
        assertEquals("iPhone", offlineBefore.at("/device/model").asText());
        Tokens madeOnB = onB.passwordGrant(TestRealm.SPA, "bob", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", LONDON);
        Tokens madeOnA = onA.passwordGrant(TestRealm.SPA, "bob", "User-Agent", CURL);
        DistributionServer b = cluster.b();

        b.kill();
        try {
            assertTrue(!b.isRunning());
            JsonNode list = Api.get(onA.api("?max=50"), "Authorization", madeOnA.bearer()).json();
            JsonNode whoami = onA.whoami(madeOnB).json();
            assertEquals(madeOnB.sessionId(), whoami.get("id").asText());
            assertEquals("London", whoami.at("/location/city").asText());
            assertTrue(list.get("total").asInt() >= 2);
            assertEquals(200, onA.userinfo(madeOnB.accessToken()).status());
            Http.Reply refresh = onA.refresh(TestRealm.SPA, madeOnB.refreshToken());
            assertEquals(200, refresh.status(), refresh.body());
            assertNotEquals(null, Tokens.claims(Tokens.of(refresh).accessToken()).get("sid"));
            madeOnB = Tokens.of(refresh);

            String realmId = Admin.getJson("/realms/" + onA.name()).get("id").asText();
            String bob = onA.userId("bob");
            int sessions = onA.searchSessions("max=1").get("total").asInt();
            cluster.sql("delete from kcs_device_session_client where realm_id = '" + realmId + "'");
            cluster.sql("delete from kcs_device_session where realm_id = '" + realmId + "'");
            cluster.sql("delete from kcs_migration");
            cluster.sql("insert into user_attribute (name, value, user_id, id) values ('kcs.known-devices', "
                    + "'0123456789ab@20000,ba9876543210@20001', '" + bob + "', 'kcs-known-devices-of-bob')");
            assertEquals(0, onA.searchSessions("first=1&max=1").get("total").asInt(), "the table is empty");

            cluster.rejoin(b);

            Instant deadline = Instant.now().plusSeconds(60);
            while (!"1".equals(cluster.sql("select count(*) from kcs_migration where done_at is not null"))) {
                assertTrue(Instant.now().isBefore(deadline), "the table was not filled");
                Clock.sleep(200);
            }
            assertEquals(sessions, onA.searchSessions("max=1").get("total").asInt());
            assertEquals(sessions, onB.searchSessions("first=" + sessions + "&max=1").get("total").asInt());
            JsonNode found = onB.searchSessions("country=GB&browser=firefox&userId=" + onA.userId("alice"));
            assertTrue(found.get("sessions").findValuesAsText("id").contains(login.sessionId()), found.toString());
            assertEquals("0", cluster.sql("select count(*) from user_attribute where name = 'kcs.known-devices'"));
            assertEquals("0123456789ab,ba9876543210", cluster.sql("select string_agg(device_key, ',' order by device_key)"
                    + " from kcs_known_device where user_id = '" + bob + "'"));
        } finally {
            if (!b.isRunning()) {
                cluster.rejoin(b);
            }
        }

        JsonNode afterOnA = Api.get(onA.api("/" + login.sessionId()), "Authorization", login.bearer()).json();
        JsonNode onBAfter = Api.get(onB.api("/" + login.sessionId()), "Authorization", login.bearer()).json();
        assertEquals(before.get("device"), afterOnA.get("device"));
        assertEquals(before.get("location"), afterOnA.get("location"));
        assertEquals(before.get("device"), onBAfter.get("device"));
        assertEquals(offlineBefore.get("device"), listedOffline(offline).get("device"));
        assertEquals(madeOnB.sessionId(), onB.whoami(madeOnB).json().get("id").asText());

        // The stored record goes on after the restart: a refresh on the restarted node updates it, keeping where the
        // session began.
        Clock.nextSecond(); // seen-at times are in seconds
        Http.Reply refresh = onB.refresh(TestRealm.SPA, login.refreshToken(), "User-Agent", FIREFOX_LINUX,
                "X-Forwarded-For", HOME_IP);
        assertEquals(200, refresh.status(), refresh.body());
        JsonNode refreshed = onB.whoami(Tokens.of(refresh)).json();
        assertEquals(HOME_IP, refreshed.get("ipAddress").asText());
        assertEquals(LONDON, refreshed.get("initialIpAddress").asText());
        assertEquals(before.at("/device/firstSeenAt"), refreshed.at("/device/firstSeenAt"));
        assertTrue(Instant.parse(refreshed.at("/device/lastSeenAt").asText())
                .isAfter(Instant.parse(before.at("/device/lastSeenAt").asText())), refreshed.toString());
    }

    private JsonNode listedOffline(Tokens tokens) {
        JsonNode list = Api.get(onA.api("?type=offline&max=100"), "Authorization", tokens.bearer()).json();
        for (JsonNode listed : list.get("sessions")) {
            if (listed.get("id").asText().equals(tokens.sessionId())) {
                assertTrue(listed.get("offline").asBoolean());
                return listed;
            }
        }
        throw new AssertionError("no offline session " + tokens.sessionId() + " in " + list);
    }
}
