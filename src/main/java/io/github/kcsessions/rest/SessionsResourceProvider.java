package io.github.kcsessions.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Created per request by Keycloak. */
public class SessionsResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    SessionsResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new KnownMethods(new SessionsResource(session));
    }

    @Override
    public void close() {
    }
}
