package io.github.kcsessions.it.signals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.email.NewDeviceEmails.TwoDevices;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.EndedSessionCopies;
import io.github.kcsessions.it.support.Forms;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.Mailbox;
import io.github.kcsessions.it.support.ServerLog;
import io.github.kcsessions.it.support.SignalReceiver;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.HOME_IP;
import static io.github.kcsessions.it.email.NewDeviceEmails.withNewDeviceEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way this extension ends a session reaches an app subscribed through Keycloak's Shared Signals transmitter
 * ({@code --features=ssf}) as one CAEP session-revoked Security Event Token for that user and session, signed with the
 * realm's key, within five seconds of the sign-out answering: a real receiver registered through the transmitter's API
 * polls for them (docs/signals.md).
 */
@KeycloakTest
class SharedSignalsIT {

    private static final Duration PROMISED = Duration.ofSeconds(5);

    private Mailbox mail;
    private TestRealm realm;
    private SignalReceiver receiver;
    private ServerLog log;

    @BeforeAll
    void register() {
        log = ServerLog.fromNow(KeycloakExtension.server());
        mail = Mailbox.start();
        realm = TestRealm.create(SharedSignalsIT.class,
                withNewDeviceEmail(mail::configure, "dave", "erin", "frank", "grace", "heidi", "ivan", "jane"));
        receiver = SignalReceiver.register(realm);
    }

    /** Keycloak's own account-console sign-out logs an ERROR here (keycloak#51571); this extension's routes none. */
    @AfterAll
    void noSignOutLeftAnErrorInTheServerLog() {
        mail.close();
        if (log != null) {
            assertEquals(List.of(), log.errors());
        }
    }

    @Test
    void signingOutOneSession() {
        Tokens own = login("alice");
        Tokens other = login("alice");
        Instant answered = answered(Api.delete(realm.api("/" + other.sessionId()), "Authorization", own.bearer()), 204);
        assertSignalledOnce("alice", answered, other);
        assertEquals(List.of(), receiver.forSession(own.sessionId()));
    }

    @Test
    void signingOutEverywhereElseSignalsEachOtherSessionAndNotThisOne() {
        Tokens own = login("bob");
        Tokens laptop = login("bob");
        Tokens phone = login("bob");
        Instant answered = answered(Api.delete(realm.api(""), "Authorization", own.bearer()), 200);
        assertSignalledOnce("bob", answered, laptop, phone);
        assertEquals(List.of(), receiver.forSession(own.sessionId()), "the session that asked goes on");
    }

    @Test
    void signingOutEverywhere() {
        Tokens own = login("carol");
        Tokens other = login("carol");
        Instant answered = answered(Api.delete(realm.api("?includeCurrent=true"), "Authorization", own.bearer()), 200);
        assertSignalledOnce("carol", answered, own, other);
    }

    @Test
    void revokingBySessionToken() {
        Tokens stolen = login("dave");
        Instant answered = answered(Api.send("POST", realm.api("/revoke"), "application/json",
                "{\"sessionToken\":\"" + stolen.refreshToken() + "\"}"), 204);
        assertSignalledOnce("dave", answered, stolen);
    }

    @Test
    void anAdministratorRevokingOneSession() {
        Tokens target = login("erin");
        Instant answered = answered(Admin.delete("/realms/" + realm.name() + "/device-sessions/" + target.sessionId()),
                204);
        assertSignalledOnce("erin", answered, target);
    }

    @Test
    void anAdministratorRevokingEverySessionOfAUser() {
        Tokens first = login("frank");
        Tokens second = login("frank");
        Instant answered = answered(Admin.delete("/realms/" + realm.name() + "/device-sessions?userId="
                + realm.userId("frank")), 200);
        assertSignalledOnce("frank", answered, first, second);
    }

    @Test
    void anAdministratorRevokingByFilter() {
        String address = "203.0.113.77";
        Tokens bad = realm.passwordGrant(TestRealm.SPA, "grace", "X-Forwarded-For", address, "User-Agent", CURL);
        Tokens alsoBad = realm.passwordGrant(TestRealm.SPA, "heidi", "X-Forwarded-For", address, "User-Agent", CURL);
        Tokens good = realm.passwordGrant(TestRealm.SPA, "grace", "X-Forwarded-For", HOME_IP);
        Instant answered = answered(Admin.delete("/realms/" + realm.name() + "/device-sessions?ip=" + address
                + "&expectedCount=2"), 200);
        assertSignalledOnce("grace", answered, bad);
        assertSignalledOnce("heidi", answered, alsoBad);
        assertEquals(List.of(), receiver.forSession(good.sessionId()));
    }

    @Test
    void thisWasntMe() throws Exception {
        Tokens intruder = TwoDevices.signIn(realm, "ivan").newDevice();
        String link = Mailbox.endSessionLink(mail.awaitOnly(realm, "ivan@example.com"));
        Http.Reply confirmed = Forms.confirmEndSession(link);
        Instant answered = answered(confirmed, 200);
        assertTrue(confirmed.body().contains("kcs-end-session-done"), confirmed.body());
        assertSignalledOnce("ivan", answered, intruder);
    }

    /**
     * A copy of an ended session that Keycloak put back into its cache (keycloak#51127) is removed where it is found,
     * and that removal is a session end the receiver hears of, once however often the copy comes back. Keycloak's own
     * admin "sign out this session" sends no event of its own (keycloak#51376 and docs/signals.md), so every event
     * about these sessions comes from a removal.
     */
    @Test
    void aCopyOfAnEndedSessionRemovedOnSightIsSignalledOnce() throws Exception {
        String jane = realm.userId("jane");
        List<JsonNode> removals = EndedSessionCopies.provoke(realm, "jane", Duration.ofSeconds(90));
        for (JsonNode removal : removals) {
            String id = removal.get("sessionId").asText();
            assertEquals(1, removals.stream().filter(e -> e.get("sessionId").asText().equals(id)).count(),
                    "one removal event per ended session, however often its copies come back");
            List<SignalReceiver.Set> sets = receiver.awaitSessionRevoked(id, PROMISED);
            assertEquals(1, sets.size(), "events about " + id);
            assertEquals(jane, sets.get(0).userId());
            Instant removed = Instant.ofEpochMilli(removal.get("time").asLong());
            System.out.printf("signals: removal on sight read %d ms after the removal%n",
                    Duration.between(removed, sets.get(0).receivedAt()).toMillis());
            assertTrue(Duration.between(removed, sets.get(0).receivedAt()).compareTo(PROMISED) <= 0,
                    "removed at " + removed + ", read at " + sets.get(0).receivedAt());
        }
    }

    private Tokens login(String username) {
        return realm.passwordGrant(TestRealm.SPA, username);
    }

    private static Instant answered(Http.Reply reply, int expected) {
        assertEquals(expected, reply.status(), reply.toString());
        return Instant.now();
    }

    /** One session-revoked event about each of these sessions of the user, only that event, within the promise. */
    private void assertSignalledOnce(String username, Instant answered, Tokens... sessions) {
        for (Tokens session : sessions) {
            List<SignalReceiver.Set> sets = receiver.awaitSessionRevoked(session.sessionId(), PROMISED);
            assertEquals(1, sets.size(), "session-revoked events about " + session.sessionId() + ": " + sets);
            SignalReceiver.Set set = sets.get(0);
            assertEquals(realm.userId(username), set.userId());
            JsonNode events = set.claims().path("events");
            assertEquals(List.of(SignalReceiver.SESSION_REVOKED),
                    events.properties().stream().map(Map.Entry::getKey).toList());
            long eventTime = events.path(SignalReceiver.SESSION_REVOKED).path("event_timestamp").asLong();
            assertTrue(Math.abs(eventTime - answered.getEpochSecond()) <= PROMISED.toSeconds(),
                    set.claims().toString());
            Duration delay = Duration.between(answered, set.receivedAt());
            System.out.printf("signals: %s read %d ms after the sign-out answered%n",
                    StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow().getMethodName()),
                    delay.toMillis());
            assertTrue(delay.compareTo(PROMISED) <= 0, "read " + delay.toMillis() + " ms after the sign-out answered");
        }
    }
}
