package io.github.kcsessions.sessions;

import io.github.kcsessions.protocol.ApiException;
import io.github.kcsessions.storage.SessionRowFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filters of an admin search, as the device table's conditions; their matching is the integration tests' part. */
class SessionCriteriaTest {

    private static SessionCriteria parse(String ip, String country, String browser, String os, String apiClient) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        values.put("ip", ip);
        values.put("country", country);
        values.put("browser", browser);
        values.put("os", os);
        values.put("apiClient", apiClient);
        return SessionCriteria.parse(values::get);
    }

    @Test
    void noFilterIsTheWholeRealm() {
        SessionCriteria none = parse(null, null, null, null, null);
        assertFalse(none.narrows());
        assertEquals(SessionType.ALL, none.type());
        assertEquals(SessionRowFilter.of("r", null, null, null), none.rows("r", null));
    }

    @Test
    void deviceFiltersAreSpelledAsTheTableStoresThem() {
        SessionRowFilter rows = parse("81.2.69.*", "gb", "CHROME", "Windows", "false").rows("r", "client-uuid");

        assertTrue(parse("81.2.69.*", null, null, null, null).narrows());
        assertEquals("GB", rows.country());
        assertEquals("chrome", rows.browser());
        assertEquals("windows", rows.os());
        assertEquals(Boolean.FALSE, rows.apiClient());
        assertEquals("client-uuid", rows.clientUuid());
        assertEquals("00000000000000000000ffff51024500", rows.ipLowest());
        assertEquals("00000000000000000000ffff510245ff", rows.ipHighest());
        assertNull(rows.offline());
    }

    @Test
    void typeAndActivityBecomeTheirConditions() {
        SessionRowFilter rows = SessionCriteria.parse(java.util.Map.of("type", "offline", "userId", "u-1",
                "since", "2026-11-23T10:00:00Z", "until", "1800000000")::get).rows("r", null);

        assertEquals(Boolean.TRUE, rows.offline());
        assertEquals("u-1", rows.userId());
        assertEquals(1795428000, rows.activeSince());
        assertEquals(1800000000, rows.activeUntil());
    }

    @ParameterizedTest
    @ValueSource(strings = {"G", "GBR", "1A", "G'"})
    void countryIsTwoLetters(String country) {
        ApiException e = assertThrows(ApiException.class, () -> parse(null, country, null, null, null));
        assertEquals("country", e.toError().details().get("parameter"));
    }

    @Test
    void badValuesNameTheirParameter() {
        assertEquals("apiClient", assertThrows(ApiException.class, () -> parse(null, null, null, null, "yes"))
                .toError().details().get("parameter"));
        assertEquals("type", assertThrows(ApiException.class,
                () -> SessionCriteria.parse(java.util.Map.of("type", "both")::get))
                .toError().details().get("parameter"));
        assertEquals("browser", assertThrows(ApiException.class, () -> parse(null, null, "x".repeat(256), null, null))
                .toError().details().get("parameter"));
    }
}
