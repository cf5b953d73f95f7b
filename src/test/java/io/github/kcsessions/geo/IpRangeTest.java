package io.github.kcsessions.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {

    /** A single address is a full-length block; an IPv4 block is a range of mapped addresses. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            81.2.69.0/24   | 81.2.69.0/24    | 24  | 00000000000000000000ffff51024500 | 00000000000000000000ffff510245ff
            81.2.69.142/25 | 81.2.69.128/25  | 25  | 00000000000000000000ffff51024580 | 00000000000000000000ffff510245ff
            81.2.69.142    | 81.2.69.142/32  | 32  | 00000000000000000000ffff5102458e | 00000000000000000000ffff5102458e
            0.0.0.0/0      | 0.0.0.0/0       | 0   | 00000000000000000000ffff00000000 | 00000000000000000000ffffffffffff
            2001:db8::1    | 2001:db8::1/128 | 128 | 20010db8000000000000000000000001 | 20010db8000000000000000000000001
            2001:db8::/32  | 2001:db8::/32   | 32  | 20010db8000000000000000000000000 | 20010db8ffffffffffffffffffffffff
            """)
    void blocks(String text, String block, int prefixLength, String lowest, String highest) {
        IpRange range = IpRange.parse(text);

        assertEquals(block, range.toString());
        assertEquals(prefixLength, range.prefixLength());
        assertEquals(lowest, range.lowest());
        assertEquals(highest, range.highest());
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            81.2.69.0/24  | 81.2.69.142           | true
            81.2.69.0/24  | 81.2.69.0             | true
            81.2.69.0/24  | 81.2.70.1             | false
            81.2.69.0/24  | 2001:db8::1           | false
            81.2.69.0/24  |                       | false
            2001:db8::1   | 2001:0db8:0:0:0:0:0:1 | true
            2001:db8::/32 | 2001:db8:ffff::1      | true
            2001:db8::/32 | 2001:db9::1           | false
            """)
    void contains(String block, String address, boolean contained) {
        assertEquals(contained, IpRange.parse(block).contains(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"81.2.69.0/33", "81.2.69.0/", "81.2.69.0/-1", "example.com", "81.2.69", "%' OR 1=1 --"})
    void nonsenseIsNoBlock(String text) {
        assertNull(IpRange.parse(text));
    }

    @Test
    void everyAddressOfABlockSortsBetweenItsEndsAndNoOther() {
        assertEquals(IpAddresses.sortable(LONDON_IP), IpRange.parse(LONDON_IP).lowest());
        assertEquals(IpAddresses.sortable(LONDON_IP), IpRange.parse(LONDON_IP).highest());
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
