package io.github.kcsessions.sessions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserSessionModel;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Which sessions a tombstone refuses, and how long it is kept. The store is a map read through a mock of Keycloak's
 * single-use object store; writing through it in a transaction of its own is the integration tests' part.
 */
class TombstonesTest {

    private static final String ID = "f2b0c1de-0000-4000-8000-000000000001";
    private static final int ENDED_SESSION_STARTED = 1_000_000;

    private final Map<String, Map<String, String>> store = new HashMap<>();
    private final RealmModel realm = realm("realm-1");
    private Tombstones tombstones;

    @BeforeEach
    void tombstoneOfAnEndedOnlineSession() {
        SingleUseObjectProvider singleUseObjects = mock(SingleUseObjectProvider.class);
        when(singleUseObjects.get(anyString())).thenAnswer(read -> store.get(read.<String>getArgument(0)));
        KeycloakSession session = mock(KeycloakSession.class);
        when(session.singleUseObjects()).thenReturn(singleUseObjects);
        tombstones = new Tombstones(session);
        store.put(Tombstones.key(ID, false), Map.of("startedUpTo", String.valueOf(ENDED_SESSION_STARTED),
                "endedAt", String.valueOf(ENDED_SESSION_STARTED + 50), "realm", "realm-1"));
    }

    @AfterEach
    void defaults() {
        Tombstones.enforceByDefault(true);
    }

    @Test
    void refusesTheEndedSessionAndAnyCopyOfIt() {
        assertTrue(tombstones.refuses(realm, session(ID, false, ENDED_SESSION_STARTED)));
    }

    @Test
    void aNewSessionWithTheSameIdIsANewSignIn() {
        assertFalse(tombstones.refuses(realm, session(ID, false, ENDED_SESSION_STARTED + 1)));
    }

    @Test
    void theOfflineSessionOfTheSameIdLivesOn() {
        assertFalse(tombstones.refuses(realm, session(ID, true, ENDED_SESSION_STARTED)));
    }

    @Test
    void otherSessionsAreNotRefused() {
        assertFalse(tombstones.refuses(realm, session("another", false, ENDED_SESSION_STARTED)));
    }

    @Test
    void theRealmsLogOutAllRefusesEverySessionStartedUntilThen() {
        store.put(Tombstones.realmKey("realm-1"), Map.of("startedUpTo", "2000000", "endedAt", "2000000"));

        assertTrue(tombstones.refuses(realm, session("another", true, 1_999_999)));
        assertTrue(tombstones.refuses(realm, session("another", false, 2_000_000)));
        assertFalse(tombstones.refuses(realm, session("another", false, 2_000_001)));
        assertFalse(tombstones.refuses(realm("realm-2"), session("another", false, 1_999_999)));
    }

    @Test
    void nothingIsRefusedWhereTheEnforcementIsOff() {
        RealmModel off = realm("realm-1");
        when(off.getAttribute(Tombstones.REALM_SWITCH)).thenReturn("false");
        assertFalse(tombstones.refuses(off, session(ID, false, ENDED_SESSION_STARTED)));

        Tombstones.enforceByDefault(false);
        assertFalse(tombstones.refuses(realm, session(ID, false, ENDED_SESSION_STARTED)));
    }

    @Test
    void theEndIsShownOnlyInTheSessionsOwnRealm() {
        assertEquals(ENDED_SESSION_STARTED + 50, tombstones.endedAt(realm, ID));
        assertNull(tombstones.endedAt(realm("realm-2"), ID));
        assertNull(tombstones.endedAt(realm, "another"));
    }

    @Test
    void keptForWhatTheSessionCouldStillHaveLivedPlusTenSeconds() {
        int now = Time.currentTime();
        // Started an hour ago: idle (30 min from now) comes before the maximum (10 h from the start).
        assertEquals(1800 + 10, Tombstones.Ended.lifespan(realm, false, false, now - 3600, now));
        // Started 9h50m ago: the maximum comes first, in 10 minutes.
        assertEquals(600 + 10, Tombstones.Ended.lifespan(realm, false, false, now - 35400, now));
        // Remember-me: 2 h idle.
        assertEquals(7200 + 10, Tombstones.Ended.lifespan(realm, false, true, now, now));
        // Offline: 30 days idle, no maximum.
        assertEquals(2592000 + 10, Tombstones.Ended.lifespan(realm, true, false, now - 100, now));
    }

    @Test
    void aSessionKnownOnlyByItsIdEndedNow() {
        Tombstones.Ended ended = Tombstones.Ended.of(realm, ID, false, null, false);

        assertTrue(Math.abs(ended.startedUpTo() - Time.currentTime()) <= 1);
    }

    private static UserSessionModel session(String id, boolean offline, int started) {
        UserSessionModel session = mock(UserSessionModel.class);
        when(session.getId()).thenReturn(id);
        when(session.isOffline()).thenReturn(offline);
        when(session.getStarted()).thenReturn(started);
        return session;
    }

    private static RealmModel realm(String id) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn(id);
        when(realm.getSsoSessionIdleTimeout()).thenReturn(1800);
        when(realm.getSsoSessionMaxLifespan()).thenReturn(36000);
        when(realm.getSsoSessionIdleTimeoutRememberMe()).thenReturn(7200);
        when(realm.getSsoSessionMaxLifespanRememberMe()).thenReturn(72000);
        when(realm.getOfflineSessionIdleTimeout()).thenReturn(2592000);
        return realm;
    }
}
