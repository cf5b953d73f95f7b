package io.github.kcsessions.view;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.SessionExpirationUtils;

import java.util.concurrent.TimeUnit;

/**
 * When Keycloak will end a session: the earlier of its idle and its maximum expiry, computed by Keycloak's own
 * {@link SessionExpirationUtils} so that remember-me and offline settings of the realm apply exactly.
 * (Keycloak's account API reports only the maximum lifespan, which overstates the life of an idle session.)
 */
final class SessionExpiry {

    private SessionExpiry() {
    }

    /** Epoch milliseconds, or -1 when the session never expires. */
    static long expiresAtMillis(RealmModel realm, UserSessionModel session) {
        long started = TimeUnit.SECONDS.toMillis(session.getStarted());
        long lastRefresh = TimeUnit.SECONDS.toMillis(session.getLastSessionRefresh());
        long max = SessionExpirationUtils.calculateUserSessionMaxLifespanTimestamp(
                session.isOffline(), session.isRememberMe(), started, realm);
        long idle = SessionExpirationUtils.calculateUserSessionIdleTimestamp(
                session.isOffline(), session.isRememberMe(), lastRefresh, realm);
        return earliest(max, idle);
    }

    static long earliest(long a, long b) {
        if (a < 0) {
            return b;
        }
        if (b < 0) {
            return a;
        }
        return Math.min(a, b);
    }
}
