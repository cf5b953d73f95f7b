package io.github.kcsessions.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * The one error body of this API: {@code {"error": "snake_case_code", "message": "...", "details": {...}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, Map<String, Object> details) {
}
