package io.github.kcsessions.search;

import io.github.kcsessions.api.ApiException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code ip} filter: an exact address ({@code 81.2.69.142}) or, with a trailing {@code *}, a prefix
 * ({@code 81.2.69.*}, {@code 2001:db8:*}). A bare value is never a prefix, so that {@code 10.0.0.1} does not also
 * match {@code 10.0.0.12}.
 */
record IpPattern(String text, boolean prefix) {

    private static final Pattern ADDRESS_CHARACTERS = Pattern.compile("[0-9a-fA-F.:]{1,45}");

    static IpPattern parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        boolean prefix = raw.endsWith("*");
        String text = prefix ? raw.substring(0, raw.length() - 1) : raw;
        if (!ADDRESS_CHARACTERS.matcher(text).matches()) {
            throw ApiException.invalidParameter("ip",
                    "'ip' must be an IP address, or the start of one followed by '*' (e.g. 81.2.69.*).");
        }
        return new IpPattern(text.toLowerCase(Locale.ROOT), prefix);
    }

    boolean matches(String address) {
        if (address == null) {
            return false;
        }
        String normalized = address.toLowerCase(Locale.ROOT);
        return prefix ? normalized.startsWith(text) : normalized.equals(text);
    }
}
