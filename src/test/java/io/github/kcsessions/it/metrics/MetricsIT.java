package io.github.kcsessions.it.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.maxmind.geoip2.DatabaseReader;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.EndedSessionCopies;
import io.github.kcsessions.it.support.Forms;
import io.github.kcsessions.it.support.FreePort;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.Mailbox;
import io.github.kcsessions.it.support.MetricsScrape;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.TestResources;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.FIREFOX_LINUX;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.it.support.Clock.await;
import static io.github.kcsessions.it.email.NewDeviceEmails.withNewDeviceEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension's metrics on Keycloak's management port ({@code --metrics-enabled=true}), each read as Prometheus reads
 * it, before and after the action it counts (docs/operations.md). Every series is per realm, and each test reads only
 * its own realm's, so the counts are exact.
 */
@KeycloakTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {

    private static final String P = "keycloak_device_sessions_";
    /** A public address the test database does not know. */
    private static final String UNKNOWN_PUBLIC = "8.8.8.8";

    private Mailbox mail;
    private TestRealm realm;

    @BeforeAll
    void start() {
        mail = Mailbox.start();
        realm = TestRealm.create(MetricsIT.class,
                withNewDeviceEmail(mail::configure, "dave", "erin", "frank", "grace"));
    }

    @AfterAll
    void stop() {
        mail.close();
    }

    @Test
    void revocationsByRouteAndOutcomeAndTheSessionsEachEnded() {
        MetricsScrape before = scrape();
        Tokens alice = login("alice");
        Tokens other = login("alice");
        Tokens stolen = login("carol");
        assertEquals(204, Api.delete(realm.api("/" + other.sessionId()), "Authorization", alice.bearer()).status());
        assertEquals(404, Api.delete(realm.api("/no-such-session"), "Authorization", alice.bearer()).status());
        login("alice");
        login("alice");
        assertEquals(200, Api.delete(realm.api(""), "Authorization", alice.bearer()).status());
        assertEquals(200, Api.delete(realm.api(""), "Authorization", alice.bearer()).status());
        assertEquals(204, Api.send("POST", realm.api("/revoke"), "application/json",
                "{\"sessionToken\":\"" + stolen.refreshToken() + "\"}").status());
        Tokens bob = login("bob");
        assertEquals(204, Admin.delete("/realms/" + realm.name() + "/device-sessions/" + bob.sessionId()).status());
        login("bob");
        login("bob");
        assertEquals(200, Admin.delete("/realms/" + realm.name() + "/device-sessions?userId="
                + realm.userId("bob")).status());
        MetricsScrape after = scrape();

        assertEquals(1, increase(before, after, "revocations_total", "route", "self_one", "outcome", "revoked"));
        assertEquals(1, increase(before, after, "revocations_total", "route", "self_one", "outcome", "refused"));
        assertEquals(1, increase(before, after, "revocations_total", "route", "self_others", "outcome", "revoked"));
        assertEquals(1, increase(before, after, "revocations_total", "route", "self_others", "outcome", "none"));
        assertEquals(1, increase(before, after, "revocations_total", "route", "session_token", "outcome", "revoked"));
        assertEquals(1, increase(before, after, "revocations_total", "route", "admin_one", "outcome", "revoked"));
        assertEquals(1, increase(before, after, "revocations_total", "route", "admin_user", "outcome", "revoked"));
        // "Everywhere else" ended the two other sessions; the administrator, bob's remaining two.
        assertEquals(2, increase(before, after, "revoked_sessions_sum", "route", "self_others"));
        assertEquals(2, increase(before, after, "revoked_sessions_sum", "route", "admin_user"));
        assertEquals(1, increase(before, after, "revoked_sessions_count", "route", "admin_user"));
        assertEquals(0, increase(before, after, "revocations_total", "outcome", "failed"));
    }

    @Test
    void adminSearchesAndRevocationsByFilterWithTheirLatency() {
        String address = "203.0.113.91";
        realm.passwordGrant(TestRealm.SPA, "carol", "X-Forwarded-For", address);
        realm.passwordGrant(TestRealm.SPA, "carol", "X-Forwarded-For", address);
        String path = "/realms/" + realm.name() + "/device-sessions?ip=" + address;
        MetricsScrape before = scrape();
        assertEquals(200, Admin.get(path).status());
        assertEquals(200, Admin.delete(path + "&dryRun=true").status());
        assertEquals(409, Admin.delete(path + "&expectedCount=5").status());
        assertEquals(200, Admin.delete(path + "&expectedCount=2").status());
        MetricsScrape after = scrape();

        assertEquals(1, increase(before, after, "admin_searches_seconds_count", "kind", "search"));
        assertEquals(1, increase(before, after, "admin_searches_seconds_count", "kind", "dry_run"));
        assertEquals(2, increase(before, after, "admin_searches_seconds_count", "kind", "revoke_by_filter"));
        assertEquals(2, increase(before, after, "admin_searches_seconds_bucket", "kind", "revoke_by_filter",
                "le", "30.0"), "every one is in the largest bucket");
        assertEquals(1, increase(before, after, "revocations_total", "route", "admin_filter", "outcome", "refused"));
        assertEquals(1, increase(before, after, "revocations_total", "route", "admin_filter", "outcome", "revoked"));
        assertEquals(2, increase(before, after, "revoked_sessions_sum", "route", "admin_filter"));
    }

    @Test
    void refusalsOfCopiesOfEndedSessions() throws Exception {
        MetricsScrape before = scrape();
        List<JsonNode> removals = EndedSessionCopies.provoke(realm, "dave", Duration.ofSeconds(90));
        MetricsScrape after = scrape();

        double refusals = increase(before, after, "tombstone_refusals_total");
        assertTrue(refusals >= removals.size(), refusals + " refusals, " + removals.size() + " removals");
    }

    @Test
    void newDeviceEmailsByOutcomeAndThisWasntMeConfirmations() throws Exception {
        MetricsScrape before = scrape();
        realm.passwordGrant(TestRealm.SPA, "erin", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", LONDON_IP);
        realm.passwordGrant(TestRealm.SPA, "erin", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", LONDON_IP);
        realm.passwordGrant(TestRealm.SPA, "erin", "User-Agent", CURL, "X-Forwarded-For", LONDON_IP);
        String link = Mailbox.endSessionLink(mail.awaitOnly(realm, "erin@example.com"));
        assertEquals(200, Forms.confirmEndSession(link).status());
        MetricsScrape after = awaitIncrease(before, realm, "new_device_emails_total", 3);

        assertEquals(1, increase(before, after, "new_device_emails_total", "outcome", "first_device"));
        assertEquals(1, increase(before, after, "new_device_emails_total", "outcome", "known_device"));
        assertEquals(1, increase(before, after, "new_device_emails_total", "outcome", "sent"));
        assertEquals(1, increase(before, after, "new_device_end_session_confirmations_total"));
        assertEquals(1, increase(before, after, "revocations_total", "route", "this_wasnt_me", "outcome", "revoked"));
    }

    /** Two apps signing in from the same new device at once (a browser restoring its tabs) make one email. */
    @Test
    void simultaneousSignInsFromOneNewDeviceSendOneEmail() throws Exception {
        MetricsScrape start = scrape();
        realm.passwordGrant(TestRealm.SPA, "grace", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", LONDON_IP);
        MetricsScrape before = awaitIncrease(start, realm, "new_device_emails_total", 1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Tokens> signIn = () -> realm.passwordGrant(TestRealm.SPA, "grace", "User-Agent", CURL,
                    "X-Forwarded-For", LONDON_IP);
            for (Future<Tokens> done : pool.invokeAll(Collections.nCopies(4, signIn))) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        // Every sign-in is checked after it answered; once all four are counted, every email there is has been sent.
        MetricsScrape after = awaitIncrease(before, realm, "new_device_emails_total", 4);

        assertEquals(1, increase(before, after, "new_device_emails_total", "outcome", "sent"));
        assertEquals(3, increase(before, after, "new_device_emails_total", "outcome", "known_device"));
        assertEquals(1, mail.to(realm, "grace@example.com").size());
    }

    @Test
    void aNewDeviceEmailTheMailServerRefusedIsCountedAsFailed() throws Exception {
        TestRealm down = TestRealm.create("maildown", withNewDeviceEmail(r -> Mailbox.configure(r, FreePort.next())));
        MetricsScrape before = scrape();
        down.passwordGrant(TestRealm.SPA, "alice", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", LONDON_IP);
        down.passwordGrant(TestRealm.SPA, "alice", "User-Agent", CURL, "X-Forwarded-For", LONDON_IP);
        MetricsScrape after = awaitIncrease(before, down, "new_device_emails_total", 2);

        assertEquals(1, increase(before, after, down, "new_device_emails_total", "outcome", "failed"));
        assertEquals(0, increase(before, after, down, "new_device_emails_total", "outcome", "sent"));
    }

    @Test
    void deviceCapturesAndWhatTheyLacked() {
        MetricsScrape before = scrape();
        realm.passwordGrant(TestRealm.SPA, "frank", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", LONDON_IP);
        realm.passwordGrant(TestRealm.SPA, "frank", "User-Agent", "xyzzy/1.0", "X-Forwarded-For", LONDON_IP);
        realm.passwordGrant(TestRealm.SPA, "frank", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", UNKNOWN_PUBLIC);
        realm.passwordGrant(TestRealm.SPA, "frank", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", "10.1.2.3");
        MetricsScrape after = scrape();

        assertEquals(4, increase(before, after, "captures_total"));
        assertEquals(1, increase(before, after, "capture_problems_total", "problem", "unrecognised_user_agent"));
        assertEquals(1, increase(before, after, "capture_problems_total", "problem", "no_location"),
                "a public address the database does not know; a private one is not a problem");
        assertEquals(0, increase(before, after, "capture_problems_total", "problem", "failed"));
        assertEquals(0, increase(before, after, "capture_problems_total", "problem", "geoip_database_unusable"));
    }

    @Test
    void theGeoIpDatabasesBuildTime() throws Exception {
        long built;
        try (DatabaseReader reader = new DatabaseReader.Builder(TestResources.geoIpDatabase().toFile()).build()) {
            built = reader.metadata().buildTime().getEpochSecond();
        }
        assertEquals(built, scrape().value(P + "geoip_build_timestamp_seconds"));
    }

    /**
     * Every metric the operations guide and the dashboard name is one the server serves, once the other tests of this
     * class have made each happen: the documentation cannot drift from the code.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void theDocumentedMetricsAreTheOnesServed() throws Exception {
        List<String> served = scrape().lines(P).stream().filter(line -> line.startsWith("# TYPE "))
                .map(line -> line.split(" ")[2]).toList();
        for (String document : List.of("docs/operations.md", "docs/grafana-dashboard.json")) {
            Matcher named = Pattern.compile(P + "[a-z_]+").matcher(Files.readString(Path.of(document)));
            int count = 0;
            while (named.find()) {
                String name = named.group().replaceAll("_(bucket|count|sum|max|total)$", "");
                count++;
                assertTrue(served.stream().anyMatch(family -> family.equals(name) || family.equals(name + "_total")),
                        document + " names " + named.group() + ", which the server does not serve: " + served);
            }
            assertTrue(count >= 9, document + " names " + count + " metrics");
        }
    }

    // ---- helpers

    private Tokens login(String username) {
        return realm.passwordGrant(TestRealm.SPA, username);
    }

    private static MetricsScrape scrape() {
        return MetricsScrape.of(KeycloakExtension.server());
    }

    private double increase(MetricsScrape before, MetricsScrape after, String metric, String... labels) {
        return increase(before, after, realm, metric, labels);
    }

    private static double increase(MetricsScrape before, MetricsScrape after, TestRealm realm, String metric,
                                   String... labels) {
        String[] withRealm = Stream.concat(Stream.of("realm", realm.name()), Stream.of(labels)).toArray(String[]::new);
        return after.value(P + metric, withRealm) - before.value(P + metric, withRealm);
    }

    /** Emails go out after the sign-in answered: scrapes until the count has grown by this much. */
    private static MetricsScrape awaitIncrease(MetricsScrape before, TestRealm realm, String metric, int by)
            throws Exception {
        await(() -> increase(before, scrape(), realm, metric) >= by);
        return scrape();
    }
}
