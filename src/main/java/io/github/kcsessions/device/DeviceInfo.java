package io.github.kcsessions.device;

/**
 * What a user agent string, refined by client hints, says about the device behind a session. Every string is null
 * when unknown, never empty or blank. For an API client (developer tools and HTTP libraries) {@code browser} is the
 * tool; {@code mobile} is true for phones and tablets; {@code vendor} is known only for the few makers recognisable
 * from the model.
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
