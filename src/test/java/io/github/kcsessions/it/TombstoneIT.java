package io.github.kcsessions.it;

import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.OpenApi;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.github.kcsessions.it.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What a sign-out's tombstone must not do: refuse a new sign-in in the same browser, outlive the session it stands
 * for, or end any session but the one named. (That a new session with an ended one's id is not refused is the rule of
 * {@code TombstonesTest}: Keycloak reuses an id only for a login finished in a tab opened before the sign-out.)
 */
@KeycloakTest
class TombstoneIT {

    /** Seconds a session of the short-lived realm may live. */
    private static final int SHORT_LIFESPAN = 4;

    private TestRealm realm;
    private TestRealm shortLived;

    @BeforeAll
    void createRealms() {
        realm = TestRealm.create(TombstoneIT.class);
        shortLived = TestRealm.create("tombstoneit-short", r -> {
            r.put("ssoSessionMaxLifespan", SHORT_LIFESPAN);
            r.put("ssoSessionIdleTimeout", SHORT_LIFESPAN);
            r.put("ssoSessionMaxLifespanRememberMe", SHORT_LIFESPAN);
            r.put("ssoSessionIdleTimeoutRememberMe", SHORT_LIFESPAN);
        });
    }

    @Test
    void signingInAgainInTheSameBrowserAfterASignOutWorks() {
        TestRealm.BrowserLogin first = realm.browserLogin("alice", false);
        assertEquals(204, Api.delete(realm.api("/" + first.tokens().sessionId()), "Authorization",
                first.tokens().bearer()).status());

        Tokens second = realm.browserLogin("alice", false, first.cookies()).tokens();

        assertEquals(200, realm.whoami(second).status());
        assertEquals(200, realm.userinfo(second.accessToken()).status());
        assertEquals(200, realm.refresh(TestRealm.SPA, second.refreshToken()).status());
        assertError(realm.whoami(first.tokens()), 401, "unauthorized");
    }

    @Test
    void aTombstoneLastsAsLongAsTheSessionCouldHaveAndNoLonger() throws InterruptedException {
        Tokens tokens = shortLived.passwordGrant(TestRealm.SPA, "alice");
        String path = "/realms/" + shortLived.name() + "/device-sessions/" + tokens.sessionId();
        assertEquals(204, Admin.delete(path).status());

        Http.Reply ended = OpenApi.assertValid(Admin.get(path));
        assertError(ended, 410, "session_ended");
        assertNotNull(ended.json().path("details").path("endedAt").asText(null));

        // The session could have lived SHORT_LIFESPAN seconds more; the tombstone adds ten for clocks that disagree.
        Instant deadline = Instant.now().plusSeconds(SHORT_LIFESPAN + 10 + 20);
        int status = 410;
        while (status == 410 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            status = Admin.get(path).status();
        }
        assertEquals(404, status, "the tombstone is gone once nothing of the session can be used");
    }

    /** By each of this extension's routes that end one named session. */
    @ParameterizedTest
    @ValueSource(strings = {"self-service", "by session token", "admin"})
    void endingOneSessionNeverEndsAnotherOfTheSameUser(String route) {
        Tokens before = realm.passwordGrant(TestRealm.SPA, "bob");
        Tokens target = realm.passwordGrant(TestRealm.SPA, "bob");
        Tokens after = realm.passwordGrant(TestRealm.SPA, "bob");
        Tokens offline = realm.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access"));

        Http.Reply ended = switch (route) {
            case "self-service" -> Api.delete(realm.api("/" + target.sessionId()), "Authorization",
                    realm.passwordGrant(TestRealm.SPA, "bob").bearer());
            case "by session token" -> Api.send("POST", realm.api("/revoke"), "application/json",
                    "{\"sessionToken\":\"" + target.refreshToken() + "\"}");
            default -> Admin.delete("/realms/" + realm.name() + "/device-sessions/" + target.sessionId());
        };
        assertEquals(204, ended.status());

        assertEquals(401, realm.whoami(target).status());
        for (Tokens other : List.of(before, after, offline)) {
            assertEquals(200, realm.whoami(other).status(),
                    route + " ended " + other.sessionId() + " too");
            assertEquals(200, realm.refresh(TestRealm.SPA, other.refreshToken()).status());
        }
    }
}
