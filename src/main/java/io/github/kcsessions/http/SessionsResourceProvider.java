package io.github.kcsessions.http;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Created per request by Keycloak. */
public class SessionsResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    public SessionsResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new SessionsResource(session);
    }

    @Override
    public void close() {
    }
}
