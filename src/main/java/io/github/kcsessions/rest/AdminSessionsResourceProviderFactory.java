package io.github.kcsessions.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Serves {@code /admin/realms/{realm}/device-sessions} in every realm. Not {@code sessions}: Keycloak's admin API
 * already has {@code /admin/realms/{realm}/sessions/{id}}, which would take precedence. Stateless, it is its own
 * provider; Keycloak's admin root calls it per request, after it has authenticated the admin for the realm.
 */
public class AdminSessionsResourceProviderFactory extends ApiProviderFactory implements
        AdminRealmResourceProviderFactory, AdminRealmResourceProvider {

    public static final String ID = "device-sessions";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new KnownMethods(new AdminSessionsResource(session, realm, auth, adminEvent));
    }

    @Override
    public String getId() {
        return ID;
    }
}
