package io.github.kcsessions.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Clock;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.kcsessions.fixtures.Devices.CHROME_ANDROID_REDUCED;
import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.fixtures.Devices.SAFARI_IPHONE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The device, address and location every session carries, as a user sees them through whoami and the session list,
 * after real logins against the real server: the login form, the password grant, refreshes by public and confidential
 * clients and offline sessions (a restart: SessionsClusterIT). Client addresses are simulated with {@code X-Forwarded-For}, which
 * the test server trusts from loopback.
 */
@KeycloakTest
class DeviceIT {

    // ---- real user agents, as the browsers and tools send them

    static final String FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 "
            + "Firefox/133.0";
    static final String SAFARI_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4.1 Safari/605.1.15";
    static final String CHROME_ANDROID_PHONE = "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    static final String PYTHON_REQUESTS = "python-requests/2.32.3";
    static final String OKHTTP = "okhttp/4.12.0";

    // ---- addresses the geo-IP test database knows, or not

    static final String PRIVATE_IP = "10.0.0.7";
    static final String ISLE_OF_MAN_IPV6 = "2a02:ff40::1";

    private TestRealm realm;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(DeviceIT.class);
    }

    /** What the API should say about a device; null fields must be absent from the JSON. */
    record Expected(String browser, String browserVersion, String os, String osVersion, String deviceType,
                    boolean mobile, String model, String vendor, boolean apiClient) {
    }

    /**
     * One device of each kind the API tells apart, through each way of signing in: the parser's matrix of browsers,
     * systems and tools is DeviceParserTest's; these prove that what a login sends reaches the session.
     */
    static Stream<Arguments> passwordGrantDevices() {
        return Stream.of(
                arguments("Chrome on an Android phone", CHROME_ANDROID_PHONE,
                        new Expected("Chrome", "131.0.0", "Android", "14", "mobile", true, "SM-S911B", "Samsung",
                                false)),
                arguments("curl", CURL,
                        new Expected("curl", "8.5.0", null, null, "unknown", false, null, null, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passwordGrantDevices")
    void passwordGrantRecordsTheDevice(String name, String userAgent, Expected expected) {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", userAgent);

        JsonNode me = whoami(tokens);

        assertEquals(tokens.sessionId(), me.get("id").asText());
        assertDevice(me, userAgent, expected);
        assertSeenOnlyAtLogin(me);
    }

    static Stream<Arguments> browserLoginDevices() {
        return Stream.of(
                arguments("Safari on an iPhone", SAFARI_IPHONE,
                        new Expected("Safari", "17.5", "iOS", "17.5", "mobile", true, "iPhone", "Apple", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("browserLoginDevices")
    void browserLoginRecordsTheDevice(String name, String userAgent, Expected expected) {
        TestRealm.BrowserLogin login = realm.browserLogin("alice", false, "User-Agent", userAgent);

        JsonNode me = whoami(login.tokens());

        assertEquals(login.tokens().sessionId(), me.get("id").asText());
        assertDevice(me, userAgent, expected);
        assertFirstSeenAtLogin(me);
        // The SSO cookie reads the same session, so the same device.
        JsonNode byCookie = Api.get(realm.api("/whoami"),
                "Cookie", "KEYCLOAK_IDENTITY=" + login.cookies().get("KEYCLOAK_IDENTITY")).json();
        assertEquals(me.get("device").get("userAgent"), byCookie.get("device").get("userAgent"));
        assertEquals(expected.browser(), byCookie.at("/device/browser").asText());
    }

    @Test
    void clientHintsTellWindows11FromWindows10() {
        Tokens windows11 = realm.passwordGrant(TestRealm.SPA, "alice",
                "User-Agent", CHROME_WINDOWS,
                "Sec-CH-UA", "\"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"",
                "Sec-CH-UA-Mobile", "?0",
                "Sec-CH-UA-Platform", "\"Windows\"",
                "Sec-CH-UA-Platform-Version", "\"15.0.0\"");
        Tokens windows10 = realm.passwordGrant(TestRealm.SPA, "alice",
                "User-Agent", CHROME_WINDOWS,
                "Sec-CH-UA-Platform", "\"Windows\"",
                "Sec-CH-UA-Platform-Version", "\"10.0.0\"");

        assertDevice(whoami(windows11), CHROME_WINDOWS,
                new Expected("Chrome", "131.0.0", "Windows", "11", "desktop", false, null, null, false));
        assertDevice(whoami(windows10), CHROME_WINDOWS,
                new Expected("Chrome", "131.0.0", "Windows", "10", "desktop", false, null, null, false));
    }

    @Test
    void clientHintsGiveTheModelAndVersionsAReducedUserAgentHides() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice",
                "User-Agent", CHROME_ANDROID_REDUCED,
                "Sec-CH-UA-Mobile", "?1",
                "Sec-CH-UA-Platform", "\"Android\"",
                "Sec-CH-UA-Platform-Version", "\"14.0.0\"",
                "Sec-CH-UA-Model", "\"Pixel 8\"",
                "Sec-CH-UA-Full-Version-List",
                "\"Google Chrome\";v=\"131.0.6778.104\", \"Chromium\";v=\"131.0.6778.104\", \"Not_A Brand\";v=\"24.0.0.0\"");

        assertDevice(whoami(tokens), CHROME_ANDROID_REDUCED,
                new Expected("Chrome", "131.0.6778.104", "Android", "14.0.0", "mobile", true, "Pixel 8", "Google",
                        false));
    }

    @Test
    void longUserAgentIsCutTo512Characters() {
        String longAgent = SAFARI_IPHONE + " " + "x".repeat(600);

        JsonNode device = whoami(realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", longAgent)).get("device");

        assertEquals(longAgent.substring(0, 512), device.get("userAgent").asText());
        assertEquals("Safari", device.get("browser").asText());
        assertEquals("iPhone", device.get("model").asText());
    }

    @Test
    void publicAddressIsLocated() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", FIREFOX_WINDOWS,
                "X-Forwarded-For", LONDON_IP);

        JsonNode me = whoami(tokens);

        assertEquals(LONDON_IP, me.get("ipAddress").asText());
        assertEquals(LONDON_IP, me.get("initialIpAddress").asText());
        assertLondon(me.get("location"));
        assertLondon(me.get("initialLocation"));
    }

    @Test
    void privateAddressHasNoLocation() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", FIREFOX_WINDOWS,
                "X-Forwarded-For", PRIVATE_IP);

        JsonNode me = whoami(tokens);

        assertEquals(PRIVATE_IP, me.get("ipAddress").asText());
        assertEquals(PRIVATE_IP, me.get("initialIpAddress").asText());
        assertTrue(me.has("location") && me.get("location").isNull(), "location is null: " + me);
        assertTrue(me.has("initialLocation") && me.get("initialLocation").isNull(), "so is the initial one: " + me);
    }

    @Test
    void ipv6AddressIsSpelledAsKeycloakSpellsItAndLocated() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", FIREFOX_WINDOWS,
                "X-Forwarded-For", ISLE_OF_MAN_IPV6);

        JsonNode me = whoami(tokens);

        assertEquals(ISLE_OF_MAN_IPV6, me.get("ipAddress").asText(), "one address, one spelling");
        assertEquals(ISLE_OF_MAN_IPV6, me.get("initialIpAddress").asText());
        JsonNode adminView = Admin.getJson("/realms/" + realm.name() + "/users/" + realm.userId("alice") + "/sessions");
        boolean found = false;
        for (JsonNode session : adminView) {
            if (session.get("id").asText().equals(tokens.sessionId())) {
                assertEquals(ISLE_OF_MAN_IPV6, session.get("ipAddress").asText(), "as the admin console shows it");
                found = true;
            }
        }
        assertTrue(found, "the admin API lists the session");
        // The test database knows only the country of this network.
        assertEquals(Map.of("countryCode", "IM", "country", "Isle of Man"),
                Http.JSON.convertValue(me.get("location"), Map.class));
    }

    /** Proxies spell addresses with brackets and ports; each is stored, located and searched as the bare address. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[2001:db8::1]:4711", "[2001:DB8:0:0:0:0:0:1]", "[::ffff:81.2.69.142]", "81.2.69.142:4711",
            "[::ffff:81.2.69.142]:80"})
    void addressesInProxyFormsAreSpelledOneWay(String forwarded) {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", FIREFOX_WINDOWS,
                "X-Forwarded-For", forwarded);

        JsonNode me = whoami(tokens);

        String expected = forwarded.contains(LONDON_IP) ? LONDON_IP : "2001:db8::1";
        assertEquals(expected, me.path("ipAddress").asText(null), forwarded + ": " + me);
        assertEquals(expected, me.path("initialIpAddress").asText(null), forwarded + ": " + me);
        if (expected.equals(LONDON_IP)) {
            assertLondon(me.get("location"));
            assertLondon(me.get("initialLocation"));
        }
        JsonNode found = Admin.getJson("/realms/" + realm.name() + "/device-sessions?ip=" + Http.encode(expected)
                + "&userId=" + realm.userId("alice") + "&max=100");
        boolean listed = false;
        for (JsonNode session : found.get("sessions")) {
            listed |= session.get("id").asText().equals(tokens.sessionId());
        }
        assertTrue(listed, "the admin ip filter finds " + forwarded + " as " + expected);
    }

    /** A client may send any brand and any platform; an empty one says nothing, and no field is ever empty. */
    @Test
    void emptyClientHintsLeaveNoEmptyField() {
        Tokens chrome = realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", CHROME_WINDOWS,
                "Sec-CH-UA", "\"\"", "Sec-CH-UA-Platform", "\"\"", "Sec-CH-UA-Full-Version-List", "\"\";v=\"\"");
        JsonNode device = whoami(chrome).get("device");
        assertEquals("Chrome", device.get("browser").asText());
        assertEquals("Windows", device.get("os").asText());

        Tokens unknown = realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", "x",
                "Sec-CH-UA", "\"\"", "Sec-CH-UA-Platform", "\" \"", "Sec-CH-UA-Model", "\" \"");
        JsonNode listed = Admin.getJson("/realms/" + realm.name() + "/device-sessions/" + unknown.sessionId());
        listed.get("device").fields().forEachRemaining(field -> assertTrue(
                !field.getValue().isTextual() || !field.getValue().asText().isBlank(), "no empty " + field.getKey()
                        + " in " + listed));
        assertFalse(listed.get("device").has("browser"), "absent, not empty: " + listed);
    }

    /** Any brand a client sends is taken as it is; every page and email must escape it (see DevicesPageIT). */
    @Test
    void aBrandIsTakenAsTextNotMarkup() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", CHROME_WINDOWS,
                "Sec-CH-UA", "\"<img src=x onerror=alert(1)>\";v=\"1\"");

        assertEquals("<img src=x onerror=alert(1)>", whoami(tokens).get("device").get("browser").asText());
    }

    @Test
    void publicClientRefreshFromANewAddressUpdatesAddressLocationAndLastSeen() throws InterruptedException {
        Tokens login = realm.passwordGrant(TestRealm.SPA, "bob", "User-Agent", SAFARI_IPHONE,
                "X-Forwarded-For", PRIVATE_IP);
        JsonNode before = whoami(login);
        assertTrue(before.get("location").isNull());
        Clock.nextSecond(); // seen-at times are in seconds

        Tokens refreshed = refreshed(realm.refresh(TestRealm.SPA, login.refreshToken(),
                "User-Agent", SAFARI_IPHONE, "X-Forwarded-For", LONDON_IP));

        JsonNode after = whoami(refreshed);
        assertEquals(before.get("id"), after.get("id"));
        assertEquals(LONDON_IP, after.get("ipAddress").asText(), "the address of the refresh");
        assertEquals(PRIVATE_IP, after.get("initialIpAddress").asText(), "the address of the login");
        assertLondon(after.get("location"));
        assertTrue(after.get("initialLocation").isNull(), "the login's private address has no place");
        assertEquals(before.at("/device/firstSeenAt"), after.at("/device/firstSeenAt"));
        assertTrue(seconds(after, "/device/lastSeenAt") > seconds(before, "/device/lastSeenAt"),
                "lastSeenAt moves on: " + before.at("/device/lastSeenAt") + " -> " + after.at("/device/lastSeenAt"));
        assertDevice(after, SAFARI_IPHONE,
                new Expected("Safari", "17.5", "iOS", "17.5", "mobile", true, "iPhone", "Apple", false));
    }

    @Test
    void confidentialClientRefreshIsNotTheUsersDevice() throws InterruptedException {
        Tokens login = realm.passwordGrant(TestRealm.BACKEND, "bob", "User-Agent", SAFARI_MAC,
                "X-Forwarded-For", LONDON_IP);
        JsonNode before = whoami(login);
        assertEquals(LONDON_IP, before.get("ipAddress").asText());
        Clock.nextSecond(); // seen-at times are in seconds

        Tokens refreshed = refreshed(realm.refresh(TestRealm.BACKEND, login.refreshToken(),
                "User-Agent", OKHTTP, "X-Forwarded-For", PRIVATE_IP));

        JsonNode after = whoami(refreshed);
        assertTrue(seconds(after, "/lastActivityAt") > seconds(before, "/lastActivityAt"),
                "Keycloak saw the refresh");
        assertEquals(LONDON_IP, after.get("ipAddress").asText(), "the back end's address is not the user's");
        assertEquals(LONDON_IP, after.get("initialIpAddress").asText());
        assertLondon(after.get("location"));
        assertEquals(before.get("device"), after.get("device"), "device, lastSeenAt included, unchanged");
        assertEquals(SAFARI_MAC, after.at("/device/userAgent").asText());
    }

    @Test
    void offlineSessionCarriesTheDevice() throws InterruptedException {
        // Since Keycloak 26.1 an offline token asked for at login leaves only the offline session.
        Tokens login = realm.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access"),
                "User-Agent", CHROME_ANDROID_PHONE, "X-Forwarded-For", LONDON_IP);
        assertEquals("Offline", Tokens.claims(login.refreshToken()).path("typ").asText());
        Expected androidPhone = new Expected("Chrome", "131.0.0", "Android", "14", "mobile", true, "SM-S911B",
                "Samsung", false);

        JsonNode offline = listedSession(login, "all");
        assertTrue(offline.get("offline").asBoolean());
        assertDevice(offline, CHROME_ANDROID_PHONE, androidPhone);
        assertSeenOnlyAtLogin(offline);
        assertEquals(LONDON_IP, offline.get("ipAddress").asText());
        assertEquals(LONDON_IP, offline.get("initialIpAddress").asText());
        assertLondon(offline.get("location"));
        JsonNode me = whoami(login);
        assertTrue(me.get("offline").asBoolean());
        assertEquals(offline.get("device"), me.get("device"));

        // A public client's offline refresh is the user's device too.
        Clock.nextSecond(); // seen-at times are in seconds
        refreshed(realm.refresh(TestRealm.SPA, login.refreshToken(), "User-Agent", CHROME_ANDROID_PHONE,
                "X-Forwarded-For", PRIVATE_IP));
        JsonNode offlineAfter = listedSession(login, "offline");
        assertEquals(PRIVATE_IP, offlineAfter.get("ipAddress").asText());
        assertEquals(LONDON_IP, offlineAfter.get("initialIpAddress").asText());
        assertTrue(offlineAfter.get("location").isNull());
        assertLondon(offlineAfter.get("initialLocation"));
        assertEquals(offline.at("/device/firstSeenAt"), offlineAfter.at("/device/firstSeenAt"));
        assertTrue(seconds(offlineAfter, "/device/lastSeenAt") > seconds(offline, "/device/lastSeenAt"));
    }

    @Test
    void sessionListShowsTheDeviceOfEachSession() {
        Tokens phone = realm.passwordGrant(TestRealm.SPA, "carol", "User-Agent", SAFARI_IPHONE,
                "X-Forwarded-For", LONDON_IP);
        Tokens script = realm.passwordGrant(TestRealm.SPA, "carol", "User-Agent", PYTHON_REQUESTS,
                "X-Forwarded-For", PRIVATE_IP);

        JsonNode phoneListed = listedSession(script, phone.sessionId(), "online");
        JsonNode scriptListed = listedSession(script, script.sessionId(), "online");

        assertFalse(phoneListed.get("current").asBoolean());
        assertEquals("Safari", phoneListed.at("/device/browser").asText());
        assertEquals("iPhone", phoneListed.at("/device/model").asText());
        assertLondon(phoneListed.get("location"));
        assertTrue(scriptListed.get("current").asBoolean());
        assertEquals("python-requests", scriptListed.at("/device/browser").asText());
        assertTrue(scriptListed.at("/device/apiClient").asBoolean());
        assertTrue(scriptListed.get("location").isNull());
        assertEquals(whoami(phone).get("device"), phoneListed.get("device"), "list and whoami agree");
    }

    // ---- helpers

    private JsonNode whoami(Tokens tokens) {
        Http.Reply reply = realm.whoami(tokens);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    /** The session of a token as the list shows it, online or offline. */
    private JsonNode listedSession(Tokens tokens, String type) {
        return listedSession(tokens, tokens.sessionId(), type);
    }

    private JsonNode listedSession(Tokens caller, String sessionId, String type) {
        Http.Reply reply = Api.get(realm.api("?type=" + type + "&max=100"), "Authorization", caller.bearer());
        assertEquals(200, reply.status(), reply.body());
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode listed : reply.json().get("sessions")) {
            if (listed.get("id").asText().equals(sessionId)) {
                matching.add(listed);
            }
        }
        assertEquals(1, matching.size(), "one " + type + " session " + sessionId + " in " + reply.body());
        if (!type.equals("all")) {
            assertEquals(type.equals("offline"), matching.get(0).get("offline").asBoolean());
        }
        return matching.get(0);
    }

    private static Tokens refreshed(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        JsonNode json = reply.json();
        return new Tokens(json.get("access_token").asText(), json.get("refresh_token").asText(),
                json.path("id_token").asText(null), json);
    }

    private static void assertDevice(JsonNode session, String userAgent, Expected expected) {
        JsonNode device = session.get("device");
        assertTrue(device != null && device.isObject(), "a device: " + session);
        assertAll(
                () -> assertEquals(userAgent, text(device, "userAgent"), "userAgent"),
                () -> assertEquals(expected.browser(), text(device, "browser"), "browser"),
                () -> assertEquals(expected.browserVersion(), text(device, "browserVersion"), "browserVersion"),
                () -> assertEquals(expected.os(), text(device, "os"), "os"),
                () -> assertEquals(expected.osVersion(), text(device, "osVersion"), "osVersion"),
                () -> assertEquals(expected.deviceType(), text(device, "deviceType"), "deviceType"),
                () -> assertEquals(expected.mobile(), device.get("mobile").asBoolean(), "mobile"),
                () -> assertEquals(expected.model(), text(device, "model"), "model"),
                () -> assertEquals(expected.vendor(), text(device, "vendor"), "vendor"),
                () -> assertEquals(expected.apiClient(), device.get("apiClient").asBoolean(), "apiClient"));
    }

    /** The session began at its first sighting, which is not in the future. */
    private static void assertFirstSeenAtLogin(JsonNode session) {
        long firstSeen = seconds(session, "/device/firstSeenAt");
        long lastSeen = seconds(session, "/device/lastSeenAt");
        long now = Instant.now().getEpochSecond();
        assertEquals(seconds(session, "/createdAt"), firstSeen, "first seen when the session was created");
        assertTrue(firstSeen <= lastSeen && lastSeen <= now + 1, "first <= last <= now: " + session.get("device"));
        assertTrue(now - firstSeen < 60, "first seen just now: " + session.get("device"));
    }

    /**
     * A session that only saw its login request: last seen when it was created (the login event follows the
     * session's creation within the same request, so at most a second boundary apart).
     */
    private static void assertSeenOnlyAtLogin(JsonNode session) {
        assertFirstSeenAtLogin(session);
        assertTrue(seconds(session, "/device/lastSeenAt") - seconds(session, "/device/firstSeenAt") <= 1,
                "last seen at the login: " + session.get("device"));
    }

    private static void assertLondon(JsonNode location) {
        assertTrue(location != null && location.isObject(), "a location: " + location);
        assertEquals(Map.of("countryCode", "GB", "country", "United Kingdom", "region", "England", "city", "London"),
                Http.JSON.convertValue(location, Map.class));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static long seconds(JsonNode node, String pointer) {
        return Instant.parse(node.at(pointer).asText()).getEpochSecond();
    }
}
