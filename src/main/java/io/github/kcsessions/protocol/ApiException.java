package io.github.kcsessions.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * A failure that the caller should see, with its status and code. Thrown anywhere below a resource method and turned
 * into a {@link Body} response by {@link ApiResponses}; never reaches Keycloak's own error handler, whose body
 * has another schema.
 */
public class ApiException extends RuntimeException {

    /** The one error body of this API: {@code {"error": "snake_case_code", "message": "...", "details": {...}}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(String error, String message, Map<String, Object> details) {
    }

    /** What a 401 tells the client in its {@code WWW-Authenticate} challenge (RFC 6750 section 3.1). */
    public enum Challenge {
        NONE,
        CREDENTIALS_REQUIRED,
        INVALID_TOKEN
    }

    private final Response.Status status;
    private final String code;
    private final Map<String, Object> details;
    private final Challenge challenge;

    private ApiException(Response.Status status, String code, String message, Map<String, Object> details,
                         Challenge challenge) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
        this.challenge = challenge;
    }

    public ApiException(Response.Status status, String code, String message, Map<String, Object> details) {
        this(status, code, message, details, Challenge.NONE);
    }

    public ApiException(Response.Status status, String code, String message) {
        this(status, code, message, null);
    }

    /** The request carried credentials, and they do not identify a live session of this realm. */
    public static ApiException invalidToken(String message) {
        return new ApiException(Response.Status.UNAUTHORIZED, "unauthorized", message, null, Challenge.INVALID_TOKEN);
    }

    /** The request carried no credentials at all. */
    public static ApiException credentialsRequired(String message) {
        return new ApiException(Response.Status.UNAUTHORIZED, "unauthorized", message, null,
                Challenge.CREDENTIALS_REQUIRED);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(Response.Status.FORBIDDEN, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Response.Status.NOT_FOUND, "not_found", message);
    }

    public static ApiException invalidRequest(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, "invalid_request", message);
    }

    public static ApiException invalidParameter(String parameter, String message) {
        return new ApiException(Response.Status.BAD_REQUEST, "invalid_parameter", message, Map.of("parameter", parameter));
    }

    public Response.Status status() {
        return status;
    }

    public Challenge challenge() {
        return challenge;
    }

    /** No error code when the request had no credentials (RFC 6750 section 3). */
    String bearerChallenge(String realmName) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(quotable(realmName)).append('"');
        if (this.challenge == Challenge.INVALID_TOKEN) {
            challenge.append(", error=\"invalid_token\", error_description=\"").append(quotable(getMessage()))
                    .append('"');
        }
        return challenge.toString();
    }

    private static String quotable(String text) {
        return text.replace("\\", "").replace("\"", "'");
    }

    public Body toError() {
        return new Body(code, getMessage(), details);
    }
}
