package io.github.kcsessions.device;

/**
 * What a user agent string, refined by client hints, says about the device behind a session. Every string is null
 * when unknown, never empty or blank.
 *
 * @param userAgent      the raw {@code User-Agent}, control characters removed, cut to {@value #MAX_USER_AGENT_LENGTH}
 *                       characters
 * @param browser        e.g. "Chrome", "Firefox", "Safari", "Edge"; for an API client the tool, e.g. "curl", "Postman"
 * @param browserVersion e.g. "131.0.6778.86" when client hints gave it, "133.0" from a user agent, "8.5.0" for curl
 * @param os             e.g. "Windows", "macOS", "Linux", "iOS" (also for iPads), "Android", "Chrome OS"
 * @param osVersion      e.g. "11", "10.15.7", "17.5"
 * @param deviceType     exactly one of {@link #DESKTOP}, {@link #MOBILE}, {@link #TABLET}, {@link #BOT},
 *                       {@link #UNKNOWN}
 * @param mobile         true for a mobile device, that is a phone or a tablet ({@code deviceType} mobile or tablet)
 * @param model          e.g. "iPhone", "iPad", "Pixel 8", "SM-S911B", "Mac"
 * @param vendor         the maker, e.g. "Apple", "Samsung", "Google"; only for the few makers recognisable from the
 *                       model
 * @param apiClient      true for developer tools and HTTP libraries (curl, Postman, python-requests, okhttp, ...)
 */
public record DeviceInfo(String userAgent, String browser, String browserVersion, String os, String osVersion,
                         String deviceType, boolean mobile, String model, String vendor, boolean apiClient) {

    public static final String DESKTOP = "desktop";
    public static final String MOBILE = "mobile";
    public static final String TABLET = "tablet";
    public static final String BOT = "bot";
    public static final String UNKNOWN = "unknown";

    public static final int MAX_USER_AGENT_LENGTH = 512;

    /** The device of a request without a user agent. */
    public static final DeviceInfo NONE =
            new DeviceInfo(null, null, null, null, null, UNKNOWN, false, null, null, false);

    public DeviceInfo {
        // Absent, never empty: an empty brand or platform from a client hint says nothing.
        userAgent = blankAsNull(userAgent);
        browser = blankAsNull(browser);
        browserVersion = blankAsNull(browserVersion);
        os = blankAsNull(os);
        osVersion = blankAsNull(osVersion);
        model = blankAsNull(model);
        vendor = blankAsNull(vendor);
        if (!DESKTOP.equals(deviceType) && !isMobileType(deviceType) && !BOT.equals(deviceType)) {
            deviceType = UNKNOWN;
        }
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Whether a device type denotes a mobile device, see {@link #mobile()}. */
    public static boolean isMobileType(String deviceType) {
        return MOBILE.equals(deviceType) || TABLET.equals(deviceType);
    }
}
