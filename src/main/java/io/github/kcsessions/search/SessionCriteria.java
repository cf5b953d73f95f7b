package io.github.kcsessions.search;

import io.github.kcsessions.api.ApiException;
import io.github.kcsessions.api.QueryParameters;
import io.github.kcsessions.device.DeviceInfo;
import io.github.kcsessions.note.DeviceRecord;
import io.github.kcsessions.query.SessionType;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The filters of an admin session search, validated. {@code userId} and {@code clientId} choose where the sessions are
 * read from (see {@link SessionSource}); the device filters are tested on each candidate's device record, the same
 * record its view is built from, so that a filter never disagrees with what the API shows.
 *
 * @param country   ISO 3166-1 alpha-2 code, upper case
 * @param browser   compared ignoring case with the view's {@code device.browser}
 * @param os        compared ignoring case with the view's {@code device.os}
 * @param apiClient null for "either"
 */
public record SessionCriteria(String userId, String clientId, SessionType type, IpPattern ip, String country,
                       String browser, String os, Boolean apiClient) {

    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");

    public static SessionCriteria parse(String userId, String clientId, String type, String ip, String country,
                                 String browser, String os, String apiClient) {
        return new SessionCriteria(
                QueryParameters.text("userId", userId),
                QueryParameters.text("clientId", clientId),
                QueryParameters.choice("type", type, SessionType.ALL),
                IpPattern.parse(ip),
                countryCode(country),
                QueryParameters.text("browser", browser),
                QueryParameters.text("os", os),
                apiClient == null || apiClient.isEmpty() ? null : QueryParameters.bool("apiClient", apiClient));
    }

    /** Whether any filter needs the device note: the note is decoded only then. */
    boolean filtersOnDevice() {
        return ip != null || country != null || browser != null || os != null || apiClient != null;
    }

    /** Whether a session with this device record passes the device filters. */
    boolean matchesDevice(DeviceRecord record) {
        DeviceInfo device = record.device();
        String countryCode = record.location() == null ? null : record.location().countryCode();
        return (ip == null || ip.matches(record.lastIpAddress()) || ip.matches(record.initialIpAddress()))
                && (country == null || country.equals(countryCode))
                && (browser == null || (device != null && browser.equalsIgnoreCase(device.browser())))
                && (os == null || (device != null && os.equalsIgnoreCase(device.os())))
                && (apiClient == null || apiClient == (device != null && device.apiClient()));
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
}
