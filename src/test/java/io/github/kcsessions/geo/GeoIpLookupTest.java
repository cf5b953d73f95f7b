package io.github.kcsessions.geo;

import io.github.kcsessions.it.support.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class GeoIpLookupTest {

    private static String testDatabase(String name) {
        return TestResources.buildDirectory().resolve("test-classes/geoip/" + name).toString();
    }

    /** The region is the largest subdivision (England, not the county); a country alone is a location. */
    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(delimiter = '|', textBlock = """
            GeoIP2-City-Test.mmdb   | 81.2.69.142   | GB | United Kingdom | England    | London
            GeoLite2-City-Test.mmdb | 81.2.69.142   | GB | United Kingdom | England    | London
            GeoLite2-City-Test.mmdb | 2001:480::1   | US | United States  | California | San Diego
            GeoIP2-City-Test.mmdb   | 2.125.160.216 | GB | United Kingdom | England    | Boxford
            GeoIP2-City-Test.mmdb   | 2001:218::1   | JP | Japan          |            |
            """)
    void locates(String database, String address, String countryCode, String country, String region, String city) {
        try (GeoIpLookup lookup = GeoIpLookup.open(testDatabase(database))) {
            assertEquals(new Location(countryCode, country, region, city), lookup.locate(address));
        }
    }

    @Test
    void toleratesSurroundingSpaces() {
        try (GeoIpLookup lookup = GeoIpLookup.open(" " + testDatabase("GeoLite2-City-Test.mmdb") + " ")) {
            assertEquals("London", lookup.locate(" 81.2.69.142 ").city());
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "  ",
            "10.0.0.7", "172.16.5.4", "192.168.1.1", "100.64.0.1", "127.0.0.1", "169.254.1.1", "0.0.0.0",
            "224.0.0.1",
            "::1", "::", "fe80::1", "fd12:3456:789a::1", "fc00::1", "ff02::1", "::ffff:10.0.0.1",
            "8.8.8.8",
            "not-an-ip", "example.com", "localhost", "127.1", "81.2.69.142.5", "81.2.69", "256.1.1.1",
            "[2001:480::1]", "2001:480::1%eth0", "2001:480:::1", "1:2:3:4:5:6:7:8:9"})
    void findsNothingForNonPublicUnknownOrNonAddresses(String address) {
        try (GeoIpLookup lookup = GeoIpLookup.open(testDatabase("GeoIP2-City-Test.mmdb"))) {
            assertNull(lookup.locate(address));
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void noPathMeansDisabled(String path) {
        GeoIpLookup lookup = GeoIpLookup.open(path);

        assertSame(GeoIpLookup.DISABLED, lookup);
        assertNull(lookup.locate(LONDON_IP));
    }

    /** A missing file, a directory, a corrupt file and an empty one. */
    @Test
    void unreadableFilesMeanUnusable(@TempDir Path directory) throws IOException {
        GeoIpLookup missing = GeoIpLookup.open(directory.resolve("GeoLite2-City.mmdb").toString());
        assertSame(GeoIpLookup.UNUSABLE, missing);
        assertNull(missing.locate(LONDON_IP));
        assertSame(GeoIpLookup.UNUSABLE, GeoIpLookup.open(directory.toString()));

        Path garbage = Files.writeString(directory.resolve("GeoLite2-City.mmdb"), "this is not a database ".repeat(100));
        assertSame(GeoIpLookup.UNUSABLE, GeoIpLookup.open(garbage.toString()));

        Path empty = Files.createFile(directory.resolve("GeoLite2-City-Empty.mmdb"));
        assertSame(GeoIpLookup.UNUSABLE, GeoIpLookup.open(empty.toString()));
    }

    @Test
    void truncatedDatabaseMeansDisabledOrFindsNothing(@TempDir Path directory) throws IOException {
        byte[] database = Files.readAllBytes(Path.of(testDatabase("GeoIP2-City-Test.mmdb")));
        byte[] truncated = new byte[database.length / 2];
        System.arraycopy(database, database.length - truncated.length, truncated, 0, truncated.length);
        Path file = Files.write(directory.resolve("GeoIP2-City.mmdb"), truncated);

        try (GeoIpLookup lookup = GeoIpLookup.open(file.toString())) {
            assertNull(lookup.locate(LONDON_IP));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GeoIP2-ISP_", "Unknown-Typ"})
    void nonCityDatabaseMeansUnusable(String databaseType, @TempDir Path directory) throws IOException {
        Path file = Files.write(directory.resolve("other.mmdb"), withDatabaseType(databaseType));

        assertSame(GeoIpLookup.UNUSABLE, GeoIpLookup.open(file.toString()));
    }

    /** The City test database claiming to be of another type, one of the same length. */
    private static byte[] withDatabaseType(String databaseType) throws IOException {
        byte[] database = Files.readAllBytes(Path.of(testDatabase("GeoIP2-City-Test.mmdb")));
        String asLatin1 = new String(database, StandardCharsets.ISO_8859_1);
        int at = asLatin1.lastIndexOf("GeoIP2-City");
        byte[] replacement = databaseType.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(replacement, 0, database, at, replacement.length);
        return database;
    }

    @Test
    void closedDatabaseFindsNothing() {
        GeoIpLookup lookup = GeoIpLookup.open(testDatabase("GeoIP2-City-Test.mmdb"));
        assertNotSame(GeoIpLookup.DISABLED, lookup);

        lookup.close();

        assertNull(lookup.locate(LONDON_IP));
    }
}
