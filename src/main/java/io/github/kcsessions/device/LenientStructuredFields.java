package io.github.kcsessions.device;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately lenient reader for the structured-field shapes (RFC 9651) of client hints: boolean, string, list of
 * strings with parameters. It reads a string whose quotes a proxy dropped, keeps a list up to its first damaged member,
 * and never throws: hints only ever refine what the user agent said, so reading more than the RFC allows costs nothing,
 * while refusing a whole header would lose what real browsers send.
 */
final class LenientStructuredFields {

    /** More brands than this is not a browser speaking; real lists have three or four. */
    private static final int MAX_LIST_ITEMS = 16;

    private final String input;
    private int pos;

    private LenientStructuredFields(String input) {
        this.input = input;
    }

    /** {@code ?1} is true, {@code ?0} false, anything else null. */
    static Boolean parseBoolean(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim()) {
            case "?1" -> Boolean.TRUE;
            case "?0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * The content of a quoted string, or the trimmed value itself when a proxy dropped the quotes. Null when absent,
     * blank or unterminated.
     */
    static String parseString(String value) {
        if (value == null) {
            return null;
        }
        LenientStructuredFields reader = new LenientStructuredFields(value.trim());
        String parsed = reader.bareItem();
        return parsed == null || parsed.isBlank() ? null : parsed;
    }

    /** The brands of a list, in order; an empty list when absent. */
    static List<Brand> parseBrandList(String value) {
        List<Brand> brands = new ArrayList<>();
        if (value == null) {
            return brands;
        }
        LenientStructuredFields reader = new LenientStructuredFields(value);
        while (brands.size() < MAX_LIST_ITEMS && reader.skipToNextItem()) {
            Brand brand = reader.brand();
            if (brand == null) {
                break;
            }
            brands.add(brand);
        }
        return brands;
    }

    private Brand brand() {
        String name = bareItem();
        if (name == null) {
            return null;
        }
        String version = null;
        while (peek() == ';') {
            pos++;
            skipSpaces();
            String key = token();
            String parameterValue = null;
            if (peek() == '=') {
                pos++;
                parameterValue = bareItem();
            }
            if ("v".equals(key)) {
                version = parameterValue;
            }
        }
        return new Brand(name, version);
    }

    /** Skips separators before an item; false at the end of the input. */
    private boolean skipToNextItem() {
        while (pos < input.length() && (input.charAt(pos) == ',' || input.charAt(pos) == ' ' || input.charAt(pos) == '\t')) {
            pos++;
        }
        return pos < input.length();
    }

    private String bareItem() {
        skipSpaces();
        return peek() == '"' ? quotedString() : token();
    }

    private String quotedString() {
        StringBuilder content = new StringBuilder();
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == '"') {
                return content.toString();
            }
            if (c == '\\' && pos < input.length()) {
                c = input.charAt(pos++);
            }
            content.append(c);
        }
        return null;
    }

    /** Everything up to the next delimiter; covers sf-tokens, numbers and booleans alike. */
    private String token() {
        int start = pos;
        while (pos < input.length() && ",;=\"".indexOf(input.charAt(pos)) < 0) {
            pos++;
        }
        String token = input.substring(start, pos).trim();
        return token.isEmpty() ? null : token;
    }

    private void skipSpaces() {
        while (pos < input.length() && input.charAt(pos) == ' ') {
            pos++;
        }
    }

    private char peek() {
        return pos < input.length() ? input.charAt(pos) : '\0';
    }
}
