package io.github.kcsessions.query;

import org.keycloak.models.UserSessionModel;

import java.util.Comparator;

/** What ordering and paging need of a session, without loading the session. */
public record SessionKey(String id, boolean offline, int lastSessionRefresh) {

    /** Most recent activity first; the id, then online before offline, break ties so that pages are stable. */
    public static final Comparator<SessionKey> MOST_RECENT_FIRST =
            Comparator.comparingInt(SessionKey::lastSessionRefresh).reversed()
                    .thenComparing(SessionKey::id)
                    .thenComparing(SessionKey::offline);

    /** Whether both keys name the same session, however differently its activity was read. */
    public boolean sameSession(SessionKey other) {
        return other != null && id.equals(other.id) && offline == other.offline;
    }

    public static SessionKey of(UserSessionModel session) {
        return new SessionKey(session.getId(), session.isOffline(), session.getLastSessionRefresh());
    }
}
