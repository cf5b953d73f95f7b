package io.github.kcsessions.it.support;

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
    public static Tokens login(TestRealm realm, TestRealm.CookieJar cookies) {
        Http.Reply answer = Http.get(realm.authorizeUrl("openid offline_access"), "Cookie", cookies.header());
        return realm.exchangeCode(answer, "The SSO session did not answer the authorization");
    }
}
