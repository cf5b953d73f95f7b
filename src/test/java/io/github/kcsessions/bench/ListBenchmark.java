package io.github.kcsessions.bench;

import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakServer;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;

import java.util.List;

import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;

/**
 * Self-service list and whoami against Keycloak's own account API, on the same server, for one user with many
 * sessions. Not a test: run with {@code mvn -Pbenchmark verify} (see docs/benchmarks.md). Prints a Markdown table.
 */
public final class ListBenchmark {

    private static final int SESSIONS = Integer.getInteger("bench.sessions", 500);
    private static final long MILLIS = Long.getLong("bench.millis", 20_000);

    private ListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (KeycloakServer server = KeycloakExtension.startStandalone()) {
            TestRealm realm = TestRealm.create(ListBenchmark.class);
            Load.logins(realm, "alice", SESSIONS - 1, "User-Agent", CHROME_WINDOWS);
            Tokens few = realm.passwordGrant(TestRealm.SPA, "bob");
            Tokens many = realm.passwordGrant(TestRealm.SPA, "alice");
            String accountSessions = realm.url("/account/sessions");

            Load.print("", List.of(
                    Load.run("GET /sessions?max=50, " + SESSIONS + " sessions", MILLIS,
                            () -> Http.get(realm.api("?max=50"), "Authorization", many.bearer())),
                    Load.run("GET /account/sessions (Keycloak), " + SESSIONS + " sessions", MILLIS, () -> Http.get(
                            accountSessions, "Authorization", many.bearer(), "Accept", "application/json")),
                    Load.run("GET /sessions/whoami, " + SESSIONS + " sessions", MILLIS, () -> realm.whoami(many)),
                    Load.run("GET /sessions?max=50, 1 session", MILLIS,
                            () -> Http.get(realm.api("?max=50"), "Authorization", few.bearer())),
                    Load.run("GET /account/sessions (Keycloak), 1 session", MILLIS, () -> Http.get(accountSessions,
                            "Authorization", few.bearer(), "Accept", "application/json"))));
        }
    }
}
