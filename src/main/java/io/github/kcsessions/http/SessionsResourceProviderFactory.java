package io.github.kcsessions.http;

import io.github.kcsessions.api.ExtensionInfo;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.Map;

/** Serves {@code /realms/{realm}/sessions} in every realm. */
public class SessionsResourceProviderFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "sessions";

    private final RealmWebOrigins webOrigins = new RealmWebOrigins();

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new SessionsResourceProvider(session, webOrigins);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(webOrigins::onEvent);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionInfo.VERSION,
                "webOriginsCacheTimeToLive", RealmWebOrigins.TIME_TO_LIVE.toString());
    }
}
