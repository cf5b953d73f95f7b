package io.github.kcsessions.bench;

import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakServer;
import io.github.kcsessions.it.support.TestRealm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The admin search ({@code /admin/realms/{realm}/device-sessions}) against Keycloak's own
 * {@code GET /admin/realms/{realm}/users/{id}/sessions}, as the master admin, on a realm of {@code bench.sessions}
 * sessions of which {@code bench.userSessions} belong to alice. Not a test: run with
 * {@code mvn -Pbenchmark verify -Dbench.class=AdminSessionsBenchmark} (see docs/admin-api.md). Prints a Markdown table.
 */
public final class AdminSessionsBenchmark {

    private static final int SESSIONS = Integer.getInteger("bench.sessions", 10_000);
    private static final int USER_SESSIONS = Integer.getInteger("bench.userSessions", 500);
    private static final int OTHER_USERS = Integer.getInteger("bench.users", 50);
    private static final long MILLIS = Long.getLong("bench.millis", 20_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);

    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.5 Mobile/15E148 Safari/604.1",
            "curl/8.5.0");
    // GB, SE and US in the test geo-IP database the server is started with.
    private static final List<String> ADDRESSES = List.of("81.2.69.142", "89.160.20.112", "216.160.83.56");

    private AdminSessionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (KeycloakServer server = KeycloakExtension.startStandalone()) {
            TestRealm realm = TestRealm.create(AdminSessionsBenchmark.class, r -> {
                List<Object> users = new ArrayList<>((List<?>) r.get("users"));
                for (int i = 0; i < OTHER_USERS; i++) {
                    users.add(TestRealm.user((String) r.get("realm"), "user" + i, null, null, null));
                }
                r.put("users", users);
            });
            createSessions(realm);
            String alice = realm.userId("alice");
            String ours = server.baseUrl() + "/admin/realms/" + realm.name() + "/device-sessions";
            String theirs = server.baseUrl() + "/admin/realms/" + realm.name() + "/users/" + alice + "/sessions";

            List<Load.Result> results = new ArrayList<>();
            results.add(run("Keycloak GET users/{id}/sessions (all " + USER_SESSIONS + ")", theirs));
            results.add(run("device-sessions?userId&max=50 (" + USER_SESSIONS + " sessions)",
                    ours + "?max=50&userId=" + alice));
            results.add(run("device-sessions?userId&type=online&max=50", ours + "?max=50&type=online&userId=" + alice));
            results.add(run("device-sessions?max=50 (realm-wide, " + SESSIONS + " sessions)", ours + "?max=50"));
            results.add(run("device-sessions?country=GB&apiClient=false&max=50 (realm-wide)",
                    ours + "?max=50&country=GB&apiClient=false"));
            results.add(run("device-sessions?clientId=spa&max=50 (every session)",
                    ours + "?max=50&clientId=" + TestRealm.SPA));

            System.out.println();
            System.out.println(Load.HEADER);
            results.forEach(System.out::println);
        }
    }

    private static Load.Result run(String name, String url) throws Exception {
        return Load.run(name, THREADS, MILLIS, () -> Http.get(url, "Authorization", Admin.bearer()));
    }

    /** Password grants with varied devices and addresses: alice's first, then the other users in turn. */
    private static void createSessions(TestRealm realm) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> logins = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            int n = i;
            String username = n < USER_SESSIONS ? "alice" : "user" + (n % OTHER_USERS);
            logins.add(pool.submit(() -> realm.passwordGrant(TestRealm.SPA, username, Map.of(),
                    "User-Agent", USER_AGENTS.get(n % USER_AGENTS.size()),
                    "X-Forwarded-For", ADDRESSES.get(n % ADDRESSES.size()))));
        }
        for (int i = 0; i < logins.size(); i++) {
            logins.get(i).get();
            if ((i + 1) % 1000 == 0) {
                System.out.printf("%d sessions created%n", i + 1);
            }
        }
        pool.shutdown();
        System.out.printf("%d sessions in %.0f s%n", SESSIONS, (System.nanoTime() - start) / 1e9);
    }
}
