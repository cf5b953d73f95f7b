package io.github.kcsessions.revocation;

import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Comparator;
import java.util.List;

/**
 * Ends sessions the way Keycloak's own logout does ({@link AuthenticationManager#backchannelLogout}): clients are
 * notified, an offline session is revoked with its online twin, the caller's SSO cookie is expired if it was that
 * session. Each revoked session is recorded as a {@code LOGOUT} event saying that this API did it, and on whose behalf.
 * Before that, the sessions' database rows are deleted and committed ({@link DatabaseRowsFirst}), so that in a
 * cluster no node can bring a revoked session back from the database; after the commit, sessions that a request in
 * flight put back into the cache all the same are removed again ({@link GhostSweep}).
 */
public final class SessionRevoker {

    public static final String DETAIL_REVOKED_THROUGH = "revoked_through";
    public static final String DETAIL_REVOKED_BY = "revoked_by";
    public static final String DETAIL_REVOKED_BY_SESSION = "revoked_by_session";
    public static final String DETAIL_OFFLINE = "offline";
    public static final String THROUGH = "session-api";

    // Online before offline: revoking an offline session also removes its online twin, which must first have had its
    // own clients notified.
    private static final Comparator<UserSessionModel> ONLINE_FIRST = Comparator.comparing(UserSessionModel::isOffline);

    private final KeycloakSession session;
    private final RealmModel realm;

    public SessionRevoker(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param revokedBy       who asked: {@code self_service}, {@code session_token} or {@code admin}
     * @param revokedBySession the session of whoever asked, when there is one
     * @param client          the client through which the request came, when known
     * @return how many sessions were ended
     */
    public int revoke(List<UserSessionModel> targets, String revokedBy, String revokedBySession, ClientModel client) {
        List<UserSessionModel> ordered = targets.stream().sorted(ONLINE_FIRST).toList();
        DatabaseRowsFirst.delete(session, ordered);
        for (UserSessionModel target : ordered) {
            AuthenticationManager.backchannelLogout(session, target, true);
            EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                    .event(EventType.LOGOUT)
                    .user(target.getUser())
                    .session(target.getId())
                    .detail(DETAIL_REVOKED_THROUGH, THROUGH)
                    .detail(DETAIL_REVOKED_BY, revokedBy)
                    .detail(DETAIL_OFFLINE, String.valueOf(target.isOffline()));
            if (revokedBySession != null) {
                event.detail(DETAIL_REVOKED_BY_SESSION, revokedBySession);
            }
            if (client != null) {
                event.client(client);
            }
            event.success();
        }
        GhostSweep.afterCommit(session, realm, ordered);
        return ordered.size();
    }
}
