package io.github.kcsessions.geo;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Tells addresses that a geo-IP database can place from those that only make sense inside a network. */
final class AddressScope {

    private AddressScope() {
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
}
