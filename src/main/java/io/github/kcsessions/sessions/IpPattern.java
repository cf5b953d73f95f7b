package io.github.kcsessions.sessions;

import io.github.kcsessions.geo.IpRange;
import io.github.kcsessions.protocol.ApiException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code ip} filter: an address, a CIDR block, or whole octets or IPv6 groups followed by {@code *}
 * ({@code 81.2.69.*} is {@code 81.2.69.0/24}): always a block, one range of the device table's address indexes. A bare
 * value is never a prefix, so that {@code 10.0.0.1} does not also match {@code 10.0.0.12}.
 */
record IpPattern(IpRange range) {

    private static final Pattern IPV4_OCTETS = Pattern.compile("(\\d{1,3}\\.){1,3}");
    private static final Pattern IPV6_GROUPS = Pattern.compile("([0-9a-f]{1,4}:){1,7}");

    static IpPattern parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String text = raw.toLowerCase(Locale.ROOT);
        IpRange range = text.endsWith("*") ? blockOfPrefix(text.substring(0, text.length() - 1)) : IpRange.parse(text);
        if (range == null) {
            throw ApiException.invalidParameter("ip", "'ip' must be an IP address, a CIDR block (e.g. 81.2.69.0/24), "
                    + "or whole octets or groups followed by '*' (e.g. 81.2.69.*).");
        }
        return new IpPattern(range);
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
}
