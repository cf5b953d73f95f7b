package io.github.kcsessions.it.support;

import java.util.Map;
import java.util.UUID;

/**
 * An authorization (code with PKCE) on the realm's SPA client asking for {@code offline_access}, answered from the SSO
 * session of an earlier browser login: the way to get an online session and its offline twin under one id. In
 * Keycloak 26.7 a password grant with {@code offline_access}, or a first login asking for it, leaves an offline
 * session only.
 */
public final class OfflineBrowserLogin {

    private OfflineBrowserLogin() {
    }

    /**
     * @param cookies the cookies of an earlier browser login ({@link TestRealm#browserLogin}); Keycloak answers from
     *                its SSO session without a login form
     * @return the tokens of the code exchange: the refresh token is the offline token, {@code sid} both sessions' id
     */
    public static Tokens login(TestRealm realm, CookieJar cookies) {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String authorize = realm.url("/protocol/openid-connect/auth") + "?client_id=" + TestRealm.SPA
                + "&redirect_uri=" + Http.encode(TestRealm.SPA_REDIRECT) + "&response_type=code"
                + "&scope=" + Http.encode("openid offline_access") + "&state=" + UUID.randomUUID()
                + "&code_challenge=" + TestRealm.challenge(verifier) + "&code_challenge_method=S256";
        Http.Reply answer = Http.get(authorize, "Cookie", cookies.header());
        String location = answer.header("Location");
        if (answer.status() != 302 || location == null || !location.startsWith(TestRealm.SPA_REDIRECT)) {
            throw new AssertionError("The SSO session did not answer the authorization: " + answer);
        }
        return exchange(realm, location, verifier);
    }

    private static Tokens exchange(TestRealm realm, String location, String verifier) {
        return Tokens.of(Http.postForm(realm.url("/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "client_id", TestRealm.SPA,
                "code", TestRealm.queryParameter(location, "code"),
                "redirect_uri", TestRealm.SPA_REDIRECT, "code_verifier", verifier)));
    }
}
