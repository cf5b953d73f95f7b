package io.github.kcsessions.sessions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.RealmModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The realm's settings, as Keycloak's SessionExpirationUtils reads them; the expected values are worked out by hand. */
class SessionExpiryTest {

    private static final int STARTED = 1_000_000;

    @ParameterizedTest(name = "offline={0} rememberMe={1} lastRefresh=+{2}s -> +{3}s")
    @CsvSource({
            // idle 1800 s, max 36000 s: idle comes first while the session is young
            "false, false, 0,     1800",
            "false, false, 35000, 36000",
            // remember-me: idle 7200 s, max 72000 s
            "false, true,  0,     7200",
            "false, true,  70000, 72000",
            // offline: idle 2592000 s, no max (offline max lifespan disabled)
            "true,  false, 100,   2592100"})
    void theEarlierOfIdleAndMaximum(boolean offline, boolean rememberMe, int refreshedAfter, long expiresAfter) {
        long expires = SessionExpiry.expiresAtMillis(realm(false), offline, rememberMe, STARTED, STARTED + refreshedAfter);

        assertEquals((STARTED + expiresAfter) * 1000L, expires);
    }

    @ParameterizedTest(name = "offline max on: lastRefresh=+{0}s -> +{1}s")
    @CsvSource({"0, 2592000", "5000000, 5184000"})
    void offlineMaximumWhenTheRealmEnablesIt(int refreshedAfter, long expiresAfter) {
        long expires = SessionExpiry.expiresAtMillis(realm(true), true, false, STARTED, STARTED + refreshedAfter);

        assertEquals((STARTED + expiresAfter) * 1000L, expires);
    }

    private static RealmModel realm(boolean offlineMaxEnabled) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getSsoSessionIdleTimeout()).thenReturn(1800);
        when(realm.getSsoSessionMaxLifespan()).thenReturn(36000);
        when(realm.getSsoSessionIdleTimeoutRememberMe()).thenReturn(7200);
        when(realm.getSsoSessionMaxLifespanRememberMe()).thenReturn(72000);
        when(realm.isRememberMe()).thenReturn(true);
        when(realm.getOfflineSessionIdleTimeout()).thenReturn(2592000);
        when(realm.isOfflineSessionMaxLifespanEnabled()).thenReturn(offlineMaxEnabled);
        when(realm.getOfflineSessionMaxLifespan()).thenReturn(5184000);
        return realm;
    }
}
