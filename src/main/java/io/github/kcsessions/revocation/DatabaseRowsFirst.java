package io.github.kcsessions.revocation;

import org.keycloak.common.Profile;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.session.UserSessionPersisterProvider;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes the database rows of sessions about to be revoked, in a transaction of its own that commits before the
 * revocation removes them from the cluster's caches. Why (docs/design.md, "Revocations are final in a cluster"):
 * Keycloak's own removal takes a session out of the distributed cache and deletes its row in the same transaction,
 * cache first; a node that misses the session in that moment reads the row that is not deleted yet and puts the
 * session back into the cache, where it lives on (Keycloak issue 51127). With the row gone first, a node that misses
 * the session finds nothing to put back.
 */
final class DatabaseRowsFirst {

    private record Row(String sessionId, boolean offline) {
    }

    /** Between the delete and the removal from the cache: longer than a request that reads sessions usually takes. */
    static final long GRACE_MILLIS = 250;

    private DatabaseRowsFirst() {
    }

    static void delete(KeycloakSession session, List<UserSessionModel> targets) {
        if (targets.isEmpty() || !Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)) {
            return;
        }
        Set<Row> rows = new LinkedHashSet<>();
        for (UserSessionModel target : targets) {
            rows.add(new Row(target.getId(), target.isOffline()));
            if (target.isOffline()) {
                // Keycloak's logout of an offline session also removes its online twin.
                rows.add(new Row(target.getId(), false));
            }
        }
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            UserSessionPersisterProvider persister = own.getProvider(UserSessionPersisterProvider.class);
            for (Row row : rows) {
                persister.removeUserSession(row.sessionId(), row.offline());
            }
        });
        // While a session is still in the cache, a request that read its row before the delete cannot put it back;
        // one that misses it after the removal can. Leaving it there a moment lets such requests finish first.
        Pause.of(GRACE_MILLIS);
    }
}
