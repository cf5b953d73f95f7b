package io.github.kcsessions.http;

import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * A failure that the caller should see, with its status and code. Thrown anywhere below a resource method and turned
 * into an {@link ApiError} response by {@link Endpoint}; never reaches Keycloak's own error handler, whose body has
 * another schema.
 */
public class ApiException extends RuntimeException {

    private final Response.Status status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(Response.Status status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public ApiException(Response.Status status, String code, String message) {
        this(status, code, message, null);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(Response.Status.UNAUTHORIZED, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(Response.Status.FORBIDDEN, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Response.Status.NOT_FOUND, "not_found", message);
    }

    /** For paths below the API's resources that name nothing. */
    public static ApiException noSuchPath() {
        return notFound("No such resource.");
    }

    public static ApiException methodNotAllowed() {
        return new ApiException(Response.Status.METHOD_NOT_ALLOWED, "method_not_allowed",
                "This method is not supported here.");
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

    public ApiError toError() {
        return new ApiError(code, getMessage(), details);
    }
}
