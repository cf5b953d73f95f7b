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
        return new Tokens(json.path("access_token").asText(null), json.path("refresh_token").asText(null),
                json.path("id_token").asText(null), json);
    }

    public String bearer() {
        return "Bearer " + accessToken;
    }

    /** The session id ({@code sid}) of the access token. */
    public String sessionId() {
        return claims(accessToken).path("sid").asText(null);
    }

    public static JsonNode claims(String jwt) {
        return part(jwt, 1);
    }

    /** The JSON of a part of a compact JWS: 0 its header, 1 its claims. */
    static JsonNode part(String jwt, int index) {
        try {
            return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]),
                    StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException("Not a JWT: " + jwt, e);
        }
    }
}
