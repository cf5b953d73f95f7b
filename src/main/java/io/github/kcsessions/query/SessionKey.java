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

    public static SessionKey of(UserSessionModel session) {
        return new SessionKey(session.getId(), session.isOffline(), session.getLastSessionRefresh());
    }
}
