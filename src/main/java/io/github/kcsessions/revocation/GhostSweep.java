package io.github.kcsessions.revocation;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes revoked sessions that came back. Keycloak's session store puts a session it misses in its cache back there
 * from the database row it read (docs/design.md, "Revocations are final"): a request that read the row just before
 * the revocation deleted it, and puts the session back just after the revocation removed it from the cache, leaves a
 * "ghost" that lives in the cache alone, invisible to every list, usable by its tokens. Keycloak's own lists read many
 * rows first and put them back one by one, so the window is as long as such a list takes.
 *
 * <p>Once a revocation has committed, every revoked id is looked up again, in a transaction of its own, and whatever
 * is found is removed: with the rows gone, only a ghost can be found. That is done a few times before the request
 * answers, spaced so that lists in flight have finished putting sessions back, and a few times more afterwards, in
 * the background, for a list that was slower still.
 */
final class GhostSweep {

    private static final Logger LOG = Logger.getLogger(GhostSweep.class);

    /** Before the answer: each pause lets requests in flight finish putting sessions back. */
    private static final long[] PAUSES_BEFORE_ANSWER_MILLIS = {0, 100};
    /** After the answer, from the revocation on. */
    private static final long[] LATER_MILLIS = {1_000, 5_000, 30_000};

    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kcs-ghost-sweep");
        thread.setDaemon(true);
        return thread;
    });

    private GhostSweep() {
    }

    /** Arranges the sweeps of these sessions for when the current transaction has committed. */
    static void afterCommit(KeycloakSession session, RealmModel realm, List<UserSessionModel> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        revoked.forEach(target -> ids.add(target.getId()));
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = realm.getId();
        int revokedAt = Time.currentTime();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                for (long pause : PAUSES_BEFORE_ANSWER_MILLIS) {
                    Pause.of(pause);
                    sweep(factory, realmId, ids, revokedAt);
                }
                for (long delay : LATER_MILLIS) {
                    LATER.schedule(() -> sweep(factory, realmId, ids, revokedAt), delay, TimeUnit.MILLISECONDS);
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private static void sweep(KeycloakSessionFactory factory, String realmId, Set<String> ids, int revokedAt) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, own -> {
                RealmModel realm = own.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                for (String id : ids) {
                    UserSessionModel online = own.sessions().getUserSession(realm, id);
                    if (isGhost(online, revokedAt)) {
                        LOG.debugf("Removed session %s, back in the cache after its revocation", id);
                        own.sessions().removeUserSession(realm, online);
                    }
                    UserSessionModel offline = own.sessions().getOfflineUserSession(realm, id);
                    if (isGhost(offline, revokedAt)) {
                        LOG.debugf("Removed offline session %s, back in the cache after its revocation", id);
                        own.sessions().removeOfflineUserSession(realm, offline);
                    }
                }
            });
        } catch (RuntimeException e) {
            // The revocation itself has committed; a sweep that fails is retried by the next one.
            LOG.warnf("Could not look for revoked sessions back in the cache: %s", e.toString());
        }
    }

    /** A session with a revoked id that started after the revocation is a new sign-in that reused the id. */
    private static boolean isGhost(UserSessionModel found, int revokedAt) {
        return found != null && found.getStarted() <= revokedAt;
    }
}
