package io.github.kcsessions.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A token endpoint response. */
public record Tokens(String accessToken, String refreshToken, String idToken, JsonNode raw) {

    public static Tokens of(Http.Reply reply) {
        if (reply.status() != 200) {
            throw new AssertionError("Token request failed: " + reply);
        }
        JsonNode json = reply.json();
        return new Tokens(text(json, "access_token"), text(json, "refresh_token"), text(json, "id_token"), json);
    }

    public String bearer() {
        return "Bearer " + accessToken;
    }

    /** The session id ({@code sid}) of the access token. */
    public String sessionId() {
        return claims(accessToken).path("sid").asText(null);
    }

    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException("Not a JWT: " + jwt, e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
