package io.github.kcsessions.it.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.FIREFOX_LINUX;
import static io.github.kcsessions.fixtures.Devices.HOME_IP;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;

/**
 * Realms that send the new-device email, the sign-ins that make one, and the action token of its "This wasn't me"
 * link with the bad copies of it an attacker could make.
 */
public final class NewDeviceEmails {

    private NewDeviceEmails() {
    }

    /** The owner's own device (Firefox at home), and a new one signed in after it (curl in London). */
    public record TwoDevices(Tokens own, Tokens newDevice) {

        public static TwoDevices signIn(TestRealm realm, String username) {
            Tokens own = realm.passwordGrant(TestRealm.SPA, username, "User-Agent", FIREFOX_LINUX, "X-Forwarded-For",
                    HOME_IP);
            return new TwoDevices(own, realm.passwordGrant(TestRealm.SPA, username, "User-Agent", CURL,
                    "X-Forwarded-For", LONDON_IP));
        }
    }

    /** Has a realm send the new-device email through this SMTP setting, with these users (name@example.com) added. */
    public static Consumer<Map<String, Object>> withNewDeviceEmail(Consumer<Map<String, Object>> smtp,
                                                                   String... users) {
        return r -> {
            smtp.accept(r);
            r.put("eventsListeners", List.of("jboss-logging", "new-device-email"));
            List<Object> all = new ArrayList<>((List<?>) r.get("users"));
            for (String name : users) {
                all.add(TestRealm.user(r.get("realm").toString(), name, name, "Example", name + "@example.com"));
            }
            r.put("users", all);
        };
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
    static String withClaim(String jwt, String claim, String value) throws IOException {
        String[] parts = jwt.split("\\.");
        ObjectNode payload = (ObjectNode) Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.put(claim, value);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(Http.JSON.writeValueAsBytes(payload));
        return parts[0] + "." + encoded + "." + parts[2];
    }
}
