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
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.github.kcsessions.fixtures.Devices.CHROME_ANDROID_REDUCED;
import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.FIREFOX_LINUX;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.fixtures.Devices.SAFARI_IPHONE;
import static io.github.kcsessions.it.ApiAssertions.assertFields;
import static io.github.kcsessions.it.ApiAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device, address and location every session carries, as a user sees them through whoami and the session list,
 * after real logins against the real server: the login form, the password grant, refreshes by public and confidential
 * clients and offline sessions (a restart: SessionsClusterIT). Client addresses are simulated with
 * {@code X-Forwarded-For}, which the test server trusts from loopback. The parser's matrix of browsers, systems, tools
 * and client hints is DeviceParserTest's; these prove that what a login sends reaches the session.
 */
@KeycloakTest
class DeviceIT {

    private static final String SAFARI_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4.1 Safari/605.1.15";
    private static final String CHROME_ANDROID_PHONE = "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    private static final String PRIVATE_IP = "10.0.0.7";

    private static final Expected IPHONE =
            new Expected("Safari", "17.5", "iOS", "17.5", "mobile", true, "iPhone", "Apple", false);
    private static final Map<String, Map<String, String>> PLACES = Map.of(
            "London", Map.of("countryCode", "GB", "country", "United Kingdom", "region", "England", "city", "London"),
            // The test database knows only the country of this network.
            "Isle of Man", Map.of("countryCode", "IM", "country", "Isle of Man"));

    private TestRealm realm;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(DeviceIT.class);
    }

    /** What the API should say about a device; null fields must be absent from the JSON. */
    record Expected(String browser, String browserVersion, String os, String osVersion, String deviceType,
                    boolean mobile, String model, String vendor, boolean apiClient) {
    }

    @Test
    void passwordGrantRecordsTheDevice() {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", CURL);

        JsonNode me = whoami(tokens);

        assertEquals(tokens.sessionId(), me.get("id").asText());
        assertDevice(me, CURL, new Expected("curl", "8.5.0", null, null, "unknown", false, null, null, true));
        assertSeenOnlyAtLogin(me);
    }

    @Test
    void browserLoginRecordsTheDevice() {
        TestRealm.BrowserLogin login = realm.browserLogin("alice", false, "User-Agent", SAFARI_IPHONE);

        JsonNode me = whoami(login.tokens());

        assertEquals(login.tokens().sessionId(), me.get("id").asText());
        assertDevice(me, SAFARI_IPHONE, IPHONE);
        assertFirstSeenAtLogin(me);
        // The SSO cookie reads the same session, so the same device.
        JsonNode byCookie = Api.get(realm.api("/whoami"),
                "Cookie", "KEYCLOAK_IDENTITY=" + login.cookies().get("KEYCLOAK_IDENTITY")).json();
        assertEquals(me.get("device").get("userAgent"), byCookie.get("device").get("userAgent"));
        assertEquals(IPHONE.browser(), byCookie.at("/device/browser").asText());
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

        JsonNode me = whoami(realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", longAgent));

        assertFields(me, "/device/userAgent", longAgent.substring(0, 512), "/device/browser", "Safari",
                "/device/model", "iPhone");
    }

    /**
     * Proxies spell addresses with brackets and ports; each is stored, located and searched as the bare address, and
     * a plain one as Keycloak's console spells it. Place: none for no location, empty when not checked.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            81.2.69.142             | 81.2.69.142  | London
            10.0.0.7                | 10.0.0.7     | none
            2a02:ff40::1            | 2a02:ff40::1 | Isle of Man
            [2001:db8::1]:4711      | 2001:db8::1  |
            [2001:DB8:0:0:0:0:0:1]  | 2001:db8::1  |
            [::ffff:81.2.69.142]    | 81.2.69.142  | London
            81.2.69.142:4711        | 81.2.69.142  | London
            [::ffff:81.2.69.142]:80 | 81.2.69.142  | London
            """)
    void addressesAreSpelledOneWayAndLocated(String forwarded, String address, String place) {
        Tokens tokens = realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", FIREFOX_LINUX,
                "X-Forwarded-For", forwarded);

        JsonNode me = whoami(tokens);

        assertFields(me, "/ipAddress", address, "/initialIpAddress", address);
        assertPlace(place, me.get("location"));
        assertPlace(place, me.get("initialLocation"));
        if (!forwarded.startsWith("[")) { // Keycloak's own console keeps a bracketed spelling as it came
            String sessions = "/realms/" + realm.name() + "/users/" + realm.userId("alice") + "/sessions";
            assertEquals(address, withId(Admin.getJson(sessions), tokens.sessionId()).get(0).get("ipAddress").asText());
        }
        JsonNode found = Admin.getJson("/realms/" + realm.name() + "/device-sessions?ip=" + Http.encode(address)
                + "&userId=" + realm.userId("alice") + "&max=100");
        assertEquals(1, withId(found.get("sessions"), tokens.sessionId()).size(), "the admin ip filter finds it");
    }

    /** A client may send any brand and any platform; an empty one says nothing, and no field is ever empty. */
    @Test
    void emptyClientHintsLeaveNoEmptyField() {
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
    void publicClientRefreshFromANewAddressUpdatesAddressLocationAndLastSeen() {
        Tokens login = realm.passwordGrant(TestRealm.SPA, "bob", "User-Agent", SAFARI_IPHONE,
                "X-Forwarded-For", PRIVATE_IP);
        JsonNode before = whoami(login);
        assertTrue(before.get("location").isNull());
        Clock.nextSecond(); // seen-at times are in seconds

        Tokens refreshed = Tokens.of(realm.refresh(TestRealm.SPA, login.refreshToken(),
                "User-Agent", SAFARI_IPHONE, "X-Forwarded-For", LONDON_IP));

        JsonNode after = whoami(refreshed);
        assertEquals(before.get("id"), after.get("id"));
        // The address of the refresh, and that of the login, whose private address has no place.
        assertFields(after, "/ipAddress", LONDON_IP, "/initialIpAddress", PRIVATE_IP);
        assertPlace("London", after.get("location"));
        assertPlace("none", after.get("initialLocation"));
        assertEquals(before.at("/device/firstSeenAt"), after.at("/device/firstSeenAt"));
        assertTrue(seconds(after, "/device/lastSeenAt") > seconds(before, "/device/lastSeenAt"),
                "lastSeenAt moves on: " + before.at("/device/lastSeenAt") + " -> " + after.at("/device/lastSeenAt"));
        assertDevice(after, SAFARI_IPHONE, IPHONE);
    }

    @Test
    void confidentialClientRefreshIsNotTheUsersDevice() {
        Tokens login = realm.passwordGrant(TestRealm.BACKEND, "bob", "User-Agent", SAFARI_MAC,
                "X-Forwarded-For", LONDON_IP);
        JsonNode before = whoami(login);
        assertEquals(LONDON_IP, before.get("ipAddress").asText());
        Clock.nextSecond(); // seen-at times are in seconds

        Tokens refreshed = Tokens.of(realm.refresh(TestRealm.BACKEND, login.refreshToken(),
                "User-Agent", "okhttp/4.12.0", "X-Forwarded-For", PRIVATE_IP));

        JsonNode after = whoami(refreshed);
        assertTrue(seconds(after, "/lastActivityAt") > seconds(before, "/lastActivityAt"),
                "Keycloak saw the refresh");
        // The back end's address is not the user's.
        assertFields(after, "/ipAddress", LONDON_IP, "/initialIpAddress", LONDON_IP, "/device/userAgent", SAFARI_MAC);
        assertPlace("London", after.get("location"));
        assertEquals(before.get("device"), after.get("device"), "device, lastSeenAt included, unchanged");
    }

    @Test
    void offlineSessionCarriesTheDevice() {
        // Since Keycloak 26.1 an offline token asked for at login leaves only the offline session.
        Tokens login = realm.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access"),
                "User-Agent", CHROME_ANDROID_PHONE, "X-Forwarded-For", LONDON_IP);
        assertEquals("Offline", Tokens.claims(login.refreshToken()).path("typ").asText());

        JsonNode offline = listedSession(login, login.sessionId(), "all");
        assertTrue(offline.get("offline").asBoolean());
        assertDevice(offline, CHROME_ANDROID_PHONE,
                new Expected("Chrome", "131.0.0", "Android", "14", "mobile", true, "SM-S911B", "Samsung", false));
        assertSeenOnlyAtLogin(offline);
        assertFields(offline, "/ipAddress", LONDON_IP, "/initialIpAddress", LONDON_IP);
        assertPlace("London", offline.get("location"));
        JsonNode me = whoami(login);
        assertTrue(me.get("offline").asBoolean());
        assertEquals(offline.get("device"), me.get("device"));

        // A public client's offline refresh is the user's device too.
        Clock.nextSecond(); // seen-at times are in seconds
        Tokens.of(realm.refresh(TestRealm.SPA, login.refreshToken(), "User-Agent", CHROME_ANDROID_PHONE,
                "X-Forwarded-For", PRIVATE_IP));
        JsonNode offlineAfter = listedSession(login, login.sessionId(), "offline");
        assertFields(offlineAfter, "/ipAddress", PRIVATE_IP, "/initialIpAddress", LONDON_IP);
        assertTrue(offlineAfter.get("location").isNull());
        assertPlace("London", offlineAfter.get("initialLocation"));
        assertEquals(offline.at("/device/firstSeenAt"), offlineAfter.at("/device/firstSeenAt"));
        assertTrue(seconds(offlineAfter, "/device/lastSeenAt") > seconds(offline, "/device/lastSeenAt"));
    }

    @Test
    void sessionListShowsTheDeviceOfEachSession() {
        Tokens phone = realm.passwordGrant(TestRealm.SPA, "carol", "User-Agent", SAFARI_IPHONE,
                "X-Forwarded-For", LONDON_IP);
        Tokens script = realm.passwordGrant(TestRealm.SPA, "carol", "User-Agent", "python-requests/2.32.3",
                "X-Forwarded-For", PRIVATE_IP);

        JsonNode phoneListed = listedSession(script, phone.sessionId(), "online");
        JsonNode scriptListed = listedSession(script, script.sessionId(), "online");

        assertFields(phoneListed, "/current", false, "/device/browser", "Safari", "/device/model", "iPhone");
        assertPlace("London", phoneListed.get("location"));
        assertFields(scriptListed, "/current", true, "/device/browser", "python-requests", "/device/apiClient", true);
        assertTrue(scriptListed.get("location").isNull());
        assertEquals(whoami(phone).get("device"), phoneListed.get("device"), "list and whoami agree");
    }

    // ---- helpers

    private JsonNode whoami(Tokens tokens) {
        return assertOk(realm.whoami(tokens));
    }

    /** A session as the caller's list shows it, online, offline or either. */
    private JsonNode listedSession(Tokens caller, String sessionId, String type) {
        JsonNode page = assertOk(Api.get(realm.api("?type=" + type + "&max=100"), "Authorization", caller.bearer()));
        List<JsonNode> matching = withId(page.get("sessions"), sessionId);
        assertEquals(1, matching.size(), "one " + type + " session " + sessionId + " in " + page);
        if (!type.equals("all")) {
            assertEquals(type.equals("offline"), matching.get(0).get("offline").asBoolean());
        }
        return matching.get(0);
    }

    private static List<JsonNode> withId(JsonNode sessions, String sessionId) {
        return StreamSupport.stream(sessions.spliterator(), false)
                .filter(session -> session.get("id").asText().equals(sessionId)).toList();
    }

    private static void assertDevice(JsonNode session, String userAgent, Expected expected) {
        assertFields(session, "/device/userAgent", userAgent, "/device/browser", expected.browser(),
                "/device/browserVersion", expected.browserVersion(), "/device/os", expected.os(),
                "/device/osVersion", expected.osVersion(), "/device/deviceType", expected.deviceType(),
                "/device/mobile", expected.mobile(), "/device/model", expected.model(),
                "/device/vendor", expected.vendor(), "/device/apiClient", expected.apiClient());
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

    /** A place of {@link #PLACES}, "none" for a location that is null, or null when the place is not checked. */
    private static void assertPlace(String place, JsonNode location) {
        if ("none".equals(place)) {
            assertTrue(location != null && location.isNull(), "no location: " + location);
        } else if (place != null) {
            assertEquals(PLACES.get(place), Http.JSON.convertValue(location, Map.class));
        }
    }

    private static long seconds(JsonNode node, String pointer) {
        return Instant.parse(node.at(pointer).asText()).getEpochSecond();
    }
}
