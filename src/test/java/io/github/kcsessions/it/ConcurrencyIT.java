package io.github.kcsessions.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads list, use, refresh and end the same users' sessions on one node for a bounded time, by every route that
 * ends a session, this extension's and Keycloak's own, while Keycloak's own lists run: as users signing out devices
 * while their apps keep refreshing (or an attacker with a stolen refresh token refreshes in a loop). Keycloak's session
 * store can put a session back into its cache while it is being removed (Keycloak issue 51127, docs/design.md); with
 * the tombstones no request that starts after a sign-out answered may use that session, by any route, and none is usable
 * at the end. The same run in a realm with the tombstones switched off shows Keycloak's own figure, which must be above
 * zero: otherwise this test did not provoke the race it is about.
 */
@KeycloakTest
class ConcurrencyIT {

    private static final long SEED = Long.getLong("concurrency.seed", 20261129L);
    private static final int SECONDS = Integer.getInteger("concurrency.seconds", 12);
    private static final int THREADS = 20;
    private static final int MIN_ENDINGS = 2;
    private static final int LIVE_VICTIMS = 8;
    private static final int LIVE_BOB_VICTIMS = 3;

    /** Every way a session ends that the test takes: this extension's three, then Keycloak's own. */
    enum Route {
        SELF_SERVICE_DELETE, REVOKE_BY_TOKEN, ADMIN_DEVICE_SESSION_DELETE,
        ACCOUNT_API_DELETE, ADMIN_SESSION_DELETE, OIDC_LOGOUT, ADMIN_USER_LOGOUT
    }

    /** A session under fire, with the latest tokens any thread got for it. */
    private static final class Victim {
        final String username;
        final String sessionId;
        final String refreshToken;
        volatile String accessToken;
        /** When its ending answered (nanoTime), or 0 while it has not. */
        volatile long endedAt;
        volatile Route route;
        final AtomicInteger ending = new AtomicInteger();

        Victim(String username, Tokens tokens) {
            this.username = username;
            this.sessionId = tokens.sessionId();
            this.refreshToken = tokens.refreshToken();
            this.accessToken = tokens.accessToken();
        }
    }

    @Test
    void everySignOutIsFinalByEveryRoute() throws Exception {
        Run run = new Run(TestRealm.create("concurrencyit", r -> { })).go("tombstones on", SECONDS);

        assertEquals(List.of(), first(run.problems), run.problems.size() + " problems (seed " + SEED + ")");
        for (Route route : Route.values()) {
            assertTrue(run.endings.get(route).get() >= MIN_ENDINGS, route + ": too few sign-outs to prove anything: "
                    + run.endings.get(route));
            assertEquals(Set.of(), run.usedAfterEnd.get(route), route + ": sessions used after the sign-out answered");
            assertEquals(List.of(), run.usableAtEnd.get(route), route + ": sessions still usable at the end");
        }

        // Every session alice still has is reachable by "sign out everywhere", so none can hide from it.
        Http.Reply all = run.call("DELETE", run.realm.api("?includeCurrent=true"), run.manager.bearer());
        assertEquals(200, all.status(), all.toString());
        for (Victim victim : run.victims.values()) {
            if (victim.username.equals("alice")) {
                assertEquals(List.of(), run.stillUsable(victim), "after signing out everywhere: " + victim.sessionId);
            }
        }
        assertEquals(0, Admin.getJson("/realms/" + run.realm.name() + "/users/" + run.aliceId + "/sessions").size());
    }

    /** Keycloak's own figure, measured the same way in a realm that switches the tombstones off. */
    @Test
    void withoutTombstonesKeycloaksOwnSignOutsAreNotFinal() throws Exception {
        // Shorter: a few surviving sessions prove the race is provoked.
        Run run = new Run(TestRealm.create("concurrencyit-off",
                r -> r.put("attributes", Map.of("kcs.enforceTombstones", "false")))).go("tombstones off", SECONDS / 2);

        int keycloaksGhosts = 0;
        for (Route route : EnumSet.range(Route.ACCOUNT_API_DELETE, Route.ADMIN_USER_LOGOUT)) {
            Set<String> ghosts = new HashSet<>(run.usedAfterEnd.get(route));
            run.usableAtEnd.get(route).forEach(line -> ghosts.add(line.substring(0, line.indexOf(' '))));
            keycloaksGhosts += ghosts.size();
        }
        assertTrue(keycloaksGhosts > 0, "Keycloak's own sign-outs were all final without tombstones: the race was not "
                + "provoked, so the other test proves nothing");
    }

    /** One run in one realm: what was done, and what went wrong, by route. */
    private final class Run {
        final TestRealm realm;
        final String aliceId;
        final String bobId;
        final Tokens manager;
        final Admin admin;
        final Map<String, Victim> victims = new ConcurrentHashMap<>();
        final Map<Route, AtomicInteger> endings = new EnumMap<>(Route.class);
        final Map<Route, Set<String>> usedAfterEnd = new EnumMap<>(Route.class);
        final Map<Route, List<String>> usableAtEnd = new EnumMap<>(Route.class);
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger nextRoute = new AtomicInteger();
        final Object bobLock = new Object();

        Run(TestRealm realm) {
            this.realm = realm;
            this.aliceId = realm.userId("alice");
            this.bobId = realm.userId("bob");
            this.manager = realm.passwordGrant(TestRealm.SPA, "alice");
            this.admin = Admin.at(realm.baseUrl());
            for (Route route : Route.values()) {
                endings.put(route, new AtomicInteger());
                usedAfterEnd.put(route, ConcurrentHashMap.newKeySet());
                usableAtEnd.put(route, new ArrayList<>());
            }
        }

        /** Runs the threads, then finds the ended sessions still usable, reports, and checks there was no 5xx. */
        Run go(String what, int seconds) throws Exception {
            for (int i = 0; i < LIVE_VICTIMS + LIVE_BOB_VICTIMS; i++) {
                addVictim(i < LIVE_VICTIMS ? "alice" : "bob");
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long latest = end + TimeUnit.SECONDS.toNanos(60);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(SEED + t);
                int role = t % 5;
                workers.add(pool.submit(() -> {
                    // The enders go on past the end, while the others still run, until every route ended a few.
                    while (System.nanoTime() < end || role == 0 && !everyRouteEnded() && System.nanoTime() < latest) {
                        switch (role) {
                            case 0 -> endOne(random);
                            case 1 -> list(random);
                            case 2 -> use(anyVictim(random), random.nextBoolean());
                            default -> refresh(anyVictim(random));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(seconds + 120L, TimeUnit.SECONDS);
            }
            pool.shutdown();
            for (Victim victim : victims.values()) {
                List<String> working = victim.endedAt == 0 ? List.of() : stillUsable(victim);
                if (!working.isEmpty()) {
                    usableAtEnd.get(victim.route).add(victim.sessionId + " " + working);
                }
            }
            System.out.printf("concurrency (%s): seed %d, %d requests, %d sessions%n", what, SEED, requests.get(),
                    victims.size());
            for (Route route : Route.values()) {
                System.out.printf("  %-28s %3d ended, %3d used after the answer, %3d usable at the end%n", route,
                        endings.get(route).get(), usedAfterEnd.get(route).size(), usableAtEnd.get(route).size());
            }
            assertEquals(List.of(), first(serverErrors), serverErrors.size() + " 5xx answers (seed " + SEED + ")");
            return this;
        }

        private boolean everyRouteEnded() {
            return endings.values().stream().allMatch(count -> count.get() >= MIN_ENDINGS);
        }

        private void addVictim(String username) {
            Victim victim = new Victim(username, realm.passwordGrant(TestRealm.SPA, username));
            victims.put(victim.sessionId, victim);
        }

        private Victim anyVictim(Random random) {
            List<Victim> all = new ArrayList<>(victims.values());
            return all.get(random.nextInt(all.size()));
        }

        private List<Victim> live(String username) {
            return victims.values().stream().filter(v -> v.endedAt == 0 && v.username.equals(username)).toList();
        }

        private void endOne(Random random) {
            // In turn rather than at random, so that a slow machine still ends sessions by every route.
            Route route = Route.values()[Math.floorMod(nextRoute.getAndIncrement(), Route.values().length)];
            if (route == Route.ADMIN_USER_LOGOUT) {
                logOutBob();
                return;
            }
            List<Victim> live = live("alice");
            if (live.isEmpty()) {
                addVictim("alice");
                return;
            }
            Victim victim = live.get(random.nextInt(live.size()));
            if (victim.ending.getAndIncrement() > 0) {
                return;
            }
            String realmPath = "/realms/" + realm.name();
            Http.Reply answer = record(switch (route) {
                case SELF_SERVICE_DELETE -> Http.method("DELETE", realm.api("/" + victim.sessionId), null, null,
                        "Authorization", manager.bearer());
                case REVOKE_BY_TOKEN -> Http.method("POST", realm.api("/revoke"), "application/json",
                        "{\"sessionToken\":\"" + victim.refreshToken + "\"}");
                case ADMIN_DEVICE_SESSION_DELETE -> admin.call("DELETE", realmPath + "/device-sessions/"
                        + victim.sessionId, null);
                case ACCOUNT_API_DELETE -> Http.method("DELETE", realm.url("/account/sessions/" + victim.sessionId),
                        null, null, "Authorization", manager.bearer(), "Accept", "application/json");
                case ADMIN_SESSION_DELETE -> admin.call("DELETE", realmPath + "/sessions/" + victim.sessionId, null);
                case OIDC_LOGOUT -> realm.logout(TestRealm.SPA, victim.refreshToken);
                case ADMIN_USER_LOGOUT -> throw new IllegalStateException();
            });
            if (answer.status() / 100 != 2) {
                problems.add(route + " of " + victim.sessionId + " answered " + answer);
                return;
            }
            victim.route = route;
            victim.endedAt = System.nanoTime();
            endings.get(route).incrementAndGet();
            addVictim("alice");
        }

        /** Keycloak's admin "Sign out" of a user: all of bob's sessions end; only those that existed before count. */
        private void logOutBob() {
            synchronized (bobLock) {
                List<Victim> live = live("bob");
                Http.Reply answer = record(admin.call("POST", "/realms/" + realm.name() + "/users/" + bobId + "/logout",
                        null));
                if (answer.status() != 204) {
                    problems.add("admin logout of bob answered " + answer);
                    return;
                }
                long now = System.nanoTime();
                for (Victim victim : live) {
                    victim.route = Route.ADMIN_USER_LOGOUT;
                    victim.endedAt = now;
                }
                endings.get(Route.ADMIN_USER_LOGOUT).addAndGet(live.size());
                for (int i = 0; i < LIVE_BOB_VICTIMS; i++) {
                    addVictim("bob");
                }
            }
        }

        private void list(Random random) {
            int which = random.nextInt(4);
            if (which == 0) {
                ourList();
                return;
            }
            // Keycloak's own lists read sessions from the database and put each one they miss back into the cache:
            // the race this test is about needs them.
            Http.Reply reply = record(which == 1 ? Http.get(realm.url("/account/sessions"), "Authorization",
                    manager.bearer(), "Accept", "application/json")
                    : admin.call("GET", "/realms/" + realm.name() + "/users/" + (which == 2 ? aliceId : bobId)
                            + "/sessions", null));
            if (reply.status() != 200) {
                problems.add("Keycloak's list answered " + reply);
            }
        }

        private void ourList() {
            Http.Reply page = call("GET", realm.api("?max=100"), manager.bearer());
            if (page.status() != 200) {
                problems.add("list answered " + page);
                return;
            }
            JsonNode items = page.json().get("sessions");
            int total = page.json().get("total").asInt();
            Set<String> ids = new HashSet<>();
            items.forEach(item -> ids.add(item.get("id").asText() + "/" + item.get("offline").asBoolean()));
            if (ids.size() != items.size() || total < 1 || total <= 100 && total != items.size()) {
                problems.add("inconsistent page: total " + total + ", " + items.size() + " items, " + ids.size()
                        + " distinct");
            }
        }

        private void use(Victim victim, boolean viaUserinfo) {
            long started = System.nanoTime();
            Http.Reply reply = viaUserinfo ? record(realm.userinfo(victim.accessToken))
                    : call("GET", realm.api("/whoami"), "Bearer " + victim.accessToken);
            usedAfterEnd(victim, reply, started);
        }

        private void refresh(Victim victim) {
            long started = System.nanoTime();
            Http.Reply reply = record(realm.refresh(TestRealm.SPA, victim.refreshToken));
            if (reply.status() == 200) {
                victim.accessToken = reply.json().get("access_token").asText();
            }
            usedAfterEnd(victim, reply, started);
        }

        /** Notes a 200 to a request that started after the sign-out of its session answered. */
        private void usedAfterEnd(Victim victim, Http.Reply reply, long started) {
            long endedAt = victim.endedAt;
            if (reply.status() == 200 && endedAt != 0 && started > endedAt) {
                usedAfterEnd.get(victim.route).add(victim.sessionId);
            }
        }

        private List<String> stillUsable(Victim victim) {
            return Stream.of(
                    Map.entry("whoami", Http.get(realm.api("/whoami"), "Authorization",
                            "Bearer " + victim.accessToken)),
                    Map.entry("userinfo", realm.userinfo(victim.accessToken)),
                    Map.entry("refresh", realm.refresh(TestRealm.SPA, victim.refreshToken)),
                    Map.entry("admin lookup", Admin.get("/realms/" + realm.name() + "/device-sessions/"
                            + victim.sessionId)))
                    .filter(probe -> probe.getValue().status() == 200).map(Map.Entry::getKey).toList();
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

    private static List<String> first(List<String> problems) {
        synchronized (problems) {
            return List.copyOf(problems.subList(0, Math.min(10, problems.size())));
        }
    }
}
