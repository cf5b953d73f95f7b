package io.github.kcsessions.revocation;

import io.github.kcsessions.storage.DeviceSessions;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The device-table rows of sessions that Keycloak's own routes end, deleted once the ending has committed, in a
 * transaction of its own: Keycloak's events name the session but not always its kind (online or offline), so each
 * row goes only if Keycloak no longer has its session then. Collected per request, deleted in one go.
 */
final class EndedRows {

    private static final Logger LOG = Logger.getLogger(EndedRows.class);

    private final Map<String, Set<String>> sessionsByRealm = new LinkedHashMap<>();
    private final Map<String, Set<String>> usersByRealm = new LinkedHashMap<>();
    private final Set<String> realms = new LinkedHashSet<>();

    private EndedRows() {
    }

    /** Rows to delete after the current transaction of {@code session} commits; nothing if it rolls back. */
    static EndedRows afterCommitOf(KeycloakSession session) {
        EndedRows rows = new EndedRows();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                rows.delete(factory);
            }

            @Override
            protected void rollbackImpl() {
                // Nothing ended.
            }
        });
        return rows;
    }

    void ofSessions(String realmId, String sessionId) {
        sessionsByRealm.computeIfAbsent(realmId, id -> new LinkedHashSet<>()).add(sessionId);
    }

    void ofUser(String realmId, String userId) {
        usersByRealm.computeIfAbsent(realmId, id -> new LinkedHashSet<>()).add(userId);
    }

    void ofRealm(String realmId) {
        realms.add(realmId);
    }

    private void delete(KeycloakSessionFactory factory) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, own -> {
                DeviceSessions table = new DeviceSessions(own);
                sessionsByRealm.forEach(table::deleteEnded);
                usersByRealm.forEach((realmId, users) -> users.forEach(user -> table.deleteEndedOfUser(realmId, user)));
                realms.forEach(table::deleteEndedOfRealm);
            });
        } catch (RuntimeException e) {
            // The sessions have ended all the same; their rows go with the next sweep, and no list shows them.
            LOG.warnf("Could not delete the device-table rows of ended sessions: %s", e.toString());
        }
    }
}
