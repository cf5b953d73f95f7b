package io.github.kcsessions.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownDevicesTest {

    private static final long TODAY = 20_000;
    private static final String FIREFOX_LINUX = "0123456789ab";

    private static String key(int i) {
        return String.format("%012x", i + 1000);
    }

    @Test
    void anEmptyMemoryKnowsNothingAndRemembers() {
        KnownDevices none = KnownDevices.of(List.of());
        assertTrue(none.isEmpty());
        assertFalse(none.knows(FIREFOX_LINUX, TODAY));
        KnownDevices one = none.remember(FIREFOX_LINUX, TODAY);
        assertTrue(one.knows(FIREFOX_LINUX, TODAY));
        assertTrue(one.knows(FIREFOX_LINUX, TODAY + 1));
        assertEquals(TODAY, one.lastDay(FIREFOX_LINUX));
    }

    @Test
    void devicesNotSeenForHalfAYearAreForgotten() {
        KnownDevices memory = KnownDevices.of(List.of()).remember(FIREFOX_LINUX, TODAY);
        assertTrue(memory.knows(FIREFOX_LINUX, TODAY + KnownDevices.FORGET_AFTER_DAYS - 1));
        assertFalse(memory.knows(FIREFOX_LINUX, TODAY + KnownDevices.FORGET_AFTER_DAYS));
        KnownDevices later = memory.remember(key(1), TODAY + KnownDevices.FORGET_AFTER_DAYS);
        assertEquals(1, later.entries().size());
        assertEquals(List.of(FIREFOX_LINUX), memory.forgottenIn(later));
    }

    @Test
    void aFullMemoryForgetsTheDeviceSeenLongestAgo() {
        KnownDevices memory = KnownDevices.of(List.of()).remember(FIREFOX_LINUX, TODAY);
        for (int i = 1; i <= KnownDevices.CAPACITY; i++) {
            memory = memory.remember(key(i), TODAY + i);
        }
        assertEquals(KnownDevices.CAPACITY, memory.entries().size());
        assertFalse(memory.knows(FIREFOX_LINUX, TODAY + 20));
        assertNull(memory.lastDay(FIREFOX_LINUX));
    }

    @Test
    void signingInAgainRefreshesTheDayWithoutDuplicates() {
        KnownDevices memory = KnownDevices.of(List.of()).remember(FIREFOX_LINUX, TODAY).remember(FIREFOX_LINUX, TODAY + 100);
        assertEquals(1, memory.entries().size());
        assertTrue(memory.knows(FIREFOX_LINUX, TODAY + 250));
        assertEquals(List.of(), KnownDevices.of(List.of(new KnownDevices.Entry(FIREFOX_LINUX, TODAY))).forgottenIn(memory));
    }

    @Test
    void theLegacyAttributeIsReadAndUnreadableEntriesAreDroppedNotTrusted() {
        KnownDevices memory = KnownDevices.parse("garbage,<script>@1," + FIREFOX_LINUX + "@" + TODAY + ",abc@def");
        assertEquals(List.of(new KnownDevices.Entry(FIREFOX_LINUX, TODAY)), memory.entries());
        assertTrue(KnownDevices.parse(null).isEmpty());
    }
}
