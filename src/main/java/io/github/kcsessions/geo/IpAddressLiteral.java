package io.github.kcsessions.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reads IP address literals without ever touching DNS. {@link InetAddress#getByName} resolves anything that does not
 * parse as a literal (and accepts odd IPv4 forms such as "127.1"), so IPv4 is parsed here and IPv6 is handed over only
 * in brackets, which makes the JDK reject instead of resolve what is not a literal.
 */
final class IpAddressLiteral {

    /** The longest IPv6 text form, "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255". */
    private static final int MAX_LENGTH = 45;

    private IpAddressLiteral() {
    }

    /** The address, or null when the text is not a plain IPv4 (dotted quad) or IPv6 literal. */
    static InetAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String literal = text.strip();
        if (literal.isEmpty() || literal.length() > MAX_LENGTH) {
            return null;
        }
        return literal.indexOf(':') >= 0 ? parseIpv6(literal) : parseIpv4(literal);
    }

    private static InetAddress parseIpv4(String literal) {
        byte[] octets = new byte[4];
        int octet = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= literal.length(); i++) {
            char c = i < literal.length() ? literal.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || octet == 4) {
                    return null;
                }
                octets[octet++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return octet == 4 ? byAddress(octets) : null;
    }

    private static InetAddress parseIpv6(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            return InetAddress.getByName("[" + literal + "]");
        } catch (UnknownHostException notALiteral) {
            return null;
        }
    }

    private static InetAddress byAddress(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException impossible) {
            // Only thrown for an array that is neither 4 nor 16 bytes long.
            throw new IllegalStateException(impossible);
        }
    }
}
