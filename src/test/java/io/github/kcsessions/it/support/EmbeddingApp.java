package io.github.kcsessions.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A web app of its own, on its own origin ({@code http://localhost:<port>}, while Keycloak is at
 * {@code http://127.0.0.1:<port>}), that signs its users in with keycloak-js and embeds {@code <keycloak-sessions>}
 * from the extension's URL, exactly as docs/embedding.md shows. Its pages record the element's events in
 * {@code window.kcsEvents}.
 */
public final class EmbeddingApp implements AutoCloseable {

    public static final String CLIENT_ID = "embedding-app";
    private static final String KEYCLOAK_JS = "META-INF/resources/webjars/keycloak-js/25.0.4/dist/keycloak.js";

    private final HttpServer server;
    private final int port;

    private EmbeddingApp(HttpServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** The app's client, for a realm representation: a public client whose origin is the app's. */
    public static Map<String, Object> client(int port) {
        String origin = "http://localhost:" + port;
        return Map.of("clientId", CLIENT_ID, "name", "Embedding app", "publicClient", true,
                "standardFlowEnabled", true, "redirectUris", List.of(origin + "/*"), "webOrigins", List.of(origin),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", origin + "/*"));
    }

    /** Serves the app for this realm on this port. */
    public static EmbeddingApp start(TestRealm realm, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            String component = realm.url("/sessions/ui/keycloak-sessions.js");
            server.createContext("/keycloak.js", exchange -> send(exchange, "text/javascript", keycloakJs()));
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String page = switch (path) {
                    case "/", "/index.html" -> withKeycloakJs(realm, component, "");
                    case "/german.html" -> withKeycloakJs(realm, component, "de");
                    case "/unconfigured.html" -> unconfigured(component);
                    default -> null;
                };
                if (page == null) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                } else {
                    send(exchange, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
                }
            });
            server.start();
            return new EmbeddingApp(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The two-line embed, given an initialised keycloak-js instance. */
    private static String withKeycloakJs(TestRealm realm, String component, String lang) {
        return """
                <!doctype html>
                <html lang="%s">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Example app: your devices</title>
                  <style>
                    body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; }
                    header { background: #1f2a44; color: #fff; padding: 1rem 2rem; }
                    main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem; }
                    keycloak-sessions { --kcs-color-accent: #1f2a44; }
                  </style>
                  <script src="/keycloak.js"></script>
                  <script type="module" src="%s"></script>
                </head>
                <body>
                  <header><strong>Example app</strong></header>
                  <main>
                    <h1>Your devices</h1>
                    <keycloak-sessions></keycloak-sessions>
                  </main>
                  <script type="module">
                    window.kcsEvents = [];
                    for (const type of ["session-revoked", "sessions-loaded", "sign-in-required"]) {
                      document.addEventListener(type, (event) => window.kcsEvents.push({ type, detail: event.detail }));
                    }
                    const keycloak = new Keycloak({ url: "%s", realm: "%s", clientId: "%s" });
                    await keycloak.init({ onLoad: "login-required", pkceMethod: "S256", checkLoginIframe: false });
                    document.querySelector("keycloak-sessions").keycloak = keycloak;
                  </script>
                </body>
                </html>
                """.formatted(lang.isEmpty() ? "en" : lang, component, realm.baseUrl(), realm.name(), CLIENT_ID);
    }

    /** The element with neither keycloak nor getToken: it must say so. */
    private static String unconfigured(String component) {
        return """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><script type="module" src="%s"></script></head>
                <body><keycloak-sessions></keycloak-sessions></body>
                </html>
                """.formatted(component);
    }

    private static byte[] keycloakJs() throws IOException {
        try (InputStream in = EmbeddingApp.class.getClassLoader().getResourceAsStream(KEYCLOAK_JS)) {
            if (in == null) {
                throw new IOException("No " + KEYCLOAK_JS + " on the test class path (the keycloak-js webjar)");
            }
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
