/*
 * "Devices & sessions": the account console page of the session API (docs/account-console.md). Loaded by the console
 * from content.json as an ES module that default-exports a React component. The list itself is the extension's
 * <keycloak-sessions> web component (docs/embedding.md), the same any app embeds; this page gives it the console
 * client's tokens and the console's language, and puts the console's title above it.
 */
import { createElement as h, useEffect, useRef, useState } from "react";
import { consoleTokens, joinUrl } from "./console-token.js";

function readEnvironment() {
  return JSON.parse(document.getElementById("environment").textContent);
}

async function loadBundle(environment) {
  const url = joinUrl(environment.serverBaseUrl,
    `resources/${encodeURIComponent(environment.realm)}/account/${encodeURIComponent(environment.locale)}`);
  const response = await fetch(url, { credentials: "omit" });
  const entries = response.ok ? await response.json() : [];
  return Object.fromEntries(entries.map(({ key, value }) => [key, value]));
}

/** The sid claim of an access token: the session this browser is signed in with. */
function sessionIdOf(accessToken) {
  try {
    const payload = accessToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload)).sid ?? null;
  } catch {
    return null;
  }
}

export default function DevicesPage() {
  const [environment] = useState(readEnvironment);
  const [tokens] = useState(() => consoleTokens(environment));
  const [bundle, setBundle] = useState(null);
  const [failed, setFailed] = useState(false);
  const host = useRef(null);

  useEffect(() => {
    loadBundle(environment).then(setBundle, () => setBundle({}));
  }, [environment]);

  useEffect(() => {
    let element = null;
    const backToTheConsole = () => window.location.assign(environment.baseUrl);
    const component = joinUrl(environment.serverBaseUrl,
      `realms/${encodeURIComponent(environment.realm)}/sessions/ui/keycloak-sessions.js`);
    import(/* webpackIgnore: true */ component).then(() => {
      element = document.createElement("keycloak-sessions");
      element.setAttribute("server", environment.serverBaseUrl.replace(/\/+$/, ""));
      element.setAttribute("realm", environment.realm);
      element.setAttribute("lang", environment.locale || "en");
      element.getToken = async ({ forceRefresh } = {}) => {
        if (forceRefresh) {
          tokens.forget();
        }
        return tokens.accessToken();
      };
      element.addEventListener("session-revoked", async (event) => {
        // This browser's own session is gone: back to the console, which asks the user to sign in.
        if (event.detail === sessionIdOf(await tokens.accessToken().catch(() => ""))) {
          backToTheConsole();
        }
      });
      element.addEventListener("sign-in-required", backToTheConsole);
      host.current?.append(element);
    }, () => setFailed(true));
    return () => element?.remove();
  }, [environment, tokens]);

  const t = (key) => bundle?.[key] ?? key;
  return h("section", { className: "pf-v5-c-page__main-section kcs-devices", "aria-labelledby": "kcs-devices-title" },
    h("h1", { id: "kcs-devices-title", className: "pf-v5-c-title pf-m-2xl" }, bundle ? t("devicesAndSessions") : ""),
    h("p", { className: "kcs-devices__intro" }, bundle ? t("devicesIntro") : ""),
    failed && h("p", { className: "kcs-devices__failed", role: "alert" }, t("devicesLoadFailed")),
    h("div", { ref: host }));
}
