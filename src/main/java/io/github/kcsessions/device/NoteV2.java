package io.github.kcsessions.device;

import io.github.kcsessions.geo.Location;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The note format: {@code 2|key=value|key=value|...|}, every value spelled by {@link NoteText} (no delimiter inside a
 * value) and every field closed by {@code |}. Keys are in {@link NoteKey}; an absent key is a null value, {@code key=}
 * an empty string. Unknown keys are ignored when reading, so fields can be added later and fields of earlier builds
 * (the lower-case and hex copies that database searches once matched) are skipped. Values are cut to
 * {@value #MAX_VALUE_LENGTH} characters, the user agent to {@value DeviceInfo#MAX_USER_AGENT_LENGTH}, before spelling.
 */
final class NoteV2 {

    static final String VERSION = "2";
    static final int MAX_VALUE_LENGTH = 64;

    private NoteV2() {
    }

    static String encode(DeviceRecord record) {
        DeviceInfo device = record.device();
        StringBuilder note = new StringBuilder(640).append(VERSION).append('|');
        Location last = record.location();
        Location initial = record.initialLocation();
        put(note, NoteKey.API_CLIENT, device.apiClient() ? "1" : "0");
        put(note, NoteKey.LAST_COUNTRY_CODE, last == null ? null : countryCode(last.countryCode()));
        put(note, NoteKey.USER_AGENT, HeaderText.clean(device.userAgent(), DeviceInfo.MAX_USER_AGENT_LENGTH));
        put(note, NoteKey.BROWSER, device.browser());
        put(note, NoteKey.BROWSER_VERSION, device.browserVersion());
        put(note, NoteKey.OS, device.os());
        put(note, NoteKey.OS_VERSION, device.osVersion());
        put(note, NoteKey.DEVICE_TYPE, device.deviceType());
        put(note, NoteKey.MOBILE, device.mobile() ? "1" : "0");
        put(note, NoteKey.MODEL, device.model());
        put(note, NoteKey.VENDOR, device.vendor());
        put(note, NoteKey.FIRST_SEEN, Long.toString(record.firstSeenAt()));
        put(note, NoteKey.LAST_SEEN, Long.toString(record.lastSeenAt()));
        put(note, NoteKey.INITIAL_IP, record.initialIpAddress());
        put(note, NoteKey.LAST_IP, record.lastIpAddress());
        if (last != null) {
            put(note, NoteKey.LAST_COUNTRY, last.country());
            put(note, NoteKey.LAST_REGION, last.region());
            put(note, NoteKey.LAST_CITY, last.city());
        }
        if (initial != null) {
            put(note, NoteKey.INITIAL_COUNTRY_CODE, initial.countryCode());
            put(note, NoteKey.INITIAL_COUNTRY, initial.country());
            put(note, NoteKey.INITIAL_REGION, initial.region());
            put(note, NoteKey.INITIAL_CITY, initial.city());
        }
        return note.toString();
    }

    /** The record, or null when the note is damaged. */
    static DeviceRecord decode(String note) {
        Map<NoteKey, String> fields = fields(note);
        if (fields == null) {
            return null;
        }
        Boolean mobile = NoteText.flag(fields.get(NoteKey.MOBILE));
        Boolean apiClient = NoteText.flag(fields.get(NoteKey.API_CLIENT));
        Long firstSeenAt = NoteText.number(fields.get(NoteKey.FIRST_SEEN));
        Long lastSeenAt = NoteText.number(fields.get(NoteKey.LAST_SEEN));
        if (mobile == null || apiClient == null || firstSeenAt == null || lastSeenAt == null) {
            return null;
        }
        DeviceInfo device = new DeviceInfo(fields.get(NoteKey.USER_AGENT), fields.get(NoteKey.BROWSER),
                fields.get(NoteKey.BROWSER_VERSION), fields.get(NoteKey.OS), fields.get(NoteKey.OS_VERSION),
                fields.get(NoteKey.DEVICE_TYPE), mobile, fields.get(NoteKey.MODEL), fields.get(NoteKey.VENDOR),
                apiClient);
        Location last = NoteText.location(fields.get(NoteKey.LAST_COUNTRY_CODE), fields.get(NoteKey.LAST_COUNTRY),
                fields.get(NoteKey.LAST_REGION), fields.get(NoteKey.LAST_CITY));
        Location initial = NoteText.location(fields.get(NoteKey.INITIAL_COUNTRY_CODE),
                fields.get(NoteKey.INITIAL_COUNTRY), fields.get(NoteKey.INITIAL_REGION), fields.get(NoteKey.INITIAL_CITY));
        return new DeviceRecord(device, firstSeenAt, lastSeenAt, fields.get(NoteKey.INITIAL_IP),
                fields.get(NoteKey.LAST_IP), last, initial);
    }

    /** Country codes are upper case, whatever a database wrote. */
    static String countryCode(String code) {
        return code == null ? null : code.toUpperCase(Locale.ROOT);
    }

    private static void put(StringBuilder note, NoteKey key, String value) {
        if (value == null) {
            return;
        }
        int limit = key == NoteKey.USER_AGENT ? DeviceInfo.MAX_USER_AGENT_LENGTH : MAX_VALUE_LENGTH;
        note.append(key.key()).append('=').append(NoteText.escape(HeaderText.clean(value, limit))).append('|');
    }

    private static Map<NoteKey, String> fields(String note) {
        if (note == null || !note.startsWith(VERSION + "|") || !note.endsWith("|")) {
            return null;
        }
        Map<NoteKey, String> fields = new EnumMap<>(NoteKey.class);
        int start = VERSION.length() + 1;
        while (start < note.length()) {
            int end = note.indexOf('|', start);
            int equals = note.indexOf('=', start);
            if (equals < 0 || equals > end) {
                return null;
            }
            NoteKey key = NoteKey.of(note.substring(start, equals));
            String value = NoteText.unescape(note.substring(equals + 1, end));
            if (value == null) {
                return null;
            }
            if (key != null) {
                fields.put(key, value);
            }
            start = end + 1;
        }
        return fields;
    }
}
