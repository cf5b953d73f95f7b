package io.github.kcsessions.device;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
        DeviceInfo fromUserAgent = cache.get(normalized, analyzer::analyze);
        return refiner.refine(fromUserAgent, hints);
    }

    /**
     * A {@code User-Agent} header as {@link DeviceInfo#userAgent()} keeps it: control characters removed, cut to
     * {@value DeviceInfo#MAX_USER_AGENT_LENGTH} characters, surrounding white space stripped; null when nothing is left.
     * Compare a request's header with a stored user agent only in this form.
     */
    public static String normalizeUserAgent(String userAgent) {
        String cleaned = HeaderText.clean(userAgent, DeviceInfo.MAX_USER_AGENT_LENGTH);
        return HeaderText.isBlank(cleaned) ? null : cleaned.strip();
    }
}
