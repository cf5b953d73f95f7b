package io.github.kcsessions.protocol;

import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Query and path parameters arrive as raw strings and are checked here, so that a bad value is answered in this API's
 * error schema (JAX-RS conversion would fail before our code runs, in Keycloak's schema).
 */
public final class QueryParameters {

    /** Keycloak's session ids are UUIDs or base64url strings; anything else cannot name a session. */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    /** Any signed integer with at most this many characters fits a long; a longer one is out of any int range. */
    private static final int MAX_LONG_DIGITS = 18;
    private static final int MAX_TEXT = 255;

    private QueryParameters() {
    }

    /**
     * {@code first} (default 0) and {@code max} (default 50, at most 100), refused rather than clamped when out of
     * range, so a client never mistakes a short page for the end.
     */
    public record Paging(int first, int max) {

        public static Paging of(String first, String max) {
            return new Paging(integer("first", first, 0, 0, Integer.MAX_VALUE), integer("max", max, 50, 1, 100));
        }
    }

    public static int integer(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        if (!INTEGER.matcher(raw).matches()) {
            throw ApiException.invalidParameter(name, "'" + name + "' must be an integer.");
        }
        // Digits beyond what a long holds are out of range, not "not an integer".
        long value = raw.length() > MAX_LONG_DIGITS ? (raw.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE)
                : Long.parseLong(raw);
        if (value < min || value > max) {
            throw new ApiException(Response.Status.BAD_REQUEST, "invalid_parameter",
                    "'" + name + "' must be between " + min + " and " + max + ".",
                    Map.of("parameter", name, "minimum", min, "maximum", max));
        }
        return (int) value;
    }

    public static <E extends Enum<E>> E choice(String name, String raw, E defaultValue) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        Class<E> type = defaultValue.getDeclaringClass();
        return Arrays.stream(type.getEnumConstants())
                .filter(candidate -> candidate.name().equalsIgnoreCase(raw))
                .findFirst()
                .orElseThrow(() -> ApiException.invalidParameter(name, "'" + name + "' must be one of "
                        + Arrays.toString(type.getEnumConstants()).toLowerCase() + "."));
    }

    public static boolean bool(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return false;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw ApiException.invalidParameter(name, "'" + name + "' must be true or false.");
    }

    public static String text(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > MAX_TEXT || raw.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidParameter(name, "'" + name + "' is not a valid value.");
        }
        return raw;
    }

    public static String sessionId(String raw) {
        if (raw == null || !SESSION_ID.matcher(raw).matches()) {
            throw ApiException.invalidParameter("id", "That is not a session id.");
        }
        return raw;
    }
}
