package io.github.kcsessions.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves {@code /realms/{realm}/sessions} in every realm. */
public class SessionsResourceProviderFactory extends ApiProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "sessions";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new KnownMethods(new SessionsResource(session));
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return ID;
    }
}
