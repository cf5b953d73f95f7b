package io.github.kcsessions.it;

import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.OpenApi;
import io.github.kcsessions.it.support.TestRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static io.github.kcsessions.it.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The modules of {@code <keycloak-sessions>} as a browser on another origin loads them (docs/embedding.md): every
 * module the element imports is served, as JavaScript, to any origin, cacheable and revalidated by its ETag.
 */
@KeycloakTest
class WebComponentFilesIT {

    private static final String FOREIGN = "https://app.example";
    private static final Pattern IMPORT = Pattern.compile("from \"\\./([a-z-]+\\.js)\"");

    private TestRealm realm;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(WebComponentFilesIT.class);
    }

    @Test
    void theElementAndEveryModuleItImportsLoadFromAnyOrigin() {
        Http.Reply element = load("keycloak-sessions.js");
        assertTrue(element.body().contains("customElements.define(\"keycloak-sessions\""), "defines the element");
        List<String> modules = IMPORT.matcher(element.body()).results().map(m -> m.group(1)).toList();
        assertEquals(List.of("format.js", "messages.js"), modules);
        modules.forEach(this::load);
    }

    @Test
    void theMessagesAreTheAccountPagesInEnglishAndGerman() {
        String messages = load("messages.js").body();
        assertTrue(messages.contains("\"devicesSignOutEverywhereElse\":\"Sign out everywhere else\""), messages);
        assertTrue(messages.contains("\"devicesThisDevice\":\"Dieses Ger\u00e4t\""), messages);
        assertTrue(messages.contains("\"client_account-console\":\"Account Console\""), "Keycloak's client names");
    }

    @Test
    void anUnchangedModuleIsNotSentAgain() {
        Http.Reply first = load("keycloak-sessions.js");
        String tag = first.header("ETag");
        assertNotNull(tag);
        assertEquals("public, max-age=300", first.header("Cache-Control"));

        Http.Reply again = Http.get(realm.url("/sessions/ui/keycloak-sessions.js"), "If-None-Match", tag,
                "Origin", FOREIGN);
        assertEquals(304, again.status());
        assertEquals(tag, again.header("ETag"));
        assertEquals("*", again.header("Access-Control-Allow-Origin"));
        assertEquals("", again.body());
        assertEquals(200, Http.get(realm.url("/sessions/ui/keycloak-sessions.js"), "If-None-Match", "\"other\"")
                .status());
    }

    @Test
    void nothingElseIsServedThere() {
        for (String name : List.of("nope.js", "..%2Fpom.xml", "keycloak-sessions.ts", "format.js.map")) {
            assertError(Http.get(realm.url("/sessions/ui/" + name), "Origin", FOREIGN), 404, "not_found");
        }
        assertError(Http.get(realm.url("/sessions/ui/a/format.js")), 404, "not_found");
    }

    private Http.Reply load(String name) {
        Http.Reply reply = OpenApi.assertValid(Http.get(realm.url("/sessions/ui/" + name), "Origin", FOREIGN,
                "Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "script"));
        assertEquals(200, reply.status(), name);
        assertEquals("text/javascript;charset=utf-8", reply.header("Content-Type").replace(" ", ""), name);
        assertEquals("*", reply.header("Access-Control-Allow-Origin"), name);
        assertEquals("nosniff", reply.header("X-Content-Type-Options"), name);
        assertTrue(reply.header("ETag").startsWith("\""), name);
        return reply;
    }
}
