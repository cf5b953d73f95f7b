package io.github.kcsessions.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** Keycloak's admin REST API, as the master realm's bootstrap admin. */
public final class Admin {

    private static String token;
    private static long tokenExpiresAt;

    private Admin() {
    }

    public static synchronized String bearer() {
        if (token == null || System.currentTimeMillis() > tokenExpiresAt) {
            Tokens tokens = Tokens.of(Http.postForm(base() + "/realms/master/protocol/openid-connect/token", Map.of(
                    "grant_type", "password", "client_id", "admin-cli",
                    "username", KeycloakServer.ADMIN_USER, "password", KeycloakServer.ADMIN_PASSWORD)));
            token = tokens.accessToken();
            tokenExpiresAt = System.currentTimeMillis() + (tokens.raw().path("expires_in").asLong() - 15) * 1000;
        }
        return "Bearer " + token;
    }

    public static Http.Reply get(String path) {
        return Http.get(base() + "/admin" + path, "Authorization", bearer());
    }

    public static JsonNode getJson(String path) {
        Http.Reply reply = get(path);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + path + " failed: " + reply);
        }
        return reply.json();
    }

    public static Http.Reply post(String path, Object body) {
        return Http.postJson(base() + "/admin" + path, body, "Authorization", bearer());
    }

    public static Http.Reply put(String path, Object body) {
        try {
            return Http.method("PUT", base() + "/admin" + path, "application/json", Http.JSON.writeValueAsString(body),
                    "Authorization", bearer());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Http.Reply delete(String path) {
        return Http.delete(base() + "/admin" + path, "Authorization", bearer());
    }

    public static void expectOk(Http.Reply reply) {
        if (reply.status() / 100 != 2) {
            throw new AssertionError("Admin call failed: " + reply);
        }
    }

    private static String base() {
        return KeycloakExtension.server().baseUrl();
    }
}
