package io.github.kcsessions.sessions;

import io.github.kcsessions.storage.DeviceSessions;
import io.github.kcsessions.storage.SessionRow;
import io.github.kcsessions.storage.SessionRowFilter;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pages of sessions from the device table, loading only the page's sessions from Keycloak: what is shown is what
 * Keycloak holds, and a row whose session has ended meanwhile is dropped, and deleted, when it is met.
 */
public final class UserSessionPages {

    private final RealmModel realm;
    private final SessionLookup lookup;
    private final DeviceSessions table;

    public UserSessionPages(KeycloakSession session, RealmModel realm) {
        this.realm = realm;
        this.lookup = new SessionLookup(session, realm);
        this.table = new DeviceSessions(session);
    }

    public record Page(List<UserSessionModel> sessions, int total) {

        public static final Page EMPTY = new Page(List.of(), 0);
    }

    /**
     * A page of the user's sessions, most recent activity first, except that {@code pinned} (the caller's own
     * session, when given and among them) comes before all others.
     *
     * @param client only sessions this client takes part in; null for all
     */
    public Page page(UserModel user, SessionType type, ClientModel client, SessionRow pinned, int first, int max) {
        SessionRowFilter filter = SessionRowFilter.of(realm.getId(), user.getId(), type.offline(),
                client == null ? null : client.getId());
        int total = table.count(filter);
        if (pinned == null || !table.contains(filter, pinned)) {
            return load(table.page(filter, first, max), total, first, max, false);
        }
        List<SessionRow> rows = new ArrayList<>(max);
        if (first == 0) {
            rows.add(pinned);
            rows.addAll(table.page(filter.without(pinned), 0, max - 1));
        } else {
            rows.addAll(table.page(filter.without(pinned), first - 1, max));
        }
        return load(rows, total, first, max, first == 0);
    }

    /** A page of the rows that pass a filter (the admin search). */
    public Page page(SessionRowFilter filter, int first, int max) {
        int total = table.count(filter);
        return load(table.page(filter, first, max), total, first, max, false);
    }

    /**
     * The page's sessions as Keycloak has them, in the order of last activity: the table records activity to the
     * minute when nothing else changes, so the page itself is put in exact order (a pinned first row stays first).
     * The count and the page are two queries: sessions that start or end between them must not make a page
     * contradict its total. A short page is the last one, so it tells the total itself; past the end, there are at
     * most {@code first}.
     */
    private Page load(List<SessionRow> rows, int counted, int first, int max, boolean pinnedFirst) {
        int total = rows.isEmpty() ? Math.min(counted, first)
                : rows.size() < max ? first + rows.size() : Math.max(counted, first + rows.size());
        List<UserSessionModel> sessions = new ArrayList<>(rows.size());
        long now = Time.currentTimeMillis();
        for (SessionRow row : rows) {
            UserSessionModel found = lookup.get(row.sessionId(), row.offline());
            if (found == null || isExpired(found, now)) {
                // Ended without an event that named it yet (expired, not yet removed by Keycloak's periodic task, or
                // ended by a bulk deletion): not shown, and not kept.
                table.delete(row.sessionId(), row.offline());
                total--;
                pinnedFirst &= row != rows.get(0);
            } else {
                sessions.add(found);
            }
        }
        sessions.subList(pinnedFirst ? 1 : 0, sessions.size()).sort(MOST_RECENT_FIRST);
        return new Page(sessions, Math.max(0, total));
    }

    private boolean isExpired(UserSessionModel session, long nowMillis) {
        long expires = SessionExpiry.expiresAtMillis(realm, session);
        return expires >= 0 && expires < nowMillis;
    }

    private static final Comparator<UserSessionModel> MOST_RECENT_FIRST =
            Comparator.comparingInt(UserSessionModel::getLastSessionRefresh).reversed()
                    .thenComparing(UserSessionModel::getId, Comparator.reverseOrder())
                    .thenComparing(UserSessionModel::isOffline, Comparator.reverseOrder());
}
