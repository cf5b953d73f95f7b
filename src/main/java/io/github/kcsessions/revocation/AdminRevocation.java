package io.github.kcsessions.revocation;

import io.github.kcsessions.revocation.SessionRevoker.RequestOrigin;
import io.github.kcsessions.sessions.RequestContexts;
import io.github.kcsessions.sessions.SessionLookup;
import io.github.kcsessions.storage.SessionRow;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Revokes sessions on an administrator's behalf: through {@link SessionRevoker} (back-channel logout and a
 * {@code LOGOUT} event with {@code revoked_by=admin}), and one admin event per revoked session, as Keycloak's own
 * {@code DELETE /admin/realms/{realm}/sessions/{id}} records it ({@code DELETE} of a {@code USER_SESSION}).
 */
public final class AdminRevocation {

    static final String REVOKED_BY = "admin";
    static final int CHUNK = 100;

    private static final Logger LOG = Logger.getLogger(AdminRevocation.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAuth admin;
    private final AdminEventBuilder adminEvent;
    private final String resourcePath;

    /** @param resourcePath where the admin resource lives, the prefix of each admin event's resource path */
    public AdminRevocation(KeycloakSession session, RealmModel realm, AdminAuth admin, AdminEventBuilder adminEvent,
                           String resourcePath) {
        this.session = session;
        this.realm = realm;
        this.admin = admin;
        this.adminEvent = adminEvent;
        this.resourcePath = resourcePath;
    }

    /**
     * Ends the sessions that rows of the device table name (a revocation by filter), {@value #CHUNK} to a transaction
     * of its own: Keycloak's commit checks every session entity of its transaction at each of its statements, so one
     * transaction of thousands of sessions costs the square of their number. A session that ended meanwhile is skipped.
     */
    public int revokeRows(List<SessionRow> rows) {
        RequestOrigin origin = RequestOrigin.of(session);
        String realmId = realm.getId();
        int revoked = 0;
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<SessionRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            revoked += KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), own -> {
                RealmModel ownRealm = own.realms().getRealm(realmId);
                RequestContexts.carry(session, own, ownRealm);
                SessionLookup lookup = new SessionLookup(own, ownRealm);
                List<UserSessionModel> targets = chunk.stream()
                        .map(row -> lookup.get(row.sessionId(), row.offline()))
                        .filter(Objects::nonNull)
                        .toList();
                AdminEventBuilder events = new AdminEventBuilder(ownRealm, admin, own, origin.connection());
                return new AdminRevocation(own, ownRealm, admin, events, resourcePath).revoke(targets, origin);
            });
        }
        return revoked;
    }

    public int revoke(List<UserSessionModel> targets) {
        return revoke(targets, RequestOrigin.of(session));
    }

    private int revoke(List<UserSessionModel> targets, RequestOrigin origin) {
        // Read before the logout: afterwards the session models are removed.
        List<RevokedSession> revoked = targets.stream()
                .sorted(Comparator.comparing(UserSessionModel::isOffline))
                .map(target -> new RevokedSession(target.getId(), target.getUser().getId(), target.isOffline()))
                .toList();
        // The LOGOUT event belongs to the session's realm: naming a master-realm admin's session or client there would
        // point at something that realm does not have. The admin event names the admin in every case.
        boolean adminOfThisRealm = admin.getRealm().getId().equals(realm.getId());
        String adminSession = adminOfThisRealm && admin.getToken() != null ? admin.getToken().getSessionId() : null;
        int count = new SessionRevoker(session, realm, origin).revoke(targets, REVOKED_BY, adminSession,
                adminOfThisRealm ? admin.getClient() : null);
        for (RevokedSession target : revoked) {
            adminEvent.operation(OperationType.DELETE)
                    .resource(ResourceType.USER_SESSION)
                    .resourcePath(resourcePath, target.id())
                    .representation(target.representation())
                    .detail("session_id", target.id())
                    .detail("user_id", target.userId())
                    .detail("offline", String.valueOf(target.offline()))
                    .success();
        }
        LOG.debugf("Admin %s revoked %d session(s) in realm %s", admin.getUser().getUsername(), count, realm.getName());
        return count;
    }

    private record RevokedSession(String id, String userId, boolean offline) {

        Map<String, Object> representation() {
            Map<String, Object> representation = new LinkedHashMap<>();
            representation.put("id", id);
            representation.put("userId", userId);
            representation.put("offline", offline);
            return representation;
        }
    }
}
