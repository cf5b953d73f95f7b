package io.github.kcsessions.sessions;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Work a request does in a transaction of its own keeps the request's realm, HTTP request (Keycloak's URLs, such as
 * the Shared Signals issuer, are made from it) and client connection (events record its address).
 */
public final class RequestContexts {

    private RequestContexts() {
    }

    public static void carry(KeycloakSession from, KeycloakSession to, RealmModel realm) {
        to.getContext().setRealm(realm);
        try {
            if (from.getContext().getHttpRequest() != null) {
                to.getContext().setHttpRequest(from.getContext().getHttpRequest());
            }
            if (from.getContext().getConnection() != null) {
                to.getContext().setConnection(from.getContext().getConnection());
            }
        } catch (RuntimeException noRequest) {
            // Not in a request (a background task): nothing to carry.
        }
    }
}
