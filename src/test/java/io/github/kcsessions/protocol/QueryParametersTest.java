package io.github.kcsessions.protocol;

import io.github.kcsessions.sessions.SessionType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryParametersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 0", "7, 7", "100, 100", "+5, 5", "0007, 7"})
    void readsIntegersInRange(String raw, int expected) {
        assertEquals(expected, QueryParameters.integer("max", raw, 50, 0, 100));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void absentIsTheDefault(String raw) {
        assertEquals(50, QueryParameters.integer("max", raw, 50, 1, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1e3", "1.5", "0x10", " 5", "5 ", "--1", "abcdefghijklmnopqrstuvwxyz",
            "123456789012345678901234x"})
    void somethingElseIsNotAnInteger(String raw) {
        ApiException e = assertThrows(ApiException.class, () -> QueryParameters.integer("first", raw, 0, 0, 10));
        assertEquals("'first' must be an integer.", e.getMessage());
        assertEquals("invalid_parameter", e.toError().error());
        assertEquals("first", e.toError().details().get("parameter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "2147483648", "99999999999999999999", "-99999999999999999999"})
    void outOfRangeSaysTheRange(String raw) {
        ApiException e = assertThrows(ApiException.class, () -> QueryParameters.integer("max", raw, 50, 0, 100));
        assertEquals(Response.Status.BAD_REQUEST, e.status());
        assertEquals("'max' must be between 0 and 100.", e.getMessage());
        assertEquals(0, e.toError().details().get("minimum"));
        assertEquals(100, e.toError().details().get("maximum"));
    }

    @Test
    void choicesIgnoreCaseAndDefaultWhenAbsent() {
        assertEquals(SessionType.OFFLINE, QueryParameters.choice("type", "Offline", SessionType.ALL));
        assertEquals(SessionType.ALL, QueryParameters.choice("type", "", SessionType.ALL));
        ApiException e = assertThrows(ApiException.class, () -> QueryParameters.choice("type", "both", SessionType.ALL));
        assertEquals("'type' must be one of [online, offline, all].", e.getMessage());
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        assertTrue(QueryParameters.bool("x", "TRUE"));
        assertFalse(QueryParameters.bool("x", "false"));
        assertFalse(QueryParameters.bool("x", null));
        assertThrows(ApiException.class, () -> QueryParameters.bool("x", "yes"));
        assertThrows(ApiException.class, () -> QueryParameters.bool("x", "1"));
    }

    @Test
    void textIsBoundedAndFreeOfControlCharacters() {
        assertNull(QueryParameters.text("clientId", ""));
        assertEquals("spa", QueryParameters.text("clientId", "spa"));
        assertEquals("x".repeat(255), QueryParameters.text("clientId", "x".repeat(255)));
        assertThrows(ApiException.class, () -> QueryParameters.text("clientId", "x".repeat(256)));
        assertThrows(ApiException.class, () -> QueryParameters.text("clientId", "a\u0000b"));
        assertThrows(ApiException.class, () -> QueryParameters.text("clientId", "a\nb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0c1f3a2e-7d1b-4a8e-9f00-123456789abc", "aJQWCK9UyqJhLc5q2xIWHPV_", "a.b-c_d"})
    void sessionIdsAreUuidsOrBase64Url(String id) {
        assertEquals(id, QueryParameters.sessionId(id));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a b", "a/b", "'or'1'='1", "%00", "\u2603"})
    void anythingElseIsNotASessionId(String id) {
        ApiException e = assertThrows(ApiException.class, () -> QueryParameters.sessionId(id));
        assertEquals("id", e.toError().details().get("parameter"));
    }

    @Test
    void sessionIdsAreAtMost64Characters() {
        assertEquals("x".repeat(64), QueryParameters.sessionId("x".repeat(64)));
        assertThrows(ApiException.class, () -> QueryParameters.sessionId("x".repeat(65)));
    }

    @Test
    void pagingDefaultsAndLimits() {
        assertEquals(new QueryParameters.Paging(0, 50), QueryParameters.Paging.of(null, null));
        assertEquals(new QueryParameters.Paging(10, 100), QueryParameters.Paging.of("10", "100"));
        assertThrows(ApiException.class, () -> QueryParameters.Paging.of("0", "101"));
        assertThrows(ApiException.class, () -> QueryParameters.Paging.of("0", "0"));
        assertThrows(ApiException.class, () -> QueryParameters.Paging.of("-1", "10"));
    }
}
