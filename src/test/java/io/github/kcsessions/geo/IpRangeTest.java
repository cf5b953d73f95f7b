package io.github.kcsessions.geo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {

    @Test
    void ipv4BlocksContainTheirAddressesOnly() {
        IpRange block = IpRange.parse("81.2.69.0/24");
        assertTrue(block.contains(LONDON_IP));
        assertTrue(block.contains("81.2.69.0"));
        assertFalse(block.contains("81.2.70.1"));
        assertFalse(block.contains("2001:db8::1"));
        assertFalse(block.contains(null));
        assertEquals("81.2.69.0/24", block.toString());
        assertEquals("81.2.69.128/25", IpRange.parse("81.2.69.142/25").toString());
    }

    @Test
    void aSingleAddressIsAFullLengthBlock() {
        assertEquals(32, IpRange.parse(LONDON_IP).prefixLength());
        assertEquals(128, IpRange.parse("2001:db8::1").prefixLength());
        assertTrue(IpRange.parse("2001:db8::1").contains("2001:0db8:0:0:0:0:0:1"));
    }

    @Test
    void ipv6Blocks() {
        IpRange block = IpRange.parse("2001:db8::/32");
        assertTrue(block.contains("2001:db8:ffff::1"));
        assertFalse(block.contains("2001:db9::1"));
        assertEquals("20010db8" + "0".repeat(24), block.lowest());
        assertEquals("20010db8" + "f".repeat(24), block.highest());
    }

    @Test
    void nonsenseIsNoBlock() {
        assertNull(IpRange.parse("81.2.69.0/33"));
        assertNull(IpRange.parse("81.2.69.0/"));
        assertNull(IpRange.parse("81.2.69.0/-1"));
        assertNull(IpRange.parse("example.com"));
        assertNull(IpRange.parse("81.2.69"));
        assertNull(IpRange.parse("%' OR 1=1 --"));
    }

    @Test
    void anIpv4BlockIsARangeOfMappedAddresses() {
        IpRange block = IpRange.parse("81.2.69.142/25");
        assertEquals("00000000000000000000ffff51024580", block.lowest());
        assertEquals("00000000000000000000ffff510245ff", block.highest());
        assertEquals(IpAddresses.sortable(LONDON_IP), IpRange.parse(LONDON_IP).lowest());
        assertEquals(IpAddresses.sortable(LONDON_IP), IpRange.parse(LONDON_IP).highest());
        assertEquals("00000000000000000000ffff00000000", IpRange.parse("0.0.0.0/0").lowest());
        assertEquals("00000000000000000000ffffffffffff", IpRange.parse("0.0.0.0/0").highest());
    }

    @Test
    void everyAddressOfABlockSortsBetweenItsEndsAndNoOther() {
        IpRange block = IpRange.parse("10.0.0.0/7");
        for (String inside : List.of("10.0.0.0", "11.255.255.255", "10.200.1.2")) {
            String sortable = IpAddresses.sortable(inside);
            assertTrue(sortable.compareTo(block.lowest()) >= 0 && sortable.compareTo(block.highest()) <= 0, inside);
        }
        for (String outside : List.of("9.255.255.255", "12.0.0.0", "::a00:1", "2001:db8::1")) {
            String sortable = IpAddresses.sortable(outside);
            assertFalse(sortable.compareTo(block.lowest()) >= 0 && sortable.compareTo(block.highest()) <= 0, outside);
        }
    }
}
