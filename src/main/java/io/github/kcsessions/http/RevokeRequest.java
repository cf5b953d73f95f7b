package io.github.kcsessions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.kcsessions.api.ApiException;
import io.github.kcsessions.api.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The body of {@code POST /sessions/revoke}: {@code {"sessionToken": "..."}}. */
public record RevokeRequest(String sessionToken) {

    /** In bytes of UTF-8, as documented: far above any token Keycloak issues. */
    static final int MAX_BODY_BYTES = 32 * 1024;

    static RevokeRequest parse(KeycloakSession session, String body) {
        MediaType type = session.getContext().getHttpRequest().getHttpHeaders().getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new ApiException(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "The body must be application/json.");
        }
        if (body == null || body.isBlank()) {
            throw ApiException.invalidRequest("The body must be {\"sessionToken\": \"<token>\"}.");
        }
        if (utf8Length(body) > MAX_BODY_BYTES) {
            throw new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                    "The body is larger than " + MAX_BODY_BYTES + " bytes.", Map.of("maximum", MAX_BODY_BYTES));
        }
        RevokeRequest request;
        try {
            request = Json.mapper().readValue(body, RevokeRequest.class);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidRequest("The body must be {\"sessionToken\": \"<token>\"}.");
        }
        if (request == null || request.sessionToken() == null || request.sessionToken().isBlank()) {
            throw ApiException.invalidRequest("'sessionToken' is required.");
        }
        return request;
    }

    /** Every character is at least one byte, so a body longer in characters than the limit is not measured further. */
    private static long utf8Length(String body) {
        return body.length() > MAX_BODY_BYTES ? body.length() : body.getBytes(StandardCharsets.UTF_8).length;
    }
}
