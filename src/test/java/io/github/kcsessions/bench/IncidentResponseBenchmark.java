package io.github.kcsessions.bench;

import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Cluster;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakServer;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.HEADLESS_CHROME;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;

/**
 * The device table at realm scale (docs/benchmarks.md, "Admin search and lists at scale", says what is measured and
 * how the realm is filled): on a realm of {@code bench.sessions} sessions on one node in production mode on PostgreSQL
 * (the suite's cluster with its second node stopped; {@code -Dbench.postgres=false}: one start-dev node on H2). The
 * incident filters match a fixed 1,000 sessions whatever the realm's size, while {@code country=GB} matches a share.
 *
 * <p>Not a test: {@code mvn -Pbenchmark verify -Dbench.class=IncidentResponseBenchmark -Dbench.sessions=1000000}.
 */
public final class IncidentResponseBenchmark {

    private static final int SESSIONS = Integer.getInteger("bench.sessions", 100_000);
    private static final int OTHER_USERS = Integer.getInteger("bench.users", 200);
    private static final long MILLIS = Long.getLong("bench.millis", 15_000);
    private static final int BATCH = 250;
    private static final int MANY = 10_000;
    private static final int SOME = 500;
    private static final int INCIDENT = 1_000;

    private static final String SCRIPT = "python-requests/2.31.0";
    private static final String CN_ADDRESS = "175.16.199.1";
    private static final String IPV6_ADDRESS = "2001:db8:bad::1";
    private static final List<String> POPULATION_AGENTS = List.of(CHROME_WINDOWS,
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
                    + "Safari/605.1.15");

    private IncidentResponseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        installHelper();
        if (Boolean.parseBoolean(System.getProperty("bench.postgres", "true"))) {
            try (Cluster cluster = KeycloakExtension.startStandaloneCluster()) {
                // One node: a second one on the same two cores would measure their replication, not the search.
                cluster.b().close();
                measure(cluster.a(), cluster, "one node in production mode on PostgreSQL 15");
            }
        } else {
            try (KeycloakServer server = KeycloakExtension.startStandalone()) {
                measure(server, null, "one node, start-dev on H2");
            }
        }
    }

    /** The helper jar into the distribution the servers are started from (a fresh one for every test run). */
    private static void installHelper() throws IOException {
        Path build = Path.of(System.getProperty("project.build.directory", "target"));
        Path providers = Path.of(System.getProperty("keycloak.dist.dir")).resolve("providers");
        Files.copy(build.resolve("bench-helper.jar"), providers.resolve("bench-helper.jar"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void measure(KeycloakServer server, Cluster cluster, String setup) throws Exception {
        System.out.println("Server: " + setup + "; " + SESSIONS + " sessions");
        TestRealm realm = TestRealm.create(IncidentResponseBenchmark.class, r -> {
            r.put("eventsEnabled", false);
            r.put("ssoSessionIdleTimeout", 36_000);
            r.put("ssoSessionMaxLifespan", 36_000);
            List<Object> users = new ArrayList<>((List<?>) r.get("users"));
            for (int i = 0; i < OTHER_USERS; i++) {
                users.add(TestRealm.user((String) r.get("realm"), "user" + i, null, null, null));
            }
            r.put("users", users);
        });
        String heapBefore = heap(server);
        long filling = System.nanoTime();
        Profile.of(server, "filling the realm", () -> {
            fill(realm);
            return null;
        });
        double fillSeconds = (System.nanoTime() - filling) / 1e9;
        if (cluster != null) {
            // What PostgreSQL's autovacuum does by itself soon after a bulk load: statistics and the visibility map.
            cluster.sql("vacuum analyze kcs_device_session");
            cluster.sql("vacuum analyze kcs_device_session_client");
        }
        String heapFilled = heap(server);

        Tokens many = realm.passwordGrant(TestRealm.SPA, "alice");
        Tokens some = realm.passwordGrant(TestRealm.SPA, "bob");
        String alice = realm.userId("alice");
        String admin = server.baseUrl() + "/admin/realms/" + realm.name();
        String ours = admin + "/device-sessions";

        List<Load.Result> results = new ArrayList<>();
        results.add(get("GET /sessions?max=50, " + MANY + " sessions (alice)", realm.api("?max=50"), many));
        results.add(get("GET /sessions?max=50, " + SOME + " sessions (bob)", realm.api("?max=50"), some));
        results.add(get("Keycloak GET /account/sessions, " + SOME + " sessions (bob)", realm.url("/account/sessions"),
                some));
        results.add(admin("device-sessions?userId&max=50 (alice, " + MANY + ")", ours + "?max=50&userId=" + alice));
        // Not alice's 10,000: Keycloak loads them one by one into its session transaction, and a single such request
        // took minutes of CPU. Bob's 500 is the comparison that finishes.
        results.add(admin("Keycloak GET users/{id}/sessions (bob, all " + SOME + ")",
                admin + "/users/" + realm.userId("bob") + "/sessions"));
        results.add(admin("device-sessions?max=50 (realm-wide, no filter)", ours + "?max=50"));
        results.add(admin("device-sessions?country=CN&max=50 (1,000 match)", ours + "?max=50&country=CN"));
        results.add(Profile.of(server, "a page filtered by an IPv4 block", () -> admin(
                "device-sessions?ip=175.16.199.0/24&max=50 (1,000 match)", ours + "?max=50&ip=175.16.199.0/24")));
        results.add(admin("device-sessions?ip=2001:db8:bad::/48&max=50 (1,000 match)",
                ours + "?max=50&ip=" + Http.encode("2001:db8:bad::/48")));
        results.add(admin("device-sessions?browser=HeadlessChrome&max=50 (1,000 match)",
                ours + "?max=50&browser=HeadlessChrome"));
        results.add(admin("device-sessions?country=GB&max=50 (a fifth of the realm)", ours + "?max=50&country=GB"));
        results.add(admin("DELETE device-sessions?country=GB&dryRun=true (count and first page)",
                ours + "?country=GB&dryRun=true", "DELETE"));
        results.add(admin("DELETE device-sessions?country=CN&dryRun=true (count and first page)",
                ours + "?country=CN&dryRun=true", "DELETE"));
        String heapAfter = heap(server);

        String block = "ip=" + Http.encode("2001:db8:bad::/48");
        int matched = Http.method("DELETE", ours + "?" + block + "&dryRun=true", null, null,
                "Authorization", Admin.bearer()).json().get("matched").asInt();
        long start = System.nanoTime();
        Http.Reply revoked = Profile.of(server, "revoke by filter", () -> Http.method("DELETE",
                ours + "?" + block + "&expectedCount=" + matched, null, null, "Authorization", Admin.bearer()));
        double seconds = (System.nanoTime() - start) / 1e9;

        Load.print(String.format("%nFilled %d sessions in %.0f s (%.0f sessions/s)", SESSIONS, fillSeconds,
                SESSIONS / fillSeconds), results);
        System.out.println();
        System.out.printf("Revoke by filter (2001:db8:bad::/48): %s in %.2f s, %.0f sessions/s%n", revoked.body(),
                seconds, matched / seconds);
        System.out.printf("Server heap after full GC: empty realm %s; %d sessions %s; after the runs %s%n",
                heapBefore, SESSIONS, heapFilled, heapAfter);
    }

    /** The realm's sessions: alice's and bob's, the two incidents, and a population over the other users. */
    private static void fill(TestRealm realm) throws Exception {
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < MANY / BATCH; i++) {
            batches.add(new Batch("alice", BATCH, POPULATION_AGENTS.get(i % 4), "10.200." + i + ".1"));
        }
        batches.add(new Batch("bob", SOME, POPULATION_AGENTS.get(0), "10.201.0.1"));
        for (int i = 0; i < INCIDENT / BATCH; i++) {
            batches.add(new Batch("user0", BATCH, HEADLESS_CHROME, CN_ADDRESS));
            batches.add(new Batch("user1", BATCH, SCRIPT, IPV6_ADDRESS));
        }
        int rest = SESSIONS - MANY - SOME - 2 * INCIDENT;
        for (int b = 0; b * BATCH < rest; b++) {
            // A fifth from GB, a tenth each from the US and Sweden, the rest from private addresses.
            String address = switch (b % 10) {
                case 0, 1 -> LONDON_IP;
                case 2 -> "216.160.83.56";
                case 3 -> "89.160.20.112";
                default -> "10." + (b / 250 % 250) + "." + (b % 250) + "." + (1 + b % 7);
            };
            batches.add(new Batch("user" + (2 + b % (OTHER_USERS - 2)), Math.min(BATCH, rest - b * BATCH),
                    POPULATION_AGENTS.get(b % 4), address));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Http.Reply>> pending = new ArrayList<>();
        for (Batch batch : batches) {
            pending.add(pool.submit(() -> Http.method("POST", realm.url("/kcs-bench/sessions?clientId=" + TestRealm.SPA
                            + "&username=" + batch.username() + "&count=" + batch.count()), null, null,
                    "User-Agent", batch.userAgent(), "X-Forwarded-For", batch.address())));
        }
        long start = System.nanoTime();
        int done = 0;
        for (Future<Http.Reply> reply : pending) {
            if (reply.get().status() != 204) {
                throw new IllegalStateException("Creating sessions failed: " + reply.get());
            }
            if (++done % 100 == 0) {
                System.out.printf("%d batches of %d in %.0f s%n", done, pending.size(), (System.nanoTime() - start) / 1e9);
            }
        }
        pool.shutdown();
    }

    private record Batch(String username, int count, String userAgent, String address) {
    }

    private static Load.Result get(String name, String url, Tokens tokens) throws Exception {
        return Load.run(name, MILLIS,
                () -> Http.get(url, "Authorization", tokens.bearer(), "Accept", "application/json"));
    }

    private static Load.Result admin(String name, String url) throws Exception {
        return admin(name, url, "GET");
    }

    private static Load.Result admin(String name, String url, String method) throws Exception {
        return Load.run(name, MILLIS, () -> Http.method(method, url, null, null, "Authorization", Admin.bearer()));
    }

    /** The server's used heap after a full GC, as jcmd reports it. */
    static String heap(KeycloakServer server) throws IOException, InterruptedException {
        String jvm = Profile.jvmOf(server);
        if (jvm == null) {
            return "n/a";
        }
        Profile.exec("jcmd", jvm, "GC.run");
        String info = Profile.exec("jcmd", jvm, "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        long total = 0;
        if (used.find()) {
            total = Long.parseLong(used.group(1));
        }
        return total == 0 ? "n/a (" + info.strip().lines().findFirst().orElse("") + ")" : (total / 1024) + " MiB";
    }
}
