package io.github.kcsessions.alert;

import io.github.kcsessions.device.DeviceInfo;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceKeyTest {

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

    /** Keys are stored (KCS_KNOWN_DEVICE): a build that computed them otherwise would mail every user again. */
    @Test
    void theStoredFormIsTheFirstTwelveHexDigitsOfTheSha256OfFamiliesAndKind() {
        assertEquals("562fb58e9309", FIREFOX_LINUX.value()); // printf 'firefox|linux|desktop' | sha256sum
    }

    @Test
    void aDeviceWithoutBrowserOrOsIsNotRecognisable() {
        assertFalse(DeviceKey.isRecognisable(DeviceInfo.NONE));
        assertFalse(DeviceKey.isRecognisable(null));
        assertTrue(DeviceKey.isRecognisable(device("curl", null, null, "unknown", true)));
    }
}
