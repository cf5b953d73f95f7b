package io.github.kcsessions.storage;

import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.geo.IpAddresses;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import org.keycloak.common.Profile;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The device table ({@link DeviceSessionEntity}): written with the session in the same transaction, emptied as
 * sessions end, and read by every list and search, which then load the page's sessions from Keycloak, so that what is
 * shown is what Keycloak holds (docs/design.md, "The device table").
 */
public final class DeviceSessions {

    private static final int IN_LIST = 500;

    private final EntityManager em;

    public DeviceSessions(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /**
     * The row of a session, from the device record its note holds; one statement, insert or update. With
     * {@code overwrite} false only a missing row is written (the back-fill: the capture's rows are fresher).
     */
    public void save(String realmId, String userId, String sessionId, boolean offline, DeviceRecord record,
                     int lastSeen, boolean overwrite) {
        DeviceInfo device = record.device() == null ? DeviceInfo.NONE : record.device();
        em.createNamedQuery(overwrite ? "kcsUpsertDeviceSession" : "kcsInsertDeviceSessionIfAbsent")
                .setParameter("sessionId", sessionId)
                .setParameter("offline", flag(offline))
                .setParameter("realmId", realmId)
                .setParameter("userId", userId)
                .setParameter("firstSeen", (int) record.firstSeenAt())
                .setParameter("lastSeen", lastSeen)
                .setParameter("country", country(record))
                .setParameter("browser", lower(device.browser()))
                .setParameter("os", lower(device.os()))
                .setParameter("deviceType", device.deviceType())
                .setParameter("apiClient", device.apiClient())
                .setParameter("lastIp", IpAddresses.sortable(record.lastIpAddress()))
                .setParameter("firstIp", IpAddresses.sortable(record.initialIpAddress()))
                .executeUpdate();
    }

    /** What the filters use of a device record, as the table spells it: unchanged means no write is needed. */
    public static List<Object> filteredFields(DeviceRecord record) {
        DeviceInfo device = record.device() == null ? DeviceInfo.NONE : record.device();
        return Arrays.asList(country(record), lower(device.browser()), lower(device.os()), device.apiClient(),
                IpAddresses.sortable(record.lastIpAddress()), device.deviceType());
    }

    /** A later activity of a session whose device did not change (a confidential client's refresh). */
    public void touch(String sessionId, boolean offline, int lastSeen) {
        em.createNamedQuery("kcsTouchDeviceSession")
                .setParameter("sessionId", sessionId)
                .setParameter("offline", flag(offline))
                .setParameter("lastSeen", lastSeen)
                .executeUpdate();
    }

    public void addClient(String realmId, String sessionId, boolean offline, String clientUuid) {
        em.createNamedQuery("kcsAddDeviceSessionClient")
                .setParameter("sessionId", sessionId)
                .setParameter("offline", flag(offline))
                .setParameter("clientId", clientUuid)
                .setParameter("realmId", realmId)
                .executeUpdate();
    }

    public void delete(String sessionId, boolean offline) {
        em.createNamedQuery("kcsDeleteDeviceSession").setParameter("sessionId", sessionId)
                .setParameter("offline", flag(offline)).executeUpdate();
        em.createNamedQuery("kcsDeleteDeviceSessionClients").setParameter("sessionId", sessionId)
                .setParameter("offline", flag(offline)).executeUpdate();
    }

    /**
     * The rows of sessions that end together: of the offline sessions with these ids, and of the online ones (an
     * offline session's online twin ends with it).
     */
    public void delete(Collection<String> offlineIds, Collection<String> onlineIds) {
        for (Map.Entry<String, Collection<String>> kind : Map.of("1", offlineIds, "0", onlineIds).entrySet()) {
            List<String> ids = List.copyOf(kind.getValue());
            // In chunks: some databases take at most 1,000 values in an IN list.
            for (int from = 0; from < ids.size(); from += IN_LIST) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
                em.createQuery("delete from KcsDeviceSessionClient c where c.offline = :offline and c.sessionId in :ids")
                        .setParameter("offline", kind.getKey()).setParameter("ids", chunk).executeUpdate();
                em.createQuery("delete from KcsDeviceSession d where d.offline = :offline and d.sessionId in :ids")
                        .setParameter("offline", kind.getKey()).setParameter("ids", chunk).executeUpdate();
            }
        }
    }

    /**
     * Deletes the rows, among these sessions of the realm, whose session Keycloak no longer has: for endings whose
     * event does not say which kind ended, run once the ending has committed.
     */
    public void deleteEnded(String realmId, Collection<String> sessionIds) {
        if (!sessionIds.isEmpty()) {
            deleteEnded(" and d.sessionId in :ids", Map.of("realmId", realmId, "ids", sessionIds));
        }
    }

    /** The same for every session of a user (an administrator's "Sign out" of the user). */
    public void deleteEndedOfUser(String realmId, String userId) {
        deleteEnded(" and d.userId = :userId", Map.of("realmId", realmId, "userId", userId));
    }

    /** The same for a realm (its "log out all sessions"). */
    public void deleteEndedOfRealm(String realmId) {
        deleteEnded("", Map.of("realmId", realmId));
    }

    /**
     * Rows of sessions that Keycloak no longer has, last active before {@code seenBefore}, in every realm: what the
     * periodic sweep removes (sessions ended without an event that names them, such as bulk deletions).
     */
    public void deleteEndedBefore(int seenBefore) {
        em.createQuery("delete from KcsDeviceSession d where d.lastSeen < :seenBefore" + ended())
                .setParameter("seenBefore", seenBefore).executeUpdate();
        deleteOrphanClients();
    }

    private void deleteEnded(String condition, Map<String, Object> parameters) {
        Query delete = em.createQuery("delete from KcsDeviceSession d where d.realmId = :realmId" + condition + ended());
        parameters.forEach(delete::setParameter);
        if (delete.executeUpdate() > 0) {
            deleteOrphanClients();
        }
    }

    /**
     * Rows whose session has no row in Keycloak's own table: every offline session has one, and every online one with
     * persistent user sessions (the default); without them, online sessions' rows go when they end, not here.
     */
    private static String ended() {
        String online = Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS) ? "" : " and d.offline = '1'";
        return online + " and not exists (select s.userSessionId from PersistentUserSessionEntity s"
                + " where s.userSessionId = d.sessionId and s.offline = d.offline)";
    }

    private void deleteOrphanClients() {
        em.createQuery("delete from KcsDeviceSessionClient c where not exists (select d.sessionId from"
                + " KcsDeviceSession d where d.sessionId = c.sessionId and d.offline = c.offline)").executeUpdate();
    }

    public void deleteUser(String realmId, String userId) {
        em.createQuery("delete from KcsDeviceSessionClient c where c.realmId = :realmId and exists (select d.sessionId"
                        + " from KcsDeviceSession d where d.sessionId = c.sessionId and d.offline = c.offline"
                        + " and d.userId = :userId)")
                .setParameter("realmId", realmId).setParameter("userId", userId).executeUpdate();
        em.createNamedQuery("kcsDeleteDeviceSessionsOfUser").setParameter("realmId", realmId)
                .setParameter("userId", userId).executeUpdate();
    }

    public void deleteRealm(String realmId) {
        em.createNamedQuery("kcsDeleteDeviceSessionClientsOfRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("kcsDeleteDeviceSessionsOfRealm").setParameter("realmId", realmId).executeUpdate();
    }

    public void deleteClient(String realmId, String clientUuid) {
        em.createNamedQuery("kcsDeleteDeviceSessionClientsOfClient").setParameter("realmId", realmId)
                .setParameter("clientId", clientUuid).executeUpdate();
    }

    /**
     * One page of the rows that pass the filter, most recent activity first (ties by id, then kind, so that pages
     * are stable), in the order of the index that serves the filter.
     */
    public List<SessionRow> page(SessionRowFilter filter, int first, int max) {
        // An address block matches the last or the first address: two index ranges joined by "or". Walking the
        // activity index in page order and testing each row against them is what PostgreSQL's planner picks for a
        // plain "order by lastSeen", and it reads every newer row of the realm before the first match when the
        // block's sessions are old. Ordering by an expression of lastSeen takes that walk away: the matches are
        // collected from the two address indexes, then sorted. Same order, same pages.
        String activity = filter.ipLowest() == null ? "d.lastSeen" : "(d.lastSeen + 0)";
        List<SessionRow> rows = new ArrayList<>(max);
        for (Object[] row : select("d.sessionId, d.offline, d.lastSeen", filter, " order by " + activity
                + " desc, d.sessionId desc, d.offline desc", Object[].class).setFirstResult(first).setMaxResults(max)
                .getResultList()) {
            rows.add(new SessionRow((String) row[0], "1".equals(row[1]), ((Number) row[2]).intValue()));
        }
        return rows;
    }

    public boolean contains(SessionRowFilter filter, SessionRow session) {
        return select("count(d)", filter, " and d.sessionId = :onlyId and d.offline = :onlyOffline", Long.class)
                .setParameter("onlyId", session.sessionId()).setParameter("onlyOffline", flag(session.offline()))
                .getSingleResult() > 0;
    }

    /** How many rows pass the filter, all counted (an index count). */
    public int count(SessionRowFilter filter) {
        return Math.toIntExact(select("count(d)", filter, "", Long.class).getSingleResult());
    }

    private <T> TypedQuery<T> select(String what, SessionRowFilter filter, String rest, Class<T> type) {
        Where where = new Where(filter);
        TypedQuery<T> query = em.createQuery("select " + what + " from KcsDeviceSession d" + where + rest, type);
        where.values.forEach(query::setParameter);
        return query;
    }

    /** How the table, like Keycloak's own session tables, spells the kind of a session. */
    static String flag(boolean offline) {
        return offline ? "1" : "0";
    }

    private static String country(DeviceRecord record) {
        return record.location() == null || record.location().countryCode() == null ? null
                : record.location().countryCode().toUpperCase(Locale.ROOT);
    }

    private static String lower(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.length() > 64 ? lower.substring(0, 64) : lower;
    }

    /** The conditions of a filter, as JPQL with named parameters, and their values. */
    private static final class Where {

        private final StringBuilder text = new StringBuilder(" where d.realmId = :realmId");
        private final Map<String, Object> values = new LinkedHashMap<>();

        Where(SessionRowFilter filter) {
            values.put("realmId", filter.realmId());
            add(filter.userId(), " and d.userId = :userId", "userId");
            add(filter.offline() == null ? null : flag(filter.offline()), " and d.offline = :offline", "offline");
            add(filter.country(), " and d.country = :country", "country");
            add(filter.browser(), " and d.browser = :browser", "browser");
            add(filter.os(), " and d.os = :os", "os");
            add(filter.apiClient(), " and d.apiClient = :apiClient", "apiClient");
            add(filter.activeSince(), " and d.lastSeen >= :since", "since");
            add(filter.activeUntil(), " and d.lastSeen <= :until", "until");
            if (filter.ipLowest() != null) {
                text.append(" and ((d.lastIp >= :ipLowest and d.lastIp <= :ipHighest)"
                        + " or (d.firstIp >= :ipLowest and d.firstIp <= :ipHighest))");
                values.put("ipLowest", filter.ipLowest());
                values.put("ipHighest", filter.ipHighest());
            }
            if (filter.clientUuid() != null) {
                text.append(" and exists (select c.sessionId from KcsDeviceSessionClient c where c.realmId = :realmId"
                        + " and c.clientId = :clientUuid and c.sessionId = d.sessionId and c.offline = d.offline)");
                values.put("clientUuid", filter.clientUuid());
            }
            if (filter.excluded() != null) {
                text.append(" and not (d.sessionId = :excludedId and d.offline = :excludedOffline)");
                values.put("excludedId", filter.excluded().sessionId());
                values.put("excludedOffline", flag(filter.excluded().offline()));
            }
        }

        private void add(Object value, String condition, String name) {
            if (value != null) {
                text.append(condition);
                values.put(name, value);
            }
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
