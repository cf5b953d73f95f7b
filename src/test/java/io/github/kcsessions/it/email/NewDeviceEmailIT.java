package io.github.kcsessions.it.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcsessions.it.email.NewDeviceEmails.TwoDevices;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.support.Clock;
import io.github.kcsessions.it.support.Forms;
import io.github.kcsessions.it.support.FreePort;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakExtension;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.Mailbox;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.FIREFOX_LINUX;
import static io.github.kcsessions.fixtures.Devices.HOME_IP;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.it.support.Clock.await;
import static io.github.kcsessions.it.email.NewDeviceEmails.withNewDeviceEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "new sign-in" email and its "This wasn't me" link, against the real server and a real SMTP server (GreenMail in
 * this JVM): which sign-ins send an email, what it says, and that following the link through the real pages ends
 * exactly that session.
 */
@KeycloakTest
class NewDeviceEmailIT {

    private static final String FIREFOX_LINUX_UPDATED =
            "Mozilla/5.0 (X11; Linux x86_64; rv:134.0) Gecko/20100101 Firefox/134.0";
    private static final String LIFESPAN_OVERRIDE = "actionTokenGeneratedByUserLifespan.kcs-end-session";

    private Mailbox mail;
    private TestRealm realm;

    @BeforeAll
    void start() {
        mail = Mailbox.start();
        realm = TestRealm.create(NewDeviceEmailIT.class, withNewDeviceEmail(mail::configure, "erin", "frank", "grace")
                .andThen(r -> r.put("accountTheme", "session-devices")));
    }

    @AfterAll
    void stop() {
        mail.close();
    }

    @Test
    void onlyASignInFromANewDeviceOfAnAccountThatKnowsOthersSendsTheEmail() throws Exception {
        // The first sign-in teaches the account its first device; the same device again, updated, is still known.
        realm.passwordGrant(TestRealm.SPA, "bob", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", HOME_IP);
        realm.passwordGrant(TestRealm.SPA, "bob", "User-Agent", FIREFOX_LINUX_UPDATED, "X-Forwarded-For", LONDON_IP);
        realm.passwordGrant(TestRealm.SPA, "bob", "User-Agent", CHROME_WINDOWS, "X-Forwarded-For", LONDON_IP);

        MimeMessage email = mail.awaitOnly(realm, "bob@example.com");
        assertEquals("New sign-in to your " + realm.name() + " account", email.getSubject());
        String text = Mailbox.part(email, "text/plain");
        assertTrue(text.contains("Device: Chrome 131 on Windows 10"), text);
        assertTrue(text.contains("Where: London, United Kingdom (IP address " + LONDON_IP + ")"), text);
        assertTrue(text.contains("Application: Demo SPA"), text);
        assertTrue(text.contains("UTC"), text);
        Document html = Jsoup.parse(Mailbox.part(email, "text/html"));
        assertEquals("Chrome 131 on Windows 10", html.getElementById("kcs-device").text());
        assertEquals(realm.url("/account/content/devices-and-sessions"),
                html.getElementById("kcs-devices-link").attr("href"));
        assertTrue(html.getElementById("kcs-end-session-link").attr("href")
                .startsWith(realm.url("/login-actions/action-token?key=")));
        // An administrator editing the user's profile keeps the memory (it is not a profile attribute).
        String bob = "/realms/" + realm.name() + "/users/" + realm.userId("bob");
        JsonNode user = realm.admin().json(bob);
        ((ObjectNode) user).put("firstName", "Robert");
        Admin.expectOk(realm.admin().call("PUT", bob, user));
        // Chrome is known now: signing in with it again sends nothing more. The sign-in after it, from a device that is
        // new, is checked after it, so once its email is here an email about Chrome would be too.
        realm.passwordGrant(TestRealm.SPA, "bob", "User-Agent", CHROME_WINDOWS, "X-Forwarded-For", HOME_IP);
        realm.passwordGrant(TestRealm.SPA, "bob", "User-Agent", CURL, "X-Forwarded-For", HOME_IP);
        await(() -> mail.to(realm, "bob@example.com").size() >= 2);
        List<MimeMessage> emails = mail.to(realm, "bob@example.com");
        assertEquals(2, emails.size());
        assertTrue(Mailbox.part(emails.get(1), "text/plain").contains("Device: curl 8.5"),
                "the second email is about curl, none about Chrome again");
    }

    @Test
    void thisWasntMeEndsThatSessionAndOnlyThatOneAndTheLinkWorksOnce() throws Exception {
        TwoDevices alice = TwoDevices.signIn(realm, "alice");

        MimeMessage email = mail.awaitOnly(realm, "alice@example.com");
        assertTrue(Mailbox.part(email, "text/plain").contains("Device: curl 8.5 \u2014 a script or API client"));
        String link = Mailbox.endSessionLink(email);

        // Opening the link shows what will happen, and changes nothing.
        Http.Reply opened = Http.get(link);
        assertEquals(200, opened.status(), opened.body());
        Document confirm = Jsoup.parse(opened.body(), link);
        assertEquals("curl 8.5 \u2014 a script or API client", confirm.getElementById("kcs-device").text());
        assertTrue(confirm.getElementById("kcs-where").text().contains(LONDON_IP));
        Element form = confirm.getElementById("kcs-end-session-form");
        assertNotNull(form, opened.body());
        assertEquals(200, realm.whoami(alice.newDevice()).status());
        assertEquals(200, Http.get(link).status(), "opening the link twice changes nothing either");
        assertEquals(200, realm.whoami(alice.newDevice()).status());

        Http.Reply confirmed = Forms.submit(form);
        assertEquals(200, confirmed.status(), confirmed.body());
        assertNotNull(Jsoup.parse(confirmed.body()).getElementById("kcs-end-session-done"), confirmed.body());

        assertEquals(401, realm.whoami(alice.newDevice()).status());
        assertEquals(401, realm.userinfo(alice.newDevice().accessToken()).status());
        assertEquals(400, realm.refresh(TestRealm.SPA, alice.newDevice().refreshToken()).status());
        assertEquals(200, realm.whoami(alice.own()).status());
        await(() -> logoutEventOf(alice.newDevice().sessionId()).isPresent());
        JsonNode logout = logoutEventOf(alice.newDevice().sessionId()).orElse(null);
        assertNotNull(logout, "a LOGOUT event for the ended session");
        assertEquals("new_device_email", logout.get("details").get("revoked_by").asText());
        assertEquals("session-api", logout.get("details").get("revoked_through").asText());

        // Used: both the link and its form now answer with an error page, and nothing else ends.
        assertErrorPage(Http.get(link));
        Http.Reply reposted = Forms.submit(form);
        assertErrorPage(reposted);
        assertTrue(reposted.body().contains("already been used"), reposted.body());
        assertEquals(200, realm.whoami(alice.own()).status());
    }

    /** A client names its own browser; the email and the confirmation page show that name as text, never markup. */
    @Test
    void aHostileBrowserNameIsShownAsText() throws Exception {
        String brand = "<img src=x onerror=alert(1)><b>Browser</b>";
        realm.passwordGrant(TestRealm.SPA, "grace", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", HOME_IP);
        realm.passwordGrant(TestRealm.SPA, "grace", "User-Agent", CHROME_WINDOWS, "X-Forwarded-For", LONDON_IP,
                "Sec-CH-UA", "\"" + brand + "\";v=\"1\"");

        MimeMessage email = mail.awaitOnly(realm, "grace@example.com");
        String html = Mailbox.part(email, "text/html");
        Document parsed = Jsoup.parse(html);
        assertTrue(parsed.getElementById("kcs-device").text().startsWith(brand), parsed.getElementById("kcs-device").text());
        assertTrue(parsed.select("img, #kcs-device b").isEmpty(), "no markup from the client: " + html);
        assertTrue(Mailbox.part(email, "text/plain").contains("Device: " + brand), "the text part shows it as it is");

        String link = parsed.getElementById("kcs-end-session-link").attr("href");
        Http.Reply opened = Http.get(link);
        Document confirm = Jsoup.parse(opened.body(), link);
        assertTrue(confirm.getElementById("kcs-device").text().startsWith(brand), opened.body());
        assertTrue(confirm.select("img[src=x], #kcs-device b").isEmpty(), "no markup on the page: " + opened.body());
    }

    @Test
    void aTamperedOrForgedLinkGivesTheErrorPageAndChangesNothing() throws Exception {
        TwoDevices frank = TwoDevices.signIn(realm, "frank");
        String key = NewDeviceEmails.key(Mailbox.endSessionLink(mail.awaitOnly(realm, "frank@example.com")));
        String tampered = NewDeviceEmails.tamperSignature(key);
        String forged = NewDeviceEmails.withClaim(key, "kcs_sid", frank.own().sessionId());

        for (String bad : List.of(tampered, forged, "not-a-token")) {
            assertRefused(realm.url("/login-actions/action-token?key=" + Http.encode(bad)), bad,
                    "This link is not valid");
        }
        assertErrorPage(Http.postForm(realm.url("/sessions/end-session"), Map.of()));
        assertEquals(200, realm.whoami(frank.own()).status());
        assertEquals(200, realm.whoami(frank.newDevice()).status());
    }

    @Test
    void anExpiredLinkGivesTheErrorPageAndChangesNothing() throws Exception {
        realm.passwordGrant(TestRealm.SPA, "erin", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", HOME_IP);
        realm.update(Map.of("attributes", Map.of(LIFESPAN_OVERRIDE, "2")));
        try {
            Tokens other = realm.passwordGrant(TestRealm.SPA, "erin", "User-Agent", CURL, "X-Forwarded-For", LONDON_IP);
            String link = Mailbox.endSessionLink(mail.awaitOnly(realm, "erin@example.com"));
            Clock.untilAfter(Tokens.claims(NewDeviceEmails.key(link)).get("exp").asLong());
            assertRefused(link, NewDeviceEmails.key(link), "This link has expired");
            assertEquals(200, realm.whoami(other).status());
        } finally {
            realm.update(Map.of("attributes", Map.of(LIFESPAN_OVERRIDE, "")));
        }
    }

    @Test
    void aRealmWithoutTheFeatureSendsNothing() throws Exception {
        TwoDevices.signIn(TestRealm.create("quiet", mail::configure), "alice");
        // The same in a realm that has the feature on, afterwards: once its email is here, the other would be too.
        realm.passwordGrant(TestRealm.SPA, "carol", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", HOME_IP);
        TwoDevices.signIn(TestRealm.create("sentinel", withNewDeviceEmail(mail::configure)), "bob");
        mail.awaitSubject("sentinel");
        assertFalse(mail.anySubjectContains("quiet"));
    }

    @Test
    void aMailServerThatIsDownDoesNotFailTheSignIn() throws Exception {
        int closedPort = FreePort.next();
        TestRealm down = TestRealm.create("maildown", withNewDeviceEmail(r -> Mailbox.configure(r, closedPort)));
        Tokens signedIn = TwoDevices.signIn(down, "alice").newDevice();
        assertEquals(200, down.whoami(signedIn).status());

        Path log = KeycloakExtension.server().logFile().orElseThrow();
        String failure = "Could not send the new-device email for session " + signedIn.sessionId();
        await(() -> Files.readString(log).contains(failure));
        String written = Files.readString(log);
        assertEquals(1, written.split(Pattern.quote(failure), -1).length - 1, "logged once");
        assertFalse(written.substring(written.indexOf(failure)).lines().skip(1).findFirst().orElse("")
                .startsWith("\tat "), "no stack trace for an SMTP failure");
    }

    /** The link (or its key) opened and its form posted: both give the error page, and the post says why. */
    private void assertRefused(String link, String key, String why) {
        assertErrorPage(Http.get(link));
        Http.Reply posted = Http.postForm(realm.url("/sessions/end-session"), Map.of("key", key));
        assertErrorPage(posted);
        assertTrue(posted.body().contains(why), posted.body());
    }

    private static void assertErrorPage(Http.Reply reply) {
        assertTrue(reply.status() == 400 || reply.status() == 200, reply.toString());
        assertTrue(reply.header("Content-Type").startsWith("text/html"), reply.toString());
        Document page = Jsoup.parse(reply.body());
        assertNull(page.getElementById("kcs-end-session-form"), "no confirmation for a link that cannot be used");
        assertNull(page.getElementById("kcs-end-session-done"));
        assertFalse(reply.body().contains("Exception"), reply.body());
    }

    private Optional<JsonNode> logoutEventOf(String sessionId) {
        return StreamSupport.stream(realm.events("LOGOUT").spliterator(), false)
                .filter(event -> sessionId.equals(event.path("sessionId").asText())).findFirst();
    }
}
