package io.github.kcsessions.revocation;

import io.github.kcsessions.sessions.Tombstones;
import io.github.kcsessions.storage.DeviceSessions;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ends sessions the way Keycloak's own logout does ({@link AuthenticationManager#backchannelLogout}), with a
 * {@code LOGOUT} event saying that this API did it, and on whose behalf. First each session gets a tombstone
 * ({@link Tombstones}), committed on its own, so that a copy Keycloak puts back into its cache while removing it is
 * refused; its device-table rows go in the sign-out's transaction.
 */
public final class SessionRevoker {

    public static final String DETAIL_REVOKED_THROUGH = "revoked_through";
    public static final String THROUGH = "session-api";

    // Online before offline: revoking an offline session also removes its online twin, which must first have had its
    // own clients notified.
    private static final Comparator<UserSessionModel> ONLINE_FIRST = Comparator.comparing(UserSessionModel::isOffline);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final RequestOrigin origin;

    public SessionRevoker(KeycloakSession session, RealmModel realm) {
        this(session, realm, RequestOrigin.of(session));
    }

    SessionRevoker(KeycloakSession session, RealmModel realm, RequestOrigin origin) {
        this.session = session;
        this.realm = realm;
        this.origin = origin;
    }

    /**
     * @param revokedBy       who asked: {@code self_service}, {@code session_token} or {@code admin}
     * @param revokedBySession the session of whoever asked, when there is one
     * @param client          the client through which the request came, when known
     * @return how many sessions were ended
     */
    public int revoke(List<UserSessionModel> targets, String revokedBy, String revokedBySession, ClientModel client) {
        List<UserSessionModel> ordered = targets.stream().sorted(ONLINE_FIRST).toList();
        if (Tombstones.enforced(realm)) {
            Tombstones.record(session.getKeycloakSessionFactory(), realm, tombstonesOf(ordered));
        }
        new DeviceSessions(session).delete(ordered.stream().filter(UserSessionModel::isOffline)
                .map(UserSessionModel::getId).toList(), ordered.stream().map(UserSessionModel::getId).toList());
        for (UserSessionModel target : ordered) {
            AuthenticationManager.backchannelLogout(session, realm, target, origin.uri(), origin.connection(),
                    origin.headers(), true);
            EventBuilder event = new EventBuilder(realm, session, origin.connection())
                    .event(EventType.LOGOUT)
                    .user(target.getUser())
                    .session(target.getId())
                    .detail(DETAIL_REVOKED_THROUGH, THROUGH)
                    .detail("revoked_by", revokedBy)
                    .detail("offline", String.valueOf(target.isOffline()));
            if (revokedBySession != null) {
                event.detail("revoked_by_session", revokedBySession);
            }
            if (client != null) {
                event.client(client);
            }
            event.success();
        }
        return ordered.size();
    }

    /** What Keycloak's logout and events need of the request, kept for work in transactions of its own (chunks). */
    record RequestOrigin(UriInfo uri, ClientConnection connection, HttpHeaders headers) {

        static RequestOrigin of(KeycloakSession session) {
            return new RequestOrigin(session.getContext().getUri(), session.getContext().getConnection(),
                    session.getContext().getRequestHeaders());
        }
    }

    /** Keycloak's logout of an offline session also ends its online twin, which gets a tombstone too. */
    private List<Tombstones.Ended> tombstonesOf(List<UserSessionModel> targets) {
        Map<String, Tombstones.Ended> ended = new LinkedHashMap<>();
        for (UserSessionModel target : targets) {
            Tombstones.Ended one = Tombstones.Ended.of(realm, target);
            ended.put(one.sessionId() + "/" + one.offline(), one);
            if (target.isOffline()) {
                ended.putIfAbsent(one.sessionId() + "/false", Tombstones.Ended.of(realm, target.getId(), false,
                        target.getStarted(), target.isRememberMe()));
            }
        }
        return List.copyOf(ended.values());
    }
}
