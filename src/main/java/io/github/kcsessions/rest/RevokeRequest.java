package io.github.kcsessions.rest;

import io.github.kcsessions.protocol.JsonBody;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.KeycloakSession;

import java.util.List;

/** The body of {@code POST /sessions/revoke}: {@code {"sessionToken": "..."}}, and nothing else. */
public record RevokeRequest(String sessionToken) {

    static final String SESSION_TOKEN = "sessionToken";

    static RevokeRequest parse(KeycloakSession session, String body) {
        String token = JsonBody.read(contentTypes(session), body)
                .allowOnly(SESSION_TOKEN)
                .requiredText(SESSION_TOKEN);
        return new RevokeRequest(token);
    }

    /** Throws the 415 for any media type but JSON, before the body is read. */
    static void requireJson(KeycloakSession session) {
        JsonBody.requireJsonMediaType(contentTypes(session));
    }

    private static List<String> contentTypes(KeycloakSession session) {
        return session.getContext().getHttpRequest().getHttpHeaders().getRequestHeader(HttpHeaders.CONTENT_TYPE);
    }
}
