package io.github.kcsessions.geo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressScopeTest {

    @ParameterizedTest
    @ValueSource(strings = {LONDON_IP, "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.15.255.255",
            "172.32.0.0", "192.169.0.1", "2001:480::1", "2a00:1450:4001::200e", "fbff::1", "fe00::1"})
    void publicAddresses(String address) {
        assertTrue(AddressScope.isPublic(IpAddresses.parse(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.7", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1",
            "100.127.255.255", "127.0.0.1", "127.255.0.1", "169.254.1.1", "0.0.0.0", "224.0.0.1", "239.1.2.3",
            "::1", "::", "fe80::1", "fc00::1", "fd12:3456:789a::1", "ff02::1", "::ffff:192.168.0.1"})
    void nonPublicAddresses(String address) {
        assertFalse(AddressScope.isPublic(IpAddresses.parse(address)));
    }
}
