package io.github.kcsessions.sessions;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.SessionExpirationUtils;

import java.util.concurrent.TimeUnit;

/**
 * When Keycloak will end a session: the earlier of its idle and its maximum expiry, computed by Keycloak's own
 * {@link SessionExpirationUtils} so that remember-me and offline settings of the realm apply exactly.
 * (Keycloak's account API reports only the maximum lifespan, which overstates the life of an idle session.)
 */
public final class SessionExpiry {

    private SessionExpiry() {
    }

    /** Epoch milliseconds, or -1 when the session never expires. */
    public static long expiresAtMillis(RealmModel realm, UserSessionModel session) {
        return expiresAtMillis(realm, session.isOffline(), session.isRememberMe(), session.getStarted(),
                session.getLastSessionRefresh());
    }

    /**
     * The same for a session known only by its stored fields ({@code started} and {@code lastRefresh} in epoch
     * seconds): epoch milliseconds, or -1 when it never expires.
     */
    public static long expiresAtMillis(RealmModel realm, boolean offline, boolean rememberMe, int started,
                                       int lastRefresh) {
        long max = SessionExpirationUtils.calculateUserSessionMaxLifespanTimestamp(
                offline, rememberMe, TimeUnit.SECONDS.toMillis(started), realm);
        long idle = SessionExpirationUtils.calculateUserSessionIdleTimestamp(
                offline, rememberMe, TimeUnit.SECONDS.toMillis(lastRefresh), realm);
        return max < 0 ? idle : idle < 0 ? max : Math.min(max, idle);
    }
}
