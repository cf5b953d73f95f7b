package io.github.kcsessions.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            81.2.69.142                             | 81.2.69.142
            ' 10.0.0.7 '                            | 10.0.0.7
            2001:480:0:0:0:0:0:1                    | 2001:480::1
            2001:480::1                             | 2001:480::1
            2001:0DB8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
            0:0:0:0:0:0:0:1                         | ::1
            0:0:0:0:0:0:0:0                         | ::
            1:0:0:0:0:0:0:0                         | 1::
            2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1
            2001:0:0:1:0:0:0:1                      | 2001:0:0:1::1
            2001:db8:0:0:1:0:0:1                    | 2001:db8::1:0:0:1
            fe80:0:0:0:abcd:0:0:0                   | fe80::abcd:0:0:0
            ::ffff:81.2.69.142                      | 81.2.69.142
            [2001:db8::1]                           | 2001:db8::1
            [2001:db8::1]:4711                      | 2001:db8::1
            [2001:0DB8:0:0:0:0:0:1]:443             | 2001:db8::1
            [::ffff:81.2.69.142]                    | 81.2.69.142
            [::ffff:81.2.69.142]:80                 | 81.2.69.142
            81.2.69.142:4711                        | 81.2.69.142
            ' [::1]:1 '                             | ::1
            """)
    void spellsEachAddressOneWay(String text, String canonical) {
        assertEquals(canonical, IpAddresses.canonical(text));
    }

    /**
     * What is not an address is not stored as one. Octets with leading zeros are octal to some parsers and decimal to
     * others: not read as an address at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {"unknown", "_hidden", "fe80::1%eth0", "example.com", "127.1", "010.000.000.007",
            "[::1", "[::1]x", "[::1]:", "[::1]:123456", "[::1]:-1", "81.2.69.142:", "81.2.69.142:x", "[81.2.69.142",
            "<img src=x onerror=alert(1)>", "[example.com]:80", "[]", "[]:80", ":80"})
    void isNoAddressWhenNotALiteral(String text) {
        assertNull(IpAddresses.canonical(" " + text + " "));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void blankIsNull(String text) {
        assertNull(IpAddresses.canonical(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {LONDON_IP, "0.0.0.0", "255.255.255.255", "::1", "::",
            "2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "::ffff:81.2.69.142", "FE80::1",
            "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"})
    void readsLiterals(String literal) throws UnknownHostException {
        InetAddress parsed = IpAddresses.parse(literal);

        assertNotNull(parsed);
        assertNull(hostNameField(parsed), "a literal gets no host name, so nothing was resolved");
        if (literal.indexOf(':') < 0) {
            assertArrayEquals(InetAddress.getByName(literal).getAddress(), parsed.getAddress());
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "example.com", "localhost", "not-an-ip", "127.1", "1.2.3", "1.2.3.4.", ".1.2.3.4",
            "1..2.3", "1.2.3.4.5", "256.0.0.1", "1234.0.0.1", "0x7f.0.0.1", "1.2.3.-4", "+1.2.3.4", "010.1.1.1",
            "[::1]", "::1%lo", "fe80::1%eth0", "2001:db8:::1", "1:2:3:4:5:6:7:8:9", ":::", "g::1", ".:1",
            "1.2.3.4:80", "dead:beef:cafe:babe:dead:beef:cafe:babe:dead:beef:cafe:babe"})
    void rejectsEverythingElse(String text) {
        assertNull(IpAddresses.parse(text));
    }

    @Test
    void ignoresSurroundingSpaces() {
        assertNotNull(IpAddresses.parse(" ::1 "));
        assertNotNull(IpAddresses.parse("\t81.2.69.142\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {LONDON_IP, "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.15.255.255",
            "172.32.0.0", "192.169.0.1", "2001:480::1", "2a00:1450:4001::200e", "fbff::1", "fe00::1"})
    void publicAddresses(String address) {
        assertTrue(IpAddresses.isPublic(IpAddresses.parse(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.7", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1",
            "100.127.255.255", "127.0.0.1", "127.255.0.1", "169.254.1.1", "0.0.0.0", "224.0.0.1", "239.1.2.3",
            "::1", "::", "fe80::1", "fc00::1", "fd12:3456:789a::1", "ff02::1", "::ffff:192.168.0.1"})
    void nonPublicAddresses(String address) {
        assertFalse(IpAddresses.isPublic(IpAddresses.parse(address)));
    }

    /** InetAddress.toString() shows "hostname/address" and an empty host name when none was looked up. */
    private static String hostNameField(InetAddress address) {
        String shown = address.toString();
        String hostName = shown.substring(0, shown.indexOf('/'));
        return hostName.isEmpty() ? null : hostName;
    }
}
