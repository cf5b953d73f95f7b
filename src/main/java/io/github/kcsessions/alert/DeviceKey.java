package io.github.kcsessions.alert;

import com.google.common.hash.Hashing;
import io.github.kcsessions.device.DeviceInfo;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What makes two sign-ins "the same device" for the new-device email: browser family, OS family and kind of device.
 * Versions, addresses and places are left out on purpose (a browser update or a phone changing networks is the same
 * device). A short hash, so that a user agent's text is never stored and every key has the same small size.
 */
public record DeviceKey(String value) {

    static final int LENGTH = 12;

    public static DeviceKey of(DeviceInfo device) {
        String kind = device.apiClient() ? "api" : device.deviceType();
        String identity = String.join("|", family(device.browser()), family(device.os()), kind);
        String hash = Hashing.sha256().hashString(identity, StandardCharsets.UTF_8).toString();
        return new DeviceKey(hash.substring(0, LENGTH));
    }

    /** Whether the device says anything at all: a sign-in without a user agent is no device to remember or report. */
    public static boolean isRecognisable(DeviceInfo device) {
        return device != null && (device.browser() != null || device.os() != null);
    }

    private static String family(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }
}
