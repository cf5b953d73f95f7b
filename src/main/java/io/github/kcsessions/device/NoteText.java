package io.github.kcsessions.device;

import io.github.kcsessions.geo.Location;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The spelling of values in a note: the field delimiters {@code |} and {@code =}, the escape {@code ~} itself, control
 * characters and everything outside printable ASCII are written as {@code ~} and two hex digits per UTF-8 byte, so that
 * a value can never end its field early and the note is plain text.
 */
final class NoteText {

    private static final char ESCAPE = '~';

    private NoteText() {
    }

    static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isPlain(c)) {
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
    static String unescape(String text) {
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

    static boolean isPlain(char c) {
        return c >= 0x20 && c < 0x7F && c != '|' && c != '=' && c != ESCAPE;
    }

    static Boolean flag(String field) {
        return switch (field == null ? "" : field) {
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    static Long number(String field) {
        try {
            return field == null ? null : Long.parseLong(field);
        } catch (NumberFormatException damaged) {
            return null;
        }
    }

    /** A location from its four fields; null when all four are null. */
    static Location location(String countryCode, String country, String region, String city) {
        if (countryCode == null && country == null && region == null && city == null) {
            return null;
        }
        return new Location(countryCode, country, region, city);
    }
}
