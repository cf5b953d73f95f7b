package io.github.kcsessions.admin;

import io.github.kcsessions.http.ApiException;
import io.github.kcsessions.http.QueryParameters;
import io.github.kcsessions.query.SessionType;
import io.github.kcsessions.view.SessionDeviceFacts;
import org.keycloak.models.UserSessionModel;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The filters of an admin session search, validated. {@code userId} and {@code clientId} choose where the sessions are
 * read from (see {@link SessionSource}); the device filters are tested on each candidate session.
 *
 * @param country   ISO 3166-1 alpha-2 code, upper case
 * @param browser   compared ignoring case with the view's {@code device.browser}
 * @param os        compared ignoring case with the view's {@code device.os}
 * @param apiClient null for "either"
 */
record SessionCriteria(String userId, String clientId, SessionType type, IpPattern ip, String country,
                       String browser, String os, Boolean apiClient) {

    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");

    static SessionCriteria parse(String userId, String clientId, String type, String ip, String country,
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

    boolean matchesDevice(UserSessionModel session) {
        if (!filtersOnDevice()) {
            return true;
        }
        SessionDeviceFacts facts = SessionDeviceFacts.of(session);
        return (ip == null || ip.matches(facts.ipAddress()) || ip.matches(facts.initialIpAddress()))
                && (country == null || country.equals(facts.countryCode()))
                && (browser == null || browser.equalsIgnoreCase(facts.browser()))
                && (os == null || os.equalsIgnoreCase(facts.os()))
                && (apiClient == null || apiClient == facts.apiClient());
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
