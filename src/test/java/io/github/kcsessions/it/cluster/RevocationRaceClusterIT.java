package io.github.kcsessions.it.cluster;

import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Clock;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static io.github.kcsessions.it.support.KeycloakTest.Topology.CLUSTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keycloak issue 51127: a node that misses a session in its cache re-reads it from the database and puts it back,
 * even when another node is deleting it at that moment; the session then lives on in the cache. Here node B serves
 * requests for a session (whoami, userinfo, refresh, from several threads) while node A ends it, many times over,
 * and after the sign-out's answer, once B's requests in flight are done, every way of using the session must fail
 * on both nodes: for this extension's revocations and for Keycloak's own admin logout. The same admin logout in a
 * realm with the tombstones switched off shows that the race is really provoked.
 */
@KeycloakTest(CLUSTER)
class RevocationRaceClusterIT {

    private static final int TRIES = Integer.getInteger("race.tries", 25);
    private static final int HAMMERS = 3;

    private TestRealm onA;
    private TestRealm onB;
    private TestRealm withoutTombstonesOnA;
    private final ExecutorService pool = Executors.newFixedThreadPool(HAMMERS);

    @BeforeAll
    void createRealm() {
        onA = TestRealm.create(RevocationRaceClusterIT.class);
        onB = onA.at(KeycloakExtension.cluster().b());
        withoutTombstonesOnA = TestRealm.create("revocationraceclusterit-off",
                r -> r.put("attributes", Map.of("kcs.enforceTombstones", "false")));
    }

    @AfterAll
    void stopPool() {
        pool.shutdownNow();
    }

    /** The control: Keycloak's own DELETE /admin/realms/{realm}/sessions/{id}, in a realm without tombstones. */
    @Test
    void withoutTombstonesKeycloaksOwnAdminLogoutLosesTheRace() throws Exception {
        TestRealm realmA = withoutTombstonesOnA;
        // Three sessions that survive their sign-out are proof enough that the race happens.
        int usable = race(realmA, realmA.at(KeycloakExtension.cluster().b()), "Keycloak's admin logout, no tombstones",
                "alice", victim -> realmA.admin()
                        .call("DELETE", "/realms/" + realmA.name() + "/sessions/" + victim.sessionId(), null), 204, 3);

        assertTrue(usable > 0, "the race was not provoked in " + TRIES + " tries: the other tests prove nothing");
    }

    @Test
    void keycloaksOwnAdminLogoutIsFinal() throws Exception {
        assertEquals(0, race("Keycloak's admin logout", "alice", victim -> onA.admin()
                .call("DELETE", "/realms/" + onA.name() + "/sessions/" + victim.sessionId(), null), 204));
    }

    @Test
    void revokingOneSessionIsFinal() throws Exception {
        Tokens caller = onA.passwordGrant(TestRealm.SPA, "bob");
        assertEquals(0, race("DELETE /sessions/{id}", "bob",
                victim -> Api.delete(onA.api("/" + victim.sessionId()), "Authorization", caller.bearer()), 204));
    }

    @Test
    void revokingEveryOtherSessionIsFinal() throws Exception {
        Tokens caller = onA.passwordGrant(TestRealm.SPA, "carol");
        assertEquals(0, race("DELETE /sessions", "carol",
                victim -> Api.delete(onA.api(""), "Authorization", caller.bearer()), 200));
    }

    @Test
    void anAdminRevokingAllOfAUsersSessionsIsFinal() throws Exception {
        String userId = onA.userId("alice");
        assertEquals(0, race("DELETE device-sessions?userId", "alice", victim -> onA.admin()
                .call("DELETE", "/realms/" + onA.name() + "/device-sessions?userId=" + userId, null), 200));
    }

    @Test
    void revokingBySessionTokenIsFinal() throws Exception {
        assertEquals(0, race("POST /sessions/revoke", "bob", victim -> Api.send("POST", onA.api("/revoke"),
                "application/json", "{\"sessionToken\":\"" + victim.refreshToken() + "\"}"), 204));
    }

    private int race(String what, String username, Function<Tokens, Http.Reply> revocation, int expectedStatus)
            throws Exception {
        return race(onA, onB, what, username, revocation, expectedStatus, TRIES);
    }

    /**
     * @param enough stop once this many sessions were still usable
     * @return in how many tries the session could still be used after the revocation answered
     */
    private int race(TestRealm onA, TestRealm onB, String what, String username,
                     Function<Tokens, Http.Reply> revocation, int expectedStatus, int enough) throws Exception {
        int usable = 0;
        int tries = 0;
        for (int i = 0; i < TRIES && usable < enough; i++, tries++) {
            Tokens victim = onA.passwordGrant(TestRealm.SPA, username);
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> hammers = new ArrayList<>();
            for (int h = 0; h < HAMMERS; h++) {
                int kind = h;
                hammers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        useOn(onB, victim, kind);
                    }
                }));
            }
            Clock.sleep(20 + i % 5 * 10);
            Http.Reply answer = revocation.apply(victim);
            assertEquals(expectedStatus, answer.status(), what + ": " + answer);
            stop.set(true);
            for (Future<?> hammer : hammers) {
                hammer.get(30, TimeUnit.SECONDS);
            }
            List<String> stillWorking = stillUsable(onA, onB, victim);
            if (!stillWorking.isEmpty()) {
                usable++;
                System.out.printf("%s, try %d: session %s still usable after the revocation: %s%n", what, i,
                        victim.sessionId(), stillWorking);
            }
        }
        System.out.printf("%s: %d of %d revoked sessions still usable%n", what, usable, tries);
        return usable;
    }

    private static void useOn(TestRealm onB, Tokens victim, int kind) {
        switch (kind) {
            case 0 -> onB.whoami(victim);
            case 1 -> onB.userinfo(victim.accessToken());
            default -> onB.refresh(TestRealm.SPA, victim.refreshToken());
        }
    }

    private static List<String> stillUsable(TestRealm onA, TestRealm onB, Tokens victim) {
        List<String> working = new ArrayList<>();
        for (TestRealm node : List.of(onA, onB)) {
            String name = node == onA ? "A" : "B";
            if (node.whoami(victim).status() == 200) {
                working.add("whoami on " + name);
            }
            if (node.userinfo(victim.accessToken()).status() == 200) {
                working.add("userinfo on " + name);
            }
            if (node.refresh(TestRealm.SPA, victim.refreshToken()).status() == 200) {
                working.add("refresh on " + name);
            }
        }
        return working;
    }
}
