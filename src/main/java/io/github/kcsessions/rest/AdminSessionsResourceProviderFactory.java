package io.github.kcsessions.rest;

import io.github.kcsessions.protocol.ExtensionInfo;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

import java.util.Map;

/**
 * Serves {@code /admin/realms/{realm}/device-sessions} in every realm. Not {@code sessions}: Keycloak's admin API
 * already has {@code /admin/realms/{realm}/sessions/{id}}, which would take precedence.
 */
public class AdminSessionsResourceProviderFactory implements AdminRealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    public static final String ID = "device-sessions";

    private static final AdminSessionsResourceProvider PROVIDER = new AdminSessionsResourceProvider();

    @Override
    public AdminSessionsResourceProvider create(KeycloakSession session) {
        return PROVIDER;
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
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionInfo.VERSION);
    }
}
