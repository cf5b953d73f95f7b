package io.github.kcsessions.bench.helper;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** See {@link BenchSessionsFactory}. Open to anyone who can reach it: it must never be in a real server. */
public class BenchSessionsResource {

    private static final int MAX_PER_REQUEST = 5_000;

    private final KeycloakSession session;

    BenchSessionsResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * {@code count} sessions of {@code username} with the client {@code clientId}, from the request's user agent and
     * address: each created by Keycloak's session provider, then a LOGIN event, in this request's transaction.
     */
    @POST
    @Path("sessions")
    public Response create(@QueryParam("username") String username, @QueryParam("count") int count,
                           @QueryParam("clientId") String clientId) {
        RealmModel realm = session.getContext().getRealm();
        UserModel user = session.users().getUserByUsername(realm, username);
        ClientModel client = realm.getClientByClientId(clientId);
        if (user == null || client == null || count < 1 || count > MAX_PER_REQUEST) {
            return Response.status(400).build();
        }
        session.getContext().setClient(client);
        String address = session.getContext().getConnection().getRemoteAddr();
        for (int i = 0; i < count; i++) {
            UserSessionModel created = session.sessions().createUserSession(KeycloakModelUtils.generateId(), realm,
                    user, username, address, "openid-connect", false, null, null,
                    UserSessionModel.SessionPersistenceState.PERSISTENT);
            session.sessions().createClientSession(realm, client, created);
            new EventBuilder(realm, session, session.getContext().getConnection())
                    .event(EventType.LOGIN)
                    .user(user)
                    .session(created)
                    .client(client)
                    .detail(Details.AUTH_METHOD, "openid-connect")
                    .success();
        }
        return Response.noContent().build();
    }
}
