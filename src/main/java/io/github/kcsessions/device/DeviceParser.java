package io.github.kcsessions.device;

/**
 * Tells which device a request comes from, from its {@code User-Agent} and client hints. Thread-safe; meant to be
 * shared. The first call loads the user-agent parser's rules, which takes a moment; results per user agent are
 * cached, and the hints, which vary more, are applied to the cached result.
 */
public final class DeviceParser {

    /** Most traffic comes from a few hundred distinct user agents; this many take a few megabytes at most. */
    public static final int DEFAULT_CACHE_SIZE = 2048;

    private final UserAgentAnalyzer analyzer = new UserAgentAnalyzer();
    private final ClientHintsRefiner refiner = new ClientHintsRefiner();
    private final LruCache<String, DeviceInfo> cache;

    public DeviceParser() {
        this(DEFAULT_CACHE_SIZE);
    }

    public DeviceParser(int cacheSize) {
        this.cache = new LruCache<>(cacheSize);
    }

    /**
     * @param userAgent the {@code User-Agent} header; null or blank gives {@link DeviceInfo#NONE}
     * @param hints     the request's client hints; null is the same as {@link ClientHints#NONE}
     */
    public DeviceInfo parse(String userAgent, ClientHints hints) {
        String cleaned = Text.clean(userAgent, DeviceInfo.MAX_USER_AGENT_LENGTH);
        if (Text.isBlank(cleaned)) {
            return DeviceInfo.NONE;
        }
        DeviceInfo fromUserAgent = cache.get(cleaned.strip(), analyzer::analyze);
        return refiner.refine(fromUserAgent, hints);
    }
}
