package io.github.kcsessions.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static io.github.kcsessions.fixtures.Devices.CURL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device table behind every search stays true: a session ended by any route, Keycloak's own included, expired, or
 * of a deleted user, leaves the search at once. A query whose page starts past a session's only row ({@code first=1})
 * counts the rows without loading a session, so its {@code total} shows what the table itself still holds.
 */
@KeycloakTest
class DeviceTableIT {

    private static final int SHORT_LIFESPAN = 3;

    private TestRealm realm;
    private TestRealm shortLived;

    @BeforeAll
    void createRealms() {
        realm = TestRealm.create(DeviceTableIT.class, r -> {
            List<Object> users = new ArrayList<>((List<?>) r.get("users"));
            for (Ending ending : Ending.values()) {
                users.add(TestRealm.user((String) r.get("realm"), ending.username(), null, null, null));
            }
            users.add(TestRealm.user((String) r.get("realm"), "deleted", null, null, null));
            r.put("users", users);
        });
        shortLived = TestRealm.create("devicetableit-short", r -> {
            r.put("ssoSessionMaxLifespan", SHORT_LIFESPAN);
            r.put("ssoSessionIdleTimeout", SHORT_LIFESPAN);
        });
    }

    /** Every route that ends one session, this extension's and Keycloak's own. */
    enum Ending {
        SELF_SERVICE((realm, t) -> Http.delete(realm.api("/" + t.sessionId()), "Authorization", t.bearer())),
        BY_SESSION_TOKEN((realm, t) -> Http.post(realm.api("/revoke"), "application/json",
                "{\"sessionToken\":\"" + t.refreshToken() + "\"}")),
        ADMIN_DEVICE_SESSION((realm, t) -> Admin.delete("/realms/" + realm.name() + "/device-sessions/" + t.sessionId())),
        KEYCLOAK_ACCOUNT_API((realm, t) -> Http.delete(realm.url("/account/sessions/" + t.sessionId()),
                "Authorization", t.bearer(), "Accept", "application/json")),
        KEYCLOAK_ADMIN_SESSION_DELETE((realm, t) -> Admin.delete("/realms/" + realm.name() + "/sessions/"
                + t.sessionId())),
        KEYCLOAK_OIDC_LOGOUT((realm, t) -> realm.logout(TestRealm.SPA, t.refreshToken())),
        KEYCLOAK_TOKEN_REVOCATION((realm, t) -> Http.postForm(realm.url("/protocol/openid-connect/revoke"),
                Map.of("client_id", TestRealm.SPA, "token", t.refreshToken(), "token_type_hint", "refresh_token"))),
        KEYCLOAK_ADMIN_USER_LOGOUT((realm, t) -> Admin.post("/realms/" + realm.name() + "/users/"
                + Tokens.claims(t.accessToken()).get("sub").asText() + "/logout", null));

        final BiFunction<TestRealm, Tokens, Http.Reply> end;

        Ending(BiFunction<TestRealm, Tokens, Http.Reply> end) {
            this.end = end;
        }

        String username() {
            return "user-" + name().toLowerCase().replace('_', '-');
        }
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void aSessionEndedByAnyRouteLeavesTheSearchAtOnce(Ending ending) {
        Tokens ended = realm.passwordGrant(TestRealm.SPA, ending.username(), "User-Agent", CURL);
        String ofThatUser = "userId=" + realm.userId(ending.username()) + "&apiClient=true";
        assertEquals(1, realm.searchSessions(ofThatUser + "&first=1&max=1").get("total").asInt(), "the row is written");

        Http.Reply answer = ending.end.apply(realm, ended);

        assertEquals(2, answer.status() / 100, answer.toString());
        assertEquals(0, realm.searchSessions(ofThatUser + "&first=1&max=1").get("total").asInt(), "the row is gone");
        assertEquals(0, realm.searchSessions(ofThatUser).get("sessions").size());
    }

    @Test
    void anExpiredSessionIsNeverShown() throws InterruptedException {
        Tokens expiring = shortLived.passwordGrant(TestRealm.SPA, "alice");
        String ofAlice = "userId=" + shortLived.userId("alice");
        assertEquals(1, shortLived.searchSessions(ofAlice).get("sessions").size());
        Instant deadline = Instant.now().plusSeconds(SHORT_LIFESPAN + 30);
        while (shortLived.whoami(expiring).status() == 200) {
            assertTrue(Instant.now().isBefore(deadline), "the session did not expire");
            Thread.sleep(250);
        }

        JsonNode page = shortLived.searchSessions(ofAlice);

        assertEquals(0, page.get("sessions").size());
        assertEquals(0, page.get("total").asInt());
        assertEquals(0, shortLived.searchSessions(ofAlice + "&first=1&max=1").get("total").asInt(),
                "and its row is gone");
    }

    @Test
    void aDeletedUsersSessionsLeaveTheSearch() {
        String address = "198.51.100.77";
        realm.passwordGrant(TestRealm.SPA, "deleted", "X-Forwarded-For", address);
        realm.passwordGrant(TestRealm.SPA, "deleted", "X-Forwarded-For", address);
        realm.passwordGrant(TestRealm.SPA, "deleted", Map.of("scope", "openid offline_access"), "X-Forwarded-For",
                address);
        assertEquals(3, realm.searchSessions("ip=" + address + "&first=3&max=1").get("total").asInt());

        Admin.expectOk(Admin.delete("/realms/" + realm.name() + "/users/" + realm.userId("deleted")));

        assertEquals(0, realm.searchSessions("ip=" + address + "&first=3&max=1").get("total").asInt());
    }
}
