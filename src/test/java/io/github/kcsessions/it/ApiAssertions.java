package io.github.kcsessions.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions every error response of the API must pass. */
final class ApiAssertions {

    private ApiAssertions() {
    }

    static JsonNode assertError(Http.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        JsonNode error = reply.json();
        assertEquals(code, error.path("error").asText(), reply.body());
        assertTrue(error.path("message").isTextual() && !error.path("message").asText().isBlank(), reply.body());
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), "no stack trace");
        return error;
    }
}
