package io.github.kcsessions.revocation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The session a token of the current request belongs to, found by the token's id. Keycloak's token checks ask the
 * revoked-token store about a token by its id alone ({@link EndedSessionTokensFactory}); the token itself is still in
 * the request, in the {@code Authorization} header or, for userinfo, introspection and token exchange, in a form
 * field. Only its payload's {@code jti} and {@code sid} are read: the signature is Keycloak's to check, and a token
 * that is not the one being checked answers nothing.
 */
record RequestToken(String sessionId) {

    private static final List<String> FORM_FIELDS = List.of("token", "access_token", "subject_token");
    private static final JsonFactory JSON = new JsonFactory();

    /** The session of the request's token whose id is {@code tokenId}, or null when there is none. */
    static RequestToken withId(KeycloakSession session, String tokenId) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null || tokenId == null) {
            return null;
        }
        for (String candidate : candidates(request)) {
            RequestToken found = read(candidate, tokenId);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<String> candidates(HttpRequest request) {
        List<String> candidates = new ArrayList<>(2);
        String authorization = request.getHttpHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            int space = authorization.indexOf(' ');
            candidates.add(space < 0 ? authorization : authorization.substring(space + 1).strip());
        }
        if ("POST".equals(request.getHttpMethod())) {
            MultivaluedMap<String, String> form = request.getDecodedFormParameters();
            for (String field : FORM_FIELDS) {
                String value = form.getFirst(field);
                if (value != null) {
                    candidates.add(value);
                }
            }
        }
        return candidates;
    }

    /** The token's session when its {@code jti} is {@code tokenId}; null for anything else. */
    static RequestToken read(String token, String tokenId) {
        if (token.length() > SessionTokenResolver.MAX_TOKEN_LENGTH) {
            return null;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        String jti = null;
        String sid = null;
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && name.equals("jti")) {
                    jti = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && name.equals("sid")) {
                    sid = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException notJson) {
            return null;
        }
        return tokenId.equals(jti) && sid != null ? new RequestToken(sid) : null;
    }
}
