package io.github.kcsessions.device;

import io.github.kcsessions.geo.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceNoteTest {

    private static final DeviceInfo DESKTOP = new DeviceInfo(CHROME_WINDOWS, "Chrome", "131.0.6778.86", "Windows",
            "11", DeviceInfo.DESKTOP, false, null, null, false);

    private static final Location LONDON = new Location("GB", "United Kingdom", "England", "London");

    private static DeviceRecord roundTrip(DeviceRecord record) {
        return DeviceNote.decode(DeviceNote.encode(record));
    }

    /** A typical record, nulls beside empty strings, no device data and no location, every device type and flag. */
    @Test
    void roundTrips() {
        DeviceInfo sparse = new DeviceInfo("", null, "", null, "", DeviceInfo.UNKNOWN, false, "", null, true);
        List<DeviceRecord> records = new ArrayList<>(List.of(
                new DeviceRecord(DESKTOP, 1_732_000_000L, 1_732_003_600L, LONDON_IP, "2001:db8::1",
                        new Location("US", "United States", null, null), LONDON),
                new DeviceRecord(sparse, 0, 0, null, "", new Location(null, "", null, "Zürich"), null),
                new DeviceRecord(DeviceInfo.NONE, -1, Long.MAX_VALUE, null, null, null, null)));
        for (String type : new String[] {DeviceInfo.DESKTOP, DeviceInfo.MOBILE, DeviceInfo.TABLET, DeviceInfo.BOT,
                DeviceInfo.UNKNOWN}) {
            DeviceInfo device = new DeviceInfo("ua", "b", "1", "os", "2", type, DeviceInfo.isMobileType(type), "m",
                    "v", type.equals(DeviceInfo.UNKNOWN));
            records.add(new DeviceRecord(device, 1, 2, "10.0.0.1", "10.0.0.2", null, null));
        }

        for (DeviceRecord record : records) {
            assertEquals(record, roundTrip(record));
        }
        assertNull(roundTrip(records.get(2)).location());
    }

    @Test
    void oddCharactersSurviveAndControlCharactersAreRemoved() {
        String odd = "a|b;c=d,\"e\" \\f 'g' é 日本 😀 %1f";
        DeviceInfo device = new DeviceInfo("Mozilla/5.0\u001f (X11)\u001e\n\t\u0000 " + odd, odd, odd, odd, odd,
                DeviceInfo.DESKTOP, false, odd, odd, false);
        DeviceRecord record = new DeviceRecord(device, 5, 6, odd, odd, new Location(odd, odd, odd, odd),
                new Location(odd, odd, odd, odd));

        DeviceRecord decoded = roundTrip(record);

        assertNotNull(decoded);
        assertEquals("Mozilla/5.0 (X11) " + odd, decoded.device().userAgent());
        assertEquals(odd, decoded.device().browser());
        assertEquals(odd, decoded.location().city());
        assertEquals(odd, decoded.lastIpAddress());
    }

    @Test
    void typicalNoteIsSmall() {
        DeviceInfo iPhone = new DeviceInfo("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
                + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari", "17.5",
                "iOS", "17.5", DeviceInfo.MOBILE, true, "iPhone", "Apple", false);
        DeviceRecord record = new DeviceRecord(iPhone, 1_732_000_000L, 1_732_003_600L,
                "2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:8d3:1319:8a2e:370:7349",
                new Location("US", "United States", "California", "San Diego"),
                new Location("US", "United States", "California", "San Diego"));

        int bytes = DeviceNote.encode(record).getBytes(StandardCharsets.UTF_8).length;

        assertTrue(bytes < 768, "typical note takes " + bytes + " bytes");
    }

    @Test
    void longValuesAreCut() {
        String huge = "x".repeat(5000);
        DeviceInfo device = new DeviceInfo(huge, huge, huge, huge, huge, DeviceInfo.DESKTOP, false, huge, huge,
                false);
        DeviceRecord record = new DeviceRecord(device, 1, 2, huge, huge, new Location(huge, huge, huge, huge),
                new Location(huge, huge, huge, huge));

        String note = DeviceNote.encode(record);
        DeviceRecord decoded = DeviceNote.decode(note);

        assertTrue(note.length() < 2000, "note takes " + note.length() + " characters");
        assertEquals(DeviceInfo.MAX_USER_AGENT_LENGTH, decoded.device().userAgent().length());
        assertEquals(DeviceNote.MAX_VALUE_LENGTH, decoded.device().browser().length());
        assertEquals(DeviceNote.MAX_VALUE_LENGTH, decoded.location().city().length());
        assertEquals(DeviceNote.MAX_VALUE_LENGTH, decoded.initialLocation().city().length());
    }

    /** A value of only control characters is absent, not empty; a cut does not split a surrogate pair. */
    @Test
    void controlCharactersAndCuts() {
        DeviceInfo control = new DeviceInfo("\u0001\u0002", "\u0003", null, null, null, DeviceInfo.UNKNOWN, false, null,
                null, false);
        DeviceInfo decoded = roundTrip(new DeviceRecord(control, 1, 1, null, null, null, null)).device();
        assertNull(decoded.userAgent());
        assertNull(decoded.browser());

        String userAgent = "x".repeat(DeviceInfo.MAX_USER_AGENT_LENGTH - 1) + "😀";
        DeviceInfo device = new DeviceInfo(userAgent, null, null, null, null, DeviceInfo.UNKNOWN, false, null, null,
                false);
        String cut = roundTrip(new DeviceRecord(device, 1, 1, null, null, null, null)).device().userAgent();
        assertEquals("x".repeat(DeviceInfo.MAX_USER_AGENT_LENGTH - 1), cut);
    }

    /**
     * A note starts with its version and closes every field. Earlier builds also wrote lower-case and hex copies for
     * database matching: they are skipped, not needed.
     */
    @Test
    void versionFieldsAndFieldsOfEarlierBuilds() {
        DeviceRecord record = new DeviceRecord(DESKTOP, 1, 2, "10.0.0.7", LONDON_IP, LONDON, null);
        String note = DeviceNote.encode(record);
        assertTrue(note.startsWith("2|"), note);
        assertTrue(note.endsWith("|"), note);
        assertFalse(note.contains("\n"));
        assertFalse(note.contains("|b=") || note.contains("|lih="), note);

        String earlier = note.replace("2|", "2|b=chrome|o=windows|lih=4:5102458e|fih=4:0a000007|");

        assertEquals(record, DeviceNote.decode(earlier));
    }

    /** Nothing a user agent can contain ends up in a note as a delimiter, a control or a non-ASCII character. */
    @Test
    void everyValueIsPrintableAsciiWithoutDelimiters() {
        String odd = "a|b=c~d\"e\\f \u0001 é 日本 😀 %_";
        DeviceInfo device = new DeviceInfo(odd, odd, odd, odd, odd, DeviceInfo.DESKTOP, false, odd, odd, false);

        String note = DeviceNote.encode(new DeviceRecord(device, 1, 2, odd, odd, new Location(odd, odd, odd, odd),
                null));

        for (char c : note.toCharArray()) {
            assertTrue(c >= 0x20 && c < 0x7F, "character " + (int) c + " in " + note);
        }
        String[] segments = note.split("\\|");
        assertEquals("2", segments[0]);
        for (int i = 1; i < segments.length; i++) {
            assertEquals(1, segments[i].chars().filter(c -> c == '=').count(), "one field: " + segments[i]);
        }
        assertEquals(odd.replace("\u0001", ""), DeviceNote.decode(note).device().userAgent());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "garbage",
            "1",
            "{\"browser\":\"Chrome\"}",
            // versions 1 (a development format, never released) and 3 are unknown
            "1\u001fcurl/8.5.0\u001fcurl\u001f8.5.0\u001f\u001f\u001funknown\u001f0\u001f\u001f\u001f1\u001f100\u001f200"
                    + "\u001f81.2.69.142\u001f81.2.69.142\u001fGB\u001fUnited Kingdom\u001fEngland\u001fLondon",
            "3|ua=x|",
            // version 2 without its closing delimiter, without a flag, with a broken escape, with a field without '='
            "2|ac=0|mo=0|fs=1|ls=2",
            "2|mo=0|fs=1|ls=2|",
            "2|ac=0|mo=0|fs=1|ls=2|ua=~G1|",
            "2|ac=0|mo=0|fs=1|ls=2|ua|",
            // one field short
            "1\u001fua\u001fb\u001f1\u001fos\u001f1\u001fdesktop\u001f0\u001f\u001f\u001f0\u001f1\u001f2\u001f\u001f\u001f\u001f\u001f",
            // one field too many
            "1\u001fua\u001fb\u001f1\u001fos\u001f1\u001fdesktop\u001f0\u001f\u001f\u001f0\u001f1\u001f2\u001f\u001f\u001f\u001f\u001f\u001f\u001f",
            // timestamp not a number
            "1\u001fua\u001fb\u001f1\u001fos\u001f1\u001fdesktop\u001f0\u001f\u001f\u001f0\u001fnow\u001f2\u001f\u001f\u001f\u001f\u001f\u001f",
            // flag neither 0 nor 1
            "1\u001fua\u001fb\u001f1\u001fos\u001f1\u001fdesktop\u001fyes\u001f\u001f\u001f0\u001f1\u001f2\u001f\u001f\u001f\u001f\u001f\u001f"})
    void unreadableNotesDecodeToNull(String note) {
        assertNull(DeviceNote.decode(note));
    }

    @Test
    void wellFormedHandWrittenNoteDecodes() {
        DeviceRecord decoded = DeviceNote.decode("2|ua=ua|bn=b|bv=1|on=os|ov=1|dt=desktop|mo=0|ac=0|fs=1|ls=2|");

        assertEquals(new DeviceRecord(new DeviceInfo("ua", "b", "1", "os", "1", DeviceInfo.DESKTOP, false, null, null,
                false), 1, 2, null, null, null, null), decoded);
        assertEquals(DeviceInfo.UNKNOWN,
                DeviceNote.decode("2|ua=ua|bn=b|dt=smartwatch|mo=0|ac=0|fs=1|ls=2|").device().deviceType());
    }

    @Test
    void seenAgainKeepsTheFirstSightingAndMovesTheLast() {
        DeviceRecord first = new DeviceRecord(DESKTOP, 100, 100, LONDON_IP, LONDON_IP, LONDON, LONDON);

        DeviceRecord later = first.seenAgain(200, "10.0.0.1", null);

        assertEquals(new DeviceRecord(DESKTOP, 100, 200, LONDON_IP, "10.0.0.1", null, LONDON), later);
    }

    @Test
    void noteName() {
        assertEquals("kcs.device", DeviceNote.NAME);
    }
}
