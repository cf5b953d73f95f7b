package io.github.kcsessions.auth;

import io.github.kcsessions.api.ApiException;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.UserPermissionEvaluator;

/**
 * The admin API's permission rules, decided by Keycloak's own {@link AdminPermissionEvaluator} (realm-management roles
 * {@code query-users}/{@code view-users}/{@code manage-users}, and fine-grained admin permissions where the realm has
 * them). Only the {@code can*} checks are used: the evaluator's {@code require*} methods throw JAX-RS exceptions, which
 * would reach Keycloak's error handler and answer in another schema.
 */
public final class AdminPermissions {

    private final AdminPermissionEvaluator auth;

    public AdminPermissions(AdminPermissionEvaluator auth) {
        this.auth = auth;
    }

    /** May look for users at all: the gate of every operation, so that a non-admin learns nothing, not even a 404. */
    public void requireQuery() {
        if (!users().canQuery()) {
            throw ApiException.forbidden("Searching sessions needs the realm-management role 'view-users'.");
        }
    }

    /** May manage every user of the realm: needed to revoke by a filter that is not one user's. */
    public void requireManageAll() {
        if (!users().canManage()) {
            throw ApiException.forbidden("Revoking sessions by filter needs the realm-management role 'manage-users'.");
        }
    }

    public void requireView(UserModel user) {
        if (!users().canView(user)) {
            throw ApiException.forbidden("Viewing this user's sessions needs the realm-management role 'view-users'.");
        }
    }

    public void requireManage(UserModel user) {
        if (!users().canManage(user)) {
            throw ApiException.forbidden("Revoking sessions needs the realm-management role 'manage-users'.");
        }
    }

    /** True when every user of the realm is visible, so that a search need not ask user by user. */
    public boolean canViewAllUsers() {
        return users().canView();
    }

    public boolean canView(UserModel user) {
        return users().canView(user);
    }

    public AdminAuth admin() {
        return auth.adminAuth();
    }

    private UserPermissionEvaluator users() {
        return auth.users();
    }
}
