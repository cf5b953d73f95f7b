package io.github.kcsessions.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions every error response of the API must pass. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    /** A 200 answer of the API, which is never to be cached; its JSON. */
    static JsonNode assertOk(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"), reply.toString());
        return reply.json();
    }

    /**
     * Checks fields of a JSON answer: pairs of a JSON pointer and the value expected there, a text, a boolean or a
     * number of the same JSON type; null expects the field null or absent.
     */
    static void assertFields(JsonNode node, Object... pointersAndValues) {
        for (int i = 0; i < pointersAndValues.length; i += 2) {
            String pointer = (String) pointersAndValues[i];
            Object expected = pointersAndValues[i + 1];
            JsonNode value = node.at(pointer);
            Object actual = value;
            if (expected == null && (value.isMissingNode() || value.isNull())) {
                actual = null;
            } else if (expected instanceof Boolean && value.isBoolean()) {
                actual = value.booleanValue();
            } else if (expected instanceof Number number && value.isNumber()) {
                expected = number.longValue();
                actual = value.asLong();
            } else if (expected instanceof String && value.isValueNode()) {
                actual = value.asText();
            }
            assertEquals(expected, actual, pointer + " in " + node);
        }
    }

    static JsonNode assertError(Http.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        JsonNode error = assertErrorSchema(reply, reply.body());
        assertEquals(code, error.path("error").asText(), reply.body());
        return error;
    }

    /**
     * JSON in the API's error schema: a snake_case {@code error}, a {@code message} for a person, optional
     * {@code details} object, nothing else, and no stack trace.
     */
    public static JsonNode assertErrorSchema(Http.Reply reply, String context) {
        String type = reply.header("Content-Type");
        assertTrue(type != null && type.startsWith("application/json"), "not JSON: " + context);
        JsonNode error = reply.json();
        assertTrue(error.path("error").isTextual() && error.path("error").asText().matches("[a-z_]+"),
                "not our schema: " + context);
        assertTrue(error.path("message").isTextual() && !error.path("message").asText().isBlank(),
                "no message: " + context);
        assertTrue(!error.has("details") || error.get("details").isObject(), "details: " + context);
        assertTrue(error.size() <= 3, "unknown fields: " + context);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), "stack trace: " + context);
        return error;
    }
}
