package io.github.kcsessions.note;

import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.geo.Location;

/**
 * Reads the first note format (written by version 0.1.0), so that sessions recorded before an upgrade keep their
 * device: a version tag "1" and 18 fields in a fixed order, separated by U+001F, an empty field being null and U+001E
 * an empty string. Fields: user agent, browser, browser version, OS, OS version, device type, mobile (1/0), model,
 * vendor, API client (1/0), first seen, last seen (epoch seconds), initial IP address, last IP address, country code,
 * country, region, city (the location of the last address). It held no location for the initial address: when both
 * addresses are the same, the one location serves for both.
 */
final class NoteV1 {

    static final String VERSION = "1";

    private static final int FIELD_COUNT = 19;
    private static final char SEPARATOR = '\u001f';
    private static final String EMPTY_STRING = "\u001e";

    private NoteV1() {
    }

    /** The record, or null when the note is damaged. */
    static DeviceRecord decode(String note) {
        String[] fields = split(note);
        if (fields == null || !VERSION.equals(fields[0])) {
            return null;
        }
        Boolean mobile = NoteText.flag(fields[7]);
        Boolean apiClient = NoteText.flag(fields[10]);
        Long firstSeenAt = NoteText.number(fields[11]);
        Long lastSeenAt = NoteText.number(fields[12]);
        if (mobile == null || apiClient == null || firstSeenAt == null || lastSeenAt == null) {
            return null;
        }
        DeviceInfo device = new DeviceInfo(value(fields[1]), value(fields[2]), value(fields[3]), value(fields[4]),
                value(fields[5]), value(fields[6]), mobile, value(fields[8]), value(fields[9]), apiClient);
        Location location = NoteText.location(value(fields[15]), value(fields[16]), value(fields[17]), value(fields[18]));
        String initialIp = value(fields[13]);
        String lastIp = value(fields[14]);
        Location initialLocation = initialIp != null && initialIp.equals(lastIp) ? location : null;
        return new DeviceRecord(device, firstSeenAt, lastSeenAt, initialIp, lastIp, location, initialLocation);
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
}
