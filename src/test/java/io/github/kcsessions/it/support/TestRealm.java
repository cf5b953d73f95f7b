package io.github.kcsessions.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A realm of its own for one test class, imported through the admin API, with: users alice, bob and carol
 * (password {@value #PASSWORD}), a public SPA client {@value #SPA} with web origin {@value #SPA_ORIGIN}, a confidential
 * client {@value #BACKEND} with a service account, and saved events on. Logins go through the real OIDC endpoints.
 */
public record TestRealm(String name, String baseUrl) {

    public static final String PASSWORD = "Secret-Passw0rd";
    public static final String SPA = "spa";
    public static final String SPA_ORIGIN = "http://localhost:3000";
    public static final String SPA_REDIRECT = SPA_ORIGIN + "/callback";
    public static final String BACKEND = "backend";
    public static final String BACKEND_SECRET = "backend-secret";

    /** Imports a fresh realm named after the test class; {@code customize} may change the representation first. */
    public static TestRealm create(Class<?> testClass, Consumer<Map<String, Object>> customize) {
        return create(testClass.getSimpleName().toLowerCase(), customize);
    }

    /** A fresh realm of that name, for a class that needs more than one. */
    public static TestRealm create(String name, Consumer<Map<String, Object>> customize) {
        Admin.delete("/realms/" + name);
        Map<String, Object> realm = representation(name);
        customize.accept(realm);
        Admin.expectOk(Admin.post("/realms", realm));
        return new TestRealm(name, KeycloakExtension.server().baseUrl());
    }

    public static TestRealm create(Class<?> testClass) {
        return create(testClass, r -> { });
    }

    /** The same realm, reached through another server: another node of the cluster. */
    public TestRealm at(KeycloakServer server) {
        return new TestRealm(name, server.baseUrl());
    }

    public String url(String path) {
        return baseUrl + "/realms/" + name + path;
    }

    public String api(String path) {
        return url("/sessions" + path);
    }

    // ---- logins through the real OIDC endpoints

    public Tokens passwordGrant(String client, String username, String... headers) {
        return passwordGrant(client, username, Map.of(), headers);
    }

    public Tokens passwordGrant(String client, String username, Map<String, String> extra, String... headers) {
        Map<String, String> form = form(client, "grant_type", "password", "username", username, "password", PASSWORD,
                "scope", "openid");
        form.putAll(extra);
        return Tokens.of(Http.postForm(tokenEndpoint(), form, headers));
    }

    public Http.Reply refresh(String client, String refreshToken, String... headers) {
        return Http.postForm(tokenEndpoint(),
                form(client, "grant_type", "refresh_token", "refresh_token", refreshToken), headers);
    }

    /** Keycloak's OIDC logout of the session a refresh token belongs to, as a client calls it. */
    public Http.Reply logout(String client, String refreshToken) {
        return Http.postForm(url("/protocol/openid-connect/logout"), form(client, "refresh_token", refreshToken));
    }

    public Tokens clientCredentials() {
        return Tokens.of(Http.postForm(tokenEndpoint(), form(BACKEND, "grant_type", "client_credentials")));
    }

    /** This extension's whoami with the tokens' access token, the answer checked against the OpenAPI file. */
    public Http.Reply whoami(Tokens tokens) {
        return Api.get(api("/whoami"), "Authorization", tokens.bearer());
    }

    public Http.Reply userinfo(String accessToken) {
        return Http.get(url("/protocol/openid-connect/userinfo"), "Authorization", "Bearer " + accessToken);
    }

    /** A browser login: the authorization endpoint, the login form posted as a browser does, then the code exchange. */
    public BrowserLogin browserLogin(String username, boolean rememberMe, String... headers) {
        return browserLogin(username, rememberMe, new CookieJar(), headers);
    }

    /**
     * A login in a browser that already has these cookies, which must not sign it in by themselves. After the form,
     * it goes where Keycloak sends the browser, as a browser does, back to the app.
     */
    public BrowserLogin browserLogin(String username, boolean rememberMe, CookieJar cookies, String... headers) {
        Http.Reply answer = Http.get(authorizeUrl("openid"), with(headers, cookies));
        if (answer.status() != 200 || !answer.body().contains("kc-form-login")) {
            throw new AssertionError("No login form: " + answer);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", PASSWORD);
        fields.put("credentialId", "");
        if (rememberMe) {
            fields.put("rememberMe", "on");
        }
        for (int step = 0; step < 6; step++) {
            cookies.take(answer);
            String next = answer.header("Location");
            if (answer.status() == 302 && next != null && !next.startsWith(SPA_REDIRECT)) {
                // Keycloak moves the browser on, e.g. to the tab where this login continues.
                answer = Http.get(next, with(headers, cookies));
            } else if (answer.status() == 200 && answer.body().contains("kc-form-login")) {
                Element form = Jsoup.parse(answer.body(), answer.uri().toString()).selectFirst("form#kc-form-login");
                answer = Http.postForm(form.absUrl("action"), fields, with(headers, cookies));
            } else {
                break;
            }
        }
        return new BrowserLogin(exchangeCode(answer, "Login did not redirect back", headers), cookies);
    }

    public record BrowserLogin(Tokens tokens, CookieJar cookies) {
    }

    /** The PKCE verifier of each login started, by its state: Keycloak may finish a login in another tab than its own. */
    private static final Map<String, String> VERIFIERS = new ConcurrentHashMap<>();

    /** An authorization request (code with PKCE) of the SPA client; its verifier is kept by its state. */
    String authorizeUrl(String scope) {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String state = UUID.randomUUID().toString();
        VERIFIERS.put(state, verifier);
        return url("/protocol/openid-connect/auth") + "?client_id=" + SPA + "&redirect_uri=" + Http.encode(SPA_REDIRECT)
                + "&response_type=code&scope=" + Http.encode(scope) + "&state=" + state
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
    }

    /** The app's code exchange, once Keycloak has sent the browser back to it. */
    Tokens exchangeCode(Http.Reply redirect, String failure, String... headers) {
        String location = redirect.header("Location");
        if (redirect.status() != 302 || location == null || !location.startsWith(SPA_REDIRECT)) {
            throw new AssertionError(failure + ": " + redirect + " Location: " + location);
        }
        return Tokens.of(Http.postForm(tokenEndpoint(), Map.of("grant_type", "authorization_code", "client_id", SPA,
                "code", queryParameter(location, "code"), "redirect_uri", SPA_REDIRECT,
                "code_verifier", VERIFIERS.remove(queryParameter(location, "state"))), headers));
    }

    /**
     * Cookies as a browser on the Keycloak origin keeps them. java.net's CookieManager will not send Keycloak's
     * {@code Secure} cookies over plain-HTTP localhost, which a real browser does for localhost.
     */
    public static final class CookieJar {

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

        public String get(String name) {
            return cookies.get(name);
        }

        public String header() {
            return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "));
        }
    }

    // ---- admin helpers

    public String userId(String username) {
        return admin().json("/realms/" + name + "/users?exact=true&username=" + username).get(0).get("id").asText();
    }

    public void update(Map<String, Object> settings) {
        Admin.expectOk(admin().call("PUT", "/realms/" + name, settings));
    }

    /** The admin search of this extension (as the master admin), its answer checked against the OpenAPI file. */
    public JsonNode searchSessions(String query) {
        Http.Reply reply = OpenApi.assertValid(Http.get(baseUrl + "/admin/realms/" + name + "/device-sessions?" + query,
                "Authorization", admin().bearerToken()));
        if (reply.status() != 200) {
            throw new AssertionError("Search failed: " + reply);
        }
        return reply.json();
    }

    public JsonNode events(String type) {
        return admin().json("/realms/" + name + "/events?type=" + type + "&max=500");
    }

    /** The admin REST API of the server this realm is reached through. */
    public Admin admin() {
        return Admin.at(baseUrl);
    }

    private String tokenEndpoint() {
        return url("/protocol/openid-connect/token");
    }

    /** A token endpoint form of this client, with its secret for the back end. */
    private static Map<String, String> form(String client, String... fields) {
        Map<String, String> form = new HashMap<>(client.equals(BACKEND)
                ? Map.of("client_id", BACKEND, "client_secret", BACKEND_SECRET) : Map.of("client_id", client));
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return form;
    }

    private static String[] with(String[] headers, CookieJar cookies) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (!cookies.cookies.isEmpty()) {
            all.add("Cookie");
            all.add(cookies.header());
        }
        return all.toArray(String[]::new);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String queryParameter(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("No " + name + " in " + url);
    }

    private static Map<String, Object> representation(String name) {
        Map<String, Object> realm = new LinkedHashMap<>();
        realm.put("realm", name);
        realm.put("enabled", true);
        // Tests pose as clients at public addresses (X-Forwarded-For) over plain-HTTP loopback.
        realm.put("sslRequired", "none");
        realm.put("eventsEnabled", true);
        realm.put("adminEventsEnabled", true);
        realm.put("adminEventsDetailsEnabled", true);
        realm.put("rememberMe", true);
        realm.put("bruteForceProtected", false);
        // The suite signs in thousands of times; Keycloak's default hashing (Argon2) costs about 0.1 s of CPU each,
        // and password hashing is Keycloak's, not under test here.
        realm.put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
        // carol has no names or email on purpose; the profile check would stop her login to ask for them.
        realm.put("requiredActions", List.of(Map.of("alias", "VERIFY_PROFILE", "name", "Verify Profile",
                "providerId", "VERIFY_PROFILE", "enabled", false, "defaultAction", false, "priority", 90)));
        realm.put("users", List.of(
                user(name, "alice", "Alice", "Liddell", "alice@example.com"),
                user(name, "bob", "Bob", "Builder", "bob@example.com"),
                user(name, "carol", null, null, null)));
        realm.put("clients", List.of(
                Map.of("clientId", SPA, "name", "Demo SPA", "publicClient", true, "standardFlowEnabled", true,
                        "directAccessGrantsEnabled", true, "redirectUris", List.of(SPA_ORIGIN + "/*"),
                        "webOrigins", List.of(SPA_ORIGIN)),
                Map.of("clientId", BACKEND, "name", "Back end", "publicClient", false, "secret", BACKEND_SECRET,
                        "serviceAccountsEnabled", true, "standardFlowEnabled", true, "directAccessGrantsEnabled", true,
                        "redirectUris", List.of("http://localhost:4000/*"))));
        return realm;
    }

    /**
     * Adds dave to a realm representation: view-profile but not the realm's default roles with manage-account, the
     * switch for self-service, so he may read his sessions but not sign any out.
     */
    public static void addViewOnlyDave(Map<String, Object> realm) {
        Map<String, Object> dave = user(realm.get("realm").toString(), "dave", "Dave", "Doe", "dave@example.com");
        dave.put("realmRoles", List.of());
        dave.put("clientRoles", Map.of("account", List.of("view-profile")));
        List<Object> users = new ArrayList<>((List<?>) realm.get("users"));
        users.add(dave);
        realm.put("users", users);
    }

    /** A user as a realm import creates it: imported users get the realm's default roles only when listed. */
    public static Map<String, Object> user(String realm, String username, String first, String last, String email) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("realmRoles", List.of("default-roles-" + realm));
        if (first != null) {
            user.put("firstName", first);
            user.put("lastName", last);
            user.put("email", email);
            user.put("emailVerified", true);
        }
        user.put("credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        return user;
    }
}
