package io.github.kcsessions.bench.helper;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * For benchmarks only, never shipped: {@code POST /realms/{realm}/kcs-bench/sessions} creates many sessions in one
 * request through Keycloak's own session provider, each announced by a {@code LOGIN} event, so that the extension's
 * device capture runs for each exactly as at a real sign-in. The benchmark profile jars it into
 * {@code target/bench-helper.jar}; only benchmarks put that jar into a server.
 */
public class BenchSessionsFactory implements RealmResourceProviderFactory {

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new BenchSessionsResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return "kcs-bench";
    }
}
