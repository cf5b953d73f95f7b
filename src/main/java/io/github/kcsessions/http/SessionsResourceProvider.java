package io.github.kcsessions.http;

import io.github.kcsessions.api.KnownMethods;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Created per request by Keycloak. */
public class SessionsResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final RealmWebOrigins webOrigins;

    SessionsResourceProvider(KeycloakSession session, RealmWebOrigins webOrigins) {
        this.session = session;
        this.webOrigins = webOrigins;
    }

    @Override
    public Object getResource() {
        return new KnownMethods(new SessionsResource(session, webOrigins));
    }

    @Override
    public void close() {
    }
}
