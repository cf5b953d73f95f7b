package io.github.kcsessions.it.email;

import io.github.kcsessions.it.support.Http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The action token of a "This wasn't me" link, and bad copies of it an attacker could make. */
final class TestRealmLinks {

    private TestRealmLinks() {
    }

    static String key(String link) {
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            if (pair.startsWith("key=")) {
                return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("No key in " + link);
    }

    /** The same token with one character of its signature changed. */
    static String tamperSignature(String jwt) {
        int at = jwt.lastIndexOf('.') + 5;
        char changed = jwt.charAt(at) == 'A' ? 'B' : 'A';
        return jwt.substring(0, at) + changed + jwt.substring(at + 1);
    }

    /** The token with one claim replaced and the original signature kept: a forgery. */
    static String withClaim(String jwt, String claim, String value) {
        String[] parts = jwt.split("\\.");
        try {
            var payload = (com.fasterxml.jackson.databind.node.ObjectNode) Http.JSON.readTree(
                    Base64.getUrlDecoder().decode(parts[1]));
            payload.put(claim, value);
            String encoded = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Http.JSON.writeValueAsBytes(payload));
            return parts[0] + "." + encoded + "." + parts[2];
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
