package io.github.kcsessions.revocation;

import io.github.kcsessions.sessions.SessionLookup;
import io.github.kcsessions.sessions.Tombstones;
import io.github.kcsessions.storage.DeviceSessions;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.session.UserSessionPersisterProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.util.TokenUtil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives the sessions that Keycloak's own routes end a tombstone, as this extension's revocations do (account API and
 * console, OIDC logout, token revocation, session limits, admin API). Events reach this listener in the request that
 * ends the session, before it commits, and so before the session leaves the caches; the tombstone is committed on its
 * own, at once. The ended sessions' rows of the device table go once the ending has committed ({@link EndedRows}).
 * An administrator's "Sign out" of a user, or of a realm, gets tombstones too: Keycloak's not-before time for those is
 * to the second, and a copy refreshed in the same second would pass it.
 */
final class KeycloakSignOuts implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(KeycloakSignOuts.class);
    /** {@code sessions/{id}} of Keycloak's own admin API; not this extension's {@code device-sessions/{id}}. */
    private static final Pattern ADMIN_SESSION_PATH = Pattern.compile("sessions/([^/?]+)");
    private static final Pattern OFFLINE_REPRESENTATION = Pattern.compile("\"offline\"\\s*:\\s*true");
    private static final Pattern USER_LOGOUT_PATH = Pattern.compile("users/([^/?]+)/logout");
    private static final String REALM_LOGOUT_PATH = "logout-all";

    private final KeycloakSession session;
    private EndedRows rows;

    KeycloakSignOuts(KeycloakSession session) {
        this.session = session;
    }

    private EndedRows rows() {
        if (rows == null) {
            rows = new EndedRows(session.getKeycloakSessionFactory());
            session.getTransactionManager().enlistAfterCompletion(rows);
        }
        return rows;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getSessionId() == null || !isOfKeycloak(event)) {
            return;
        }
        RealmModel realm = realm(event.getRealmId());
        if (realm == null) {
            return;
        }
        String id = event.getSessionId();
        rows().ofSessions(realm.getId(), id);
        if (event.getType() == EventType.USER_SESSION_DELETED || !Tombstones.enforced(realm)) {
            // An expired session is refused by its expiry wherever a copy of it shows up.
            return;
        }
        List<Tombstones.Ended> ended = new ArrayList<>(2);
        if (event.getType() == EventType.LOGOUT) {
            // Every logout ends the online session; the offline one only where it is gone now (an offline token's
            // logout), never where it lives on beside a browser's logout.
            ended.add(ended(realm, id, false));
            if (SessionLookup.find(session, realm, id, true) == null) {
                ended.add(ended(realm, id, true));
            }
        } else {
            // The revocation endpoint ends the session of the token's kind once no client is left in it.
            boolean offline = TokenUtil.TOKEN_TYPE_OFFLINE.equalsIgnoreCase(detail(event, Details.REFRESH_TOKEN_TYPE));
            if (SessionLookup.find(session, realm, id, offline) == null) {
                ended.add(ended(realm, id, offline));
            }
        }
        record(realm, ended);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        String resourcePath = event.getResourcePath();
        if (resourcePath == null || event.getOperationType() == null) {
            return;
        }
        RealmModel realm = realm(event.getRealmId());
        if (realm == null) {
            return;
        }
        boolean enforced = Tombstones.enforced(realm);
        if (event.getOperationType() == OperationType.ACTION) {
            Matcher userLogout = USER_LOGOUT_PATH.matcher(resourcePath);
            if (userLogout.matches()) {
                rows().ofUser(realm.getId(), userLogout.group(1));
                if (enforced) {
                    record(realm, onlineSessionsOf(realm, userLogout.group(1)));
                }
            } else if (REALM_LOGOUT_PATH.equals(resourcePath)) {
                rows().ofRealm(realm.getId());
                try {
                    if (enforced) {
                        Tombstones.recordRealm(session.getKeycloakSessionFactory(), realm);
                    }
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Could not record the end of every session of realm %s", realm.getName());
                }
            }
            return;
        }
        Matcher path = ADMIN_SESSION_PATH.matcher(resourcePath);
        if (event.getOperationType() != OperationType.DELETE || event.getResourceType() != ResourceType.USER_SESSION
                || !path.matches()) {
            return;
        }
        String id = path.group(1);
        rows().ofSessions(realm.getId(), id);
        if (!enforced) {
            return;
        }
        // Deleting the offline session also removes its online twin; deleting the online one leaves the offline one.
        List<Tombstones.Ended> ended = new ArrayList<>(2);
        ended.add(ended(realm, id, false));
        if (event.getRepresentation() != null && OFFLINE_REPRESENTATION.matcher(event.getRepresentation()).find()) {
            ended.add(ended(realm, id, true));
        }
        record(realm, ended);
    }

    private static boolean isOfKeycloak(Event event) {
        EventType type = event.getType();
        boolean ending = type == EventType.LOGOUT || type == EventType.REVOKE_GRANT
                || type == EventType.USER_SESSION_DELETED;
        // This extension's own revocations, and copies of ended sessions it removed, have their tombstones already.
        return ending && !SessionRevoker.THROUGH.equals(detail(event, SessionRevoker.DETAIL_REVOKED_THROUGH))
                && !Tombstones.REMOVED_ON_SIGHT.equals(detail(event, Details.REASON));
    }

    private static String detail(Event event, String name) {
        return event.getDetails() == null ? null : event.getDetails().get(name);
    }

    private RealmModel realm(String realmId) {
        RealmModel current = session.getContext().getRealm();
        if (current != null && current.getId().equals(realmId)) {
            return current;
        }
        return realmId == null ? null : session.realms().getRealm(realmId);
    }

    /**
     * The ended session, with its start when it can still be read: from the session itself where the event comes
     * before the removal, else from its database row, which is deleted only when the request commits.
     */
    private Tombstones.Ended ended(RealmModel realm, String id, boolean offline) {
        // Null when removed in this request (or never there): a session removed in a transaction reads as null in it.
        UserSessionModel known = SessionLookup.find(session, realm, id, offline);
        if (known == null) {
            known = storedRow(realm, id, offline);
        }
        return known == null ? Tombstones.Ended.of(realm, id, offline, null, false)
                : Tombstones.Ended.of(realm, id, offline, known.getStarted(), known.isRememberMe());
    }

    private UserSessionModel storedRow(RealmModel realm, String id, boolean offline) {
        try {
            UserSessionPersisterProvider persister = session.getProvider(UserSessionPersisterProvider.class);
            return persister == null ? null : persister.loadUserSession(realm, id, offline);
        } catch (RuntimeException unreadable) {
            LOG.debugf("Start of ended session %s not readable: %s", id, unreadable.toString());
            return null;
        }
    }

    /** The user's online sessions as stored: removed from this request's view already, deleted at its commit. */
    private List<Tombstones.Ended> onlineSessionsOf(RealmModel realm, String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        UserSessionPersisterProvider persister = session.getProvider(UserSessionPersisterProvider.class);
        if (user == null || persister == null) {
            return List.of();
        }
        try {
            return persister.loadUserSessionsStream(realm, user, false, 0, null)
                    .map(stored -> Tombstones.Ended.of(realm, stored))
                    .toList();
        } catch (RuntimeException unreadable) {
            LOG.warnf("Sessions of user %s not readable; their sign-out relies on Keycloak's not-before time: %s",
                    userId, unreadable.toString());
            return List.of();
        }
    }

    private void record(RealmModel realm, List<Tombstones.Ended> ended) {
        try {
            Tombstones.record(session.getKeycloakSessionFactory(), realm, ended);
        } catch (RuntimeException e) {
            // A listener cannot fail the sign-out; it happens, only without the tombstone.
            LOG.warnf(e, "Could not record the end of session %s", ended.isEmpty() ? "?" : ended.get(0).sessionId());
        }
    }

    @Override
    public void close() {
    }

    /**
     * The device-table rows of sessions Keycloak's routes end, collected per request and deleted after its commit:
     * events do not always name the kind (online or offline), so a row goes only if Keycloak no longer has its session.
     */
    private static final class EndedRows extends AbstractKeycloakTransaction {

        private final KeycloakSessionFactory factory;
        private final Map<String, Set<String>> sessionsByRealm = new LinkedHashMap<>();
        private final Map<String, Set<String>> usersByRealm = new LinkedHashMap<>();
        private final Set<String> realms = new LinkedHashSet<>();

        EndedRows(KeycloakSessionFactory factory) {
            this.factory = factory;
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

        @Override
        protected void commitImpl() {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, own -> {
                    DeviceSessions table = new DeviceSessions(own);
                    sessionsByRealm.forEach(table::deleteEnded);
                    usersByRealm.forEach((realmId, users) -> users.forEach(u -> table.deleteEndedOfUser(realmId, u)));
                    realms.forEach(table::deleteEndedOfRealm);
                });
            } catch (RuntimeException e) {
                // The sessions have ended all the same; their rows go with the next sweep, and no list shows them.
                LOG.warnf("Could not delete the device-table rows of ended sessions: %s", e.toString());
            }
        }

        @Override
        protected void rollbackImpl() {
            // Nothing ended.
        }
    }
}
