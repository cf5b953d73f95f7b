package io.github.kcsessions.capture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.kcsessions.storage.DeviceSessions;

import java.time.Duration;

/**
 * Coalesces the device table's writes of a session's last activity when nothing else changes (a confidential client
 * refreshing from its server): at most one a minute per session and node, as Keycloak coarsens its own writes of the
 * last refresh. Remembers only sessions written in the last two minutes, so its size follows the sessions active now,
 * not the realm.
 */
final class SessionActivity {

    private static final int MAX_SESSIONS = 100_000;

    private final Cache<String, Integer> lastWritten = Caffeine.newBuilder()
            .maximumSize(MAX_SESSIONS)
            .expireAfterWrite(Duration.ofMinutes(2))
            .build();

    void touched(DeviceSessions table, String sessionId, boolean offline, int now) {
        String key = key(sessionId, offline);
        Integer last = lastWritten.getIfPresent(key);
        if (last != null && last / 60 == now / 60) {
            return;
        }
        table.touch(sessionId, offline, now);
        lastWritten.put(key, now);
    }

    void written(String sessionId, boolean offline, int at) {
        lastWritten.put(key(sessionId, offline), at);
    }

    private static String key(String sessionId, boolean offline) {
        return offline ? sessionId + "/offline" : sessionId;
    }
}
