package io.github.kcsessions.geo;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A block of addresses, {@code 81.2.69.0/24} or {@code 2001:db8::/32}: the {@code ip} filter of an admin search.
 * Besides testing an address, it spells itself as the {@link IpAddresses#hex} patterns a database {@code LIKE} can use
 * on the device note: whole hex digits of the prefix, the few values of a digit the prefix cuts in two, then one
 * {@code _} per remaining digit.
 */
public record IpRange(byte[] network, int prefixLength) {

    public IpRange {
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
        network = mask(network.clone(), prefixLength);
    }

    /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address; null when the text is none of these. */
    public static IpRange parse(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        InetAddress address = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return null;
        }
        byte[] bytes = address.getAddress();
        if (slash < 0) {
            return new IpRange(bytes, bytes.length * 8);
        }
        String length = text.substring(slash + 1);
        if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bytes.length * 8) {
            return null;
        }
        return new IpRange(bytes, Integer.parseInt(length));
    }

    public boolean contains(String address) {
        InetAddress parsed = IpAddresses.parse(address);
        if (parsed == null || parsed.getAddress().length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(parsed.getAddress(), prefixLength), network);
    }

    /**
     * The hex spellings of every address in the block as {@code LIKE} patterns ({@code 4:5102__}-style, {@code _} for
     * any one hex digit): one per value of the hex digit the prefix splits, so at most 8.
     */
    public List<String> hexPatterns() {
        String hex = IpAddresses.hex(address());
        String family = hex.substring(0, 2);
        String digits = hex.substring(2);
        int whole = prefixLength / 4;
        int cutBits = prefixLength % 4;
        int rest = digits.length() - whole - (cutBits == 0 ? 0 : 1);
        String any = "_".repeat(rest);
        List<String> patterns = new ArrayList<>();
        if (cutBits == 0) {
            patterns.add(family + digits.substring(0, whole) + any);
            return patterns;
        }
        int digit = Character.digit(digits.charAt(whole), 16);
        int free = 4 - cutBits;
        for (int low = 0; low < (1 << free); low++) {
            int value = (digit >> free << free) | low;
            patterns.add(family + digits.substring(0, whole) + Character.forDigit(value, 16) + any);
        }
        return patterns;
    }

    private String address() {
        try {
            return com.google.common.net.InetAddresses.toAddrString(InetAddress.getByAddress(network));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mask(byte[] bytes, int prefixLength) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] = (byte) (bytes[i] & (0xFF << (8 - keep)));
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.prefixLength == prefixLength
                && java.util.Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return address() + "/" + prefixLength;
    }
}
