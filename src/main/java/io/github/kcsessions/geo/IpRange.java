package io.github.kcsessions.geo;

import java.net.InetAddress;

/**
 * A block of addresses, {@code 81.2.69.0/24} or {@code 2001:db8::/32}: the {@code ip} filter of an admin search. Besides
 * testing an address, it gives its first and last address in the device table's sortable spelling, between which
 * every address of the block lies ({@link IpAddresses#sortable}).
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

    /** The first address of the block in the {@link IpAddresses#sortable} spelling. */
    public String lowest() {
        return IpAddresses.sortable(sixteen(false));
    }

    /** The last address of the block in the {@link IpAddresses#sortable} spelling. */
    public String highest() {
        return IpAddresses.sortable(sixteen(true));
    }

    /** The block in IPv6 form (an IPv4 block is inside {@code ::ffff:0:0/96}), with the host bits all 0 or all 1. */
    private byte[] sixteen(boolean hostBitsSet) {
        boolean v4 = network.length == 4;
        byte[] bytes = v4 ? IpAddresses.mapped(network) : network.clone();
        int prefix = v4 ? 96 + prefixLength : prefixLength;
        if (hostBitsSet) {
            for (int i = 0; i < 16; i++) {
                int keep = Math.max(0, Math.min(8, prefix - i * 8));
                bytes[i] = (byte) (bytes[i] | (0xFF >>> keep));
            }
        }
        return bytes;
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
        try {
            String address = com.google.common.net.InetAddresses.toAddrString(InetAddress.getByAddress(network));
            return address + "/" + prefixLength;
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
