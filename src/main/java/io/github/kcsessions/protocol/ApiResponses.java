package io.github.kcsessions.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one operation of this API: {@code Cache-Control: no-store}, JSON bodies, errors in the {@link ApiException.Body}
 * schema. No exception may escape, since Keycloak's error handler would answer in another schema.
 */
public final class ApiResponses {

    private static final Logger LOG = Logger.getLogger(ApiResponses.class);
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");
    /**
     * Not the server's JAX-RS Jackson provider: the wire format (which nulls appear, field order) is fixed by the
     * representation classes alone and not by server configuration.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<BrowserSecurityHeaders> REST_HEADERS = List.of(
            BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY, BrowserSecurityHeaders.X_FRAME_OPTIONS,
            BrowserSecurityHeaders.X_CONTENT_TYPE_OPTIONS, BrowserSecurityHeaders.REFERRER_POLICY,
            BrowserSecurityHeaders.X_ROBOTS_TAG);

    private ApiResponses() {
    }

    public static Response run(KeycloakSession session, Supplier<Response> operation) {
        Response response;
        try {
            response = operation.get();
        } catch (ApiException e) {
            response = error(session, e);
        } catch (ForbiddenException e) {
            // Keycloak's own permission checks (AdminPermissionEvaluator) refuse this way.
            response = error(session, ApiException.forbidden(
                    "The administrator's realm-management roles do not allow this for these users."));
        } catch (RuntimeException e) {
            LOG.error("Session API request failed", e);
            session.getTransactionManager().setRollbackOnly();
            response = error(session, new ApiException(Response.Status.INTERNAL_SERVER_ERROR, "internal_error",
                    "The server could not complete the request; the server log has the details."));
        }
        return guard(session, response);
    }

    public static Response ok(Object body) {
        return json(Response.Status.OK, body).build();
    }

    public static Response noContent() {
        return Response.noContent().cacheControl(NO_STORE).build();
    }

    private static Response.ResponseBuilder json(Response.Status status, Object body) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .cacheControl(NO_STORE)
                .entity(toJson(body));
    }

    static Response error(KeycloakSession session, ApiException e) {
        Response.ResponseBuilder response = json(e.status(), e.toError());
        if (e.challenge() != ApiException.Challenge.NONE) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, e.bearerChallenge(session.getContext().getRealm().getName()));
        }
        return response.build();
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static Response guard(KeycloakSession session, Response response) {
        if (response == null || contentTypeReadable(session)) {
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
    public static boolean contentTypeReadable(KeycloakSession session) {
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
