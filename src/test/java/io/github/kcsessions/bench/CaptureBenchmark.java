package io.github.kcsessions.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.kcsessions.device.ClientHints;
import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.device.DeviceNote;
import io.github.kcsessions.device.DeviceParser;
import io.github.kcsessions.device.DeviceRecord;
import io.github.kcsessions.geo.GeoIpLookup;
import io.github.kcsessions.geo.Location;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.fixtures.Devices.SAFARI_IPHONE;

/**
 * CPU cost of the device capture per login, with warm caches, on one thread: what the event listener adds to a login
 * request (user-agent parse served from the parser's cache plus client hints, geo-IP lookup, note encoding) and what
 * the session views add per listed session (note decoding). A plain main class, not run by the test suite; see
 * docs/device-metadata.md for the command and the figures measured.
 *
 * <p>Arguments (all optional): the City database ({@code .mmdb}, default MaxMind's test database in the test
 * resources), the number of measured rounds (default 7), the operations per round (default 200000).
 */
public final class CaptureBenchmark {

    private static final List<String> USER_AGENTS = List.of(
            CHROME_WINDOWS,
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
            SAFARI_IPHONE,
            "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            CURL,
            "PostmanRuntime/7.42.0",
            "python-requests/2.32.3",
            "okhttp/4.12.0");

    /** Chrome on Windows 11 with the low- and high-entropy hints; every other request sends none. */
    private static final ClientHints CHROME_HINTS = ClientHints.from(Map.of(
            "Sec-CH-UA", "\"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"",
            "Sec-CH-UA-Mobile", "?0",
            "Sec-CH-UA-Platform", "\"Windows\"",
            "Sec-CH-UA-Platform-Version", "\"15.0.0\"")::get);

    /** Public addresses the test database knows (GB, US, JP ...), one private one, one IPv6. */
    private static final List<String> ADDRESSES = List.of(LONDON_IP, "81.2.69.160", "216.160.83.56",
            "89.160.20.112", "2.125.160.216", "10.0.0.7", "2001:480::1", "67.43.156.1");

    private static volatile int sink;

    private CaptureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path database = Path.of(args.length > 0 ? args[0] : "target/test-classes/geoip/GeoIP2-City-Test.mmdb");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int operations = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        if (!Files.isRegularFile(database)) {
            throw new IllegalArgumentException("No geo-IP database at " + database.toAbsolutePath()
                    + " (run 'mvn test-compile' first, or pass the .mmdb path as the first argument)");
        }

        DeviceParser parser = new DeviceParser();
        try (GeoIpLookup geoIp = GeoIpLookup.open(database.toString())) {
            long coldStart = System.nanoTime();
            parser.parse(USER_AGENTS.get(0), ClientHints.NONE);
            long firstParse = System.nanoTime() - coldStart;

            int n = USER_AGENTS.size();
            String[] notes = new String[n];
            for (int i = 0; i < n; i++) {
                notes[i] = capture(parser, geoIp, i);
            }
            int[] noteLengths = Arrays.stream(notes).mapToInt(String::length).toArray();

            System.out.printf("JDK %s, %d processors; database %s; %d rounds of %d operations%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), database.getFileName(), rounds,
                    operations);
            System.out.printf("first parse (loads the parser's rules): %.0f ms%n", firstParse / 1e6);
            System.out.printf("note length: %d to %d characters, mean %.0f%n",
                    Arrays.stream(noteLengths).min().orElse(0), Arrays.stream(noteLengths).max().orElse(0),
                    Arrays.stream(noteLengths).average().orElse(0));
            // Keycloak stores a session's notes as JSON: a quoted string, with escapes.
            double storedMean = Arrays.stream(notes)
                    .mapToInt(note -> JsonStringEncoder.getInstance().quoteAsString(note).length + 2).average().orElse(0);
            System.out.printf("as a JSON string (stored form): mean %.0f characters%n", storedMean);

            int[] counter = {0};
            measure("DeviceParser.parse, cache hit (+ hints)", rounds, operations, () -> {
                int i = counter[0]++ % n;
                return parser.parse(USER_AGENTS.get(i), hintsFor(i)).hashCode();
            });
            measure("GeoIpLookup.locate", rounds, operations, () -> {
                Location location = geoIp.locate(ADDRESSES.get(counter[0]++ % ADDRESSES.size()));
                return location == null ? 0 : location.hashCode();
            });
            DeviceRecord[] records = Arrays.stream(notes).map(DeviceNote::decode).toArray(DeviceRecord[]::new);
            measure("DeviceNote.encode", rounds, operations,
                    () -> DeviceNote.encode(records[counter[0]++ % n]).length());
            measure("capture per login (parse + locate + encode)", rounds, operations,
                    () -> capture(parser, geoIp, counter[0]++ % n).length());
            measure("DeviceNote.decode (read path, per listed session)", rounds, operations,
                    () -> DeviceNote.decode(notes[counter[0]++ % n]).hashCode());
        }
        System.out.println(sink == 42 ? "" : "done");
    }

    /** What the listener does for one login, minus reading the request and writing the note into the session. */
    private static String capture(DeviceParser parser, GeoIpLookup geoIp, int i) {
        DeviceInfo device = parser.parse(USER_AGENTS.get(i), hintsFor(i));
        String ip = ADDRESSES.get(i % ADDRESSES.size());
        long now = 1_795_000_000L + i;
        Location location = geoIp.locate(ip);
        return DeviceNote.encode(new DeviceRecord(device, now, now, ip, ip, location, location));
    }

    private static ClientHints hintsFor(int i) {
        return i == 0 ? CHROME_HINTS : ClientHints.NONE;
    }

    /** Warms up for two rounds, then prints the median and the best of the measured rounds, in ns per operation. */
    private static void measure(String name, int rounds, int operations, IntSupplier operation) {
        double[] nanosPerOp = new double[rounds];
        for (int round = -2; round < rounds; round++) {
            int accumulated = 0;
            long start = System.nanoTime();
            for (int i = 0; i < operations; i++) {
                accumulated += operation.getAsInt();
            }
            long elapsed = System.nanoTime() - start;
            sink += accumulated;
            if (round >= 0) {
                nanosPerOp[round] = (double) elapsed / operations;
            }
        }
        Arrays.sort(nanosPerOp);
        System.out.printf("%-52s median %8.0f ns/op   best %8.0f ns/op%n", name, nanosPerOp[rounds / 2],
                nanosPerOp[0]);
    }
}
