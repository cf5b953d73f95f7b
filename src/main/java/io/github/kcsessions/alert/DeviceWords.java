package io.github.kcsessions.alert;

import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.geo.Location;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A session's device and place for the templates of the email and the "This wasn't me" pages: {@code browser}
 * ("Firefox 133"), {@code os}, {@code apiClient}, {@code ipAddress} and {@code place} (in the reader's language).
 */
public final class DeviceWords {

    private DeviceWords() {
    }

    public static Map<String, Object> of(DeviceRecord record, String fallbackIp, Locale locale) {
        Map<String, Object> words = new HashMap<>();
        DeviceInfo device = record == null ? DeviceInfo.NONE : record.device();
        words.put("apiClient", device.apiClient());
        words.put("browser", named(device.browser(), version(device.browserVersion(), device.apiClient() ? 2 : 1)));
        words.put("os", named(device.os(), version(device.osVersion(), 2)));
        String ip = record != null && record.lastIpAddress() != null ? record.lastIpAddress() : fallbackIp;
        words.put("ipAddress", ip == null ? "" : ip);
        words.put("place", place(record == null ? null : record.location(), locale));
        return words;
    }

    private static String named(String name, String version) {
        if (name == null) {
            return "";
        }
        return version == null ? name : name + " " + version;
    }

    /** "131.0.6778.86" -> "131"; for API clients two parts, "8.5.0" -> "8.5". */
    static String version(String version, int parts) {
        if (version == null || version.isBlank()) {
            return null;
        }
        String[] split = version.split("\\.");
        return String.join(".", List.of(split).subList(0, Math.min(parts, split.length)));
    }

    static String place(Location location, Locale locale) {
        if (location == null) {
            return "";
        }
        String country = location.countryCode() != null
                ? new Locale("", location.countryCode()).getDisplayCountry(locale) : location.country();
        String local = location.city() != null ? location.city() : location.region();
        return String.join(", ", Stream.of(local, country).filter(s -> s != null && !s.isBlank()).toList());
    }
}
