package io.github.kcsessions.search;

import io.github.kcsessions.api.ApiException;
import io.github.kcsessions.geo.IpRange;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code ip} filter: an exact address ({@code 81.2.69.142}), a CIDR block ({@code 81.2.69.0/24},
 * {@code 2001:db8::/32}), or a prefix with a trailing {@code *} ({@code 81.2.69.*}, {@code 2001:db8:*}). A bare value
 * is never a prefix, so that {@code 10.0.0.1} does not also match {@code 10.0.0.12}.
 *
 * <p>A {@code *} after whole octets or whole IPv6 groups is the block it names ({@code 81.2.*} is {@code 81.2.0.0/16})
 * and, like an address or a block, can be matched by the database ({@link #range}). Any other prefix
 * ({@code 81.2.6*}) is compared as text with each session's address, in the JVM.
 */
record IpPattern(String text, boolean prefix, IpRange range) {

    private static final Pattern ADDRESS_CHARACTERS = Pattern.compile("[0-9a-fA-F.:]{0,45}");
    private static final Pattern IPV4_OCTETS = Pattern.compile("(\\d{1,3}\\.){1,3}");
    private static final Pattern IPV6_GROUPS = Pattern.compile("([0-9a-f]{1,4}:){1,7}");

    static IpPattern parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.indexOf('/') >= 0) {
            IpRange range = IpRange.parse(raw);
            if (range == null) {
                throw invalid();
            }
            return new IpPattern(raw.toLowerCase(Locale.ROOT), false, range);
        }
        boolean prefix = raw.endsWith("*");
        String text = (prefix ? raw.substring(0, raw.length() - 1) : raw).toLowerCase(Locale.ROOT);
        if (text.isEmpty() || !ADDRESS_CHARACTERS.matcher(text).matches()) {
            throw invalid();
        }
        return new IpPattern(text, prefix, prefix ? blockOfPrefix(text) : IpRange.parse(text));
    }

    private static IpRange blockOfPrefix(String text) {
        if (IPV4_OCTETS.matcher(text).matches()) {
            int octets = text.split("\\.").length;
            return IpRange.parse(text + "0.0.0".substring(0, 2 * (4 - octets) - 1) + "/" + octets * 8);
        }
        if (IPV6_GROUPS.matcher(text).matches()) {
            int groups = text.split(":").length;
            return IpRange.parse(text + ":/" + groups * 16);
        }
        return null;
    }

    private static ApiException invalid() {
        return ApiException.invalidParameter("ip", "'ip' must be an IP address, a CIDR block (e.g. 81.2.69.0/24), "
                + "or the start of an address followed by '*' (e.g. 81.2.69.*).");
    }

    boolean matches(String address) {
        if (address == null) {
            return false;
        }
        if (range != null) {
            return range.contains(address);
        }
        String normalized = address.toLowerCase(Locale.ROOT);
        return prefix ? normalized.startsWith(text) : normalized.equals(text);
    }
}
