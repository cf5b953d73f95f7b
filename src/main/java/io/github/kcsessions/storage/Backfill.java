package io.github.kcsessions.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.device.SessionDevices;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.common.Profile;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fills the device table with the sessions that exist when it is first created, and moves the known devices out of the
 * user attribute of earlier builds. Runs once, on the node that claims its row in {@code KCS_MIGRATION}; a node that
 * finds the claim stale takes it over where it stopped. Rows the capture wrote meanwhile are never overwritten.
 */
final class Backfill implements Runnable {

    static final String NAME = "device-table-1";
    private static final Logger LOG = Logger.getLogger(Backfill.class);
    private static final int BATCH = 500;
    private static final int STALE_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSessionFactory factory;
    private final String node = UUID.randomUUID().toString();

    Backfill(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void run() {
        try {
            String resumeAfter = claim();
            if (resumeAfter == null) {
                return;
            }
            long started = System.currentTimeMillis();
            int sessions = 0;
            for (boolean offline : Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)
                    ? new boolean[] {false, true} : new boolean[] {true}) {
                String kind = offline ? "offline" : "online";
                if (resumeAfter.startsWith("offline|") && !offline) {
                    continue;
                }
                String last = resumeAfter.startsWith(kind + "|") ? resumeAfter.substring(kind.length() + 1) : "";
                while (true) {
                    String from = last;
                    Batch batch = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                            session -> copyBatch(session, offline, from));
                    sessions += batch.copied();
                    if (batch.last() == null) {
                        break;
                    }
                    last = batch.last();
                    String position = kind + "|" + last;
                    KeycloakModelUtils.runJobInTransaction(factory, session -> em(session)
                            .createNamedQuery("kcsMigrationProgress").setParameter("name", NAME)
                            .setParameter("node", node).setParameter("now", Time.currentTime())
                            .setParameter("resumeAfter", position).executeUpdate());
                }
            }
            int users = KeycloakModelUtils.runJobInTransactionWithResult(factory, Backfill::moveKnownDevices);
            KeycloakModelUtils.runJobInTransaction(factory, session -> em(session).createNamedQuery("kcsMigrationDone")
                    .setParameter("name", NAME).setParameter("node", node).setParameter("now", Time.currentTime())
                    .executeUpdate());
            LOG.infof("Device table filled: %d existing sessions, known devices of %d users moved, in %d ms",
                    sessions, users, System.currentTimeMillis() - started);
        } catch (RuntimeException e) {
            // Left claimed: another start (or a node that finds the claim stale) goes on where this one stopped.
            LOG.errorf(e, "Filling the device table with existing sessions stopped; it resumes at the next start");
        }
    }

    /** Where to start ("" for the beginning), or null when another node has it or it is done. */
    private String claim() {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, this::claimIn);
        } catch (RuntimeException lostTheRace) {
            LOG.debugf("Another node claimed the device table's filling: %s", lostTheRace.toString());
            return null;
        }
    }

    private String claimIn(KeycloakSession session) {
        EntityManager em = em(session);
        int now = Time.currentTime();
        MigrationEntity row = em.find(MigrationEntity.class, NAME);
        if (row == null) {
            // Two nodes starting at once may both get here: one insert wins, the other claims nothing.
            boolean claimed = em.createNamedQuery("kcsClaimMigration").setParameter("name", NAME)
                    .setParameter("node", node).setParameter("now", now).executeUpdate() == 1;
            if (claimed) {
                LOG.infof("Filling the device table with the existing sessions (on this node)");
            }
            return claimed ? "" : null;
        }
        if (row.doneAt != null) {
            return null;
        }
        if (em.createNamedQuery("kcsTakeOverMigration").setParameter("name", NAME).setParameter("node", node)
                .setParameter("now", now).setParameter("stale", now - STALE_SECONDS).executeUpdate() == 1) {
            LOG.infof("Filling the device table with the existing sessions, resuming where node %s stopped",
                    row.claimedBy);
            return row.resumeAfter == null ? "" : row.resumeAfter;
        }
        return null;
    }

    private record Batch(int copied, String last) {
    }

    /** One batch of stored sessions of one kind, in the order of their id, after {@code after}. */
    private static Batch copyBatch(KeycloakSession session, boolean offline, String after) {
        EntityManager em = em(session);
        List<Object[]> rows = em.createQuery("select s.userSessionId, s.realmId, s.userId, s.createdOn,"
                        + " s.lastSessionRefresh, s.data from PersistentUserSessionEntity s"
                        + " where s.offline = :flag and s.userSessionId > :after order by s.userSessionId", Object[].class)
                .setParameter("flag", DeviceSessions.flag(offline))
                .setParameter("after", after)
                .setMaxResults(BATCH)
                .getResultList();
        if (rows.isEmpty()) {
            return new Batch(0, null);
        }
        DeviceSessions table = new DeviceSessions(session);
        List<String> ids = new ArrayList<>(rows.size());
        Map<String, String> realms = new HashMap<>();
        for (Object[] row : rows) {
            String id = (String) row[0];
            ids.add(id);
            realms.put(id, (String) row[1]);
            DeviceRecord record = record((String) row[5], ((Number) row[3]).intValue());
            table.save((String) row[1], (String) row[2], id, offline, record, ((Number) row[4]).intValue(), false);
        }
        for (Object[] client : em.createQuery("select c.userSessionId, c.clientId from PersistentClientSessionEntity c"
                        + " where c.offline = :flag and c.userSessionId in :ids and c.clientStorageProvider = 'local'",
                        Object[].class)
                .setParameter("flag", DeviceSessions.flag(offline)).setParameter("ids", ids).getResultList()) {
            String id = (String) client[0];
            table.addClient(realms.get(id), id, offline, (String) client[1]);
        }
        return new Batch(rows.size(), ids.get(ids.size() - 1));
    }

    /** The device record a stored session's notes hold, as its view would show it. */
    private static DeviceRecord record(String data, int createdOn) {
        Map<String, String> notes = new HashMap<>();
        String ip = null;
        int started = createdOn;
        try {
            JsonNode json = data == null ? null : JSON.readTree(data);
            if (json != null) {
                ip = json.path("ipAddress").asText(null);
                started = json.path("started").asInt(0) > 0 ? json.path("started").asInt() : createdOn;
                json.path("notes").fields().forEachRemaining(note -> notes.put(note.getKey(), note.getValue().asText()));
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            LOG.debugf("Stored session data not readable: %s", unreadable.toString());
        }
        return SessionDevices.of(notes::get, ip, started);
    }

    /** The memory of known devices, from the user attribute of earlier builds into the table; the attribute goes. */
    private static int moveKnownDevices(KeycloakSession session) {
        EntityManager em = em(session);
        List<Object[]> attributes = em.createQuery("select a.user.id, a.user.realmId, a.value from UserAttributeEntity a"
                + " where a.name = :name", Object[].class).setParameter("name", KnownDevices.LEGACY_ATTRIBUTE)
                .getResultList();
        KnownDeviceStore store = new KnownDeviceStore(session);
        for (Object[] attribute : attributes) {
            store.add((String) attribute[1], (String) attribute[0], KnownDevices.parse((String) attribute[2]));
        }
        em.createQuery("delete from UserAttributeEntity a where a.name = :name")
                .setParameter("name", KnownDevices.LEGACY_ATTRIBUTE).executeUpdate();
        return attributes.size();
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
