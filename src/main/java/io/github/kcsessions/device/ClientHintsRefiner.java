package io.github.kcsessions.device;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Corrects what a user agent says with the client hints of the same request. Chromium freezes its user agent
 * ("Windows NT 10.0" on Windows 11, "Android 10; K", "Chrome/131.0.0.0") and moved the real values to the hints.
 * Hints refine browsers only: tools and crawlers have no reason to send them, so there they are ignored.
 */
final class ClientHintsRefiner {

    private record Release(String name, String version) {
    }

    /** Windows 11 reports platform version 13 and up, Windows 10 1 to 12; 0 means Windows 7, 8 or 8.1. */
    private static final int FIRST_WINDOWS_11_PLATFORM_VERSION = 13;

    /** Platforms whose user agent Chromium freezes: the hint is the truth. Elsewhere the user agent may say more. */
    private static final Set<String> FROZEN_PLATFORMS = Set.of("macOS", "Android", "Chrome OS", "Chromium OS");

    /** The brand naming the browser engine rather than the browser: the last choice. */
    private static final String CHROMIUM = "Chromium";

    private static final Map<String, String> BROWSER_NAMES = Map.of(
            "Google Chrome", "Chrome",
            "Microsoft Edge", "Edge");

    DeviceInfo refine(DeviceInfo device, ClientHints hints) {
        boolean noHints = hints == null || hints.equals(ClientHints.NONE);
        if (noHints || device.apiClient() || DeviceInfo.BOT.equals(device.deviceType())) {
            return device;
        }
        String deviceType = refineDeviceType(device.deviceType(), hints);
        String model = hints.model() != null ? DeviceModels.model(hints.model()) : device.model();
        String vendor = hints.model() != null ? DeviceModels.vendor(hints.model()) : device.vendor();
        Release browser = refineBrowser(new Release(device.browser(), device.browserVersion()), hints);
        Release os = refineOs(new Release(device.os(), device.osVersion()), hints);
        return new DeviceInfo(device.userAgent(), browser.name(), browser.version(), os.name(), os.version(),
                deviceType, DeviceInfo.isMobileType(deviceType), model, vendor, false);
    }

    private static String refineDeviceType(String deviceType, ClientHints hints) {
        boolean undecided = DeviceInfo.DESKTOP.equals(deviceType) || DeviceInfo.UNKNOWN.equals(deviceType);
        return Boolean.TRUE.equals(hints.mobile()) && undecided ? DeviceInfo.MOBILE : deviceType;
    }

    /**
     * The hints name the browser the user agent may hide (Brave looks exactly like Chrome) and, in the full version
     * list, its exact version. A brand replaces the parsed browser only when it is the same browser or the parsed one
     * is plain Chrome, the name Chromium derivatives hide behind.
     */
    private static Release refineBrowser(Release parsed, ClientHints hints) {
        boolean precise = !hints.fullVersionList().isEmpty();
        Brand brand = preferredBrand(precise ? hints.fullVersionList() : hints.brands());
        if (brand == null) {
            return parsed;
        }
        String hinted = BROWSER_NAMES.getOrDefault(brand.name(), brand.name());
        if (hinted.equals(parsed.name())) {
            return precise && brand.version() != null ? new Release(hinted, brand.version()) : parsed;
        }
        boolean hiddenBehindChrome = "Chrome".equals(parsed.name()) && !CHROMIUM.equals(brand.name());
        return parsed.name() == null || hiddenBehindChrome ? new Release(hinted, brand.version()) : parsed;
    }

    /** The first brand that is a browser, else the engine. */
    private static Brand preferredBrand(List<Brand> brands) {
        return brands.stream()
                .filter(brand -> !CHROMIUM.equals(brand.name()))
                .findFirst()
                .orElse(brands.isEmpty() ? null : brands.get(0));
    }

    private static Release refineOs(Release parsed, ClientHints hints) {
        String platform = hints.platform();
        if (platform == null || "Unknown".equals(platform)) {
            return parsed;
        }
        String platformVersion = HeaderText.isBlank(hints.platformVersion()) ? null : hints.platformVersion();
        String versionIfSame = platform.equals(parsed.name()) ? parsed.version() : null;
        if ("Windows".equals(platform)) {
            String release = windowsRelease(platformVersion);
            return new Release(platform, release != null ? release : versionIfSame);
        }
        if (FROZEN_PLATFORMS.contains(platform)) {
            return new Release(platform, platformVersion != null ? platformVersion : versionIfSame);
        }
        return parsed.name() == null ? new Release(platform, platformVersion) : parsed;
    }

    /** The Windows release a platform version denotes; null when it does not tell (older Windows, garbage). */
    private static String windowsRelease(String platformVersion) {
        int major = majorOf(platformVersion);
        if (major >= FIRST_WINDOWS_11_PLATFORM_VERSION) {
            return "11";
        }
        return major >= 1 ? "10" : null;
    }

    private static int majorOf(String version) {
        if (version == null) {
            return -1;
        }
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
