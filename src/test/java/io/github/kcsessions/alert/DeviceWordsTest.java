package io.github.kcsessions.alert;

import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.geo.Location;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DeviceWordsTest {

    private static final Location LONDON = new Location("GB", "United Kingdom", "England", "London");

    private static DeviceRecord record(DeviceInfo device, Location location) {
        return new DeviceRecord(device, 0, 0, LONDON_IP, LONDON_IP, location, location);
    }

    @Test
    void aBrowserHasItsMajorVersionAndTheOsTwoParts() {
        DeviceInfo chrome = new DeviceInfo("ua", "Chrome", "131.0.6778.86", "Mac OS X", "10.15.7", "desktop", false,
                null, null, false);
        Map<String, Object> words = DeviceWords.of(record(chrome, LONDON), null, Locale.ENGLISH);
        assertEquals("Chrome 131", words.get("browser"));
        assertEquals("Mac OS X 10.15", words.get("os"));
        assertEquals(false, words.get("apiClient"));
        assertEquals("London, United Kingdom", words.get("place"));
        assertEquals(LONDON_IP, words.get("ipAddress"));
    }

    @Test
    void anApiClientKeepsTwoVersionPartsAndCountriesAreNamedInTheReadersLanguage() {
        DeviceInfo curl = new DeviceInfo(CURL, "curl", "8.5.0", null, null, "unknown", false, null, null, true);
        Map<String, Object> words = DeviceWords.of(record(curl, LONDON), null, Locale.GERMAN);
        assertEquals("curl 8.5", words.get("browser"));
        assertEquals("", words.get("os"));
        assertEquals(true, words.get("apiClient"));
        assertEquals("London, Vereinigtes K\u00f6nigreich", words.get("place"));
    }

    @Test
    void withoutARecordOnlyKeycloaksAddressIsKnown() {
        Map<String, Object> words = DeviceWords.of(null, "10.0.0.1", Locale.ENGLISH);
        assertEquals("", words.get("browser"));
        assertEquals("", words.get("place"));
        assertEquals("10.0.0.1", words.get("ipAddress"));
        assertEquals("", DeviceWords.place(new Location(null, null, null, null), Locale.ENGLISH));
    }
}
