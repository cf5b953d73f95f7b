package io.github.kcsessions.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keycloak's admin REST API, as the master realm's bootstrap admin, on the server of the test class that runs now
 * (static methods) or on a chosen server ({@link #at}).
 */
public record Admin(String baseUrl) {

    private record CachedToken(String value, long expiresAt) {
    }

    private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();

    /** The admin API of one server, e.g. a node of the cluster. */
    public static Admin at(String baseUrl) {
        return new Admin(baseUrl);
    }

    private static Admin current() {
        return at(KeycloakExtension.server().baseUrl());
    }

    public static String bearer() {
        return current().bearerToken();
    }

    public static Http.Reply get(String path) {
        return current().call("GET", path, null);
    }

    public static JsonNode getJson(String path) {
        return current().json(path);
    }

    public static Http.Reply post(String path, Object body) {
        return current().call("POST", path, body);
    }

    public static Http.Reply put(String path, Object body) {
        return current().call("PUT", path, body);
    }

    public static Http.Reply delete(String path) {
        return current().call("DELETE", path, null);
    }

    public static void expectOk(Http.Reply reply) {
        if (reply.status() / 100 != 2) {
            throw new AssertionError("Admin call failed: " + reply);
        }
    }

    public JsonNode json(String path) {
        Http.Reply reply = call("GET", path, null);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + path + " failed: " + reply);
        }
        return reply.json();
    }

    public Http.Reply call(String method, String path, Object body) {
        try {
            String json = body == null ? null : Http.JSON.writeValueAsString(body);
            return Http.method(method, baseUrl + "/admin" + path, json == null ? null : "application/json", json,
                    "Authorization", bearerToken());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public String bearerToken() {
        CachedToken token = TOKENS.get(baseUrl);
        if (token == null || System.currentTimeMillis() > token.expiresAt()) {
            Tokens tokens = Tokens.of(Http.postForm(baseUrl + "/realms/master/protocol/openid-connect/token", Map.of(
                    "grant_type", "password", "client_id", "admin-cli",
                    "username", KeycloakServer.ADMIN_USER, "password", KeycloakServer.ADMIN_PASSWORD)));
            token = new CachedToken(tokens.accessToken(),
                    System.currentTimeMillis() + (tokens.raw().path("expires_in").asLong() - 15) * 1000);
            TOKENS.put(baseUrl, token);
        }
        return "Bearer " + token.value();
    }
}
