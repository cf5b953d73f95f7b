package io.github.kcsessions.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Created per request by Keycloak's admin root, after it has authenticated the admin for the realm. */
public class AdminSessionsResourceProvider implements AdminRealmResourceProvider {

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new KnownMethods(new AdminSessionsResource(session, realm, auth, adminEvent));
    }

    @Override
    public void close() {
    }
}
