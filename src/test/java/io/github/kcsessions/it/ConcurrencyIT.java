package io.github.kcsessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many threads list, use, refresh and revoke the same user's sessions on one node for a bounded time, by every
 * revocation route, as a user signing out devices while their apps keep refreshing (or an attacker with a stolen
 * refresh token refreshes in a loop). Keycloak's session store can bring a session back into its cache while it is
 * being removed (docs/design.md, "Revocations are final"); here no request that starts after a revocation answered may
 * use that session, the answers are never 5xx, and every page of the list adds up.
 */
@KeycloakTest
class ConcurrencyIT {

    private static final long SEED = Long.getLong("concurrency.seed", 20261129L);
    private static final int SECONDS = Integer.getInteger("concurrency.seconds", 20);
    private static final int THREADS = 20;
    private static final int LIVE_VICTIMS = 8;

    private TestRealm realm;
    private String userId;

    /** A session under fire, with the latest tokens any thread got for it. */
    private static final class Victim {
        final String sessionId;
        final String refreshToken;
        volatile String accessToken;
        /** When the revocation answered (nanoTime), or 0 while it has not. */
        volatile long revokedAt;
        final AtomicInteger revoking = new AtomicInteger();

        Victim(Tokens tokens) {
            this.sessionId = tokens.sessionId();
            this.refreshToken = tokens.refreshToken();
            this.accessToken = tokens.accessToken();
        }
    }

    private final Map<String, Victim> victims = new ConcurrentHashMap<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger revocations = new AtomicInteger();
    private volatile Tokens manager;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(ConcurrencyIT.class);
        userId = realm.userId("alice");
    }

    @Test
    void noSessionOutlivesItsRevocationAndNothingFails() throws Exception {
        manager = realm.passwordGrant(TestRealm.SPA, "alice");
        for (int i = 0; i < LIVE_VICTIMS; i++) {
            addVictim();
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(SEED + t);
            int role = t % 5;
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    switch (role) {
                        case 0 -> revokeOne(random);
                        case 1 -> {
                            if (random.nextBoolean()) {
                                list();
                            } else {
                                listWithKeycloak(random);
                            }
                        }
                        case 2 -> whoami(anyVictim(random));
                        default -> refresh(anyVictim(random));
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(SECONDS + 120L, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<String> survivors = new ArrayList<>();
        for (Victim victim : victims.values()) {
            if (victim.revokedAt != 0 && !stillUsable(victim).isEmpty()) {
                survivors.add(victim.sessionId + " " + stillUsable(victim));
            }
        }
        System.out.printf("concurrency: seed %d, %d requests, %d revocations, %d sessions%n", SEED, requests.get(),
                revocations.get(), victims.size());
        assertEquals(List.of(), first(serverErrors), serverErrors.size() + " 5xx answers (seed " + SEED + ")");
        assertEquals(List.of(), first(violations), violations.size() + " violations (seed " + SEED + ")");
        assertEquals(List.of(), survivors, "revoked sessions still usable at the end (seed " + SEED + ")");
        assertTrue(revocations.get() >= 20, "too few revocations to prove anything: " + revocations.get());

        // Every session the user still has is reachable by "sign out everywhere", so none can hide from it.
        Http.Reply all = call("DELETE", realm.api("?includeCurrent=true"), manager.bearer());
        assertEquals(200, all.status(), all.toString());
        for (Victim victim : victims.values()) {
            assertEquals(List.of(), stillUsable(victim), "after signing out everywhere: " + victim.sessionId);
        }
        assertEquals(0, Admin.getJson("/realms/" + realm.name() + "/users/" + userId + "/sessions").size());
    }

    private static List<String> first(List<String> problems) {
        synchronized (problems) {
            return List.copyOf(problems.subList(0, Math.min(10, problems.size())));
        }
    }

    private void addVictim() {
        Victim victim = new Victim(realm.passwordGrant(TestRealm.SPA, "alice"));
        victims.put(victim.sessionId, victim);
    }

    private Victim anyVictim(Random random) {
        List<Victim> all = new ArrayList<>(victims.values());
        return all.get(random.nextInt(all.size()));
    }

    private void revokeOne(Random random) {
        List<Victim> live = victims.values().stream().filter(v -> v.revokedAt == 0).toList();
        if (live.isEmpty()) {
            addVictim();
            return;
        }
        Victim victim = live.get(random.nextInt(live.size()));
        if (victim.revoking.getAndIncrement() > 0) {
            return;
        }
        Http.Reply answer = switch (random.nextInt(3)) {
            case 0 -> call("DELETE", realm.api("/" + victim.sessionId), manager.bearer());
            case 1 -> record(Http.method("POST", realm.api("/revoke"), "application/json",
                    "{\"sessionToken\":\"" + victim.refreshToken + "\"}"));
            default -> record(Admin.at(realm.baseUrl()).call("DELETE",
                    "/realms/" + realm.name() + "/device-sessions/" + victim.sessionId, null));
        };
        if (answer.status() != 204) {
            violations.add("revocation of " + victim.sessionId + " answered " + answer);
            return;
        }
        victim.revokedAt = System.nanoTime();
        revocations.incrementAndGet();
        addVictim();
    }

    private void list() {
        Http.Reply page = call("GET", realm.api("?max=100"), manager.bearer());
        if (page.status() != 200) {
            violations.add("list answered " + page);
            return;
        }
        JsonNode items = page.json().get("sessions");
        int total = page.json().get("total").asInt();
        Set<String> ids = new HashSet<>();
        items.forEach(item -> ids.add(item.get("id").asText() + "/" + item.get("offline").asBoolean()));
        if (ids.size() != items.size() || total < 1 || total <= 100 && total != items.size()) {
            violations.add("inconsistent page: total " + total + ", " + items.size() + " items, " + ids.size()
                    + " distinct");
        }
    }

    /**
     * Keycloak's own lists read the sessions from the database and put each one they miss in the cache back there:
     * the race this test is about needs them.
     */
    private void listWithKeycloak(Random random) {
        Http.Reply reply = random.nextBoolean()
                ? call("GET", realm.url("/account/sessions"), manager.bearer())
                : record(Admin.get("/realms/" + realm.name() + "/users/" + userId + "/sessions"));
        if (reply.status() != 200) {
            violations.add("Keycloak's list answered " + reply);
        }
    }

    private void whoami(Victim victim) {
        long started = System.nanoTime();
        Http.Reply reply = call("GET", realm.api("/whoami"), "Bearer " + victim.accessToken);
        if (reply.status() == 200 && startedAfterRevocation(victim, started)) {
            violations.add("whoami 200 for " + victim.sessionId + " after its revocation");
        }
    }

    private void refresh(Victim victim) {
        long started = System.nanoTime();
        Http.Reply reply = record(realm.refresh(TestRealm.SPA, victim.refreshToken));
        if (reply.status() == 200) {
            victim.accessToken = reply.json().get("access_token").asText();
            if (startedAfterRevocation(victim, started)) {
                violations.add("refresh 200 for " + victim.sessionId + " after its revocation");
            }
        }
    }

    private static boolean startedAfterRevocation(Victim victim, long started) {
        long revokedAt = victim.revokedAt;
        return revokedAt != 0 && started > revokedAt;
    }

    private List<String> stillUsable(Victim victim) {
        List<String> working = new ArrayList<>();
        if (Http.get(realm.api("/whoami"), "Authorization", "Bearer " + victim.accessToken).status() == 200) {
            working.add("whoami");
        }
        if (realm.userinfo(victim.accessToken).status() == 200) {
            working.add("userinfo");
        }
        if (realm.refresh(TestRealm.SPA, victim.refreshToken).status() == 200) {
            working.add("refresh");
        }
        if (Admin.get("/realms/" + realm.name() + "/device-sessions/" + victim.sessionId).status() == 200) {
            working.add("admin lookup");
        }
        return working;
    }

    private Http.Reply call(String method, String url, String authorization) {
        return record(Http.method(method, url, null, null, "Authorization", authorization));
    }

    private Http.Reply record(Http.Reply reply) {
        requests.incrementAndGet();
        if (reply.status() >= 500) {
            serverErrors.add(reply.toString());
        }
        return reply;
    }
}
