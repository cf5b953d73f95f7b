package io.github.kcsessions.sessions;

import io.github.kcsessions.protocol.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IpPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "81.2.69.142,   81.2.69.142,  true",
            "81.2.69.142,   81.2.69.1420, false",
            "10.0.0.1,      10.0.0.12,    false",
            "81.2.69.*,     81.2.69.142,  true",
            "81.2.69.*,     81.2.70.1,    false",
            "81.*,          81.2.69.142,  true",
            "2001:DB8:*,    2001:db8::1,  true",
            "2001:db8::1,   2001:DB8::1,  true",
            "2001:db8:*,    2001:db9::1,  false",
            "81.2.69.0/24,  81.2.69.142,  true",
            "81.2.69.0/24,  81.2.70.142,  false",
            "81.2.69.128/25, 81.2.69.142, true",
            "81.2.69.128/25, 81.2.69.127, false",
            "2001:db8::/32, 2001:db8:1::5, true",
            "2001:db8::/32, 2001:db9::5,  false"})
    void matchesExactlyOrByPrefix(String pattern, String address, boolean matches) {
        assertEquals(matches, IpPattern.parse(pattern).range().contains(address));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void absentIsNoFilter(String raw) {
        assertNull(IpPattern.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "81.2.6*", "2001:db8::*", "10.0.0.%", "10.0.0._", "1.2.3.4'--", "example.com", "**", "1.2.*.4", "1234567890123456789012345678901234567890123456",
            "81.2.69.0/33", "81.2.69.0/x", "/24", "81.2.69.0/24'--"})
    void refusesWhatIsNotAnAddressOrPrefix(String raw) {
        ApiException e = assertThrows(ApiException.class, () -> IpPattern.parse(raw));
        assertEquals("ip", e.toError().details().get("parameter"));
    }

    @ParameterizedTest
    @CsvSource({"81.2.69.*, 81.2.69.0/24", "81.*, 81.0.0.0/8", "2001:db8:*, 2001:db8::/32", "81.2.69.142, 81.2.69.142/32",
            "81.2.69.0/24, 81.2.69.0/24"})
    void everyFormIsABlock(String pattern, String block) {
        assertEquals(block, IpPattern.parse(pattern).range().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"81.2.69.*"})
    void neverMatchesAnUnknownAddress(String pattern) {
        assertEquals(false, IpPattern.parse(pattern).range().contains(null));
    }
}
