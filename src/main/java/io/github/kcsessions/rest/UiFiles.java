package io.github.kcsessions.rest;

import com.google.common.hash.Hashing;
import io.github.kcsessions.protocol.ExtensionInfo;
import io.github.kcsessions.protocol.ApiResponses;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@code <keycloak-sessions>} web component's modules (docs/embedding.md), read from the jar once; the messages
 * module is made from the account theme's bundles, so that the component and the account page say the same words.
 * Any origin may load them: public code without user data, and one cacheable copy for all origins.
 */
final class UiFiles {

    /** Files a page may load, by name; nothing else under the path is served. */
    private static final List<String> STATIC = List.of("keycloak-sessions.js", "format.js");
    /** The bundled languages: those the account theme has messages for. */
    private static final List<String> LANGUAGES = List.of("en", "de");

    private record File(byte[] content, EntityTag tag) {
    }

    private static final Map<String, File> FILES = load();

    private UiFiles() {
    }

    /** The file, 304 when the browser's copy (by its ETag) is still the one, or null when there is no such file. */
    static Response serve(String name, String ifNoneMatch) {
        File file = FILES.get(name);
        if (file == null) {
            return null;
        }
        boolean unchanged = ifNoneMatch != null && List.of(ifNoneMatch.split(",")).stream()
                .map(String::strip).anyMatch(tag -> tag.equals("*") || tag.equals(file.tag().toString()));
        Response.ResponseBuilder response = unchanged ? Response.notModified(file.tag())
                : Response.ok(file.content(), "text/javascript; charset=utf-8").tag(file.tag());
        return response
                .header("Cache-Control", "public, max-age=300")
                .header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static Map<String, File> load() {
        Map<String, File> files = new LinkedHashMap<>();
        for (String name : STATIC) {
            try (InputStream in = resource("kcs-ui/" + name, true)) {
                files.put(name, file(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files.put("messages.js", file(messagesModule().getBytes(StandardCharsets.UTF_8)));
        return Map.copyOf(files);
    }

    /**
     * {@code export default {"en": {...}, "de": {...}};}: the page's messages of the account theme, and the names of
     * Keycloak's own clients (a client named {@code ${client_account-console}}) from Keycloak's base account theme.
     */
    static String messagesModule() {
        Map<String, Map<String, String>> bundles = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            Map<String, String> bundle = new TreeMap<>();
            add(bundle, "theme/base/account/messages/messages_" + language + ".properties", "client_", false);
            add(bundle, "theme/session-devices/account/messages/messages_" + language + ".properties", "devices", true);
            bundles.put(language, bundle);
        }
        return "// Made by the server from the account theme's messages (themes/session-devices).\nexport default "
                + ApiResponses.toJson(bundles) + ";\n";
    }

    private static void add(Map<String, String> bundle, String path, String prefix, boolean required) {
        InputStream in = resource(path, required);
        if (in == null) {
            return;
        }
        Properties properties = new Properties();
        try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                .forEach(key -> bundle.put(key, properties.getProperty(key)));
    }

    /** The file from the extension's jar; null if it is missing and not required. */
    private static InputStream resource(String path, boolean required) {
        InputStream in = UiFiles.class.getClassLoader().getResourceAsStream(path);
        if (in == null && required) {
            throw new IllegalStateException("Missing from the extension's jar: " + path);
        }
        return in;
    }

    private static File file(byte[] content) {
        byte[] digest = Hashing.sha256().newHasher().putString(ExtensionInfo.VERSION, StandardCharsets.UTF_8)
                .putBytes(content).hash().asBytes();
        return new File(content, new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(digest)
                .substring(0, 22)));
    }
}
