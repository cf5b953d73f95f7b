/*
 * An access token of the account console's own client (account-console), for calling the session API.
 *
 * The console keeps its keycloak-js instance to itself: a page module it loads gets no props and cannot reach the
 * console's context. So this module does what keycloak-js does for a silent sign-in: an authorization request with
 * prompt=none and PKCE in a hidden iframe on the same origin, answered from the user's existing SSO session, whose
 * code is exchanged for tokens of the same client, with the same audience and roles as the console's own. Tokens
 * live in memory only and are refreshed when they are about to expire; when the SSO session has ended, the caller is
 * told so and sends the user to sign in again.
 */

const EXPIRY_MARGIN_SECONDS = 15;
const SILENT_SIGN_IN_TIMEOUT_MS = 15000;

/** The session has ended (or was never there): only a new sign-in helps. */
export class SignInRequired extends Error {
}

export function consoleTokens(environment) {
  const realmUrl = joinUrl(environment.serverBaseUrl, `realms/${encodeURIComponent(environment.realm)}`);
  const tokenEndpoint = `${realmUrl}/protocol/openid-connect/token`;
  const redirectUri = environment.baseUrl;
  let tokens = null;
  let pending = null;

  async function fetchTokens(form) {
    const response = await fetch(tokenEndpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: environment.clientId, ...form }),
      credentials: "same-origin",
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new SignInRequired(body.error_description ?? body.error ?? `token endpoint: ${response.status}`);
    }
    return { ...body, expiresAt: Date.now() / 1000 + body.expires_in };
  }

  async function signInSilently() {
    const verifier = randomString(64);
    const state = randomString(24);
    const challenge = await s256(verifier);
    const authorize = new URL(`${realmUrl}/protocol/openid-connect/auth`);
    Object.entries({
      client_id: environment.clientId,
      redirect_uri: redirectUri,
      response_type: "code",
      response_mode: "query",
      scope: environment.scope ? `openid ${environment.scope}` : "openid",
      prompt: "none",
      state,
      code_challenge: challenge,
      code_challenge_method: "S256",
    }).forEach(([name, value]) => authorize.searchParams.set(name, value));
    const answer = await answerInIframe(authorize.href, redirectUri, state);
    if (answer.get("error")) {
      throw new SignInRequired(answer.get("error"));
    }
    return fetchTokens({
      grant_type: "authorization_code",
      code: answer.get("code"),
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
  }

  async function refresh() {
    try {
      return await fetchTokens({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    } catch {
      return signInSilently();
    }
  }

  /** A valid access token; signs in silently or refreshes as needed. Concurrent callers share one request. */
  async function accessToken() {
    if (tokens && tokens.expiresAt - EXPIRY_MARGIN_SECONDS > Date.now() / 1000) {
      return tokens.access_token;
    }
    if (!pending) {
      pending = (tokens?.refresh_token ? refresh() : signInSilently())
        .then((fresh) => {
          tokens = fresh;
          return fresh;
        })
        .finally(() => {
          pending = null;
        });
    }
    return (await pending).access_token;
  }

  /** Forgets the tokens, e.g. after a 401: the next call gets fresh ones. */
  function forget() {
    tokens = null;
  }

  return { accessToken, forget };
}

/**
 * Loads the authorization request in a hidden iframe and waits until it is redirected back to the redirect URI (same
 * origin, so its address is readable); the iframe is removed at once, before the page it lands on does anything.
 */
function answerInIframe(url, redirectUri, state) {
  return new Promise((resolve, reject) => {
    const iframe = document.createElement("iframe");
    iframe.setAttribute("aria-hidden", "true");
    iframe.setAttribute("tabindex", "-1");
    iframe.title = "";
    iframe.style.cssText = "position:absolute;width:0;height:0;border:0;visibility:hidden";
    const started = Date.now();
    const timer = setInterval(() => {
      let location;
      try {
        location = iframe.contentWindow?.location?.href;
      } catch {
        location = null;
      }
      if (location && location.startsWith(redirectUri)) {
        const params = new URL(location).searchParams;
        if (params.get("state") === state) {
          finish();
          resolve(params);
          return;
        }
      }
      if (Date.now() - started > SILENT_SIGN_IN_TIMEOUT_MS) {
        finish();
        reject(new SignInRequired("silent sign-in timed out"));
      }
    }, 20);
    function finish() {
      clearInterval(timer);
      iframe.src = "about:blank";
      iframe.remove();
    }
    iframe.src = url;
    document.body.appendChild(iframe);
  });
}

function randomString(length) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

async function s256(verifier) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function joinUrl(base, path) {
  return base.replace(/\/+$/, "") + "/" + path.replace(/^\/+/, "");
}
