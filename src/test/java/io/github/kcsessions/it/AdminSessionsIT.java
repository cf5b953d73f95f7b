package io.github.kcsessions.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Api;
import io.github.kcsessions.it.support.Clock;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.OfflineBrowserLogin;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.FIREFOX_LINUX;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.fixtures.Devices.SAFARI_IPHONE;
import static io.github.kcsessions.it.ApiAssertions.assertError;
import static io.github.kcsessions.it.ApiAssertions.assertFields;
import static io.github.kcsessions.it.ApiAssertions.assertOk;
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
            new Device(CHROME_WINDOWS, "Chrome", "Windows", false),
            new Device(FIREFOX_LINUX, "Firefox", "Linux", false),
            new Device(SAFARI_IPHONE, "Safari", "iOS", false),
            new Device(CURL, "curl", null, true),
            new Device("python-requests/2.31.0", "python-requests", null, true));
    // Addresses the test geo-IP database knows, and a private one it cannot locate.
    private static final String SWEDEN_IP = "89.160.20.112";
    private static final List<String> LOCATED = List.of(LONDON_IP, SWEDEN_IP, "216.160.83.56");
    private static final Map<String, String> COUNTRY = Map.of(LONDON_IP, "GB", SWEDEN_IP, "SE", "216.160.83.56", "US");

    private TestRealm realm;
    private TestRealm otherRealm;
    private TestRealm bulk;
    private List<Login> logins;
    private long bulkStarted;

    @BeforeAll
    void createRealms() throws Exception {
        realm = TestRealm.create(AdminSessionsIT.class,
                withUsers("viewer:view-users", "manager:manage-users", "plain"));
        otherRealm = TestRealm.create("adminsessionsit-other", withUsers("otheradmin:view-users,manage-users"));
        bulk = TestRealm.create("adminsessionsit-bulk", r -> { });
        bulkStarted = Instant.now().getEpochSecond();
        logins = createBulkSessions();
    }

    // ---------------------------------------------------------------- permissions

    @Test
    void viewUsersMayListAndGetButNotRevoke() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");
        String viewer = realm.passwordGrant(ADMIN_CLI, "viewer").bearer();

        JsonNode page = get(realm, viewer, "?userId=" + realm.userId("alice")).json();
        assertTrue(ids(page).contains(alice.sessionId()), page.toString());
        assertTrue(page.get("total").asInt() >= 1);
        JsonNode realmWide = get(realm, viewer, "?max=100").json();
        assertTrue(ids(realmWide).contains(alice.sessionId()), realmWide.toString());

        // An admin's view is never 'current'.
        assertFields(assertOk(get(realm, viewer, "/" + alice.sessionId())), "/id", alice.sessionId(),
                "/userId", realm.userId("alice"), "/username", "alice", "/current", false);

        assertError(delete(realm, viewer, "/" + alice.sessionId()), 403, "forbidden");
        assertError(delete(realm, viewer, "?userId=" + realm.userId("alice")), 403, "forbidden");
        assertEquals(200, realm.whoami(alice).status(), "the refused revocation changed nothing");
    }

    @Test
    void manageUsersRevokesOneSession() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");
        Tokens other = realm.passwordGrant(TestRealm.SPA, "alice");
        String manager = realm.passwordGrant(ADMIN_CLI, "manager").bearer();

        Http.Reply revoked = delete(realm, manager, "/" + alice.sessionId());

        assertEquals(204, revoked.status(), revoked.body());
        assertEquals("no-store", revoked.header("Cache-Control"));
        assertError(realm.whoami(alice), 401, "unauthorized");
        assertEquals(400, realm.refresh(TestRealm.SPA, alice.refreshToken()).status(), "the refresh token is dead");
        assertError(get(realm, manager, "/" + alice.sessionId()), 410, "session_ended");
        assertEquals(200, realm.whoami(other).status(), "the user's other session lives on");

        JsonNode event = adminEvent(realm, alice.sessionId(), false);
        assertFields(event, "/authDetails/userId", realm.userId("manager"), "/details/session_id", alice.sessionId(),
                "/details/user_id", realm.userId("alice"));
        assertFields(representation(event), "/id", alice.sessionId(), "/userId", realm.userId("alice"),
                "/offline", false);

        JsonNode logout = find(realm.events("LOGOUT"), e -> alice.sessionId().equals(e.path("sessionId").asText()));
        assertFields(logout, "/details/revoked_by", "admin", "/details/revoked_through", "session-api");
    }

    @Test
    void revokingASessionAlsoRevokesItsOfflineTwinAndAnOfflineOnlySessionIsFound() {
        TestRealm.BrowserLogin browser = realm.browserLogin("alice", false);
        Tokens alice = OfflineBrowserLogin.login(realm, browser.cookies());
        String manager = realm.passwordGrant(ADMIN_CLI, "manager").bearer();
        String query = "?userId=" + realm.userId("alice");
        Set<String> before = keys(get(realm, manager, query).json());
        assertTrue(before.containsAll(Set.of(alice.sessionId() + "/online", alice.sessionId() + "/offline")),
                alice.sessionId() + " in " + before);
        assertFields(get(realm, manager, "/" + alice.sessionId()).json(), "/offline", false); // online first

        assertEquals(204, delete(realm, manager, "/" + alice.sessionId()).status());

        assertEquals(400, realm.refresh(TestRealm.SPA, alice.refreshToken()).status(), "the offline token is dead");
        assertError(realm.whoami(alice), 401, "unauthorized");
        assertError(realm.whoami(browser.tokens()), 401, "unauthorized");
        assertEquals(400, realm.refresh(TestRealm.SPA, browser.tokens().refreshToken()).status());
        assertError(get(realm, manager, "/" + alice.sessionId()), 410, "session_ended");
        Set<String> after = keys(get(realm, manager, query).json());
        assertFalse(after.contains(alice.sessionId() + "/online") || after.contains(alice.sessionId() + "/offline"));
        assertTrue(representation(adminEvent(realm, alice.sessionId(), true)).get("offline").asBoolean());
        assertFalse(representation(adminEvent(realm, alice.sessionId(), false)).get("offline").asBoolean());

        Tokens offlineOnly = realm.passwordGrant(TestRealm.SPA, "alice", Map.of("scope", "openid offline_access"));
        assertFields(get(realm, manager, "/" + offlineOnly.sessionId()).json(), "/offline", true);
        assertEquals(204, delete(realm, manager, "/" + offlineOnly.sessionId()).status());
        assertEquals(400, realm.refresh(TestRealm.SPA, offlineOnly.refreshToken()).status(), "its token is dead");
        assertError(get(realm, manager, "/" + offlineOnly.sessionId()), 410, "session_ended");
        adminEvent(realm, offlineOnly.sessionId(), true);
    }

    @Test
    void manageUsersRevokesAllSessionsOfAUserAndOnlyOfAUser() {
        List<Tokens> bobs = List.of(
                realm.passwordGrant(TestRealm.SPA, "bob"),
                realm.passwordGrant(TestRealm.SPA, "bob", Map.of("scope", "openid offline_access")),
                realm.passwordGrant(TestRealm.BACKEND, "bob"));
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");
        String manager = realm.passwordGrant(ADMIN_CLI, "manager").bearer();
        String ofBob = "?userId=" + realm.userId("bob");
        int total = get(realm, manager, ofBob).json().get("total").asInt();
        assertEquals(3, total, "two online sessions and one offline");

        assertEquals(total, assertOk(delete(realm, manager, ofBob)).get("revoked").asInt());
        assertEquals(0, get(realm, manager, ofBob).json().get("total").asInt());
        for (Tokens bob : bobs) {
            assertError(realm.whoami(bob), 401, "unauthorized");
        }
        assertEquals(200, realm.whoami(alice).status(), "not alice's");
        adminEvent(realm, bobs.get(0).sessionId(), false);
        adminEvent(realm, bobs.get(1).sessionId(), true);
        adminEvent(realm, bobs.get(2).sessionId(), false);

        // Revoking all needs a user.
        JsonNode error = assertError(delete(realm, manager, ""), 400, "invalid_parameter");
        assertEquals("userId", error.at("/details/parameter").asText());
        assertError(delete(realm, manager, "?userId="), 400, "invalid_parameter");
        assertError(delete(realm, manager, "?userId=no-such-user"), 404, "not_found");
        assertError(delete(realm, manager, "/no-such-session"), 404, "not_found");
    }

    @Test
    void aUserWithoutAdminRolesIsForbiddenAndNoTokenUnauthorized() {
        Tokens carol = realm.passwordGrant(TestRealm.SPA, "carol");
        for (String bearer : List.of(carol.bearer(), realm.passwordGrant(ADMIN_CLI, "plain").bearer())) {
            assertError(get(realm, bearer, ""), 403, "forbidden");
            assertError(get(realm, bearer, "/" + carol.sessionId()), 403, "forbidden");
            assertError(get(realm, bearer, "/no-such-session"), 403, "forbidden");
            assertError(delete(realm, bearer, "/" + carol.sessionId()), 403, "forbidden");
            assertError(delete(realm, bearer, "?userId=" + realm.userId("carol")), 403, "forbidden");
        }
        assertEquals(200, realm.whoami(carol).status());

        Http.Reply noToken = Api.get(admin(realm, ""));
        assertEquals(401, noToken.status(), noToken.body());
        assertEquals(401, Api.delete(admin(realm, "/some-session")).status());
    }

    @Test
    void anAdminOfAnotherRealmIsRefused() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");
        String otherAdmin = otherRealm.passwordGrant(ADMIN_CLI, "otheradmin").bearer();
        assertEquals(200, get(otherRealm, otherAdmin, "").status(), "an admin of its own realm");

        Http.Reply list = get(realm, otherAdmin, "");
        assertEquals(403, list.status(), list.body());
        assertEquals(403, get(realm, otherAdmin, "/" + alice.sessionId()).status());
        assertEquals(403, delete(realm, otherAdmin, "/" + alice.sessionId()).status());
        assertError(get(otherRealm, otherAdmin, "/" + alice.sessionId()), 404, "not_found");
        assertError(delete(otherRealm, otherAdmin, "/" + alice.sessionId()), 404, "not_found");
        assertEquals(0, get(otherRealm, otherAdmin, "?userId=" + realm.userId("alice")).json().get("total").asInt(),
                "another realm's user is no user here");
        assertEquals(200, realm.whoami(alice).status());
    }

    @Test
    void theMasterRealmAdminIsAllowed() {
        Tokens alice = realm.passwordGrant(TestRealm.SPA, "alice");

        assertOk(get(realm, Admin.bearer(), "/" + alice.sessionId()));
        assertEquals(204, delete(realm, Admin.bearer(), "/" + alice.sessionId()).status());

        assertError(realm.whoami(alice), 401, "unauthorized");
        JsonNode event = adminEvent(realm, alice.sessionId(), false);
        String realmId = event.at("/authDetails/realmId").asText();
        assertEquals("master", find(Admin.getJson("/realms"), r -> r.get("id").asText().equals(realmId)).get("realm")
                .asText());
    }

    // ---------------------------------------------------------------- search over a realm full of sessions

    @Test
    void pagesWalkTheWholeRealmNewestActivityFirst() {
        Set<String> expected = logins.stream().map(Login::key).collect(Collectors.toSet());
        List<JsonNode> seen = new ArrayList<>();
        for (int first = 0; seen.size() == first; first += 100) { // until a page is not full
            JsonNode page = search("first=" + first + "&max=100");
            assertEquals(expected.size(), page.get("total").asInt(), "total counts every session of the realm");
            page.get("sessions").forEach(seen::add);
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
        // Activity is recorded to the second: the refresh must come in a later second than the newer sign-in.
        Clock.nextSecond();

        assertEquals(200, realm.refresh(TestRealm.SPA, older.refreshToken(), "X-Forwarded-For", SWEDEN_IP)
                .status());

        JsonNode top = get(realm, Admin.bearer(), "?type=online&max=1&userId=" + realm.userId("carol")).json();
        assertFields(top, "/sessions/0/id", older.sessionId(), "/sessions/0/ipAddress", SWEDEN_IP);
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
        String backend = TestRealm.BACKEND;
        assertFilter("type=online", s -> !s.offline());
        assertFilter("type=offline", Seen::offline);
        assertFilter("userId=" + bobId, s -> s.userId().equals(bobId));
        assertFilter("clientId=" + backend, s -> s.clients().contains(backend));
        assertFilter("country=GB", s -> "GB".equals(s.country()));
        assertFilter("country=se", s -> "SE".equals(s.country()));
        assertFilter("ip=216.160.83.56", s -> s.ip().equals("216.160.83.56"));
        assertFilter("ip=10.1.*", s -> s.ip().startsWith("10.1.") && !s.located());
        assertFilter("ip=10.1.2.3", s -> s.ip().equals("10.1.2.3")); // not 10.1.2.35
        assertFilter("browser=firefox", s -> "Firefox".equals(s.browser()));
        assertFilter("os=iOS", s -> "iOS".equals(s.os()));
        assertFilter("apiClient=true", Seen::apiClient);
        assertFilter("apiClient=false", s -> !s.apiClient());
        assertFilter("country=SE&apiClient=true&type=online&clientId=" + TestRealm.SPA,
                s -> "SE".equals(s.country()) && s.apiClient() && s.clients().contains(TestRealm.SPA) && !s.offline());
        assertFilter("userId=" + bobId + "&browser=curl&type=offline",
                s -> s.userId().equals(bobId) && "curl".equals(s.browser()) && s.offline());
        assertFilter("ip=81.2.69.0/24", s -> s.ip().equals(LONDON_IP));
        assertFilter("ip=10.1.2.0/25", s -> s.ip().startsWith("10.1.2.") && lastOctet(s.ip()) < 128);
        assertFilter("ip=10.1.2.128/25", s -> s.ip().startsWith("10.1.2.") && lastOctet(s.ip()) >= 128);
        assertFilter("ip=2001:db8:a::/48", s -> s.ip().startsWith("2001:db8:a:"));
        assertFilter("ip=2001:db8::/32", s -> s.ip().startsWith("2001:db8:"));
        assertFilter("ip=2001:db8:b:*", s -> s.ip().startsWith("2001:db8:b:"));
        assertEquals(0, search("ip=2001:db8:c::/48").get("total").asInt(), "the next /48 is empty");
        assertFilter("ip=10.0.0.0/8&browser=curl", s -> s.ip().startsWith("10.") && "curl".equals(s.browser()));
        assertFilter("clientId=" + backend + "&browser=Chrome",
                s -> s.clients().contains(backend) && "Chrome".equals(s.browser()));
        assertFilter("userId=" + bobId + "&country=GB", s -> s.userId().equals(bobId) && "GB".equals(s.country()));
        assertFilter("since=" + Instant.ofEpochSecond(bulkStarted).minusSeconds(1) + "&os=Linux",
                s -> "Linux".equals(s.os()));
        assertEquals(0, search("since=" + Instant.now().plusSeconds(3600)).get("total").asInt());
        assertEquals(0, search("until=" + (bulkStarted - 3600)).get("total").asInt());
        assertEquals(0, search("clientId=no-such-client").get("total").asInt());
        assertEquals(0, search("userId=no-such-user").get("total").asInt());
        assertEquals(0, search("country=FR").get("total").asInt());
    }

    @Test
    void aFilteredRealmWidePageWalksEveryMatchOnce() {
        long expected = logins.stream().filter(l -> "GB".equals(l.seen().country())).count();
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
                "since=yesterday", "until=2026-13-01T00:00:00Z", "apiClient=maybe",
                "since=2026-11-23T10:00:00Z&until=2026-11-22T10:00:00Z")) {
            assertError(get(bulk, Admin.bearer(), "?" + bad), 400, "invalid_parameter");
        }
    }

    // ---------------------------------------------------------------- revoke by filter

    @Test
    void revokeByFilterEndsExactlyTheMatchingSessionsWithOneAdminEventEach() {
        TestRealm target = TestRealm.create("adminsessionsit-revoke",
                withUsers("manager:manage-users", "viewer:view-users"));
        List<Tokens> matching = List.of(
                grant(target, "alice", CURL, SWEDEN_IP),
                target.passwordGrant(TestRealm.SPA, "alice", Map.of("scope", "openid offline_access"),
                        "User-Agent", CURL, "X-Forwarded-For", SWEDEN_IP),
                grant(target, "bob", "python-requests/2.31.0", SWEDEN_IP));
        List<Tokens> others = List.of(grant(target, "alice", DEVICES.get(0).userAgent(), SWEDEN_IP),
                grant(target, "carol", CURL, LONDON_IP));
        String filter = "?country=SE&apiClient=true";
        String viewer = target.passwordGrant(ADMIN_CLI, "viewer").bearer();
        assertError(delete(target, viewer, filter + "&expectedCount=3"), 403, "forbidden");
        assertError(delete(target, viewer, filter + "&dryRun=true"), 403, "forbidden");

        // Dry runs and count mismatches change nothing.
        String manager = target.passwordGrant(ADMIN_CLI, "manager").bearer();
        JsonNode dry = assertOk(delete(target, manager, filter + "&dryRun=true"));
        assertFields(dry, "/dryRun", true, "/matched", 3, "/revoked", 0);
        assertEquals(matching.stream().map(Tokens::sessionId).collect(Collectors.toSet()), ids(dry));
        JsonNode mismatch = assertError(delete(target, manager, filter + "&expectedCount=4"), 409, "count_mismatch");
        assertEquals(3, mismatch.at("/details/matched").asInt());
        assertError(delete(target, manager, filter + "&maxCount=2"), 409, "count_mismatch");
        assertError(delete(target, manager, filter), 400, "invalid_parameter");
        assertError(delete(target, manager, filter + "&expectedCount=3&colour=red"), 400, "invalid_parameter");
        assertError(delete(target, manager, filter + "&country=GB&expectedCount=3"), 400, "invalid_parameter");
        assertError(delete(target, manager, "?dryRun=true"), 400, "invalid_parameter");
        // Tried as a new user would: a user, a device filter and a dry run is a dry run of that user's matches.
        String ofAlice = "?userId=" + target.userId("alice");
        assertEquals(3, assertOk(delete(target, manager, ofAlice + "&country=SE&dryRun=true")).get("matched").asInt());
        assertWhoami(target, 200, matching);
        assertWhoami(target, 200, others);

        assertFields(assertOk(delete(target, manager, filter + "&expectedCount=3")), "/dryRun", false, "/matched", 3,
                "/revoked", 3);

        assertWhoami(target, 401, matching);
        for (Tokens tokens : matching) {
            assertEquals(400, target.refresh(TestRealm.SPA, tokens.refreshToken()).status());
        }
        assertWhoami(target, 200, others);
        assertEquals(200, get(target, manager, "?max=1").status());
        for (int i = 0; i < matching.size(); i++) {
            // The second is an offline session (its direct grant keeps no online twin).
            adminEvent(target, matching.get(i).sessionId(), i == 1);
        }
        assertEquals(0, delete(target, manager, filter + "&dryRun=true").json().get("matched").asInt());
    }

    @Test
    void getFindsAnySessionOfTheRealm() {
        for (Login login : List.of(logins.get(0), logins.get(1))) {
            String id = login.tokens().sessionId();

            JsonNode found = get(bulk, Admin.bearer(), "/" + id).json();

            assertFields(found, "/id", id, "/offline", login.offline(), "/userId", login.userId(),
                    "/username", login.username(), "/ipAddress", login.ip(),
                    "/device/browser", login.device().browser(), "/current", false);
            assertEquals(List.of(login.client()), found.get("clients").findValuesAsText("clientId"));
        }
    }

    @Test
    void badParametersAreRefusedInTheApisSchema() {
        // Each names the refused parameter, the one before '='.
        for (String query : List.of("max=0", "max=101", "max=ten", "first=-1", "first=99999999999", "type=both",
                "apiClient=yes", "country=GBR", "ip=not-an-address", "ip=*", "ip=81.2.6*",
                "browser=" + "x".repeat(256))) {
            JsonNode error = assertError(get(bulk, Admin.bearer(), "?" + query), 400, "invalid_parameter");
            assertEquals(query.substring(0, query.indexOf('=')), error.at("/details/parameter").asText(), query);
        }
        assertError(get(bulk, Admin.bearer(), "/" + "a".repeat(65)), 400, "invalid_parameter");
        assertError(delete(bulk, Admin.bearer(), "/" + "a".repeat(65)), 400, "invalid_parameter");
        assertError(get(bulk, Admin.bearer(), "/no-such-session"), 404, "not_found");
        JsonNode deep = search("first=9999999");
        assertEquals(0, deep.get("sessions").size(), "a page past the end is empty, not an error");
        assertEquals(logins.size(), deep.get("total").asInt());
    }

    // ---------------------------------------------------------------- helpers

    /** Checks total against the logins that should match, and every item of the first page against the filter. */
    private void assertFilter(String query, Predicate<Seen> filter) {
        long expected = logins.stream().map(Login::seen).filter(filter).count();
        JsonNode page = search(query + "&max=100");
        assertNotEquals(0, expected, "the data set has matches for " + query);
        assertEquals(expected, page.get("total").asLong(), query);
        assertEquals(Math.min(expected, 100), page.get("sessions").size(), query);
        for (JsonNode session : page.get("sessions")) {
            assertTrue(filter.test(Seen.of(session)), query + ": " + session);
        }
    }

    private JsonNode search(String query) {
        return assertOk(get(bulk, Admin.bearer(), "?" + query));
    }

    private List<Login> createBulkSessions() throws Exception {
        Map<String, String> userIds = BULK_USERS.stream().collect(Collectors.toMap(u -> u, bulk::userId));
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            // A parallel stream started in a pool runs in that pool: four grants at a time.
            return pool.submit(() -> IntStream.range(0, BULK_LOGINS).parallel().mapToObj(n -> login(n, userIds))
                    .toList()).get();
        } finally {
            pool.shutdownNow();
        }
    }

    private Login login(int n, Map<String, String> userIds) {
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
        return new Login(tokens, username, userIds.get(username), device, ip, client, offline);
    }

    private static Tokens grant(TestRealm target, String username, String userAgent, String ip) {
        return target.passwordGrant(TestRealm.SPA, username, "User-Agent", userAgent, "X-Forwarded-For", ip);
    }

    private static void assertWhoami(TestRealm target, int status, List<Tokens> sessions) {
        for (Tokens tokens : sessions) {
            assertEquals(status, target.whoami(tokens).status(), tokens.sessionId());
        }
    }

    private static JsonNode adminEvent(TestRealm target, String sessionId, boolean offline) {
        return find(Admin.getJson("/realms/" + target.name()
                        + "/admin-events?operationTypes=DELETE&resourceTypes=USER_SESSION&max=1000"),
                e -> e.get("resourcePath").asText().equals("device-sessions/" + sessionId)
                        && e.at("/details/offline").asText().equals(String.valueOf(offline)));
    }

    private static JsonNode find(JsonNode items, Predicate<JsonNode> wanted) {
        return items.valueStream().filter(wanted).findFirst().orElseThrow(() -> new AssertionError("Not in " + items));
    }

    private static String admin(TestRealm target, String pathAndQuery) {
        return target.baseUrl() + "/admin/realms/" + target.name() + "/device-sessions" + pathAndQuery;
    }

    private static Http.Reply get(TestRealm target, String bearer, String pathAndQuery) {
        return Api.get(admin(target, pathAndQuery), "Authorization", bearer);
    }

    private static Http.Reply delete(TestRealm target, String bearer, String pathAndQuery) {
        return Api.delete(admin(target, pathAndQuery), "Authorization", bearer);
    }

    private static Set<String> ids(JsonNode page) {
        return page.get("sessions").valueStream().map(s -> s.get("id").asText()).collect(Collectors.toSet());
    }

    private static Set<String> keys(JsonNode page) {
        return page.get("sessions").valueStream().map(AdminSessionsIT::key).collect(Collectors.toSet());
    }

    private static String key(JsonNode session) {
        return session.get("id").asText() + (session.get("offline").asBoolean() ? "/offline" : "/online");
    }

    private static int lastOctet(String ip) {
        return Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
    }

    private static JsonNode representation(JsonNode adminEvent) {
        try {
            return Http.JSON.readTree(adminEvent.get("representation").asText());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + adminEvent, e);
        }
    }

    /** Adds users with roles of the realm's realm-management client: "name:role,role", or "name" for a plain user. */
    private static Consumer<Map<String, Object>> withUsers(String... users) {
        return realm -> {
            List<Object> all = new ArrayList<>((List<?>) realm.get("users"));
            for (String spec : users) {
                String[] name = spec.split(":");
                Map<String, Object> user = TestRealm.user((String) realm.get("realm"), name[0], null, null, null);
                if (name.length > 1) {
                    user.put("clientRoles", Map.of("realm-management", List.of(name[1].split(","))));
                }
                all.add(user);
            }
            realm.put("users", all);
        };
    }

    private record Device(String userAgent, String browser, String os, boolean apiClient) {
    }

    private record Login(Tokens tokens, String username, String userId, Device device, String ip, String client,
                         boolean offline) {

        /** The one session the grant made: a password grant with offline_access makes an offline session only. */
        String key() {
            return tokens.sessionId() + (offline ? "/offline" : "/online");
        }

        Seen seen() {
            return new Seen(userId, ip, COUNTRY.containsKey(ip), COUNTRY.get(ip), device.browser(), device.os(),
                    device.apiClient(), Set.of(client), offline);
        }
    }

    /** What a filter looks at, alike for a session made and a session listed, so one predicate checks both. */
    private record Seen(String userId, String ip, boolean located, String country, String browser, String os,
                        boolean apiClient, Set<String> clients, boolean offline) {

        static Seen of(JsonNode session) {
            return new Seen(session.get("userId").asText(), session.get("ipAddress").asText(),
                    !session.path("location").isNull(), session.at("/location/countryCode").asText(null),
                    session.at("/device/browser").asText(null), session.at("/device/os").asText(null),
                    session.at("/device/apiClient").asBoolean(), new HashSet<>(session.get("clients")
                            .findValuesAsText("clientId")), session.get("offline").asBoolean());
        }
    }
}
