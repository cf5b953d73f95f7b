package io.github.kcsessions.geo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {

    @Test
    void ipv4BlocksContainTheirAddressesOnly() {
        IpRange block = IpRange.parse("81.2.69.0/24");
        assertTrue(block.contains("81.2.69.142"));
        assertTrue(block.contains("81.2.69.0"));
        assertFalse(block.contains("81.2.70.1"));
        assertFalse(block.contains("2001:db8::1"));
        assertFalse(block.contains(null));
        assertEquals("81.2.69.0/24", block.toString());
        assertEquals("81.2.69.128/25", IpRange.parse("81.2.69.142/25").toString());
    }

    @Test
    void aSingleAddressIsAFullLengthBlock() {
        assertEquals(32, IpRange.parse("81.2.69.142").prefixLength());
        assertEquals(128, IpRange.parse("2001:db8::1").prefixLength());
        assertTrue(IpRange.parse("2001:db8::1").contains("2001:0db8:0:0:0:0:0:1"));
    }

    @Test
    void ipv6Blocks() {
        IpRange block = IpRange.parse("2001:db8::/32");
        assertTrue(block.contains("2001:db8:ffff::1"));
        assertFalse(block.contains("2001:db9::1"));
        assertEquals(List.of("6:20010db8" + "_".repeat(24)), block.hexPatterns());
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
    void hexPatternsCoverExactlyTheBlock() {
        assertEquals(List.of("4:510245__"), IpRange.parse("81.2.69.0/24").hexPatterns());
        assertEquals(List.of("4:5102458e"), IpRange.parse("81.2.69.142").hexPatterns());
        // /25 cuts the 7th hex digit: 0x8e has high bit 1, so 8..f.
        assertEquals(List.of("4:5102458_", "4:5102459_", "4:510245a_", "4:510245b_", "4:510245c_", "4:510245d_",
                "4:510245e_", "4:510245f_"), IpRange.parse("81.2.69.142/25").hexPatterns());
        assertEquals(List.of("4:________"), IpRange.parse("0.0.0.0/0").hexPatterns());
        assertEquals(2, IpRange.parse("10.0.0.0/7").hexPatterns().size());
    }
}
