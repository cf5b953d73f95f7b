package io.github.kcsessions.sessions;

import io.github.kcsessions.protocol.ApiException;
import io.github.kcsessions.protocol.QueryParameters;
import io.github.kcsessions.storage.SessionRowFilter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The filters of an admin session search, validated: each becomes a condition the device table's indexes serve
 * ({@link #rows}), written from the same device record the session's view is built from, so that a filter never
 * disagrees with what the API shows. Null does not filter; {@code browser} and {@code os} ignore case.
 */
public record SessionCriteria(String userId, String clientId, SessionType type, IpPattern ip, String country,
                              String browser, String os, Boolean apiClient, Integer activeSince, Integer activeUntil) {

    public static final Set<String> PARAMETERS = Set.of("userId", "clientId", "type", "ip", "country", "browser", "os",
            "apiClient", "since", "until");

    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");

    /** The criteria of a request's query parameters ({@code parameter} answers null for an absent one). */
    public static SessionCriteria parse(Function<String, String> parameter) {
        String apiClient = parameter.apply("apiClient");
        Integer since = instant("since", parameter.apply("since"));
        Integer until = instant("until", parameter.apply("until"));
        if (since != null && until != null && since > until) {
            throw ApiException.invalidParameter("until", "'until' must not be before 'since'.");
        }
        return new SessionCriteria(
                QueryParameters.text("userId", parameter.apply("userId")),
                QueryParameters.text("clientId", parameter.apply("clientId")),
                QueryParameters.choice("type", parameter.apply("type"), SessionType.ALL),
                IpPattern.parse(parameter.apply("ip")),
                countryCode(parameter.apply("country")),
                QueryParameters.text("browser", parameter.apply("browser")),
                QueryParameters.text("os", parameter.apply("os")),
                apiClient == null || apiClient.isEmpty() ? null : QueryParameters.bool("apiClient", apiClient),
                since, until);
    }

    /** Whether any filter at all narrows the search: a revocation by filter needs one. */
    public boolean narrows() {
        return userId != null || clientId != null || ip != null || country != null || browser != null || os != null
                || apiClient != null || activeSince != null || activeUntil != null;
    }

    /** The rows of the realm's device table these criteria take; the client by its internal id. */
    public SessionRowFilter rows(String realmId, String clientUuid) {
        return new SessionRowFilter(realmId, userId, type.offline(), clientUuid, country, lower(browser), lower(os),
                apiClient, ip == null ? null : ip.range().lowest(), ip == null ? null : ip.range().highest(),
                activeSince, activeUntil, null);
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    private static String countryCode(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!COUNTRY_CODE.matcher(raw).matches()) {
            throw ApiException.invalidParameter("country", "'country' must be a two-letter country code, e.g. GB.");
        }
        return raw.toUpperCase(Locale.ROOT);
    }

    /** An ISO-8601 instant ({@code 2026-11-23T10:00:00Z}) or epoch seconds, as epoch seconds. */
    private static Integer instant(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            long seconds = raw.matches("\\d{1,10}") ? Long.parseLong(raw) : Instant.parse(raw).getEpochSecond();
            if (seconds < 0 || seconds > Integer.MAX_VALUE) {
                throw new DateTimeParseException("out of range", raw, 0);
            }
            return (int) seconds;
        } catch (DateTimeParseException e) {
            throw ApiException.invalidParameter(name,
                    "'" + name + "' must be a time such as 2026-11-23T10:00:00Z, or seconds since 1970.");
        }
    }
}
