package io.github.kcsessions.alert;

import io.github.kcsessions.device.DeviceInfo;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownDevicesTest {

    private static final long TODAY = 20_000;

    private static DeviceInfo device(String browser, String version, String os, String type, boolean api) {
        return new DeviceInfo("ua", browser, version, os, null, type, false, null, null, api);
    }

    private static final DeviceKey FIREFOX_LINUX = DeviceKey.of(device("Firefox", "133.0", "Linux", "desktop", false));

    @Test
    void aBrowserUpdateIsTheSameDeviceAnotherBrowserOrKindIsNot() {
        assertEquals(FIREFOX_LINUX, DeviceKey.of(device("firefox", "134.0", "Linux", "desktop", false)));
        assertNotEquals(FIREFOX_LINUX, DeviceKey.of(device("Chrome", "131", "Linux", "desktop", false)));
        assertNotEquals(FIREFOX_LINUX, DeviceKey.of(device("Firefox", "133.0", "Windows", "desktop", false)));
        assertNotEquals(FIREFOX_LINUX, DeviceKey.of(device("Firefox", "133.0", "Linux", "mobile", false)));
        assertNotEquals(DeviceKey.of(device("curl", "8.5", null, "unknown", false)),
                DeviceKey.of(device("curl", "8.5", null, "unknown", true)));
        assertEquals(DeviceKey.LENGTH, FIREFOX_LINUX.value().length());
    }

    @Test
    void aDeviceWithoutBrowserOrOsIsNotRecognisable() {
        assertFalse(DeviceKey.isRecognisable(DeviceInfo.NONE));
        assertFalse(DeviceKey.isRecognisable(null));
        assertTrue(DeviceKey.isRecognisable(device("curl", null, null, "unknown", true)));
    }

    @Test
    void anEmptyMemoryKnowsNothingAndRemembers() {
        KnownDevices none = KnownDevices.parse(null);
        assertTrue(none.isEmpty());
        assertFalse(none.knows(FIREFOX_LINUX, TODAY));
        KnownDevices one = none.remember(FIREFOX_LINUX, TODAY);
        assertTrue(one.knows(FIREFOX_LINUX, TODAY));
        assertEquals(one.text(), KnownDevices.parse(one.text()).text());
        assertTrue(KnownDevices.parse(one.text()).knows(FIREFOX_LINUX, TODAY + 1));
    }

    @Test
    void devicesNotSeenForHalfAYearAreForgotten() {
        KnownDevices memory = KnownDevices.parse(null).remember(FIREFOX_LINUX, TODAY);
        assertTrue(memory.knows(FIREFOX_LINUX, TODAY + KnownDevices.FORGET_AFTER_DAYS - 1));
        assertFalse(memory.knows(FIREFOX_LINUX, TODAY + KnownDevices.FORGET_AFTER_DAYS));
        DeviceKey other = DeviceKey.of(device("Chrome", "1", "Windows", "desktop", false));
        assertEquals(1, memory.remember(other, TODAY + KnownDevices.FORGET_AFTER_DAYS).size());
    }

    @Test
    void aFullMemoryForgetsTheDeviceSeenLongestAgoAndStaysSmall() {
        KnownDevices memory = KnownDevices.parse(null).remember(FIREFOX_LINUX, TODAY);
        for (int i = 1; i <= KnownDevices.CAPACITY; i++) {
            memory = memory.remember(DeviceKey.of(device("Browser" + i, "1", "OS", "desktop", false)), TODAY + i);
        }
        assertEquals(KnownDevices.CAPACITY, memory.size());
        assertFalse(memory.knows(FIREFOX_LINUX, TODAY + 20));
        assertTrue(memory.text().length() < 255, memory.text());
    }

    @Test
    void signingInAgainRefreshesTheDayWithoutDuplicates() {
        KnownDevices memory = KnownDevices.parse(null).remember(FIREFOX_LINUX, TODAY).remember(FIREFOX_LINUX, TODAY + 100);
        assertEquals(1, memory.size());
        assertTrue(memory.knows(FIREFOX_LINUX, TODAY + 250));
    }

    @Test
    void unreadableTextIsDroppedNotTrusted() {
        KnownDevices memory = KnownDevices.parse("garbage,<script>@1," + FIREFOX_LINUX.value() + "@" + TODAY + ",abc@def");
        assertEquals(1, memory.size());
        assertTrue(memory.knows(FIREFOX_LINUX, TODAY));
    }
}
