package io.github.kcsessions.protocol;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.List;
import java.util.Map;

/**
 * Keycloak's security-headers response filter reads the request's media type through JAX-RS, whose parser throws on a
 * {@code Content-Type} such as {@code application/json, text/plain}: every Keycloak endpoint then answers a bare 500.
 * For such a request this API tells the filter to skip the response and writes the headers the filter would have
 * written for a REST response itself, with the realm's values.
 */
public final class UnreadableContentType {

    private static final List<BrowserSecurityHeaders> REST_HEADERS = List.of(
            BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY, BrowserSecurityHeaders.X_FRAME_OPTIONS,
            BrowserSecurityHeaders.X_CONTENT_TYPE_OPTIONS, BrowserSecurityHeaders.REFERRER_POLICY,
            BrowserSecurityHeaders.X_ROBOTS_TAG);

    private UnreadableContentType() {
    }

    /** The response as it is, or, when the request's media type cannot be parsed, with the headers written here. */
    public static Response guard(KeycloakSession session, Response response) {
        if (response == null || isReadable(session)) {
            return response;
        }
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        Response.ResponseBuilder guarded = Response.fromResponse(response);
        RealmModel realm = session.getContext().getRealm();
        Map<String, String> configured = realm == null ? Map.of() : realm.getBrowserSecurityHeaders();
        for (BrowserSecurityHeaders header : REST_HEADERS) {
            String value = configured.getOrDefault(header.getKey(), header.getDefaultValue());
            if (value != null && !value.isEmpty()) {
                guarded.header(header.getHeaderName(), value);
            }
        }
        return guarded.build();
    }

    /** Parsed by the server's own JAX-RS parser, as the filter will parse it. */
    public static boolean isReadable(KeycloakSession session) {
        List<String> values = session.getContext().getHttpRequest().getHttpHeaders()
                .getRequestHeader(HttpHeaders.CONTENT_TYPE);
        if (values == null || values.isEmpty()) {
            return true;
        }
        try {
            for (String value : values) {
                MediaType.valueOf(value);
            }
            return true;
        } catch (IllegalArgumentException unparseable) {
            return false;
        }
    }
}
