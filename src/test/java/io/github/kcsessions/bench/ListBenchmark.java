package io.github.kcsessions.bench;

import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakServer;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Self-service list and whoami against Keycloak's own account API, on the same server, for one user with many
 * sessions. Not a test: run with {@code mvn -Pbenchmark verify} (see docs/benchmarks.md). Prints a Markdown table.
 */
public final class ListBenchmark {

    private static final int SESSIONS = Integer.getInteger("bench.sessions", 500);
    private static final long MILLIS = Long.getLong("bench.millis", 20_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);

    private ListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (KeycloakServer server = KeycloakExtension.startStandalone()) {
            TestRealm realm = TestRealm.create(ListBenchmark.class);
            createSessions(realm, "alice", SESSIONS - 1);
            Tokens few = realm.passwordGrant(TestRealm.SPA, "bob");
            Tokens many = realm.passwordGrant(TestRealm.SPA, "alice");
            String accountSessions = realm.url("/account/sessions");

            List<Load.Result> results = new ArrayList<>();
            results.add(Load.run("GET /sessions?max=50, " + SESSIONS + " sessions", THREADS, MILLIS,
                    () -> Http.get(realm.api("?max=50"), "Authorization", many.bearer())));
            results.add(Load.run("GET /account/sessions (Keycloak), " + SESSIONS + " sessions", THREADS, MILLIS,
                    () -> Http.get(accountSessions, "Authorization", many.bearer(), "Accept", "application/json")));
            results.add(Load.run("GET /sessions/whoami, " + SESSIONS + " sessions", THREADS, MILLIS,
                    () -> realm.whoami(many)));
            results.add(Load.run("GET /sessions?max=50, 1 session", THREADS, MILLIS,
                    () -> Http.get(realm.api("?max=50"), "Authorization", few.bearer())));
            results.add(Load.run("GET /account/sessions (Keycloak), 1 session", THREADS, MILLIS,
                    () -> Http.get(accountSessions, "Authorization", few.bearer(), "Accept", "application/json")));

            System.out.println();
            System.out.println(Load.HEADER);
            results.forEach(System.out::println);
        }
    }

    static void createSessions(TestRealm realm, String username, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Tokens>> logins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            logins.add(pool.submit(() -> realm.passwordGrant(TestRealm.SPA, username,
                    "User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                            + "Chrome/131.0.0.0 Safari/537.36")));
        }
        for (Future<Tokens> login : logins) {
            login.get();
        }
        pool.shutdown();
    }
}
