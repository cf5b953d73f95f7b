package io.github.kcsessions.bench;

import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakServer;
import io.github.kcsessions.it.support.SignalReceiver;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the tombstones cost (docs/benchmarks.md, "Sign-outs"), on one server, in the three steps below. With
 * {@code -Dbench.serverOptions="--features=ssf --metrics-enabled=true"} all of it runs with Shared Signals (a receiver
 * in both realms) and metrics on; with {@code -Dbench.useCaches=false}, on a server started with
 * {@code --spi-user-sessions--infinispan--use-caches=false}: run it once with each and compare.
 * Not a test: {@code mvn -Pbenchmark verify -Dbench.class=SignOutBenchmark}. Prints Markdown tables.
 */
public final class SignOutBenchmark {

    private static final int SIGN_OUTS = Integer.getInteger("bench.sessions", 200);
    private static final long MILLIS = Long.getLong("bench.millis", 15_000);
    private static final int ROUNDS = 2;
    private static final boolean USE_CACHES = Boolean.parseBoolean(System.getProperty("bench.useCaches", "true"));
    /** More options for the server, e.g. {@code --features=ssf --metrics-enabled=true}. */
    private static final List<String> SERVER_OPTIONS = System.getProperty("bench.serverOptions", "").isBlank()
            ? List.of() : List.of(System.getProperty("bench.serverOptions").strip().split("\\s+"));

    private SignOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = new ArrayList<>(USE_CACHES ? List.of()
                : List.of("--spi-user-sessions--infinispan--use-caches=false"));
        options.addAll(SERVER_OPTIONS);
        try (KeycloakServer server = KeycloakExtension.startStandalone(options)) {
            TestRealm on = TestRealm.create("signoutbenchmark", r -> { });
            TestRealm off = TestRealm.create("signoutbenchmark-off",
                    r -> r.put("attributes", Map.of("kcs.enforceTombstones", "false")));
            boolean signals = SERVER_OPTIONS.stream().anyMatch(o -> o.contains("ssf"));
            if (signals) {
                // Every sign-out of the realm then becomes a signed event in the transmitter's outbox.
                SignalReceiver.register(on);
                SignalReceiver.register(off);
            }
            System.out.println("\nSession caches: " + (USE_CACHES ? "on (Keycloak's default)" : "off (use-caches=false)")
                    + "; server options: " + (SERVER_OPTIONS.isEmpty() ? "none" : String.join(" ", SERVER_OPTIONS))
                    + (signals ? ", a Shared Signals receiver in both realms" : ""));
            latencies(on);
            throughput(on, off);
            modeFigures(on);
        }
    }

    /** Each route ends {@code SIGN_OUTS} sessions, one request at a time, the routes taking turns. */
    private static void latencies(TestRealm realm) throws Exception {
        Tokens caller = realm.passwordGrant(TestRealm.SPA, "bob");
        Map<String, Function<Tokens, Http.Reply>> routes = new LinkedHashMap<>();
        String admin = "/realms/" + realm.name();
        routes.put("DELETE /sessions/{id} (ours)",
                t -> Http.delete(realm.api("/" + t.sessionId()), "Authorization", caller.bearer()));
        routes.put("DELETE /admin/.../device-sessions/{id} (ours)",
                t -> Admin.delete(admin + "/device-sessions/" + t.sessionId()));
        routes.put("DELETE /admin/.../sessions/{id} (Keycloak)",
                t -> Admin.delete(admin + "/sessions/" + t.sessionId()));
        routes.put("DELETE /account/sessions/{id} (Keycloak)", t -> Http.delete(
                realm.url("/account/sessions/" + t.sessionId()), "Authorization", caller.bearer(),
                "Accept", "application/json"));
        Map<String, List<Tokens>> victims = new LinkedHashMap<>();
        for (String route : routes.keySet()) {
            victims.put(route, Load.logins(realm, "bob", SIGN_OUTS));
        }
        Map<String, List<Long>> nanos = new LinkedHashMap<>();
        routes.keySet().forEach(route -> nanos.put(route, new ArrayList<>()));
        Admin.bearer();
        for (int i = 0; i < SIGN_OUTS; i++) {
            for (Map.Entry<String, Function<Tokens, Http.Reply>> route : routes.entrySet()) {
                Tokens victim = victims.get(route.getKey()).get(i);
                long before = System.nanoTime();
                Http.Reply reply = route.getValue().apply(victim);
                long took = System.nanoTime() - before;
                if (reply.status() != 204) {
                    throw new IllegalStateException(route.getKey() + ": " + reply);
                }
                if (i >= 10) {
                    nanos.get(route.getKey()).add(took);
                }
            }
        }
        System.out.println("\n| sign-out of one session | sign-outs | p50 ms | p99 ms |\n|---|---|---|---|");
        nanos.forEach((route, list) -> {
            Collections.sort(list);
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", route, list.size(),
                    Load.percentile(list, 0.5), Load.percentile(list, 0.99));
        });
    }

    /** Refresh and userinfo, the realm with tombstones and the one without taking turns, {@code ROUNDS} times each. */
    private static void throughput(TestRealm on, TestRealm off) throws Exception {
        Tokens withTombstones = on.passwordGrant(TestRealm.SPA, "alice");
        Tokens without = off.passwordGrant(TestRealm.SPA, "alice");
        List<Load.Result> results = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            results.add(Load.run("refresh, tombstones on, round " + round, MILLIS,
                    () -> on.refresh(TestRealm.SPA, withTombstones.refreshToken())));
            results.add(Load.run("refresh, tombstones off, round " + round, MILLIS,
                    () -> off.refresh(TestRealm.SPA, without.refreshToken())));
            results.add(Load.run("userinfo, tombstones on, round " + round, MILLIS,
                    () -> on.userinfo(withTombstones.accessToken())));
            results.add(Load.run("userinfo, tombstones off, round " + round, MILLIS,
                    () -> off.userinfo(without.accessToken())));
        }
        Load.print("", results);
    }

    /** The requests whose cost the session mode may change: compare the tables of a run in each mode. */
    private static void modeFigures(TestRealm realm) throws Exception {
        Load.logins(realm, "carol", 49);
        Tokens carol = realm.passwordGrant(TestRealm.SPA, "carol");
        Load.print("\nSession caches " + (USE_CACHES ? "on" : "off") + ":", List.of(
                Load.run("login (password grant)", MILLIS, () -> Http.postForm(
                        realm.url("/protocol/openid-connect/token"), Map.of("grant_type", "password",
                                "client_id", TestRealm.SPA, "username", "alice", "password", TestRealm.PASSWORD))),
                Load.run("refresh", MILLIS, () -> realm.refresh(TestRealm.SPA, carol.refreshToken())),
                Load.run("userinfo", MILLIS, () -> realm.userinfo(carol.accessToken())),
                Load.run("GET /sessions?max=50, 50 sessions", MILLIS,
                        () -> Http.get(realm.api("?max=50"), "Authorization", carol.bearer())),
                Load.run("GET /sessions/whoami", MILLIS, () -> realm.whoami(carol))));
    }
}
