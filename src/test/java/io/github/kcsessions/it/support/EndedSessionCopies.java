package io.github.kcsessions.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;

/**
 * Provokes the race in which Keycloak puts a session back into its cache while signing it out (keycloak#51127,
 * docs/design.md), as ConcurrencyIT does at large: apps refresh sessions and call the API with them while Keycloak's
 * admin API signs them out. The copies that come back are refused and removed where they are met, and each removal is a
 * LOGOUT event with the reason {@code ended_session_copy_removed}.
 */
public final class EndedSessionCopies {

    public static final String REMOVED = "ended_session_copy_removed";
    private static final int SESSIONS_PER_ROUND = 4;
    private static final int APPS_PER_SESSION = 3;
    private static final int USES_AFTER_THE_END = 15;

    private EndedSessionCopies() {
    }

    /**
     * Rounds of the race until one leaves a removed copy; the removal events of that round. Fails when none did in the
     * time given: the race was not provoked.
     */
    public static List<JsonNode> provoke(TestRealm realm, String username, Duration giveUp) throws Exception {
        Instant deadline = Instant.now().plus(giveUp);
        int rounds = 0;
        while (Instant.now().isBefore(deadline)) {
            rounds++;
            List<Tokens> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS_PER_ROUND; i++) {
                sessions.add(realm.passwordGrant(TestRealm.SPA, username));
            }
            race(realm, sessions);
            Set<String> ids = Set.copyOf(sessions.stream().map(Tokens::sessionId).toList());
            List<JsonNode> removals = StreamSupport.stream(realm.events("LOGOUT").spliterator(), false)
                    .filter(event -> ids.contains(event.path("sessionId").asText())
                            && REMOVED.equals(event.path("details").path("reason").asText())).toList();
            if (!removals.isEmpty()) {
                System.out.printf("%d copies of ended sessions removed after %d rounds%n", removals.size(), rounds);
                return removals;
            }
        }
        throw new AssertionError("No copy of an ended session came back in " + giveUp + ": the race was not provoked");
    }

    private static void race(TestRealm realm, List<Tokens> sessions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sessions.size() * APPS_PER_SESSION);
        AtomicBoolean over = new AtomicBoolean();
        List<Future<?>> apps = new ArrayList<>();
        for (Tokens session : sessions) {
            for (int i = 0; i < APPS_PER_SESSION; i++) {
                boolean refreshes = i < APPS_PER_SESSION - 1;
                apps.add(pool.submit(() -> {
                    // The uses after the sign-out are the ones that meet a copy.
                    int afterEnd = 0;
                    while (afterEnd < USES_AFTER_THE_END) {
                        int status = refreshes ? realm.refresh(TestRealm.SPA, session.refreshToken()).status()
                                : realm.whoami(session).status();
                        if (status != 200 || over.get()) {
                            afterEnd++;
                        }
                    }
                    return null;
                }));
            }
        }
        Admin admin = realm.admin();
        for (Tokens session : sessions) {
            Admin.expectOk(admin.call("DELETE", "/realms/" + realm.name() + "/sessions/" + session.sessionId(), null));
        }
        over.set(true);
        try {
            for (Future<?> app : apps) {
                app.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
