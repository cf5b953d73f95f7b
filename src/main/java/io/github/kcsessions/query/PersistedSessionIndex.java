package io.github.kcsessions.query;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.jboss.logging.Logger;
import org.keycloak.common.Profile;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.SessionExpirationUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The keys of a user's live sessions, read from Keycloak's own persistent-session table without the session data.
 *
 * <p>Why: {@code UserSessionProvider.getUserSessionsStream(realm, user)} loads every session of the user with its
 * serialized data and client sessions before anything can be sorted or paged, so a list of 50 costs as much as the
 * user's whole history (measured in docs/benchmarks.md). This projection costs a few bytes a session; only the page is
 * then loaded, through the session provider, so everything shown is what Keycloak holds. It is a read of Keycloak's
 * table, not a store of ours, and it is used only where that table holds every session: with the persistent user
 * sessions feature on (the default) and the JPA store. Anywhere else, {@link #of} is empty and callers use the
 * provider.
 */
public final class PersistedSessionIndex {

    private static final Logger LOG = Logger.getLogger(PersistedSessionIndex.class);
    private static final FallbackWarning FALLBACK = new FallbackWarning();

    private static final String SELECT = "select s.userSessionId, s.lastSessionRefresh, s.createdOn, s.rememberMe"
            + " from PersistentUserSessionEntity s"
            + " where s.realmId = :realmId and s.userId = :userId and s.offline = :offline"
            + " and s.lastSessionRefresh >= :oldest";
    private static final String WITH_CLIENT = " and exists (select c.userSessionId from PersistentClientSessionEntity c"
            + " where c.userSessionId = s.userSessionId and c.offline = s.offline and c.clientId = :clientId)";

    private final EntityManager em;

    private PersistedSessionIndex(EntityManager em) {
        this.em = em;
    }

    public static Optional<PersistedSessionIndex> of(KeycloakSession session) {
        if (!Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)) {
            return Optional.empty();
        }
        JpaConnectionProvider jpa = session.getProvider(JpaConnectionProvider.class);
        return jpa == null ? Optional.empty() : Optional.of(new PersistedSessionIndex(jpa.getEntityManager()));
    }

    /**
     * The user's unexpired sessions of that type (and client, when given), or empty when the table cannot be read
     * (the caller then falls back to the session provider).
     */
    public Optional<List<SessionKey>> keys(RealmModel realm, UserModel user, SessionType type, ClientModel client) {
        try {
            List<SessionKey> keys = new ArrayList<>();
            if (type.includesOnline()) {
                keys.addAll(keys(realm, user, false, client));
            }
            if (type.includesOffline()) {
                keys.addAll(keys(realm, user, true, client));
            }
            return Optional.of(keys);
        } catch (RuntimeException e) {
            FALLBACK.report(e);
            return Optional.empty();
        }
    }

    private List<SessionKey> keys(RealmModel realm, UserModel user, boolean offline, ClientModel client) {
        TypedQuery<Object[]> query = em.createQuery(client == null ? SELECT : SELECT + WITH_CLIENT, Object[].class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", user.getId())
                .setParameter("offline", offline ? "1" : "0")
                .setParameter("oldest", oldestLiveRefresh(realm, offline));
        if (client != null) {
            query.setParameter("clientId", client.getId());
        }
        int now = Time.currentTime();
        List<SessionKey> keys = new ArrayList<>();
        for (Object[] row : query.getResultList()) {
            int lastRefresh = ((Number) row[1]).intValue();
            int created = ((Number) row[2]).intValue();
            // Rows written before Keycloak recorded remember-me have none: judge them by the realm's longer limits.
            boolean rememberMe = row[3] == null ? realm.isRememberMe() : (Boolean) row[3];
            long expires = SessionExpiry.expiresAtMillis(realm, offline, rememberMe, created, lastRefresh);
            if (expires < 0 || TimeUnit.MILLISECONDS.toSeconds(expires) > now) {
                keys.add(new SessionKey((String) row[0], offline, lastRefresh));
            }
        }
        return keys;
    }

    /**
     * One page of keys of a realm-wide listing, and how many rows match: all of them when {@code totalExact}, else at
     * least {@code total} (the count stopped at {@link #COUNT_LIMIT}).
     */
    public record RealmPage(List<SessionKey> keys, int total, boolean totalExact) {
    }

    /**
     * How far a page query counts: past it, {@code total} is a lower bound, so that a page of a common match costs
     * a walk down the last-activity index until enough rows matched, not a scan of the whole realm.
     */
    public static final int COUNT_LIMIT = 1000;

    /**
     * Conditions the database checks on each row besides realm, type and client: the user, a window of last activity
     * (epoch seconds, inclusive), and groups of {@code LIKE} patterns (escape {@code !}) on the row's text, where a row
     * must match one pattern of every group.
     */
    public record RowFilter(String userId, Integer activeSince, Integer activeUntil, List<List<String>> textLike) {

        public static final RowFilter NONE = new RowFilter(null, null, null, List.of());
    }

    public Optional<RealmPage> realmPage(RealmModel realm, SessionType type, ClientModel client, int first, int max) {
        return realmPage(realm, type, client, RowFilter.NONE, first, max);
    }

    /**
     * The most recently active rows of the realm (of one client's, when given) that pass {@code filter}, paged by the
     * database: for each kind (online, offline), one query in the order of Keycloak's index on realm, kind and last
     * activity, stopped after {@code max(first + max, COUNT_LIMIT) + 1} rows; the two are merged. The filter is
     * evaluated by the database, with bound parameters only; only keys come back, and only the page is loaded later.
     * Rows idle for longer than the realm allows any session are left out; a row that reached its own earlier limit
     * but is not yet removed is counted, and dropped when its page is loaded. Empty when the table cannot be read.
     */
    public Optional<RealmPage> realmPage(RealmModel realm, SessionType type, ClientModel client, RowFilter filter,
                                         int first, int max) {
        try {
            int limit = Math.max(first + max, COUNT_LIMIT) + 1;
            List<SessionKey> keys = new ArrayList<>();
            boolean complete = true;
            for (boolean offline : kinds(type)) {
                // Ordered by the indexed column alone, so that the database can walk the index and stop; ties are
                // ordered here, and the last, possibly cut, second is read whole when the page reaches into it.
                TypedQuery<Object[]> query = em.createQuery("select s.userSessionId, s.lastSessionRefresh"
                        + rows(client, filter) + " order by s.lastSessionRefresh desc", Object[].class);
                bind(query, realm, offline, client, filter);
                List<SessionKey> found = keys(query.setMaxResults(limit).getResultList(), offline);
                if (found.size() == limit) {
                    complete = false;
                    int cut = found.get(found.size() - 1).lastSessionRefresh();
                    found.removeIf(key -> key.lastSessionRefresh() == cut);
                    if (found.size() < first + max) {
                        TypedQuery<Object[]> second = em.createQuery("select s.userSessionId, s.lastSessionRefresh"
                                + rows(client, filter) + " and s.lastSessionRefresh = :cut", Object[].class);
                        bind(second, realm, offline, client, filter);
                        found.addAll(keys(second.setParameter("cut", cut).getResultList(), offline));
                    }
                }
                keys.addAll(found);
            }
            keys.sort(SessionKey.MOST_RECENT_FIRST);
            List<SessionKey> page = keys.subList(Math.min(first, keys.size()), Math.min(first + max, keys.size()));
            return Optional.of(new RealmPage(new ArrayList<>(page), keys.size(), complete));
        } catch (RuntimeException e) {
            FALLBACK.report(e);
            return Optional.empty();
        }
    }

    private static List<SessionKey> keys(List<Object[]> rows, boolean offline) {
        List<SessionKey> keys = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            keys.add(new SessionKey((String) row[0], offline, ((Number) row[1]).intValue()));
        }
        return keys;
    }

    /** How many rows pass {@code filter}, all counted: a scan of the realm's rows in the database. */
    public Optional<Integer> count(RealmModel realm, SessionType type, ClientModel client, RowFilter filter) {
        try {
            long total = 0;
            for (boolean offline : kinds(type)) {
                TypedQuery<Long> query = em.createQuery("select count(s)" + rows(client, filter), Long.class);
                bind(query, realm, offline, client, filter);
                total += query.getSingleResult();
            }
            return Optional.of((int) total);
        } catch (RuntimeException e) {
            FALLBACK.report(e);
            return Optional.empty();
        }
    }

    private static List<Boolean> kinds(SessionType type) {
        List<Boolean> kinds = new ArrayList<>(2);
        if (type.includesOnline()) {
            kinds.add(false);
        }
        if (type.includesOffline()) {
            kinds.add(true);
        }
        return kinds;
    }

    private static String rows(ClientModel client, RowFilter filter) {
        StringBuilder where = new StringBuilder(" from PersistentUserSessionEntity s where s.realmId = :realmId"
                + " and s.offline = :offline and s.lastSessionRefresh >= :oldest");
        if (filter.userId() != null) {
            where.append(" and s.userId = :userId");
        }
        if (filter.activeSince() != null) {
            where.append(" and s.lastSessionRefresh >= :activeSince");
        }
        if (filter.activeUntil() != null) {
            where.append(" and s.lastSessionRefresh <= :activeUntil");
        }
        for (int group = 0; group < filter.textLike().size(); group++) {
            List<String> alternatives = filter.textLike().get(group);
            where.append(" and (");
            for (int i = 0; i < alternatives.size(); i++) {
                where.append(i == 0 ? "" : " or ").append("s.data like :like_").append(group).append('_').append(i)
                        .append(" escape '!'");
            }
            where.append(")");
        }
        return where + (client == null ? "" : WITH_CLIENT);
    }

    private static void bind(TypedQuery<?> query, RealmModel realm, boolean offline, ClientModel client,
                             RowFilter filter) {
        query.setParameter("realmId", realm.getId())
                .setParameter("offline", offline ? "1" : "0")
                .setParameter("oldest", oldestLiveRefresh(realm, offline));
        if (client != null) {
            query.setParameter("clientId", client.getId());
        }
        bind(query, filter);
    }

    private static void bind(TypedQuery<?> query, RowFilter filter) {
        if (filter.userId() != null) {
            query.setParameter("userId", filter.userId());
        }
        if (filter.activeSince() != null) {
            query.setParameter("activeSince", filter.activeSince());
        }
        if (filter.activeUntil() != null) {
            query.setParameter("activeUntil", filter.activeUntil());
        }
        for (int group = 0; group < filter.textLike().size(); group++) {
            List<String> alternatives = filter.textLike().get(group);
            for (int i = 0; i < alternatives.size(); i++) {
                query.setParameter("like_" + group + "_" + i, alternatives.get(i));
            }
        }
    }

    /** Rows idle for longer than any session of the realm may be are expired, just not yet removed. */
    private static int oldestLiveRefresh(RealmModel realm, boolean offline) {
        long idle = SessionExpirationUtils.calculateUserSessionIdleTimestamp(offline, realm.isRememberMe(), 0, realm);
        return Time.currentTime() - (int) TimeUnit.MILLISECONDS.toSeconds(idle);
    }

    /**
     * A fallback costs every list and search a load of all the sessions concerned: worth one warning in the log (a
     * Keycloak upgrade that renamed the entity would show here), without flooding it on every request.
     */
    private static final class FallbackWarning {
        private final AtomicBoolean warned = new AtomicBoolean();

        void report(RuntimeException failure) {
            if (warned.compareAndSet(false, true)) {
                LOG.warnf(failure, "Keycloak's session table cannot be queried; session lists and admin searches now "
                        + "load every session through the session provider, which is much slower. Further failures are "
                        + "logged at DEBUG.");
            } else {
                LOG.debugf(failure, "Session table not readable; using the session provider");
            }
        }
    }
}
