package io.github.kcsessions.geo;

import com.google.common.net.InetAddresses;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * One text form per IP address, read without ever touching DNS: Keycloak hands out one client address in two
 * spellings ({@code getRemoteHost()} as given, {@code getRemoteAddr()} with IPv6 expanded), which would otherwise look
 * like two addresses. Literals are read by Guava's {@link InetAddresses}, which the server ships: unlike
 * {@link InetAddress#getByName}, it never resolves, and it refuses the ambiguous IPv4 forms ({@code 127.1}, octal).
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /** A port as proxies append it: 1 to 5 digits. */
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /**
     * The canonical text of an address: dotted quad for IPv4 (IPv4-mapped IPv6 included), RFC 5952 for IPv6. Proxies
     * and {@code X-Forwarded-For} spell addresses in more ways than one ({@code [2001:db8::1]},
     * {@code [2001:db8::1]:4711}, {@code 81.2.69.142:4711}); each comes out as its bare address. Anything else (a
     * host name, a zone id, "unknown" or an obfuscated id from a proxy, garbage) is no address: null, as are null and
     * blank.
     */
    public static String canonical(String text) {
        if (text == null) {
            return null;
        }
        InetAddress address = parse(withoutBracketsAndPort(text.strip()));
        return address == null ? null : InetAddresses.toAddrString(address);
    }

    /** {@code [v6]} and {@code [v6]:port} give v6, {@code v4:port} gives v4; anything else is returned as it is. */
    static String withoutBracketsAndPort(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return text;
            }
            String rest = text.substring(close + 1);
            boolean portOrNothing = rest.isEmpty() || rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches();
            return portOrNothing ? text.substring(1, close) : text;
        }
        int colon = text.indexOf(':');
        if (colon > 0 && colon == text.lastIndexOf(':') && PORT.matcher(text.substring(colon + 1)).matches()) {
            return text.substring(0, colon);
        }
        return text;
    }

    /** Whether the text is an address on the public Internet, one a geo-IP database may know. */
    public static boolean isPublic(String text) {
        InetAddress address = parse(text);
        return address != null && isPublic(address);
    }

    /**
     * False for the unspecified, loopback, link-local, private (10/8, 172.16/12, 192.168/16), multicast, carrier-grade
     * NAT (100.64/10) and IPv6 unique-local (fc00::/7) addresses.
     */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            boolean carrierGradeNat = bytes[0] == 100 && (bytes[1] & 0xC0) == 64;
            return !carrierGradeNat;
        }
        boolean uniqueLocal = (bytes[0] & 0xFE) == 0xFC;
        return !uniqueLocal;
    }

    /**
     * 32 hex digits of the IPv6 form (IPv4 mapped into {@code ::ffff:0:0/96}), null for no address literal: a CIDR
     * block is then one range ({@link IpRange#lowest()} to {@link IpRange#highest()}) that a database index serves.
     */
    public static String sortable(String text) {
        InetAddress address = parse(text);
        return address == null ? null : sortable(address.getAddress());
    }

    static String sortable(byte[] bytes) {
        byte[] sixteen = bytes.length == 16 ? bytes : mapped(bytes);
        StringBuilder hex = new StringBuilder(32);
        for (byte b : sixteen) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    /** {@code ::ffff:a.b.c.d}. */
    static byte[] mapped(byte[] ipv4) {
        byte[] sixteen = new byte[16];
        sixteen[10] = (byte) 0xFF;
        sixteen[11] = (byte) 0xFF;
        System.arraycopy(ipv4, 0, sixteen, 12, 4);
        return sixteen;
    }

    /**
     * The address a plain IPv4 (dotted quad) or IPv6 literal denotes, surrounding white space ignored; null for
     * anything else, including IPv6 with a zone id ({@code fe80::1%eth0}), which names an address only on one host.
     */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String literal = text.strip();
        if (literal.indexOf('%') >= 0 || !InetAddresses.isInetAddress(literal)) {
            return null;
        }
        return InetAddresses.forString(literal);
    }
}
