package io.github.kcsessions.device;

import io.github.kcsessions.geo.Location;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Stores a {@link DeviceRecord} in one user-session note, {@value #NAME}, made for decoding: a version tag, then
 * fields that are split, not parsed. The format, version 2 (the first released; a note of another version reads as no
 * record), is {@code 2|key=value|key=value|...|}, keys in the order of {@link Key}: every field is closed by
 * {@code |}, an absent key is a null value and {@code key=} an empty string. Unknown keys are ignored when reading, so
 * fields can be added later and fields of earlier builds (the lower-case and hex copies that database searches once
 * matched) are skipped. Values are cut to {@value #MAX_VALUE_LENGTH} characters, the user agent to
 * {@value DeviceInfo#MAX_USER_AGENT_LENGTH}, before spelling: the field delimiters {@code |} and {@code =}, the escape
 * {@code ~} itself, control characters and everything outside printable ASCII are written as {@code ~} and two hex
 * digits per UTF-8 byte, so that a value can never end its field early and the note is plain text.
 */
public final class DeviceNote {

    /** The user-session note holding the record. */
    public static final String NAME = "kcs.device";

    private static final String VERSION = "2";
    static final int MAX_VALUE_LENGTH = 64;

    private static final char ESCAPE = '~';

    /**
     * The fields, each written {@code |key=value}. Keys once written and no longer read ({@code b}, {@code o},
     * {@code lih}, {@code fih}: copies for database matching) must not be given a new meaning.
     */
    private enum Key {
        API_CLIENT("ac", record -> record.device().apiClient() ? "1" : "0"),
        LAST_COUNTRY_CODE("lcc", record -> last(record, location -> location.countryCode() == null ? null
                : location.countryCode().toUpperCase(Locale.ROOT))),
        USER_AGENT("ua", record -> record.device().userAgent()),
        BROWSER("bn", record -> record.device().browser()),
        BROWSER_VERSION("bv", record -> record.device().browserVersion()),
        OS("on", record -> record.device().os()),
        OS_VERSION("ov", record -> record.device().osVersion()),
        DEVICE_TYPE("dt", record -> record.device().deviceType()),
        MOBILE("mo", record -> record.device().mobile() ? "1" : "0"),
        MODEL("md", record -> record.device().model()),
        VENDOR("vd", record -> record.device().vendor()),
        FIRST_SEEN("fs", record -> Long.toString(record.firstSeenAt())),
        LAST_SEEN("ls", record -> Long.toString(record.lastSeenAt())),
        INITIAL_IP("fip", DeviceRecord::initialIpAddress),
        LAST_IP("lip", DeviceRecord::lastIpAddress),
        LAST_COUNTRY("lco", record -> last(record, Location::country)),
        LAST_REGION("lrg", record -> last(record, Location::region)),
        LAST_CITY("lct", record -> last(record, Location::city)),
        INITIAL_COUNTRY_CODE("fcc", record -> initial(record, Location::countryCode)),
        INITIAL_COUNTRY("fco", record -> initial(record, Location::country)),
        INITIAL_REGION("frg", record -> initial(record, Location::region)),
        INITIAL_CITY("fct", record -> initial(record, Location::city));

        private final String key;
        private final Function<DeviceRecord, String> value;

        Key(String key, Function<DeviceRecord, String> value) {
            this.key = key;
            this.value = value;
        }

        static Key of(String key) {
            for (Key candidate : values()) {
                if (candidate.key.equals(key)) {
                    return candidate;
                }
            }
            return null;
        }
    }

    private DeviceNote() {
    }

    /** @param record a record with a device: the capture always knows one, even if it is {@link DeviceInfo#NONE} */
    public static String encode(DeviceRecord record) {
        Objects.requireNonNull(record.device(), "device");
        StringBuilder note = new StringBuilder(640).append(VERSION).append('|');
        for (Key key : Key.values()) {
            String value = key.value.apply(record);
            if (value != null) {
                int limit = key == Key.USER_AGENT ? DeviceInfo.MAX_USER_AGENT_LENGTH : MAX_VALUE_LENGTH;
                note.append(key.key).append('=').append(escape(DeviceParser.clean(value, limit))).append('|');
            }
        }
        return note.toString();
    }

    private static String last(DeviceRecord record, Function<Location, String> field) {
        return record.location() == null ? null : field.apply(record.location());
    }

    private static String initial(DeviceRecord record, Function<Location, String> field) {
        return record.initialLocation() == null ? null : field.apply(record.initialLocation());
    }

    /** The record a note holds; null when the note is absent, damaged or of a version this code does not know. */
    public static DeviceRecord decode(String note) {
        Map<Key, String> fields = fields(note);
        if (fields == null) {
            return null;
        }
        Boolean mobile = flag(fields.get(Key.MOBILE));
        Boolean apiClient = flag(fields.get(Key.API_CLIENT));
        Long firstSeenAt = number(fields.get(Key.FIRST_SEEN));
        Long lastSeenAt = number(fields.get(Key.LAST_SEEN));
        if (mobile == null || apiClient == null || firstSeenAt == null || lastSeenAt == null) {
            return null;
        }
        DeviceInfo device = new DeviceInfo(fields.get(Key.USER_AGENT), fields.get(Key.BROWSER),
                fields.get(Key.BROWSER_VERSION), fields.get(Key.OS), fields.get(Key.OS_VERSION),
                fields.get(Key.DEVICE_TYPE), mobile, fields.get(Key.MODEL), fields.get(Key.VENDOR), apiClient);
        Location last = location(fields.get(Key.LAST_COUNTRY_CODE), fields.get(Key.LAST_COUNTRY),
                fields.get(Key.LAST_REGION), fields.get(Key.LAST_CITY));
        Location initial = location(fields.get(Key.INITIAL_COUNTRY_CODE), fields.get(Key.INITIAL_COUNTRY),
                fields.get(Key.INITIAL_REGION), fields.get(Key.INITIAL_CITY));
        return new DeviceRecord(device, firstSeenAt, lastSeenAt, fields.get(Key.INITIAL_IP),
                fields.get(Key.LAST_IP), last, initial);
    }

    private static Map<Key, String> fields(String note) {
        if (note == null || !note.startsWith(VERSION + "|") || !note.endsWith("|")) {
            return null;
        }
        Map<Key, String> fields = new EnumMap<>(Key.class);
        int start = VERSION.length() + 1;
        while (start < note.length()) {
            int end = note.indexOf('|', start);
            int equals = note.indexOf('=', start);
            if (equals < 0 || equals > end) {
                return null;
            }
            Key key = Key.of(note.substring(start, equals));
            String value = unescape(note.substring(equals + 1, end));
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

    private static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '|' && c != '=' && c != ESCAPE) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            int codePoint = value.codePointAt(i);
            if (Character.charCount(codePoint) == 2) {
                i++;
            }
            for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                out.append(ESCAPE).append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out == null ? value : out.toString();
    }

    /** The value an escaped text denotes, or null when it is not well formed. */
    private static String unescape(String text) {
        if (text.indexOf(ESCAPE) < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ESCAPE) {
                if (c >= 0x80) {
                    return null;
                }
                bytes.write(c);
                continue;
            }
            if (i + 2 >= text.length()) {
                return null;
            }
            int high = Character.digit(text.charAt(i + 1), 16);
            int low = Character.digit(text.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Boolean flag(String field) {
        return switch (field == null ? "" : field) {
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Long number(String field) {
        try {
            return field == null ? null : Long.parseLong(field);
        } catch (NumberFormatException damaged) {
            return null;
        }
    }

    /** A location from its four fields; null when all four are null. */
    private static Location location(String countryCode, String country, String region, String city) {
        if (countryCode == null && country == null && region == null && city == null) {
            return null;
        }
        return new Location(countryCode, country, region, city);
    }
}
