package io.github.kcsessions.bench;

import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Cluster;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakServer;
import io.github.kcsessions.it.support.TestRealm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Incident response at realm scale (docs/admin-api.md): realm-wide pages filtered by country, IP block and browser,
 * a per-user page, a dry-run count and a revocation by filter of 1,000 sessions, on a realm of {@code bench.sessions}
 * sessions, side by side with Keycloak's own {@code users/{id}/sessions}; the server's heap after a full GC before and
 * after the realm is filled. Sessions come from real password grants; the realm's password policy
 * {@code hashAlgorithm(pbkdf2-sha256) and hashIterations(1)} makes a login cost the login, not the hash. Not a test: run with
 * {@code mvn -Pbenchmark verify -Dbench.class=IncidentResponseBenchmark [-Dbench.sessions=100000]
 * [-Dbench.postgres=true]}: one start-dev node on H2, or node A of the two-node PostgreSQL cluster of the suite.
 */
public final class IncidentResponseBenchmark {

    private static final int SESSIONS = Integer.getInteger("bench.sessions", 100_000);
    private static final int USER_SESSIONS = Integer.getInteger("bench.userSessions", 500);
    private static final int OTHER_USERS = Integer.getInteger("bench.users", 200);
    private static final long MILLIS = Long.getLong("bench.millis", 20_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final int REVOKED = 1_000;

    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.5 Mobile/15E148 Safari/604.1",
            "curl/8.5.0");
    // GB, SE and US in the test geo-IP database, and a private block it cannot locate.
    private static final List<String> ADDRESSES = List.of("81.2.69.142", "89.160.20.112", "216.160.83.56", "10.9.");

    private IncidentResponseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean("bench.postgres")) {
            try (Cluster cluster = KeycloakExtension.startStandaloneCluster()) {
                System.out.println("Database: " + cluster.databaseUrl() + " (user and password keycloak)");
                measure(cluster.a(), "node A of a two-node cluster on PostgreSQL");
            }
        } else {
            try (KeycloakServer server = KeycloakExtension.startStandalone()) {
                measure(server, "one node, start-dev on H2");
            }
        }
    }

    private static void measure(KeycloakServer server, String setup) throws Exception {
        System.out.println("Server: " + setup);
        {
            TestRealm realm = TestRealm.create(IncidentResponseBenchmark.class, r -> {
                r.put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
                List<Object> users = new ArrayList<>((List<?>) r.get("users"));
                for (int i = 0; i < OTHER_USERS; i++) {
                    users.add(TestRealm.user((String) r.get("realm"), "user" + i, null, null, null));
                }
                r.put("users", users);
            });
            String heapBefore = heap(server);
            createSessions(realm);
            String heapFilled = heap(server);
            holdIfAsked(server);
            String alice = realm.userId("alice");
            String ours = server.baseUrl() + "/admin/realms/" + realm.name() + "/device-sessions";
            String theirs = server.baseUrl() + "/admin/realms/" + realm.name() + "/users/" + alice + "/sessions";

            List<Load.Result> results = new ArrayList<>();
            results.add(run("Keycloak GET users/{id}/sessions (all " + USER_SESSIONS + " of alice)", theirs));
            results.add(run("device-sessions?userId&max=50 (alice)", ours + "?max=50&userId=" + alice));
            results.add(run("device-sessions?max=50 (realm-wide, no filter)", ours + "?max=50"));
            results.add(run("device-sessions?country=GB&max=50 (realm-wide)", ours + "?max=50&country=GB"));
            results.add(run("device-sessions?ip=10.9.0.0/16&max=50 (realm-wide)", ours + "?max=50&ip=10.9.0.0/16"));
            results.add(run("device-sessions?browser=Firefox&max=50 (realm-wide)", ours + "?max=50&browser=Firefox"));
            results.add(run("DELETE device-sessions?country=SE&browser=curl&dryRun=true (count and first page)",
                    ours + "?country=SE&browser=curl&dryRun=true", "DELETE"));
            String heapAfter = heap(server);

            // 1,000 sessions of one address in the private block, revoked by filter.
            String block = "ip=10.9.1.0/24";
            int matched = Http.method("DELETE", ours + "?" + block + "&dryRun=true", null, null,
                    "Authorization", Admin.bearer()).json().get("matched").asInt();
            long start = System.nanoTime();
            Http.Reply revoked = Http.method("DELETE", ours + "?" + block + "&expectedCount=" + matched, null, null,
                    "Authorization", Admin.bearer());
            double seconds = (System.nanoTime() - start) / 1e9;

            System.out.println();
            System.out.println(Load.HEADER);
            results.forEach(System.out::println);
            System.out.println();
            System.out.printf("Revoke by filter (%s): %s in %.1f s, %.0f sessions/s%n", block, revoked.body(), seconds,
                    matched / seconds);
            System.out.printf("Server heap after full GC: empty realm %s; %d sessions %s; after the runs %s%n",
                    heapBefore, SESSIONS, heapFilled, heapAfter);
        }
    }

    /** With -Dbench.hold=true, waits after filling the realm until the file /tmp/bench-continue exists (to explain queries). */
    private static void holdIfAsked(KeycloakServer server) throws InterruptedException {
        if (!Boolean.getBoolean("bench.hold")) {
            return;
        }
        System.out.println("Holding: " + server.baseUrl() + "; touch /tmp/bench-continue to go on");
        while (!new java.io.File("/tmp/bench-continue").exists()) {
            Thread.sleep(1000);
        }
    }

    private static Load.Result run(String name, String url) throws Exception {
        return run(name, url, "GET");
    }

    private static Load.Result run(String name, String url, String method) throws Exception {
        return Load.run(name, THREADS, MILLIS,
                () -> Http.method(method, url, null, null, "Authorization", Admin.bearer()));
    }

    /** Password grants with varied devices and addresses; every 1000th user's block is 10.9.<n>.x. */
    private static void createSessions(TestRealm realm) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
        List<Future<?>> logins = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            int n = i;
            String username = n < USER_SESSIONS ? "alice" : "user" + (n % OTHER_USERS);
            String address = ADDRESSES.get(n % ADDRESSES.size());
            if (address.endsWith(".")) {
                // 10.9.<block>.<host>: each /24 block holds 1,000 sessions in a row of the 25% private ones.
                int privateIndex = n / ADDRESSES.size();
                address = address + (privateIndex / 1000) + "." + (privateIndex % 250);
            }
            String ip = address;
            logins.add(pool.submit(() -> realm.passwordGrant(TestRealm.SPA, username, Map.of(),
                    "User-Agent", USER_AGENTS.get(n / ADDRESSES.size() % USER_AGENTS.size()), "X-Forwarded-For", ip)));
        }
        for (int i = 0; i < logins.size(); i++) {
            logins.get(i).get();
            if ((i + 1) % 10_000 == 0) {
                System.out.printf("%d sessions created in %.0f s%n", i + 1, (System.nanoTime() - start) / 1e9);
            }
        }
        pool.shutdown();
        System.out.printf("%d sessions in %.0f s%n", SESSIONS, (System.nanoTime() - start) / 1e9);
    }

    /** The server's used heap after a full GC, as jcmd reports it. */
    private static String heap(KeycloakServer server) throws IOException, InterruptedException {
        // kc.sh starts the server's JVM as its child.
        String jvm = ProcessHandle.of(server.pid()).stream()
                .flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .map(p -> String.valueOf(p.pid()))
                .findFirst().orElse(null);
        if (jvm == null) {
            return "n/a";
        }
        exec("jcmd", jvm, "GC.run");
        String info = exec("jcmd", jvm, "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        long total = 0;
        if (used.find()) {
            total = Long.parseLong(used.group(1));
        }
        return total == 0 ? "n/a (" + info.strip().lines().findFirst().orElse("") + ")" : (total / 1024) + " MiB";
    }

    private static String exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
