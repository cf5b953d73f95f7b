package io.github.kcsessions.note;

import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.device.HeaderText;
import io.github.kcsessions.geo.Location;

import java.util.Objects;

/**
 * Stores a {@link DeviceRecord} in one user-session note. The note is read on every session listing, so its format
 * is made for decoding: a version tag and the fields in a fixed order, separated by the ASCII unit separator
 * (U+001F). Control characters are removed from every value on encoding, so no value can contain the separator and
 * nothing needs escaping. An empty field is null; an empty string is written as U+001E. Values are cut to
 * {@value #MAX_VALUE_LENGTH} characters, the user agent to {@value DeviceInfo#MAX_USER_AGENT_LENGTH}, which keeps
 * any note under 1,400 characters.
 *
 * <p>Version 1 fields: version, user agent, browser, browser version, OS, OS version, device type, mobile (1/0),
 * model, vendor, API client (1/0), first seen, last seen (epoch seconds), initial IP address, last IP address,
 * country code, country, region, city. A record without location has the four location fields null, and a location
 * whose four fields are null reads back as no location.
 */
public final class DeviceNote {

    /** The user-session note holding the record. */
    public static final String NAME = "kcs.device";

    static final int MAX_VALUE_LENGTH = 64;

    private static final String VERSION = "1";
    private static final int FIELD_COUNT = 19;
    private static final char SEPARATOR = '\u001f';
    private static final String EMPTY_STRING = "\u001e";
    private static final String TRUE = "1";
    private static final String FALSE = "0";

    private DeviceNote() {
    }

    /** @param record a record with a device: the capture always knows one, even if it is {@link DeviceInfo#NONE} */
    public static String encode(DeviceRecord record) {
        DeviceInfo device = Objects.requireNonNull(record.device(), "device");
        Location location = record.location() == null ? new Location(null, null, null, null) : record.location();
        StringBuilder note = new StringBuilder(256).append(VERSION);
        append(note, device.userAgent(), DeviceInfo.MAX_USER_AGENT_LENGTH);
        append(note, device.browser());
        append(note, device.browserVersion());
        append(note, device.os());
        append(note, device.osVersion());
        append(note, device.deviceType());
        append(note, device.mobile() ? TRUE : FALSE);
        append(note, device.model());
        append(note, device.vendor());
        append(note, device.apiClient() ? TRUE : FALSE);
        append(note, Long.toString(record.firstSeenAt()));
        append(note, Long.toString(record.lastSeenAt()));
        append(note, record.initialIpAddress());
        append(note, record.lastIpAddress());
        append(note, location.countryCode());
        append(note, location.country());
        append(note, location.region());
        append(note, location.city());
        return note.toString();
    }

    /** The record a note holds; null when the note is absent, damaged or of a version this code does not know. */
    public static DeviceRecord decode(String note) {
        String[] fields = split(note);
        if (fields == null || !VERSION.equals(fields[0])) {
            return null;
        }
        Boolean mobile = flag(fields[7]);
        Boolean apiClient = flag(fields[10]);
        if (mobile == null || apiClient == null) {
            return null;
        }
        long firstSeenAt;
        long lastSeenAt;
        try {
            firstSeenAt = Long.parseLong(fields[11]);
            lastSeenAt = Long.parseLong(fields[12]);
        } catch (NumberFormatException damaged) {
            return null;
        }
        DeviceInfo device = new DeviceInfo(value(fields[1]), value(fields[2]), value(fields[3]), value(fields[4]),
                value(fields[5]), value(fields[6]), mobile, value(fields[8]), value(fields[9]), apiClient);
        Location location = new Location(value(fields[15]), value(fields[16]), value(fields[17]), value(fields[18]));
        boolean located = location.countryCode() != null || location.country() != null || location.region() != null
                || location.city() != null;
        return new DeviceRecord(device, firstSeenAt, lastSeenAt, value(fields[13]), value(fields[14]),
                located ? location : null);
    }

    private static void append(StringBuilder note, String value) {
        append(note, value, MAX_VALUE_LENGTH);
    }

    private static void append(StringBuilder note, String value, int maxLength) {
        note.append(SEPARATOR);
        if (value != null) {
            String cleaned = HeaderText.clean(value, maxLength);
            note.append(cleaned.isEmpty() ? EMPTY_STRING : cleaned);
        }
    }

    /** The fields, or null when there are not exactly as many as version 1 has. */
    private static String[] split(String note) {
        if (note == null) {
            return null;
        }
        String[] fields = new String[FIELD_COUNT];
        int start = 0;
        for (int i = 0; i < FIELD_COUNT; i++) {
            int end = note.indexOf(SEPARATOR, start);
            boolean last = i == FIELD_COUNT - 1;
            if (last != (end < 0)) {
                return null;
            }
            fields[i] = note.substring(start, last ? note.length() : end);
            start = end + 1;
        }
        return fields;
    }

    private static String value(String field) {
        if (field.isEmpty()) {
            return null;
        }
        return EMPTY_STRING.equals(field) ? "" : field;
    }

    private static Boolean flag(String field) {
        return switch (field) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> null;
        };
    }
}
