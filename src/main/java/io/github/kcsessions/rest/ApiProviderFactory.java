package io.github.kcsessions.rest;

import io.github.kcsessions.protocol.ExtensionInfo;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.Map;

/** What the factories of the two APIs share: no configuration, and the version in the admin console's server info. */
abstract class ApiProviderFactory implements ServerInfoAwareProviderFactory {

    public void init(Config.Scope config) {
    }

    public void postInit(KeycloakSessionFactory factory) {
    }

    public void close() {
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionInfo.VERSION);
    }
}
