package io.github.kcsessions.note;

import java.util.List;
import java.util.Locale;

/**
 * {@code LIKE} patterns (escape character {@code !}) that find a device-note field in the text of a persisted session,
 * where Keycloak keeps the session's notes as JSON. A v2 note is plain printable ASCII without quote or backslash, so
 * it appears in that JSON exactly as written, and every field is closed by {@code |}: {@code %|b=chrome|%} can only
 * be a whole browser field. Values are spelled exactly as {@link NoteV2} spells them, so anything a user agent or a
 * filter value contains is escaped the same way on both sides, and {@code LIKE}'s own wildcards in a value are
 * escaped.
 */
public final class NoteMarkers {

    public static final char LIKE_ESCAPE = '!';

    /** Rows whose text holds a v2 device note at all. */
    public static final String ANY_CURRENT_NOTE = "%" + like("\"" + DeviceNote.NAME + "\":\"" + NoteV2.VERSION + "|") + "%";

    private NoteMarkers() {
    }

    public static String browser(String name) {
        return field(NoteKey.BROWSER_MATCH, NoteV2.matchSpelling(name));
    }

    public static String os(String name) {
        return field(NoteKey.OS_MATCH, NoteV2.matchSpelling(name));
    }

    public static String apiClient(boolean apiClient) {
        return field(NoteKey.API_CLIENT, apiClient ? "1" : "0");
    }

    public static String country(String code) {
        return field(NoteKey.LAST_COUNTRY_CODE, code.toUpperCase(Locale.ROOT));
    }

    /**
     * Sessions whose last or first address is in one of the hex spellings ({@code 4:510245__}, {@code _} standing for
     * one hex digit) of {@code io.github.kcsessions.geo.IpRange#hexPatterns}: one pattern per field and spelling.
     */
    public static List<String> lastOrFirstIp(List<String> hexPatterns) {
        return hexPatterns.stream()
                .filter(p -> p.matches("[46]:[0-9a-f_]{8,32}"))
                .flatMap(p -> java.util.stream.Stream.of(NoteKey.LAST_IP_HEX, NoteKey.INITIAL_IP_HEX)
                        .map(key -> "%|" + key.key() + "=" + p + "|%"))
                .toList();
    }

    private static String field(NoteKey key, String value) {
        String spelled = NoteText.escape(io.github.kcsessions.device.HeaderText.clean(value, NoteV2.MAX_VALUE_LENGTH));
        return "%" + like("|" + key.key() + "=" + spelled + "|") + "%";
    }

    /** The text as a {@code LIKE} literal: {@code !}, {@code %} and {@code _} escaped with {@code !}. */
    static String like(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == LIKE_ESCAPE || c == '%' || c == '_') {
                out.append(LIKE_ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }
}
