package io.github.kcsessions.storage;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import java.util.List;

/**
 * The known devices of each account ({@link KnownDevices}) in the extension's table {@code KCS_KNOWN_DEVICE}: users
 * never see it (it is no user attribute), it goes with the user and the realm, and its primary key makes the first
 * sign-in of a device an atomic claim, so that two simultaneous sign-ins from one new device report it once.
 */
public final class KnownDeviceStore {

    private final EntityManager em;

    public KnownDeviceStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** What a sign-in's device is to its account. */
    public enum Sighting {
        /** A device the account did not know, while it knew others: news to report. */
        NEW,
        /** Known, or just recorded by a simultaneous sign-in of the same device. */
        KNOWN,
        /** The first device the account ever records: nothing to compare it with. */
        FIRST
    }

    /**
     * Records that a user signed in with a device on {@code today} (days since the epoch), and answers what it is to
     * the account. Of simultaneous sign-ins of one new device, only the one that claims it first answers {@code NEW}.
     */
    public Sighting signedIn(String realmId, String userId, String deviceKey, long today) {
        KnownDevices known = load(userId);
        boolean unknown = !known.knows(deviceKey, today);
        Long previous = known.lastDay(deviceKey);
        boolean claimed;
        if (previous == null) {
            claimed = em.createNamedQuery("kcsRememberNewDevice").setParameter("userId", userId)
                    .setParameter("deviceKey", deviceKey).setParameter("realmId", realmId)
                    .setParameter("lastDay", (int) today).executeUpdate() == 1;
        } else if (previous != today) {
            claimed = em.createNamedQuery("kcsSeeKnownDevice").setParameter("userId", userId)
                    .setParameter("deviceKey", deviceKey).setParameter("lastDay", (int) today)
                    .setParameter("previousDay", previous.intValue()).executeUpdate() == 1;
        } else {
            claimed = false;
        }
        for (String forgotten : known.forgottenIn(known.remember(deviceKey, today))) {
            em.createNamedQuery("kcsForgetKnownDevice").setParameter("userId", userId)
                    .setParameter("deviceKey", forgotten).executeUpdate();
        }
        if (!claimed || !unknown) {
            return Sighting.KNOWN;
        }
        return known.isEmpty() ? Sighting.FIRST : Sighting.NEW;
    }

    /** Adds the entries of an earlier build's memory, keeping what the table already has. */
    public void add(String realmId, String userId, KnownDevices devices) {
        KnownDevices stored = load(userId);
        for (KnownDevices.Entry entry : devices.entries()) {
            if (stored.lastDay(entry.key()) == null) {
                em.createNamedQuery("kcsRememberNewDevice").setParameter("userId", userId)
                        .setParameter("deviceKey", entry.key()).setParameter("realmId", realmId)
                        .setParameter("lastDay", (int) entry.day()).executeUpdate();
            }
        }
    }

    public KnownDevices load(String userId) {
        List<Object[]> rows = em.createNamedQuery("kcsKnownDevicesOfUser", Object[].class)
                .setParameter("userId", userId).getResultList();
        return KnownDevices.of(rows.stream()
                .map(row -> new KnownDevices.Entry((String) row[0], ((Number) row[1]).longValue()))
                .toList());
    }

    public void deleteUser(String userId) {
        em.createNamedQuery("kcsForgetKnownDevicesOfUser").setParameter("userId", userId).executeUpdate();
    }

    public void deleteRealm(String realmId) {
        em.createNamedQuery("kcsForgetKnownDevicesOfRealm").setParameter("realmId", realmId).executeUpdate();
    }
}
