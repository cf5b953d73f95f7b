package io.github.kcsessions.it.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cookies as a browser on the Keycloak origin keeps them. java.net's CookieManager will not send Keycloak's
 * {@code Secure} cookies over plain-HTTP localhost, which a real browser does for localhost.
 */
public final class CookieJar {

    private final Map<String, String> cookies = new LinkedHashMap<>();

    void take(Http.Reply reply) {
        for (String setCookie : reply.headerValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            boolean expired = value.isEmpty() || setCookie.toLowerCase().contains("max-age=0");
            if (expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    public boolean isEmpty() {
        return cookies.isEmpty();
    }

    public String get(String name) {
        return cookies.get(name);
    }

    public String header() {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }
}
