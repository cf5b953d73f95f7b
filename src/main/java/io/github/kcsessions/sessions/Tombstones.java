package io.github.kcsessions.sessions;

import io.github.kcsessions.metrics.SessionMetrics;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cluster-wide record that a session has ended, kept for as long as anything of it could still be used, so that a
 * copy of the session that Keycloak puts back into its cache after the removal (Keycloak issue 51127, docs/design.md)
 * is refused wherever it shows up, and removed there. Kept in Keycloak's single-use object store (the cluster's
 * {@code actionTokens} cache, with an expiry per entry), one entry per session id and kind. An entry refuses only
 * sessions that started no later than the ended one: a browser that signs in again gets a new session with the same id.
 */
public final class Tombstones {

    /** The {@code reason} of the LOGOUT event of a copy of an ended session, removed where it was found. */
    public static final String REMOVED_ON_SIGHT = "ended_session_copy_removed";

    /** The realm attribute that turns the enforcement off in one realm ({@code "false"}); see docs/configuration.md. */
    public static final String REALM_SWITCH = "kcs.enforceTombstones";

    // Not ending in ".revoked": Keycloak also writes such keys to its revoked-token table.
    private static final String KEY_PREFIX = "kcs.ended.";
    private static final String STARTED_UP_TO = "startedUpTo";
    private static final String ENDED_AT = "endedAt";
    private static final String REALM = "realm";
    /** Kept a little longer than the session could live, for clocks of nodes that disagree. */
    static final long CLOCK_SKEW_SECONDS = 10;
    /** A session that never expires by the realm's settings still gets a tombstone that does. */
    private static final long LONGEST_SECONDS = TimeUnit.DAYS.toSeconds(400);

    private static final Logger LOG = Logger.getLogger(Tombstones.class);
    private static volatile boolean enforcedByDefault = true;

    private final KeycloakSession session;

    public Tombstones(KeycloakSession session) {
        this.session = session;
    }

    /** The server's default, from the SPI option (docs/configuration.md). */
    public static void enforceByDefault(boolean enforced) {
        enforcedByDefault = enforced;
    }

    public static boolean enforcedByDefault() {
        return enforcedByDefault;
    }

    /** Whether sign-outs in this realm leave tombstones that are checked. */
    public static boolean enforced(RealmModel realm) {
        return enforcedByDefault && (realm == null || !"false".equalsIgnoreCase(realm.getAttribute(REALM_SWITCH)));
    }

    /** One ended session: those of its id and kind started up to {@code startedUpTo} are it, or a copy of it. */
    public record Ended(String sessionId, boolean offline, int startedUpTo, long lifespan) {

        public static Ended of(RealmModel realm, UserSessionModel session) {
            return of(realm, session.getId(), session.isOffline(), session.getStarted(), session.isRememberMe());
        }

        /**
         * A session known by its id and kind; {@code started} null when it is no longer readable, and then every
         * session of that id and kind that started until now is the ended one.
         */
        public static Ended of(RealmModel realm, String sessionId, boolean offline, Integer started, boolean rememberMe) {
            int now = Time.currentTime();
            int startedUpTo = started == null ? now : started;
            return new Ended(sessionId, offline, startedUpTo, lifespan(realm, offline, rememberMe, startedUpTo, now));
        }

        /** As long as the session could still live if it had been used just now: its tokens cannot outlive that. */
        static long lifespan(RealmModel realm, boolean offline, boolean rememberMe, int started, int now) {
            long expires = SessionExpiry.expiresAtMillis(realm, offline, rememberMe || realm.isRememberMe(), started, now);
            long remaining = expires < 0 ? LONGEST_SECONDS : TimeUnit.MILLISECONDS.toSeconds(expires) - now;
            return Math.min(LONGEST_SECONDS, Math.max(0, remaining)) + CLOCK_SKEW_SECONDS;
        }
    }

    /**
     * Records sessions as ended, in a transaction of its own that has committed when this returns: before the
     * sessions leave the caches, so that no node can put one back unseen. The store's writes wait for the commit.
     */
    public static void record(KeycloakSessionFactory factory, RealmModel realm, Collection<Ended> ended) {
        if (ended.isEmpty()) {
            return;
        }
        String endedAt = Integer.toString(Time.currentTime());
        String realmId = realm.getId();
        KeycloakModelUtils.runJobInTransaction(factory, own -> {
            SingleUseObjectProvider store = own.singleUseObjects();
            for (Ended one : ended) {
                store.put(key(one.sessionId(), one.offline()), one.lifespan(),
                        Map.of(STARTED_UP_TO, Integer.toString(one.startedUpTo()), ENDED_AT, endedAt, REALM, realmId));
            }
        });
    }

    /**
     * Records that every session of the realm that started until now has ended (Keycloak's "log out all sessions"):
     * one entry for the realm, rather than one per session of a realm that may have millions.
     */
    public static void recordRealm(KeycloakSessionFactory factory, RealmModel realm) {
        int now = Time.currentTime();
        long lifespan = Math.max(Ended.lifespan(realm, false, true, now, now), Ended.lifespan(realm, true, true, now, now));
        KeycloakModelUtils.runJobInTransaction(factory, own -> own.singleUseObjects().put(realmKey(realm.getId()),
                lifespan, Map.of(STARTED_UP_TO, Integer.toString(now), ENDED_AT, Integer.toString(now))));
    }

    /** Whether this session has ended: a copy Keycloak put back into its cache. Never true where not enforced. */
    public boolean refuses(RealmModel realm, UserSessionModel candidate) {
        if (candidate == null || !enforced(realm)) {
            return false;
        }
        Integer startedUpTo = field(key(candidate.getId(), candidate.isOffline()), STARTED_UP_TO);
        if (startedUpTo != null && candidate.getStarted() <= startedUpTo) {
            return true;
        }
        Integer realmEndedUpTo = field(realmKey(realm.getId()), STARTED_UP_TO);
        return realmEndedUpTo != null && candidate.getStarted() <= realmEndedUpTo;
    }

    /**
     * The session itself when it is live; null, after removing it, when it is a copy of an ended one. For every
     * place that is about to vouch for a session.
     */
    public UserSessionModel live(RealmModel realm, UserSessionModel candidate, String where) {
        if (!refuses(realm, candidate)) {
            return candidate;
        }
        SessionMetrics.tombstoneRefusal(realm.getName(), where);
        removeOnSight(realm, candidate);
        return null;
    }

    /**
     * When the session with this id ended (of either kind, the later), while its tombstone is kept; null when no
     * tombstone names it (never ended, or ended long enough ago that nothing of it can be used).
     */
    public Integer endedAt(RealmModel realm, String sessionId) {
        Integer online = endedAtOf(realm, key(sessionId, false));
        Integer offline = endedAtOf(realm, key(sessionId, true));
        return online == null ? offline : offline == null ? online : Integer.valueOf(Math.max(online, offline));
    }

    private Integer endedAtOf(RealmModel realm, String key) {
        Map<String, String> tombstone = session.singleUseObjects().get(key);
        return tombstone != null && realm.getId().equals(tombstone.get(REALM)) ? field(key, ENDED_AT) : null;
    }

    /** Whether a tombstone exists for this id and kind, whatever session it would refuse. */
    public boolean exists(RealmModel realm, String sessionId, boolean offline) {
        return field(key(sessionId, offline), STARTED_UP_TO) != null
                || field(realmKey(realm.getId()), STARTED_UP_TO) != null;
    }

    private Integer field(String key, String name) {
        Map<String, String> tombstone = session.singleUseObjects().get(key);
        if (tombstone == null) {
            return null;
        }
        try {
            return Integer.valueOf(tombstone.get(name));
        } catch (NumberFormatException damaged) {
            // Written by this class only; an unreadable one still says the session ended.
            return Integer.MAX_VALUE;
        }
    }

    /**
     * Ends a copy of an ended session, in a transaction of its own, so that it does not depend on the request that
     * found it. Clients were told when the session ended; the copy is only removed.
     */
    private void removeOnSight(RealmModel realm, UserSessionModel candidate) {
        String realmId = realm.getId();
        String sessionId = candidate.getId();
        boolean offline = candidate.isOffline();
        String userId = candidate.getUser().getId();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
                RealmModel ownRealm = own.realms().getRealm(realmId);
                if (ownRealm == null) {
                    return;
                }
                RequestContexts.carry(session, own, ownRealm);
                UserSessionModel copy = SessionLookup.find(own, ownRealm, sessionId, offline);
                if (copy != null && new Tombstones(own).refuses(ownRealm, copy)) {
                    if (offline) {
                        own.sessions().removeOfflineUserSession(ownRealm, copy);
                    } else {
                        own.sessions().removeUserSession(ownRealm, copy);
                    }
                    LOG.debugf("Removed %s session %s: it had ended, and came back into the cache",
                            offline ? "offline" : "online", sessionId);
                    // Recorded as a session's end, as every other, so that apps listening (Shared Signals) learn
                    // of it; once per ended session, however often its copies come back.
                    long lifespan = Ended.lifespan(ownRealm, offline, copy.isRememberMe(), copy.getStarted(),
                            Time.currentTime());
                    if (own.singleUseObjects().putIfAbsent(removedKey(sessionId, offline), lifespan)) {
                        new EventBuilder(ownRealm, own).event(EventType.LOGOUT).user(userId).session(sessionId)
                                .detail(Details.REASON, REMOVED_ON_SIGHT)
                                .detail("offline", String.valueOf(offline))
                                .success();
                    }
                }
            });
        } catch (RuntimeException e) {
            // The session is refused all the same; the next request that meets it tries again.
            LOG.warnf("Could not remove ended session %s found in the cache: %s", sessionId, e.toString());
        }
    }

    static String key(String sessionId, boolean offline) {
        return KEY_PREFIX + (offline ? "offline." : "online.") + sessionId;
    }

    private static String removedKey(String sessionId, boolean offline) {
        return key(sessionId, offline) + ".copy-removed";
    }

    static String realmKey(String realmId) {
        return KEY_PREFIX + "realm." + realmId;
    }
}
