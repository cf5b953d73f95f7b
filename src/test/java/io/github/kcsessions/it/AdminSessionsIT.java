package io.github.kcsessions.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.OfflineBrowserLogin;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.it.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /admin/realms/{realm}/device-sessions}: permissions on one realm, filters and paging on another realm filled
 * with a few hundred sessions from real password grants with varied devices and addresses.
 */
@KeycloakTest
class AdminSessionsIT {

    private static final String ADMIN_CLI = "admin-cli";

    // Bulk realm: BULK_LOGINS password grants, every OFFLINE_EVERY-th also with an offline session.
    private static final int BULK_LOGINS = 150;
    // Coprime to the number of users, devices, addresses and clients, so that offline sessions come in every mix.
    private static final int OFFLINE_EVERY = 11;
    private static final List<String> BULK_USERS = List.of("alice", "bob", "carol");
    private static final List<Device> DEVICES = List.of(
            new Device("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0.0.0 Safari/537.36", "Chrome", "Windows", false),
            new Device("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox", "Linux",
                    false),
            new Device("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                    + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari", "iOS", false),
            new Device(CURL, "curl", null, true),
            new Device("python-requests/2.31.0", "python-requests", null, true));
    // Addresses the test geo-IP database knows, and a private one it cannot locate.
    private static final List<String> LOCATED = List.of(LONDON_IP, "89.160.20.112", "216.160.83.56");
    private static final Map<String, String> COUNTRY = Map.of(
            LONDON_IP, "GB", "89.160.20.112", "SE", "216.160.83.56", "US");

    private TestRealm realm;
    private TestRealm otherRealm;
    private TestRealm bulk;
    private List<Login> logins;
    private long bulkStarted;

    @BeforeAll
    void createRealms() throws Exception {
        realm = TestRealm.create(AdminSessionsIT.class, r -> addUsers(r, List.of(
                realmAdmin(r, "viewer", "view-users"),
                realmAdmin(r, "manager", "manage-users"),
                realmAdmin(r, "plain"))));
        otherRealm = TestRealm.create(OtherRealm.class, r -> addUsers(r, List.of(
                realmAdmin(r, "otheradmin", "view-users", "manage-users"))));
        bulk = TestRealm.create(BulkRealm.class);
        bulkStarted = Instant.now().getEpochSecond();
        logins = createBulkSessions();
    }

    // ---------------------------------------------------------------- permissions

    @Test
    void viewUsersMayListAndGetButNotRevoke() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");
        String viewer = realm.passwordGrant(ADMIN_CLI, "viewer").bearer();

        JsonNode page = Api.get(admin(realm, "?userId=" + realm.userId("alice")), "Authorization", viewer).json();
        assertTrue(ids(page).contains(alice.sessionId()), page.toString());
        assertTrue(page.get("total").asInt() >= 1);
        JsonNode realmWide = Api.get(admin(realm, "?max=100"), "Authorization", viewer).json();
        assertTrue(ids(realmWide).contains(alice.sessionId()), realmWide.toString());

        Http.Reply one = Api.get(admin(realm, "/" + alice.sessionId()), "Authorization", viewer);
        assertEquals(200, one.status(), one.body());
        assertEquals("no-store", one.header("Cache-Control"));
        assertEquals(alice.sessionId(), one.json().get("id").asText());
        assertEquals(realm.userId("alice"), one.json().get("userId").asText());
        assertEquals("alice", one.json().get("username").asText());
        assertFalse(one.json().get("current").asBoolean(), "an admin's view is never 'current'");

        assertError(Api.delete(admin(realm, "/" + alice.sessionId()), "Authorization", viewer), 403, "forbidden");
        assertError(Api.delete(admin(realm, "?userId=" + realm.userId("alice")), "Authorization", viewer),
                403, "forbidden");
        assertEquals(200, realm.whoami(alice).status(),
                "the refused revocation changed nothing");
    }

    @Test
    void manageUsersRevokesOneSession() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");
        Tokens other = realm.passwordGrant(TestRealm.SPA, "alice");
        String manager = realm.passwordGrant(ADMIN_CLI, "manager").bearer();

        Http.Reply revoked = Api.delete(admin(realm, "/" + alice.sessionId()), "Authorization", manager);

        assertEquals(204, revoked.status(), revoked.body());
        assertEquals("no-store", revoked.header("Cache-Control"));
        assertError(realm.whoami(alice), 401, "unauthorized");
        assertEquals(400, realm.refresh(TestRealm.SPA, alice.refreshToken()).status(), "the refresh token is dead");
        assertError(Api.get(admin(realm, "/" + alice.sessionId()), "Authorization", manager), 410, "session_ended");
        assertEquals(200, realm.whoami(other).status(),
                "the user's other session lives on");

        JsonNode event = adminEvent(realm, alice.sessionId(), false);
        assertEquals(realm.userId("manager"), event.at("/authDetails/userId").asText());
        JsonNode representation = json(event.get("representation").asText());
        assertEquals(alice.sessionId(), representation.get("id").asText());
        assertEquals(realm.userId("alice"), representation.get("userId").asText());
        assertFalse(representation.get("offline").asBoolean());
        assertEquals(alice.sessionId(), event.at("/details/session_id").asText());
        assertEquals(realm.userId("alice"), event.at("/details/user_id").asText());

        JsonNode logout = logoutEvent(realm, alice.sessionId());
        assertEquals("admin", logout.at("/details/revoked_by").asText());
        assertEquals("session-api", logout.at("/details/revoked_through").asText());
    }

    @Test
    void revokingASessionAlsoRevokesItsOfflineTwin() {
        TestRealm.BrowserLogin browser = realm.browserLogin("alice", false);
        Tokens alice = OfflineBrowserLogin.login(realm, browser.cookies());
        String manager = realm.passwordGrant(ADMIN_CLI, "manager").bearer();
        String query = "?userId=" + realm.userId("alice");
        Set<String> before = keys(Api.get(admin(realm, query), "Authorization", manager).json());
        assertTrue(before.containsAll(Set.of(alice.sessionId() + "/online", alice.sessionId() + "/offline")),
                alice.sessionId() + " in " + before);
        JsonNode found = Api.get(admin(realm, "/" + alice.sessionId()), "Authorization", manager).json();
        assertFalse(found.get("offline").asBoolean(), "GET finds the online session first");

        assertEquals(204, Api.delete(admin(realm, "/" + alice.sessionId()), "Authorization", manager).status());

        assertEquals(400, realm.refresh(TestRealm.SPA, alice.refreshToken()).status(), "the offline token is dead");
        assertError(realm.whoami(alice), 401, "unauthorized");
        assertError(realm.whoami(browser.tokens()), 401, "unauthorized");
        assertEquals(400, realm.refresh(TestRealm.SPA, browser.tokens().refreshToken()).status());
        assertError(Api.get(admin(realm, "/" + alice.sessionId()), "Authorization", manager), 410, "session_ended");
        Set<String> after = keys(Api.get(admin(realm, query), "Authorization", manager).json());
        assertFalse(after.contains(alice.sessionId() + "/online") || after.contains(alice.sessionId() + "/offline"));
        assertTrue(json(adminEvent(realm, alice.sessionId(), true).get("representation").asText())
                .get("offline").asBoolean());
        assertFalse(json(adminEvent(realm, alice.sessionId(), false).get("representation").asText())
                .get("offline").asBoolean());
    }

    @Test
    void anOfflineOnlySessionIsFoundAndRevoked() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice", Map.of("scope", "openid offline_access"));
        String manager = realm.passwordGrant(ADMIN_CLI, "manager").bearer();
        JsonNode found = Api.get(admin(realm, "/" + alice.sessionId()), "Authorization", manager).json();
        assertTrue(found.get("offline").asBoolean(), found.toString());

        assertEquals(204, Api.delete(admin(realm, "/" + alice.sessionId()), "Authorization", manager).status());

        assertEquals(400, realm.refresh(TestRealm.SPA, alice.refreshToken()).status(), "the offline token is dead");
        assertError(Api.get(admin(realm, "/" + alice.sessionId()), "Authorization", manager), 410, "session_ended");
        adminEvent(realm, alice.sessionId(), true);
    }

    @Test
    void manageUsersRevokesAllSessionsOfAUser() {
        List<Tokens> bobs = List.of(
                realm.passwordGrant(TestRealm.SPA, "bob"),
                realm.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access")),
                realm.passwordGrant(TestRealm.BACKEND, "bob"));
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");
        String manager = realm.passwordGrant(ADMIN_CLI, "manager").bearer();
        String bobId = realm.userId("bob");
        int total = Api.get(admin(realm, "?userId=" + bobId), "Authorization", manager).json().get("total").asInt();
        assertEquals(3, total, "two online sessions and one offline");

        Http.Reply revoked = Api.delete(admin(realm, "?userId=" + bobId), "Authorization", manager);

        assertEquals(200, revoked.status(), revoked.body());
        assertEquals(total, revoked.json().get("revoked").asInt());
        assertEquals(0, Api.get(admin(realm, "?userId=" + bobId), "Authorization", manager).json().get("total").asInt());
        for (Tokens bob : bobs) {
            assertError(realm.whoami(bob), 401, "unauthorized");
        }
        assertEquals(200, realm.whoami(alice).status(), "not alice's");
        adminEvent(realm, bobs.get(0).sessionId(), false);
        adminEvent(realm, bobs.get(1).sessionId(), true);
        adminEvent(realm, bobs.get(2).sessionId(), false);
    }

    @Test
    void revokingAllNeedsAUser() {
        String manager = realm.passwordGrant(ADMIN_CLI, "manager").bearer();

        JsonNode error = assertError(Api.delete(admin(realm, ""), "Authorization", manager), 400, "invalid_parameter");
        assertEquals("userId", error.at("/details/parameter").asText());
        assertError(Api.delete(admin(realm, "?userId="), "Authorization", manager), 400, "invalid_parameter");
        assertError(Api.delete(admin(realm, "?userId=no-such-user"), "Authorization", manager), 404, "not_found");
        assertError(Api.delete(admin(realm, "/no-such-session"), "Authorization", manager), 404, "not_found");
    }

    @Test
    void aUserWithoutAdminRolesIsForbidden() {
        Tokens carol = realm.passwordGrant(TestRealm.SPA, "carol");
        for (String bearer : List.of(carol.bearer(), realm.passwordGrant(ADMIN_CLI, "plain").bearer())) {
            assertError(Api.get(admin(realm, ""), "Authorization", bearer), 403, "forbidden");
            assertError(Api.get(admin(realm, "/" + carol.sessionId()), "Authorization", bearer), 403, "forbidden");
            assertError(Api.get(admin(realm, "/no-such-session"), "Authorization", bearer), 403, "forbidden");
            assertError(Api.delete(admin(realm, "/" + carol.sessionId()), "Authorization", bearer), 403, "forbidden");
            assertError(Api.delete(admin(realm, "?userId=" + realm.userId("carol")), "Authorization", bearer),
                    403, "forbidden");
        }
        assertEquals(200, realm.whoami(carol).status());
    }

    @Test
    void anAdminOfAnotherRealmIsRefused() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");
        String otherAdmin = otherRealm.passwordGrant(ADMIN_CLI, "otheradmin").bearer();
        assertEquals(200, Api.get(admin(otherRealm, ""), "Authorization", otherAdmin).status(),
                "an admin of its own realm");

        Http.Reply list = Api.get(admin(realm, ""), "Authorization", otherAdmin);
        assertEquals(403, list.status(), list.body());
        assertEquals(403, Api.get(admin(realm, "/" + alice.sessionId()), "Authorization", otherAdmin).status());
        assertEquals(403, Api.delete(admin(realm, "/" + alice.sessionId()), "Authorization", otherAdmin).status());
        assertError(Api.get(admin(otherRealm, "/" + alice.sessionId()), "Authorization", otherAdmin), 404, "not_found");
        assertError(Api.delete(admin(otherRealm, "/" + alice.sessionId()), "Authorization", otherAdmin),
                404, "not_found");
        assertEquals(0, Api.get(admin(otherRealm, "?userId=" + realm.userId("alice")), "Authorization", otherAdmin)
                .json().get("total").asInt(), "another realm's user is no user here");
        assertEquals(200, realm.whoami(alice).status());
    }

    @Test
    void theMasterRealmAdminIsAllowed() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");

        Http.Reply one = Api.get(admin(realm, "/" + alice.sessionId()), "Authorization", Admin.bearer());
        assertEquals(200, one.status(), one.body());
        assertEquals(204, Api.delete(admin(realm, "/" + alice.sessionId()), "Authorization", Admin.bearer()).status());

        assertError(realm.whoami(alice), 401, "unauthorized");
        JsonNode event = adminEvent(realm, alice.sessionId(), false);
        assertEquals("master", realmName(event.at("/authDetails/realmId").asText()));
    }

    @Test
    void noTokenIsUnauthorized() {
        Http.Reply reply = Api.get(admin(realm, ""));
        assertEquals(401, reply.status(), reply.body());
        assertEquals(401, Api.delete(admin(realm, "/some-session")).status());
    }

    // ---------------------------------------------------------------- search over a realm full of sessions

    @Test
    void pagesWalkTheWholeRealmNewestActivityFirst() {
        Set<String> expected = logins.stream().map(Login::key).collect(Collectors.toSet());
        List<JsonNode> seen = new ArrayList<>();
        int first = 0;
        while (true) {
            JsonNode page = search("first=" + first + "&max=100");
            assertEquals(expected.size(), page.get("total").asInt(), "total counts every session of the realm");
            page.get("sessions").forEach(seen::add);
            if (page.get("sessions").size() < 100) {
                break;
            }
            first += 100;
        }

        Set<String> keys = seen.stream().map(AdminSessionsIT::key).collect(Collectors.toSet());
        assertTrue(expected.stream().anyMatch(k -> k.endsWith("/offline")), "offline sessions are listed too");
        assertEquals(seen.size(), keys.size(), "no session twice across pages");
        assertEquals(expected, keys);
        assertNewestActivityFirst(seen, 100);
        assertTrue(seen.stream().noneMatch(s -> s.get("current").asBoolean()));
    }

    /**
     * Within a page, sessions are in the order of their last activity; between pages, to the minute, which is how
     * often the device table records a session's activity when nothing else about it changes.
     */
    private static void assertNewestActivityFirst(List<JsonNode> sessions, int pageSize) {
        for (int i = 1; i < sessions.size(); i++) {
            Instant previous = Instant.parse(sessions.get(i - 1).get("lastActivityAt").asText());
            Instant current = Instant.parse(sessions.get(i).get("lastActivityAt").asText());
            Instant limit = i % pageSize == 0 ? previous.plusSeconds(60) : previous;
            assertFalse(current.isAfter(limit), "newest activity first at " + i);
        }
    }

    @Test
    void aSessionSeenFromAnotherAddressComesFirst() {
        Tokens older = realm.passwordGrant(TestRealm.SPA, "carol", "X-Forwarded-For", LONDON_IP);
        realm.passwordGrant(TestRealm.SPA, "carol", "X-Forwarded-For", LONDON_IP);
        String carol = "?type=online&max=1&userId=" + realm.userId("carol");
        // Activity is recorded to the second: the refresh must come in a later second than the newer sign-in.
        long signedIn = Instant.now().getEpochSecond();
        while (Instant.now().getEpochSecond() == signedIn) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }

        assertEquals(200, realm.refresh(TestRealm.SPA, older.refreshToken(), "X-Forwarded-For", "89.160.20.112")
                .status());

        JsonNode top = Api.get(admin(realm, carol), "Authorization", Admin.bearer()).json().get("sessions").get(0);
        assertEquals(older.sessionId(), top.get("id").asText());
        assertEquals("89.160.20.112", top.get("ipAddress").asText());
    }

    @Test
    void defaultPageIsFiftyAndAShortLastPageIsNotAnError() {
        JsonNode page = search("");
        assertEquals(50, page.get("sessions").size());
        int total = page.get("total").asInt();

        JsonNode last = search("first=" + (total - 3) + "&max=100");
        assertEquals(3, last.get("sessions").size());
        assertEquals(0, search("first=" + total).get("sessions").size());
    }

    @Test
    void filtersSelectWhatWasCreated() {
        String bobId = bulk.userId("bob");
        assertFilter("type=online", l -> !l.offline(), s -> !s.get("offline").asBoolean());
        assertFilter("type=offline", Login::offline, s -> s.get("offline").asBoolean());
        assertFilter("userId=" + bobId, l -> l.username().equals("bob"),
                s -> s.get("userId").asText().equals(bobId));
        assertFilter("clientId=" + TestRealm.BACKEND, l -> l.client().equals(TestRealm.BACKEND),
                s -> clientIds(s).contains(TestRealm.BACKEND));
        assertFilter("country=GB", l -> "GB".equals(COUNTRY.get(l.ip())),
                s -> s.at("/location/countryCode").asText().equals("GB"));
        assertFilter("country=se", l -> "SE".equals(COUNTRY.get(l.ip())),
                s -> s.at("/location/countryCode").asText().equals("SE"));
        assertFilter("ip=216.160.83.56", l -> l.ip().equals("216.160.83.56"),
                s -> s.get("ipAddress").asText().equals("216.160.83.56"));
        assertFilter("ip=10.1.*", l -> l.ip().startsWith("10.1."),
                s -> s.get("ipAddress").asText().startsWith("10.1.") && s.get("location").isNull());
        assertFilter("ip=10.1.2.3", l -> l.ip().equals("10.1.2.3"),
                s -> s.get("ipAddress").asText().equals("10.1.2.3")); // not 10.1.2.35
        assertFilter("browser=firefox", l -> l.device().browser().equals("Firefox"),
                s -> s.at("/device/browser").asText().equals("Firefox"));
        assertFilter("os=iOS", l -> "iOS".equals(l.device().os()), s -> s.at("/device/os").asText().equals("iOS"));
        assertFilter("apiClient=true", l -> l.device().apiClient(), s -> s.at("/device/apiClient").asBoolean());
        assertFilter("apiClient=false", l -> !l.device().apiClient(), s -> !s.at("/device/apiClient").asBoolean());
        assertFilter("country=SE&apiClient=true&type=online&clientId=" + TestRealm.SPA,
                l -> "SE".equals(COUNTRY.get(l.ip())) && l.device().apiClient() && l.client().equals(TestRealm.SPA)
                        && !l.offline(),
                s -> s.at("/location/countryCode").asText().equals("SE") && s.at("/device/apiClient").asBoolean()
                        && !s.get("offline").asBoolean());
        assertFilter("userId=" + bobId + "&browser=curl&type=offline",
                l -> l.username().equals("bob") && l.device().browser().equals("curl") && l.offline(),
                s -> s.at("/device/browser").asText().equals("curl") && s.get("offline").asBoolean());
        assertFilter("ip=81.2.69.0/24", l -> l.ip().equals(LONDON_IP),
                s -> s.get("ipAddress").asText().equals(LONDON_IP));
        assertFilter("ip=10.1.2.0/25", l -> l.ip().startsWith("10.1.2.") && lastOctet(l.ip()) < 128,
                s -> s.get("ipAddress").asText().startsWith("10.1.2.") && lastOctet(s.get("ipAddress").asText()) < 128);
        assertFilter("ip=10.1.2.128/25", l -> l.ip().startsWith("10.1.2.") && lastOctet(l.ip()) >= 128,
                s -> lastOctet(s.get("ipAddress").asText()) >= 128);
        assertFilter("ip=10.1.*", l -> l.ip().startsWith("10.1."),
                s -> s.get("ipAddress").asText().startsWith("10.1."));
        assertFilter("ip=2001:db8:a::/48", l -> l.ip().startsWith("2001:db8:a:"),
                s -> s.get("ipAddress").asText().startsWith("2001:db8:a:"));
        assertFilter("ip=2001:db8::/32", l -> l.ip().startsWith("2001:db8:"),
                s -> s.get("ipAddress").asText().startsWith("2001:db8:"));
        assertFilter("ip=2001:db8:b:*", l -> l.ip().startsWith("2001:db8:b:"),
                s -> s.get("ipAddress").asText().startsWith("2001:db8:b:"));
        assertEquals(0, search("ip=2001:db8:c::/48").get("total").asInt(), "the next /48 is empty");
        assertFilter("ip=10.0.0.0/8&browser=curl", l -> l.ip().startsWith("10.") && l.device().browser().equals("curl"),
                s -> s.at("/device/browser").asText().equals("curl"));
        assertFilter("clientId=" + TestRealm.BACKEND + "&browser=Chrome",
                l -> l.client().equals(TestRealm.BACKEND) && l.device().browser().equals("Chrome"),
                s -> clientIds(s).contains(TestRealm.BACKEND) && s.at("/device/browser").asText().equals("Chrome"));
        assertFilter("userId=" + bobId + "&country=GB",
                l -> l.username().equals("bob") && "GB".equals(COUNTRY.get(l.ip())),
                s -> s.get("userId").asText().equals(bobId));
        assertFilter("since=" + Instant.ofEpochSecond(bulkStarted).minusSeconds(1) + "&os=Linux",
                l -> "Linux".equals(l.device().os()), s -> s.at("/device/os").asText().equals("Linux"));
        assertEquals(0, search("since=" + Instant.now().plusSeconds(3600)).get("total").asInt());
        assertEquals(0, search("until=" + (bulkStarted - 3600)).get("total").asInt());
        assertEquals(0, search("clientId=no-such-client").get("total").asInt());
        assertEquals(0, search("userId=no-such-user").get("total").asInt());
        assertEquals(0, search("country=FR").get("total").asInt());
    }

    @Test
    void aFilteredRealmWidePageWalksEveryMatchOnce() {
        long expected = logins.stream().filter(l -> "GB".equals(COUNTRY.get(l.ip()))).count();
        Set<String> seen = new HashSet<>();
        int pages = 0;
        int size = (int) Math.max(1, expected / 3);
        for (int first = 0; first < expected; first += size) {
            JsonNode page = search("country=GB&first=" + first + "&max=" + size);
            assertEquals(expected, page.get("total").asLong());
            for (JsonNode session : page.get("sessions")) {
                assertTrue(seen.add(key(session)), "twice: " + key(session));
                assertEquals("GB", session.at("/location/countryCode").asText());
            }
            pages++;
        }
        assertEquals(expected, seen.size());
        assertTrue(pages > 1);
    }

    @Test
    void filterValuesThatLookLikeSqlOrWildcardsMatchNothingTheyShouldNot() {
        for (String value : List.of("%", "_", "chrome%", "c_rl", "%url", "' OR '1'='1", "chrome' --", "!", "!%",
                "\\", "|b=chrome|", "chrome|o=windows", "chrome|", "b=chrome", "\"%", "curl\"}")) {
            assertEquals(0, search("browser=" + Http.encode(value)).get("total").asInt(), "browser=" + value);
            assertEquals(0, search("os=" + Http.encode(value)).get("total").asInt(), "os=" + value);
        }
        // The same filters with plain values do match: the data set is not empty.
        assertTrue(search("browser=curl").get("total").asInt() > 0);
        assertTrue(search("os=windows").get("total").asInt() > 0);
        for (String bad : List.of("country=%25%25", "country=G_", "ip=10.1.%25", "ip=10.1.2.0/33", "ip=10.1.2.0/8'",
                "since=yesterday", "until=2026-13-01T00:00:00Z", "since=2026-11-23T10:00:00Z&until=2026-11-22T10:00:00Z",
                "apiClient=maybe")) {
            assertError(Api.get(admin(bulk, "?" + bad), "Authorization", Admin.bearer()), 400, "invalid_parameter");
        }
    }

    // ---------------------------------------------------------------- revoke by filter

    @Test
    void revokeByFilterDryRunsAndCountMismatchesChangeNothing() {
        TestRealm target = TestRealm.create(DryRunRealm.class, r -> addUsers(r, List.of(
                realmAdmin(r, "manager", "manage-users"))));
        List<Tokens> matching = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            matching.add(target.passwordGrant(TestRealm.SPA, "alice", "User-Agent", CURL,
                    "X-Forwarded-For", "89.160.20.112"));
        }
        List<Tokens> others = List.of(
                target.passwordGrant(TestRealm.SPA, "bob", "User-Agent", DEVICES.get(0).userAgent(),
                        "X-Forwarded-For", "89.160.20.112"),
                target.passwordGrant(TestRealm.SPA, "carol", "User-Agent", CURL,
                        "X-Forwarded-For", LONDON_IP));
        String manager = target.passwordGrant(ADMIN_CLI, "manager").bearer();
        String filter = "country=SE&apiClient=true";

        Http.Reply dry = Api.delete(admin(target, "?" + filter + "&dryRun=true"), "Authorization", manager);
        assertEquals(200, dry.status(), dry.body());
        assertTrue(dry.json().get("dryRun").asBoolean());
        assertEquals(3, dry.json().get("matched").asInt());
        assertEquals(0, dry.json().get("revoked").asInt());
        assertEquals(sessionIds(matching), ids(dry.json()));

        JsonNode mismatch = assertError(Api.delete(admin(target, "?" + filter + "&expectedCount=4"),
                "Authorization", manager), 409, "count_mismatch");
        assertEquals(3, mismatch.at("/details/matched").asInt());
        assertError(Api.delete(admin(target, "?" + filter + "&maxCount=2"), "Authorization", manager), 409,
                "count_mismatch");
        assertError(Api.delete(admin(target, "?" + filter), "Authorization", manager), 400, "invalid_parameter");
        assertError(Api.delete(admin(target, "?" + filter + "&expectedCount=3&colour=red"), "Authorization", manager),
                400, "invalid_parameter");
        assertError(Api.delete(admin(target, "?" + filter + "&country=GB&expectedCount=3"), "Authorization", manager),
                400, "invalid_parameter");
        assertError(Api.delete(admin(target, "?dryRun=true"), "Authorization", manager), 400, "invalid_parameter");
        // Tried as a new user would: a user, a device filter and a dry run is a dry run of that user's matches.
        Http.Reply userDry = Api.delete(admin(target, "?userId=" + target.userId("alice") + "&country=SE&dryRun=true"),
                "Authorization", manager);
        assertEquals(200, userDry.status(), userDry.body());
        assertEquals(3, userDry.json().get("matched").asInt());

        for (Tokens tokens : matching) {
            assertEquals(200, target.whoami(tokens).status());
        }
        for (Tokens tokens : others) {
            assertEquals(200, target.whoami(tokens).status());
        }
    }

    @Test
    void revokeByFilterEndsExactlyTheMatchingSessionsWithOneAdminEventEach() {
        TestRealm target = TestRealm.create(RevokeRealm.class, r -> addUsers(r, List.of(
                realmAdmin(r, "manager", "manage-users"), realmAdmin(r, "viewer", "view-users"))));
        List<Tokens> matching = List.of(
                target.passwordGrant(TestRealm.SPA, "alice", "User-Agent", CURL,
                        "X-Forwarded-For", "89.160.20.112"),
                target.passwordGrant(TestRealm.SPA, "alice", Map.of("scope", "openid offline_access"),
                        "User-Agent", CURL, "X-Forwarded-For", "89.160.20.112"),
                target.passwordGrant(TestRealm.SPA, "bob", "User-Agent", "python-requests/2.31.0",
                        "X-Forwarded-For", "89.160.20.112"));
        List<Tokens> others = List.of(
                target.passwordGrant(TestRealm.SPA, "alice", "User-Agent", DEVICES.get(0).userAgent(),
                        "X-Forwarded-For", "89.160.20.112"),
                target.passwordGrant(TestRealm.SPA, "carol", "User-Agent", CURL,
                        "X-Forwarded-For", LONDON_IP));
        String filter = "country=SE&apiClient=true";
        String viewer = target.passwordGrant(ADMIN_CLI, "viewer").bearer();
        assertError(Api.delete(admin(target, "?" + filter + "&expectedCount=3"), "Authorization", viewer), 403,
                "forbidden");
        assertError(Api.delete(admin(target, "?" + filter + "&dryRun=true"), "Authorization", viewer), 403,
                "forbidden");
        for (Tokens tokens : matching) {
            assertEquals(200, target.whoami(tokens).status(), "a refused revocation changes nothing");
        }

        String manager = target.passwordGrant(ADMIN_CLI, "manager").bearer();
        Http.Reply done = Api.delete(admin(target, "?" + filter + "&expectedCount=3"), "Authorization", manager);
        assertEquals(200, done.status(), done.body());
        assertFalse(done.json().get("dryRun").asBoolean());
        assertEquals(3, done.json().get("matched").asInt());
        assertEquals(3, done.json().get("revoked").asInt());

        for (Tokens tokens : matching) {
            assertEquals(401, target.whoami(tokens).status());
            assertEquals(400, target.refresh(TestRealm.SPA, tokens.refreshToken()).status());
        }
        for (Tokens tokens : others) {
            assertEquals(200, target.whoami(tokens).status());
        }
        assertEquals(200, Api.get(admin(target, "?max=1"), "Authorization", manager).status());
        for (int i = 0; i < matching.size(); i++) {
            // The second is an offline session (its direct grant keeps no online twin).
            adminEvent(target, matching.get(i).sessionId(), i == 1);
        }
        JsonNode again = Api.delete(admin(target, "?" + filter + "&dryRun=true"), "Authorization", manager).json();
        assertEquals(0, again.get("matched").asInt());
    }

    @Test
    void getFindsAnySessionOfTheRealm() {
        for (Login login : List.of(logins.get(0), logins.get(1))) {
            String id = login.tokens().sessionId();

            JsonNode found = Api.get(admin(bulk, "/" + id), "Authorization", Admin.bearer()).json();

            assertEquals(id, found.get("id").asText());
            assertEquals(login.offline(), found.get("offline").asBoolean());
            assertEquals(bulk.userId(login.username()), found.get("userId").asText());
            assertEquals(login.username(), found.get("username").asText());
            assertEquals(login.ip(), found.get("ipAddress").asText());
            assertEquals(login.device().browser(), found.at("/device/browser").asText());
            assertEquals(List.of(login.client()), found.get("clients").findValuesAsText("clientId"));
            assertFalse(found.get("current").asBoolean());
        }
    }

    @Test
    void badParametersAreRefusedInTheApisSchema() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("max=0", "max");
        bad.put("max=101", "max");
        bad.put("max=ten", "max");
        bad.put("first=-1", "first");
        bad.put("first=99999999999", "first");
        bad.put("type=both", "type");
        bad.put("apiClient=yes", "apiClient");
        bad.put("country=GBR", "country");
        bad.put("ip=not-an-address", "ip");
        bad.put("ip=*", "ip");
        bad.put("ip=81.2.6*", "ip");
        bad.put("browser=" + "x".repeat(256), "browser");
        for (Map.Entry<String, String> query : bad.entrySet()) {
            JsonNode error = assertError(Api.get(admin(bulk, "?" + query.getKey()), "Authorization", Admin.bearer()),
                    400, "invalid_parameter");
            assertEquals(query.getValue(), error.at("/details/parameter").asText(), query.getKey());
        }
        assertError(Api.get(admin(bulk, "/" + "a".repeat(65)), "Authorization", Admin.bearer()), 400,
                "invalid_parameter");
        assertError(Api.delete(admin(bulk, "/" + "a".repeat(65)), "Authorization", Admin.bearer()), 400,
                "invalid_parameter");
        assertError(Api.get(admin(bulk, "/no-such-session"), "Authorization", Admin.bearer()), 404, "not_found");
        JsonNode deep = search("first=9999999");
        assertEquals(0, deep.get("sessions").size(), "a page past the end is empty, not an error");
        assertEquals(bulkLogins(), deep.get("total").asInt());
    }

    private int bulkLogins() {
        return logins.size();
    }

    // ---------------------------------------------------------------- helpers

    /** Checks total against the logins that should match, and every item of the first page against the filter. */
    private void assertFilter(String query, Predicate<Login> login, Predicate<JsonNode> item) {
        long expected = logins.stream().filter(login).count();
        JsonNode page = search(query + "&max=100");
        assertNotEquals(0, expected, "the data set has matches for " + query);
        assertEquals(expected, page.get("total").asLong(), query);
        assertEquals(Math.min(expected, 100), page.get("sessions").size(), query);
        for (JsonNode session : page.get("sessions")) {
            assertTrue(item.test(session), query + ": " + session);
        }
    }

    private JsonNode search(String query) {
        Http.Reply reply = Api.get(admin(bulk, "?" + query), "Authorization", Admin.bearer());
        assertEquals(200, reply.status(), reply.body());
        assertEquals("no-store", reply.header("Cache-Control"));
        return reply.json();
    }

    private List<Login> createBulkSessions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Login>> pending = new ArrayList<>();
            for (int i = 0; i < BULK_LOGINS; i++) {
                int n = i;
                pending.add(pool.submit(() -> login(n)));
            }
            List<Login> created = new ArrayList<>();
            for (Future<Login> login : pending) {
                created.add(login.get());
            }
            return created;
        } finally {
            pool.shutdownNow();
        }
    }

    private Login login(int n) {
        String username = BULK_USERS.get(n % BULK_USERS.size());
        Device device = DEVICES.get(n % DEVICES.size());
        String ip = n % 4 != 3 ? LOCATED.get(n % 4)
                : n % 8 == 3 ? "10.1.2." + (n % 200)
                : "2001:db8:" + (n % 16 == 7 ? "a" : "b") + "::" + Integer.toHexString(n);
        String client = n % 7 == 0 ? TestRealm.BACKEND : TestRealm.SPA;
        boolean offline = n % OFFLINE_EVERY == 0;
        Map<String, String> scope = offline ? Map.of("scope", "openid offline_access") : Map.of();
        Tokens tokens = bulk.passwordGrant(client, username, scope,
                "User-Agent", device.userAgent(), "X-Forwarded-For", ip);
        return new Login(tokens, username, device, ip, client, offline);
    }

    private JsonNode adminEvent(TestRealm target, String sessionId, boolean offline) {
        JsonNode events = Admin.getJson("/realms/" + target.name()
                + "/admin-events?operationTypes=DELETE&resourceTypes=USER_SESSION&max=1000");
        for (JsonNode event : events) {
            if (event.get("resourcePath").asText().equals("device-sessions/" + sessionId)
                    && event.at("/details/offline").asText().equals(String.valueOf(offline))) {
                return event;
            }
        }
        throw new AssertionError("No admin event for " + sessionId + " (offline " + offline + ") in " + events);
    }

    private JsonNode logoutEvent(TestRealm target, String sessionId) {
        for (JsonNode event : target.events("LOGOUT")) {
            if (sessionId.equals(event.path("sessionId").asText())) {
                return event;
            }
        }
        throw new AssertionError("No LOGOUT event for " + sessionId);
    }

    private static String realmName(String realmId) {
        for (JsonNode realm : Admin.getJson("/realms")) {
            if (realm.get("id").asText().equals(realmId)) {
                return realm.get("realm").asText();
            }
        }
        return realmId;
    }

    private static String admin(TestRealm target, String pathAndQuery) {
        return KeycloakExtension.server().baseUrl() + "/admin/realms/" + target.name() + "/device-sessions"
                + pathAndQuery;
    }

    private static Set<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("sessions").spliterator(), false)
                .map(s -> s.get("id").asText()).collect(Collectors.toSet());
    }

    private static Set<String> clientIds(JsonNode session) {
        return new HashSet<>(session.get("clients").findValuesAsText("clientId"));
    }

    private static Set<String> keys(JsonNode page) {
        return StreamSupport.stream(page.get("sessions").spliterator(), false)
                .map(AdminSessionsIT::key).collect(Collectors.toSet());
    }

    private static String key(JsonNode session) {
        return session.get("id").asText() + (session.get("offline").asBoolean() ? "/offline" : "/online");
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    private static void addUsers(Map<String, Object> realm, List<Map<String, Object>> extra) {
        @SuppressWarnings("unchecked")
        List<Object> users = new ArrayList<>((List<Object>) realm.get("users"));
        users.addAll(extra);
        realm.put("users", users);
    }

    /** A user of the realm holding these roles of the realm's realm-management client (none: a plain user). */
    private static Map<String, Object> realmAdmin(Map<String, Object> realm, String username, String... roles) {
        Map<String, Object> user = TestRealm.user((String) realm.get("realm"), username, null, null, null);
        if (roles.length > 0) {
            user.put("clientRoles", Map.of("realm-management", List.of(roles)));
        }
        return user;
    }

    private record Device(String userAgent, String browser, String os, boolean apiClient) {
    }

    private record Login(Tokens tokens, String username, Device device, String ip, String client, boolean offline) {

        /** The one session the grant made: a password grant with offline_access makes an offline session only. */
        String key() {
            return tokens.sessionId() + (offline ? "/offline" : "/online");
        }
    }

    /** Names the second realm, whose admin must not reach the first. */
    private static final class DryRunRealm {
    }

    private static final class RevokeRealm {
    }

    private static int lastOctet(String ip) {
        return Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
    }

    private static Set<String> sessionIds(List<Tokens> tokens) {
        return tokens.stream().map(Tokens::sessionId).collect(Collectors.toSet());
    }

    private static final class OtherRealm {
    }

    /** Names the realm filled with sessions for the search tests. */
    private static final class BulkRealm {
    }
}
