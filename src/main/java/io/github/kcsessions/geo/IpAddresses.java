package io.github.kcsessions.geo;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * One text form per IP address. Keycloak hands out the same client address in two spellings: the user session and
 * the events keep it as the proxy or socket gave it ({@code ClientConnection.getRemoteHost()}, e.g.
 * {@code 2001:db8::1}), while {@code getRemoteAddr()} expands IPv6 ({@code 2001:db8:0:0:0:0:0:1}). Stored and compared
 * as they come, one address would look like two, and "the address changed" would be reported for nothing.
 */
public final class IpAddresses {

    private static final int IPV6_GROUPS = 8;

    private IpAddresses() {
    }

    /**
     * The canonical text of an address literal: dotted quad for IPv4 (IPv4-mapped IPv6 included), RFC 5952 for IPv6
     * (lower case, no leading zeros, the longest run of two or more zero groups, the first of equals, as {@code ::}).
     * Text that is not a plain literal (a host name, a zone id, "unknown" from a proxy) comes back stripped but
     * otherwise as it was; null and blank give null. Never resolves anything.
     */
    public static String canonical(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        InetAddress address = IpAddressLiteral.parse(text);
        if (address == null) {
            return text.strip();
        }
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        return ipv6(address.getAddress());
    }

    private static String ipv6(byte[] bytes) {
        int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is never shortened
        for (int i = 0; i < IPV6_GROUPS; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < IPV6_GROUPS && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
