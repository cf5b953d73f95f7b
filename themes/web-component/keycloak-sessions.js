/*
 * <keycloak-sessions>: the signed-in user's devices and sessions, with "Sign out" for each and "Sign out everywhere
 * else", as a custom element any page embeds (docs/embedding.md). Served by the extension at
 * /realms/{realm}/sessions/ui/keycloak-sessions.js with the modules it imports; the account console's "Devices &
 * sessions" page is built on it. Plain DOM in an open shadow root: every text from the server is set as text, never
 * parsed as HTML.
 */
import {
  applications,
  deviceKind,
  deviceModel,
  deviceTitle,
  exactTime,
  messages,
  offlineLabel,
  relativeTime,
  whereLine,
} from "./format.js";
import bundles from "./messages.js";

const DEFAULT_PAGE_SIZE = 10;
const TOKEN_MIN_VALIDITY_SECONDS = 30;

/** The server and realm the script itself was loaded from: the defaults for server and realm. */
const HOME = (() => {
  const match = /^(.*)\/realms\/([^/]+)\/sessions\/ui\//.exec(import.meta.url);
  return match ? { server: match[1], realm: decodeURIComponent(match[2]) } : { server: null, realm: null };
})();

const ICONS = {
  desktop: "M3 4h18v11H3z M9 19h6 M12 15v4",
  mobile: "M8 2h8v20H8z M11 18h2",
  tablet: "M5 2h14v20H5z M11 18h2",
  api: "M3 5h18v14H3z M6 10l3 2-3 2 M11 15h5",
  unknown: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.7 M12 17h.01",
};

// Colours and spacing come from the page: the element's custom properties, else PatternFly's (inside the account
// console), else plain defaults.
const STYLES = `
:host {
  display: block;
  font-family: var(--kcs-font-family, var(--pf-v5-global--FontFamily--text, system-ui, sans-serif));
  font-size: var(--kcs-font-size, var(--pf-v5-global--FontSize--md, 1rem));
  color: var(--kcs-color-text, var(--pf-v5-global--Color--100, #151515));
  --_muted: var(--kcs-color-muted, var(--pf-v5-global--Color--200, #6a6e73));
  --_border: var(--kcs-color-border, var(--pf-v5-global--BorderColor--100, #d2d2d2));
  --_surface: var(--kcs-color-surface, var(--pf-v5-global--BackgroundColor--100, #fff));
  --_accent: var(--kcs-color-accent, var(--pf-v5-global--primary-color--100, #0066cc));
  --_danger: var(--kcs-color-danger, var(--pf-v5-global--danger-color--100, #c9190b));
  --_radius: var(--kcs-radius, var(--pf-v5-global--BorderRadius--sm, 4px));
  --_gap: var(--kcs-spacing, var(--pf-v5-global--spacer--md, 1rem));
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
[part~="toolbar"] { display: flex; flex-wrap: wrap; gap: var(--_gap); align-items: center; justify-content: flex-end;
  margin-bottom: var(--_gap); }
[part~="toolbar"]:empty { display: none; }
[part~="confirm"] { display: flex; flex-wrap: wrap; gap: calc(var(--_gap) / 2); align-items: center;
  padding: calc(var(--_gap) / 2) var(--_gap); border: 1px solid var(--_danger); border-radius: var(--_radius); }
[part~="confirm"] p { margin: 0; flex: 1 1 16rem; }
[part~="status"]:empty { display: none; }
[part~="status"] { margin-bottom: var(--_gap); padding: calc(var(--_gap) / 2) var(--_gap);
  border-left: 3px solid var(--_accent); background: var(--_surface); }
[part~="message"] { color: var(--_muted); }
[part~="list"] { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_gap); }
[part~="session"] { display: flex; gap: var(--_gap); align-items: flex-start; padding: var(--_gap);
  background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); }
[part~="icon"] { flex: 0 0 2rem; width: 2rem; height: 2rem; color: var(--_muted); }
[part~="details"] { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
[part~="details"] p { margin: 0.25rem 0 0; color: var(--_muted); font-size: 0.925em; }
[part~="device"] { margin: 0; font-size: 1.1em; font-weight: 600; color: inherit; }
[part~="badge"] { display: inline-block; margin-left: 0.5rem; padding: 0 0.5rem; border-radius: 1rem;
  font-size: 0.75em; font-weight: 400; vertical-align: middle; color: var(--_surface); background: var(--_accent); }
[part~="button"] { font: inherit; cursor: pointer; padding: 0.375rem 1rem; border-radius: var(--_radius);
  border: 1px solid var(--_accent); color: var(--_accent); background: transparent; white-space: nowrap; }
[part~="button"]:hover, [part~="button"]:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
[part~="danger"] { border-color: var(--_danger); color: var(--_danger); }
[part~="button"][disabled] { cursor: default; opacity: 0.6; }
[part~="footer"] { display: flex; flex-wrap: wrap; gap: var(--_gap); align-items: center; margin-top: var(--_gap);
  color: var(--_muted); }
time { text-decoration: underline dotted; }
@media (max-width: 480px) {
  [part~="session"] { flex-wrap: wrap; }
  [part~="icon"] { display: none; }
  [part~="session"] [part~="button"] { width: 100%; }
}
`;

/** The API refused the token, or there is none: only signing in again helps. */
class SignInRequired extends Error {
}

/** The element was given neither a keycloak-js instance nor a token function. */
class NotConfigured extends Error {
}

class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message ?? `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

export class KeycloakSessionsElement extends HTMLElement {
  static get observedAttributes() {
    return ["server", "realm", "page-size", "lang"];
  }

  #keycloak = null;
  #getToken = null;
  #sessions = [];
  #total = 0;
  #state = "idle";
  #readOnly = false;
  #busy = false;
  #confirming = false;
  #connected = false;
  #loadScheduled = false;
  #langObserver = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = STYLES;
    this.toolbar = part("div", "toolbar");
    this.confirmation = part("div", "confirm");
    this.confirmation.setAttribute("role", "group");
    this.confirmation.hidden = true;
    this.confirmation.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.#busy) {
        this.#cancelConfirmation();
      }
    });
    this.status = part("div", "status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.message = part("p", "message");
    this.list = part("ul", "list");
    this.list.setAttribute("role", "list");
    this.footer = part("div", "footer");
    const container = part("section", "container");
    container.append(this.toolbar, this.confirmation, this.status, this.message, this.list, this.footer);
    root.append(style, container);
  }

  /** An initialised keycloak-js instance: its token is used, and refreshed through it. */
  get keycloak() {
    return this.#keycloak;
  }

  set keycloak(instance) {
    this.#keycloak = instance ?? null;
    this.#reload();
  }

  /** An async function returning an access token, for apps that do not use keycloak-js. */
  get getToken() {
    return this.#getToken;
  }

  set getToken(fn) {
    this.#getToken = typeof fn === "function" ? fn : null;
    this.#reload();
  }

  connectedCallback() {
    this.#connected = true;
    // The page's language may change after the element is made (a language switcher).
    this.#langObserver = new MutationObserver(() => this.#render());
    this.#langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
    this.#reload();
  }

  disconnectedCallback() {
    this.#connected = false;
    this.#langObserver?.disconnect();
  }

  attributeChangedCallback(name, previous, value) {
    if (previous === value) {
      return;
    }
    if (name === "lang") {
      this.#render();
    } else {
      this.#reload();
    }
  }

  /** Loads the first page again, e.g. after the app ended a session some other way. */
  refresh() {
    return this.#load(0);
  }

  // ---- state

  #reload() {
    if (!this.#connected || this.#loadScheduled) {
      return;
    }
    // Setting keycloak and attributes one after the other loads once.
    this.#loadScheduled = true;
    queueMicrotask(() => {
      this.#loadScheduled = false;
      this.#load(0);
    });
  }

  async #load(first) {
    if (first === 0) {
      this.#state = "loading";
      this.#render();
    }
    try {
      const page = await this.#call("GET", `?first=${first}&max=${this.#pageSize()}`);
      this.#sessions = first === 0 ? page.sessions : [...this.#sessions, ...page.sessions];
      this.#total = page.total;
      // The server's answer to "may this caller sign sessions out?", by the rule its revocations apply.
      this.#readOnly = page.canRevoke === false;
      this.#state = "ready";
      this.#render();
      this.#emit("sessions-loaded", this.#total);
    } catch (error) {
      this.#fail(error);
    }
  }

  async #signOut(session, button) {
    const t = this.#t();
    this.#busy = true;
    button.textContent = t("devicesSigningOut");
    this.#renderBusy();
    try {
      await this.#call("DELETE", `/${encodeURIComponent(session.id)}`);
      const index = this.#sessions.indexOf(session);
      this.#sessions = this.#sessions.filter((s) => s.id !== session.id);
      this.#total = Math.max(0, this.#total - (index >= 0 ? 1 : 0));
      this.#busy = false;
      if (session.current) {
        this.#state = "ended";
      }
      this.#render();
      this.#announce(session.current ? t("devicesSessionEnded") : t("devicesSignedOutOne", deviceTitle(session, t)));
      this.#focusAfterRemoval(index);
      this.#emit("session-revoked", session.id);
    } catch (error) {
      this.#busy = false;
      this.#render();
      this.#fail(error);
    }
  }

  async #signOutOthers() {
    const t = this.#t();
    this.#busy = true;
    this.#renderBusy();
    try {
      const ended = this.#sessions.filter((s) => !s.current).map((s) => s.id);
      const result = await this.#call("DELETE", "");
      this.#busy = false;
      this.#confirming = false;
      this.#announce(t("devicesSignedOutOthers", result.revoked));
      // Only the sessions on screen are known by id; the rest ended too, and the list is loaded again.
      ended.forEach((id) => this.#emit("session-revoked", id));
      await this.#load(0);
      this.toolbar.querySelector("button")?.focus();
    } catch (error) {
      this.#busy = false;
      this.#confirming = false;
      this.#render();
      this.#fail(error);
    }
  }

  #fail(error) {
    const t = this.#t();
    if (error instanceof NotConfigured) {
      this.#state = "unconfigured";
    } else if (error instanceof SignInRequired) {
      this.#state = "ended";
      this.#emit("sign-in-required", null);
    } else if (error instanceof ApiFailure && error.status === 403 && this.#state === "ready") {
      this.#readOnly = true;
      this.#announce(t("devicesNotAllowed"));
    } else if (this.#state === "ready") {
      this.#announce(t("devicesSignOutFailed"));
    } else {
      this.#state = "error";
    }
    this.#render();
  }

  // ---- the API

  #endpoint() {
    const kc = this.#keycloak;
    const server = this.getAttribute("server") ?? (kc?.authServerUrl || null) ?? HOME.server;
    const realm = this.getAttribute("realm") ?? kc?.realm ?? HOME.realm;
    if (!server || !realm) {
      throw new NotConfigured("no server or realm");
    }
    return `${server.replace(/\/+$/, "")}/realms/${encodeURIComponent(realm)}/sessions`;
  }

  async #token(forceRefresh) {
    if (this.#keycloak) {
      try {
        await this.#keycloak.updateToken(forceRefresh ? -1 : TOKEN_MIN_VALIDITY_SECONDS);
      } catch {
        throw new SignInRequired("keycloak-js could not refresh the token");
      }
      if (!this.#keycloak.token) {
        throw new SignInRequired("keycloak-js has no token");
      }
      return this.#keycloak.token;
    }
    if (this.#getToken) {
      let token;
      try {
        token = await this.#getToken({ forceRefresh });
      } catch {
        throw new SignInRequired("getToken failed");
      }
      if (!token) {
        throw new SignInRequired("getToken returned no token");
      }
      return token;
    }
    throw new NotConfigured("neither keycloak nor getToken");
  }

  async #call(method, path, retried = false) {
    const url = this.#endpoint() + path;
    const token = await this.#token(retried);
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
      credentials: "omit",
    });
    if (response.status === 401 && !retried) {
      return this.#call(method, path, true);
    }
    if (response.status === 401) {
      throw new SignInRequired("the session API refused the token");
    }
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      throw new ApiFailure(response.status, body?.error, body?.message);
    }
    return body;
  }

  // ---- rendering

  #language() {
    const lang = (this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang
      || navigator.language || "en").toLowerCase();
    return bundles[lang] ? lang : bundles[lang.split("-")[0]] ? lang.split("-")[0] : "en";
  }

  #locale() {
    return this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || this.#language();
  }

  #t() {
    return messages(bundles[this.#language()] ?? bundles.en);
  }

  #pageSize() {
    const size = Number.parseInt(this.getAttribute("page-size") ?? "", 10);
    return Number.isFinite(size) && size >= 1 && size <= 100 ? size : DEFAULT_PAGE_SIZE;
  }

  #render() {
    const t = this.#t();
    const bundle = bundles[this.#language()] ?? bundles.en;
    const locale = this.#locale();
    this.list.setAttribute("aria-label", t("devicesListLabel"));
    this.confirmation.setAttribute("aria-label", t("devicesConfirmOthersTitle"));
    this.toolbar.replaceChildren();
    this.list.replaceChildren();
    this.footer.replaceChildren();
    this.message.textContent = "";
    this.message.hidden = true;
    this.list.hidden = this.#state !== "ready" || this.#sessions.length === 0;
    this.#renderConfirmation(t);

    const say = (text) => {
      this.message.textContent = text;
      this.message.hidden = false;
    };
    switch (this.#state) {
      case "idle":
      case "loading":
        say(t("devicesLoading"));
        this.setAttribute("aria-busy", "true");
        return;
      case "unconfigured":
        say(t("devicesNotConfigured"));
        this.removeAttribute("aria-busy");
        return;
      case "ended":
        say(t("devicesSessionEnded"));
        this.removeAttribute("aria-busy");
        return;
      case "error": {
        say(t("devicesLoadFailed"));
        const retry = button(t("devicesRetry"), "retry");
        retry.addEventListener("click", () => this.#load(0));
        this.footer.append(retry);
        this.removeAttribute("aria-busy");
        return;
      }
      default:
        this.removeAttribute("aria-busy");
    }
    if (this.#sessions.length === 0) {
      say(t("devicesNone"));
      return;
    }
    if (this.#readOnly) {
      say(t("devicesReadOnly"));
    } else if (this.#total > 1 && this.#sessions.some((s) => s.current)) {
      const others = button(t("devicesSignOutEverywhereElse"), "danger sign-out-others");
      others.setAttribute("aria-expanded", String(this.#confirming));
      others.addEventListener("click", () => {
        this.#confirming = true;
        this.#render();
        this.confirmation.querySelector("button")?.focus();
      });
      this.toolbar.append(others);
    }
    for (const session of this.#sessions) {
      this.list.append(this.#item(session, t, bundle, locale));
    }
    const count = part("span", "count");
    count.textContent = t("devicesShowing", this.#sessions.length, this.#total);
    this.footer.append(count);
    if (this.#sessions.length < this.#total) {
      const more = button(t("devicesShowMore"), "more");
      more.addEventListener("click", () => this.#load(this.#sessions.length));
      this.footer.append(more);
    }
    this.#renderBusy();
  }

  #renderConfirmation(t) {
    this.confirmation.replaceChildren();
    this.confirmation.hidden = !this.#confirming || this.#state !== "ready";
    if (this.confirmation.hidden) {
      return;
    }
    const text = document.createElement("p");
    text.textContent = t("devicesConfirmOthers");
    const yes = button(t("devicesConfirmSignOut"), "danger confirm-sign-out");
    yes.addEventListener("click", () => this.#signOutOthers());
    const no = button(t("devicesCancel"), "cancel");
    no.addEventListener("click", () => this.#cancelConfirmation());
    this.confirmation.append(text, yes, no);
  }

  #cancelConfirmation() {
    this.#confirming = false;
    this.#render();
    this.toolbar.querySelector("button")?.focus();
  }

  #renderBusy() {
    this.shadowRoot.querySelectorAll("button").forEach((b) => {
      b.disabled = this.#busy;
    });
  }

  #item(session, t, bundle, locale) {
    const title = deviceTitle(session, t);
    const item = part("li", "session");
    item.setAttribute("role", "listitem");
    item.dataset.sessionId = session.id;
    if (session.current) {
      item.setAttribute("part", "session current");
    }
    const kind = deviceKind(session);
    item.append(icon(kind, t(`devicesKind_${kind}`)));

    const details = part("div", "details");
    const heading = part("h3", "device");
    heading.textContent = title;
    if (session.current) {
      const badge = part("span", "badge");
      badge.textContent = t("devicesThisDevice");
      heading.append(badge);
    }
    details.append(heading);
    const line = (name, text) => {
      if (text) {
        const p = part("p", name);
        p.textContent = text;
        details.append(p);
        return p;
      }
      return null;
    };
    line("offline", offlineLabel(session, bundle, t));
    line("model", deviceModel(session));
    line("where", whereLine(session, locale, t));
    const when = part("p", "when");
    when.append(time(t("devicesSignedIn"), session.createdAt, locale), " \u00b7 ",
      time(t("devicesLastActive"), session.lastActivityAt, locale), " \u00b7 ",
      session.expiresAt ? time(t("devicesExpires"), session.expiresAt, locale) : t("devicesNeverExpires"));
    details.append(when);
    const apps = applications(session, bundle);
    line("apps", apps.length ? t("devicesApplications", apps.join(", ")) : null);
    item.append(details);

    if (!this.#readOnly) {
      const signOut = button(session.current ? t("devicesSignOutThisDevice") : t("devicesSignOut"), "sign-out");
      signOut.setAttribute("aria-label", t("devicesSignOutLabel", title));
      signOut.addEventListener("click", () => this.#signOut(session, signOut));
      item.append(signOut);
    }
    return item;
  }

  #announce(text) {
    // Emptied first, so that the same words twice are announced twice.
    this.status.textContent = "";
    requestAnimationFrame(() => {
      this.status.textContent = text;
    });
  }

  #focusAfterRemoval(index) {
    const buttons = this.list.querySelectorAll("[part~='sign-out']");
    const next = buttons[Math.min(index, buttons.length - 1)];
    (next ?? this.status).focus?.();
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

function part(tag, name) {
  const element = document.createElement(tag);
  element.setAttribute("part", name);
  return element;
}

function button(text, parts) {
  const element = part("button", `button ${parts}`);
  element.type = "button";
  element.textContent = text;
  return element;
}

function time(label, iso, locale) {
  const span = document.createElement("span");
  const exact = exactTime(iso, locale);
  const element = document.createElement("time");
  element.dateTime = iso;
  element.title = exact;
  element.tabIndex = 0;
  element.setAttribute("aria-label", `${label} ${exact}`);
  element.textContent = relativeTime(iso, locale);
  span.append(`${label} `, element);
  return span;
}

function icon(kind, label) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("part", "icon");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("fill", "none");
  svg.setAttribute("stroke", "currentColor");
  svg.setAttribute("stroke-width", "1.6");
  svg.setAttribute("stroke-linecap", "round");
  svg.setAttribute("stroke-linejoin", "round");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICONS[kind] ?? ICONS.unknown);
  svg.append(path);
  return svg;
}

if (!customElements.get("keycloak-sessions")) {
  customElements.define("keycloak-sessions", KeycloakSessionsElement);
}
