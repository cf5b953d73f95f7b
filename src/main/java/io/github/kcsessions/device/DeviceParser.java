package io.github.kcsessions.device;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jboss.logging.Logger;
import ua_parser.Client;
import ua_parser.OS;
import ua_parser.Parser;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells which device a request comes from, from its {@code User-Agent} and client hints; thread-safe and shared.
 * Results per user agent are cached, and the hints, which vary more, applied to the cached result. The user agent is
 * read with the ua-parser library Keycloak ships and {@link ApiClientDetector} for the tools it does not know; the
 * hints then correct browsers (not tools or crawlers): Chromium freezes its user agent ("Windows NT 10.0" on Windows
 * 11, "Chrome/131.0.0.0") and moved the real values to the hints.
 */
public final class DeviceParser {

    /** Most traffic comes from a few hundred distinct user agents; this many take a few megabytes at most. */
    public static final int DEFAULT_CACHE_SIZE = 2048;

    private static final Logger LOG = Logger.getLogger(DeviceParser.class);

    /** Building a parser compiles a few hundred regular expressions: done once, on first use, by class loading. */
    private static final class SharedParser {
        static final Parser INSTANCE = new Parser();
    }

    private record Release(String name, String version) {
    }

    /**
     * @param makerName the prefix is the maker's name put in front of the model by the parser, not part of the model
     */
    private record VendorPrefix(String prefix, String vendor, boolean makerName) {
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

    private static final Map<String, String> BRAND_NAMES = Map.of(
            "Google Chrome", "Chrome",
            "Microsoft Edge", "Edge");

    /** Windows 11 reports platform version 13 and up, Windows 10 1 to 12; 0 means Windows 7, 8 or 8.1. */
    private static final int FIRST_WINDOWS_11_PLATFORM_VERSION = 13;

    /** Platforms whose user agent Chromium freezes: the hint is the truth. Elsewhere the user agent may say more. */
    private static final Set<String> FROZEN_PLATFORMS = Set.of("macOS", "Android", "Chrome OS", "Chromium OS");

    /** The brand naming the browser engine rather than the browser: the last choice. */
    private static final String CHROMIUM = "Chromium";

    /**
     * Device names (families) that name no actual device: placeholders, crawler markers, generic form factors. The
     * user-agent parser reports only a family such as "Samsung SM-S911B" or "Pixel 8", so the vendor is recognised from
     * the name's prefix; it stays null rather than being guessed.
     */
    private static final Set<String> NOT_A_MODEL = Set.of("Other", "Spider", "K", "Generic Smartphone",
            "Generic Tablet", "Generic Feature Phone");

    private static final List<VendorPrefix> VENDORS = List.of(
            new VendorPrefix("iPhone", "Apple", false),
            new VendorPrefix("iPad", "Apple", false),
            new VendorPrefix("iPod", "Apple", false),
            new VendorPrefix("Mac", "Apple", false),
            new VendorPrefix("Samsung ", "Samsung", true),
            new VendorPrefix("SM-", "Samsung", false),
            new VendorPrefix("Galaxy", "Samsung", false),
            new VendorPrefix("Pixel", "Google", false),
            new VendorPrefix("Nexus", "Google", false),
            new VendorPrefix("Kindle", "Amazon", false),
            new VendorPrefix("Huawei ", "Huawei", true),
            new VendorPrefix("Xiaomi ", "Xiaomi", true),
            new VendorPrefix("Redmi", "Xiaomi", false),
            new VendorPrefix("OnePlus", "OnePlus", false),
            new VendorPrefix("moto", "Motorola", false),
            new VendorPrefix("Nokia", "Nokia", false));

    private final Cache<String, DeviceInfo> cache;

    public DeviceParser() {
        this(DEFAULT_CACHE_SIZE);
    }

    /** @param cacheSize how many distinct user agents to keep parsed; 0 parses every time */
    public DeviceParser(int cacheSize) {
        // As Keycloak caches its own uap-java results (DeviceRepresentationProviderFactoryImpl): Caffeine, by size.
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /**
     * @param userAgent the {@code User-Agent} header; null or blank gives {@link DeviceInfo#NONE}
     * @param hints     the request's client hints; null is the same as {@link ClientHints#NONE}
     */
    public DeviceInfo parse(String userAgent, ClientHints hints) {
        String normalized = normalizeUserAgent(userAgent);
        if (normalized == null) {
            return DeviceInfo.NONE;
        }
        DeviceInfo fromUserAgent = cache.get(normalized, DeviceParser::analyze);
        return refine(fromUserAgent, hints);
    }

    /**
     * A {@code User-Agent} header as {@link DeviceInfo#userAgent()} keeps it: control characters removed, cut to
     * {@value DeviceInfo#MAX_USER_AGENT_LENGTH} characters, surrounding white space stripped; null when nothing is left.
     * Compare a request's header with a stored user agent only in this form.
     */
    public static String normalizeUserAgent(String userAgent) {
        String cleaned = clean(userAgent, DeviceInfo.MAX_USER_AGENT_LENGTH);
        return isBlank(cleaned) ? null : cleaned.strip();
    }

    /**
     * Removes control characters (they have no place in any stored value and one of them is the note separator) and
     * cuts the result to {@code maxLength} characters without splitting a surrogate pair. Null stays null, an empty
     * string stays empty.
     */
    static String clean(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length() && kept.length() < maxLength; i++) {
            char c = value.charAt(i);
            if (!Character.isISOControl(c)) {
                kept.append(c);
            }
        }
        if (kept.length() > 0 && Character.isHighSurrogate(kept.charAt(kept.length() - 1))) {
            kept.setLength(kept.length() - 1);
        }
        return kept.toString();
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** What a non-blank, already sanitised user agent alone says. */
    private static DeviceInfo analyze(String userAgent) {
        Client parsed = parseUserAgent(userAgent);
        String os = OTHER.equals(parsed.os.family) ? null : OS_NAMES.getOrDefault(parsed.os.family, parsed.os.family);
        String osVersion = os == null ? null : version(parsed.os.major, parsed.os.minor, parsed.os.patch);
        DeviceInfo apiClient = ApiClientDetector.detect(userAgent, os, osVersion);
        if (apiClient != null) {
            return apiClient;
        }
        String family = parsed.userAgent.family;
        String browser = OTHER.equals(family) ? null : BROWSER_NAMES.getOrDefault(family, family);
        String browserVersion = browser == null ? null
                : version(parsed.userAgent.major, parsed.userAgent.minor, parsed.userAgent.patch);
        String deviceType = deviceType(userAgent, parsed, os);
        String deviceName = DeviceInfo.BOT.equals(deviceType) ? null : parsed.device.family;
        return new DeviceInfo(userAgent, browser, browserVersion, os, osVersion, deviceType,
                DeviceInfo.isMobileType(deviceType), model(deviceName), vendor(deviceName),
                false);
    }

    private static Client parseUserAgent(String userAgent) {
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

    /** "major", "major.minor" or "major.minor.patch", as far as the parts go. */
    private static String version(String major, String minor, String patch) {
        if (isBlank(major)) {
            return null;
        }
        StringBuilder joined = new StringBuilder(major);
        for (String part : new String[] {minor, patch}) {
            if (isBlank(part)) {
                break;
            }
            joined.append('.').append(part);
        }
        return joined.toString();
    }

    /** The model a device name denotes, without a leading maker name; null for placeholders. */
    private static String model(String deviceName) {
        if (isBlank(deviceName) || NOT_A_MODEL.contains(deviceName)) {
            return null;
        }
        VendorPrefix vendor = vendorPrefixOf(deviceName);
        if (vendor != null && vendor.makerName() && deviceName.length() > vendor.prefix().length()) {
            return deviceName.substring(vendor.prefix().length());
        }
        return deviceName;
    }

    /** The maker of a device name, or null when not one of the few recognised. */
    private static String vendor(String deviceName) {
        VendorPrefix vendor = deviceName == null ? null : vendorPrefixOf(deviceName);
        return vendor == null ? null : vendor.vendor();
    }

    private static VendorPrefix vendorPrefixOf(String deviceName) {
        for (VendorPrefix entry : VENDORS) {
            if (deviceName.regionMatches(true, 0, entry.prefix(), 0, entry.prefix().length())) {
                return entry;
            }
        }
        return null;
    }

    private static DeviceInfo refine(DeviceInfo device, ClientHints hints) {
        boolean noHints = hints == null || hints.equals(ClientHints.NONE);
        if (noHints || device.apiClient() || DeviceInfo.BOT.equals(device.deviceType())) {
            return device;
        }
        boolean undecided = DeviceInfo.DESKTOP.equals(device.deviceType())
                || DeviceInfo.UNKNOWN.equals(device.deviceType());
        String deviceType = Boolean.TRUE.equals(hints.mobile()) && undecided ? DeviceInfo.MOBILE : device.deviceType();
        String model = hints.model() != null ? model(hints.model()) : device.model();
        String vendor = hints.model() != null ? vendor(hints.model()) : device.vendor();
        Release browser = refineBrowser(new Release(device.browser(), device.browserVersion()), hints);
        Release os = refineOs(new Release(device.os(), device.osVersion()), hints);
        return new DeviceInfo(device.userAgent(), browser.name(), browser.version(), os.name(), os.version(),
                deviceType, DeviceInfo.isMobileType(deviceType), model, vendor, false);
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
        String hinted = BRAND_NAMES.getOrDefault(brand.name(), brand.name());
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
        String platformVersion = isBlank(hints.platformVersion()) ? null : hints.platformVersion();
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
        int major = -1;
        if (platformVersion != null) {
            int dot = platformVersion.indexOf('.');
            try {
                major = Integer.parseInt(dot < 0 ? platformVersion : platformVersion.substring(0, dot));
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        if (major >= FIRST_WINDOWS_11_PLATFORM_VERSION) {
            return "11";
        }
        return major >= 1 ? "10" : null;
    }
}
