package io.github.kcsessions.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcsessions.api.ApiException;
import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.geo.Location;
import io.github.kcsessions.note.DeviceRecord;
import io.github.kcsessions.query.SessionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionCriteriaTest {

    private static final DeviceInfo CHROME = new DeviceInfo("ua", "Chrome", "131", "Windows", "11",
            DeviceInfo.DESKTOP, false, null, null, false);
    private static final DeviceInfo CURL = new DeviceInfo("curl/8.5.0", "curl", "8.5.0", null, null,
            DeviceInfo.UNKNOWN, false, null, null, true);
    private static final Location LONDON = new Location("GB", "United Kingdom", "England", "London");

    private static final DeviceRecord CHROME_IN_LONDON = new DeviceRecord(CHROME, 1, 2, "10.0.0.7", "81.2.69.142", LONDON, null);
    private static final DeviceRecord CURL_NOWHERE = new DeviceRecord(CURL, 1, 2, "2001:db8::1", "2001:db8::1", null, null);
    private static final DeviceRecord UNKNOWN_DEVICE = new DeviceRecord(null, 1, 1, "1.2.3.4", "1.2.3.4", null, null);

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
    void noFilterNeedsNoDevice() {
        SessionCriteria none = parse(null, null, null, null, null);
        assertFalse(none.filtersOnDevice());
        assertEquals(SessionType.ALL, none.type());
        assertNull(none.apiClient());
    }

    @ParameterizedTest(name = "ip={0} country={1} browser={2} os={3} apiClient={4}")
    @CsvSource(nullValues = "-", value = {
            // ip,          country, browser, os,      apiClient, chrome in London, curl, unknown device
            "81.2.69.142,   -,       -,       -,       -,         true,  false, false",
            "10.0.0.*,      -,       -,       -,       -,         true,  false, false",
            "2001:db8:*,    -,       -,       -,       -,         false, true,  false",
            "-,             gb,      -,       -,       -,         true,  false, false",
            "-,             -,       CHROME,  -,       -,         true,  false, false",
            "-,             -,       curl,    -,       -,         false, true,  false",
            "-,             -,       -,       windows, -,         true,  false, false",
            "-,             -,       -,       -,       true,      false, true,  false",
            "-,             -,       -,       -,       false,     true,  false, true",
            "81.2.69.*,     GB,      Chrome,  Windows, false,     true,  false, false",
            "81.2.69.*,     SE,      -,       -,       -,         false, false, false"})
    void filtersCombineWithAnd(String ip, String country, String browser, String os, String apiClient,
                               boolean chrome, boolean curl, boolean unknown) {
        SessionCriteria criteria = parse(ip, country, browser, os, apiClient);

        assertTrue(criteria.filtersOnDevice());
        assertEquals(chrome, criteria.matchesDevice(CHROME_IN_LONDON), "Chrome in London");
        assertEquals(curl, criteria.matchesDevice(CURL_NOWHERE), "curl");
        assertEquals(unknown, criteria.matchesDevice(UNKNOWN_DEVICE), "unknown device");
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
