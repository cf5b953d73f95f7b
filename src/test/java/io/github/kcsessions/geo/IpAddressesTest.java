package io.github.kcsessions.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            81.2.69.142                             | 81.2.69.142
            ' 10.0.0.7 '                            | 10.0.0.7
            010.000.000.007                         | 10.0.0.7
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
            """)
    void spellsEachAddressOneWay(String text, String canonical) {
        assertEquals(canonical, IpAddresses.canonical(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "_hidden", "fe80::1%eth0", "example.com", "127.1"})
    void leavesWhatIsNotALiteralAsItIs(String text) {
        assertEquals(text, IpAddresses.canonical(" " + text + " "));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void blankIsNull(String text) {
        assertNull(IpAddresses.canonical(text));
    }
}
