package io.github.kcsessions.device;

import org.jboss.logging.Logger;
import ua_parser.Client;
import ua_parser.OS;
import ua_parser.Parser;

import java.util.Map;

/**
 * Derives a {@link DeviceInfo} from a user agent string alone, with the ua-parser library Keycloak itself ships and
 * {@link ApiClientDetector} for the tools that library does not know.
 */
final class UserAgentAnalyzer {

    private static final Logger LOG = Logger.getLogger(UserAgentAnalyzer.class);

    /** Building a parser compiles a few hundred regular expressions: done once, on first use, by class loading. */
    private static final class SharedParser {
        static final Parser INSTANCE = new Parser();
    }

    private static final String OTHER = "Other";

    /** The parser tells the mobile builds of a browser apart; a device list only needs the browser itself. */
    private static final Map<String, String> BROWSER_NAMES = Map.of(
            "Mobile Safari", "Safari",
            "Chrome Mobile", "Chrome",
            "Chrome Mobile iOS", "Chrome",
            "Firefox Mobile", "Firefox",
            "Firefox iOS", "Firefox",
            "Edge Mobile", "Edge",
            "Opera Mobile", "Opera");

    private static final Map<String, String> OS_NAMES = Map.of("Mac OS X", "macOS");

    private final ApiClientDetector apiClientDetector = new ApiClientDetector();

    /** @param userAgent a non-blank, already sanitised user agent */
    DeviceInfo analyze(String userAgent) {
        Client parsed = parse(userAgent);
        String os = osName(parsed.os);
        String osVersion = os == null ? null : version(parsed.os.major, parsed.os.minor, parsed.os.patch);
        ApiClient apiClient = apiClientDetector.detect(userAgent);
        if (apiClient != null) {
            return new DeviceInfo(userAgent, apiClient.name(), apiClient.version(), os, osVersion,
                    DeviceInfo.UNKNOWN, false, null, null, true);
        }
        String browser = browserName(parsed.userAgent.family);
        String browserVersion = browser == null ? null
                : version(parsed.userAgent.major, parsed.userAgent.minor, parsed.userAgent.patch);
        String deviceType = deviceType(userAgent, parsed, os);
        String deviceName = DeviceInfo.BOT.equals(deviceType) ? null : parsed.device.family;
        return new DeviceInfo(userAgent, browser, browserVersion, os, osVersion, deviceType,
                DeviceInfo.isMobileType(deviceType), DeviceModels.model(deviceName), DeviceModels.vendor(deviceName),
                false);
    }

    private static Client parse(String userAgent) {
        try {
            return SharedParser.INSTANCE.parse(userAgent);
        } catch (RuntimeException failure) {
            LOG.debugf(failure, "Cannot parse user agent %s", userAgent);
            return new Client(ua_parser.UserAgent.OTHER, OS.OTHER, ua_parser.Device.OTHER);
        }
    }

    private static String deviceType(String userAgent, Client parsed, String os) {
        String family = parsed.device.family;
        if ("Spider".equals(family)) {
            return DeviceInfo.BOT;
        }
        // Chrome and most Android browsers drop "Mobile" from the user agent on tablets; Firefox says "Tablet".
        boolean androidTablet = "Android".equals(os) && !userAgent.contains("Mobile");
        if (androidTablet || "iPad".equals(family) || "Generic Tablet".equals(family) || "Kindle".equals(family)) {
            return DeviceInfo.TABLET;
        }
        if ("iOS".equals(os) || "Android".equals(os) || "iPhone".equals(family) || "iPod".equals(family)
                || "Generic Smartphone".equals(family) || "Generic Feature Phone".equals(family)
                || userAgent.contains("Mobi")) {
            return DeviceInfo.MOBILE;
        }
        // iPads in their default "desktop website" mode send a Mac user agent and land here too: nothing tells them apart.
        return os != null ? DeviceInfo.DESKTOP : DeviceInfo.UNKNOWN;
    }

    private static String browserName(String family) {
        return OTHER.equals(family) ? null : BROWSER_NAMES.getOrDefault(family, family);
    }

    private static String osName(OS os) {
        return OTHER.equals(os.family) ? null : OS_NAMES.getOrDefault(os.family, os.family);
    }

    /** "major", "major.minor" or "major.minor.patch", as far as the parts go. */
    private static String version(String major, String minor, String patch) {
        if (HeaderText.isBlank(major)) {
            return null;
        }
        StringBuilder joined = new StringBuilder(major);
        for (String part : new String[] {minor, patch}) {
            if (HeaderText.isBlank(part)) {
                break;
            }
            joined.append('.').append(part);
        }
        return joined.toString();
    }
}
