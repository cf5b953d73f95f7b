/*
 * "Devices & sessions": the account console page of the session API (docs/account-console.md). Loaded by the console
 * from content.json as an ES module that default-exports a React component. React comes from the console's own import
 * map; the look is PatternFly's, through the class names of the stylesheet the console has already loaded. Text comes
 * from the realm's account theme messages, dates are written in the console's locale.
 */
import { createElement as h, Fragment, useCallback, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { consoleTokens, joinUrl, SignInRequired } from "./console-token.js";
import {
  applications,
  deviceKind,
  deviceModel,
  deviceTitle,
  exactTime,
  mayManageAccount,
  messages,
  offlineLabel,
  relativeTime,
  whereLine,
} from "./format.js";

const PAGE_SIZE = 10;

function readEnvironment() {
  return JSON.parse(document.getElementById("environment").textContent);
}

/** The session API, with the console client's token; every failure becomes an ApiFailure with the API's error. */
function sessionApi(environment, tokens) {
  const base = joinUrl(environment.serverBaseUrl, `realms/${encodeURIComponent(environment.realm)}/sessions`);

  async function call(method, path, retried = false) {
    const token = await tokens.accessToken();
    const response = await fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
      credentials: "omit",
    });
    if (response.status === 401 && !retried) {
      tokens.forget();
      return call(method, path, true);
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

  return {
    page: (first) => call("GET", `?first=${first}&max=${PAGE_SIZE}`),
    revoke: (id) => call("DELETE", `/${encodeURIComponent(id)}`),
    revokeOthers: () => call("DELETE", ""),
  };
}

class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message ?? `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function loadBundle(environment) {
  const url = joinUrl(environment.serverBaseUrl,
    `resources/${encodeURIComponent(environment.realm)}/account/${encodeURIComponent(environment.locale)}`);
  const response = await fetch(url, { credentials: "omit" });
  const entries = response.ok ? await response.json() : [];
  return Object.fromEntries(entries.map(({ key, value }) => [key, value]));
}

export default function DevicesPage() {
  const [environment] = useState(readEnvironment);
  const [tokens] = useState(() => consoleTokens(environment));
  const [api] = useState(() => sessionApi(environment, tokens));
  const [bundle, setBundle] = useState(null);
  const [state, setState] = useState({ status: "loading", sessions: [], total: 0 });
  const [readOnly, setReadOnly] = useState(false);
  const [notice, setNotice] = useState(null);
  const [confirming, setConfirming] = useState(null);
  const [busy, setBusy] = useState(false);
  const locale = environment.locale || "en";

  const load = useCallback(async (first = 0) => {
    try {
      const page = await api.page(first);
      const token = await tokens.accessToken();
      setReadOnly(!mayManageAccount(token));
      setState((previous) => ({
        status: "ready",
        sessions: first === 0 ? page.sessions : [...previous.sessions, ...page.sessions],
        total: page.total,
      }));
    } catch (error) {
      setState((previous) => ({ ...previous, status: error instanceof SignInRequired ? "signedOut" : "error" }));
    }
  }, [api, tokens]);

  useEffect(() => {
    loadBundle(environment).then(setBundle, () => setBundle({}));
    load(0);
  }, [environment, load]);

  if (!bundle) {
    return h(Loading, { label: "" });
  }
  const t = messages(bundle);

  async function signOut(target) {
    setBusy(true);
    try {
      if (target === "others") {
        const result = await api.revokeOthers();
        setNotice({ variant: "success", text: t("devicesSignedOutOthers", result.revoked) });
      } else {
        await api.revoke(target.id);
        if (target.current) {
          // The current session is gone: back to the console, which asks the user to sign in.
          window.location.assign(environment.baseUrl);
          return;
        }
        setNotice({ variant: "success", text: t("devicesSignedOutOne", deviceTitle(target, t)) });
      }
      await load(0);
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 403) {
        setReadOnly(true);
        setNotice({ variant: "warning", text: t("devicesNotAllowed") });
      } else if (error instanceof SignInRequired) {
        setState((previous) => ({ ...previous, status: "signedOut" }));
      } else {
        setNotice({ variant: "danger", text: t("devicesSignOutFailed") });
      }
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }

  return h("section", { className: "pf-v5-c-page__main-section kcs-devices", "aria-labelledby": "kcs-devices-title" },
    h("div", { className: "kcs-devices__header" },
      h("div", null,
        h("h1", { id: "kcs-devices-title", className: "pf-v5-c-title pf-m-2xl" }, t("devicesAndSessions")),
        h("p", { className: "kcs-devices__intro" }, t("devicesIntro"))),
      !readOnly && state.status === "ready" && state.total > 1 && h("button", {
        type: "button",
        className: "pf-v5-c-button pf-m-secondary pf-m-danger",
        disabled: busy,
        onClick: () => setConfirming("others"),
      }, t("devicesSignOutEverywhereElse"))),
    h("div", { "aria-live": "polite" }, notice && h(Notice, { notice, onClose: () => setNotice(null), t })),
    state.status === "loading" && h(Loading, { label: t("devicesLoading") }),
    state.status === "error" && h(Problem, { title: t("devicesLoadFailed"), action: t("devicesRetry"), onAction: () => load(0) }),
    state.status === "signedOut" && h(Problem, {
      title: t("devicesSessionEnded"),
      action: t("devicesSignInAgain"),
      onAction: () => window.location.assign(environment.baseUrl),
    }),
    state.status === "ready" && state.sessions.length === 0 && h(Problem, { title: t("devicesNone") }),
    state.status === "ready" && state.sessions.length > 0 && h(Fragment, null,
      readOnly && h("p", { className: "kcs-devices__read-only" }, t("devicesReadOnly")),
      h("ul", { className: "kcs-devices__list", "aria-label": t("devicesListLabel") },
        state.sessions.map((session) => h(SessionCard, {
          key: `${session.id}:${session.offline}`,
          session, bundle, locale, t, readOnly, busy,
          onSignOut: () => setConfirming(session),
        }))),
      h("div", { className: "kcs-devices__footer" },
        h("span", { className: "kcs-devices__count" }, t("devicesShowing", state.sessions.length, state.total)),
        state.sessions.length < state.total && h("button", {
          type: "button",
          className: "pf-v5-c-button pf-m-link",
          onClick: () => load(state.sessions.length),
        }, t("devicesShowMore")))),
    confirming && h(ConfirmDialog, {
      t,
      busy,
      title: confirming === "others" ? t("devicesConfirmOthersTitle")
        : confirming.current ? t("devicesConfirmCurrentTitle") : t("devicesConfirmOneTitle"),
      body: confirming === "others" ? t("devicesConfirmOthers")
        : confirming.current ? t("devicesConfirmCurrent") : t("devicesConfirmOne", deviceTitle(confirming, t)),
      onConfirm: () => signOut(confirming),
      onCancel: () => setConfirming(null),
    }));
}

function SessionCard({ session, bundle, locale, t, readOnly, busy, onSignOut }) {
  const title = deviceTitle(session, t);
  const model = deviceModel(session);
  const offline = offlineLabel(session, bundle, t);
  const apps = applications(session, bundle);
  return h("li", { className: "pf-v5-c-card pf-m-compact kcs-devices__card", "data-session-id": session.id },
    h("div", { className: "kcs-devices__row" },
      h(DeviceIcon, { kind: deviceKind(session), label: t(`devicesKind_${deviceKind(session)}`) }),
      h("div", { className: "kcs-devices__body" },
        h("h2", { className: "pf-v5-c-title pf-m-lg kcs-devices__device" }, title,
          session.current && h("span", { className: "pf-v5-c-badge pf-m-read kcs-devices__this" }, t("devicesThisDevice"))),
        offline && h("p", { className: "kcs-devices__offline" }, offline),
        model && h("p", { className: "kcs-devices__model" }, model),
        h("p", { className: "kcs-devices__where" }, whereLine(session, locale, t)),
        h("p", { className: "kcs-devices__when" },
          h(When, { label: t("devicesSignedIn"), iso: session.createdAt, locale }), " · ",
          h(When, { label: t("devicesLastActive"), iso: session.lastActivityAt, locale }), " · ",
          session.expiresAt ? h(When, { label: t("devicesExpires"), iso: session.expiresAt, locale })
            : t("devicesNeverExpires")),
        apps.length > 0 && h("p", { className: "kcs-devices__apps" }, t("devicesApplications", apps.join(", ")))),
      !readOnly && h("div", { className: "kcs-devices__actions" },
        h("button", {
          type: "button",
          className: "pf-v5-c-button pf-m-secondary",
          disabled: busy,
          "aria-label": t("devicesSignOutLabel", title),
          onClick: onSignOut,
        }, session.current ? t("devicesSignOutThisDevice") : t("devicesSignOut")))));
}

function When({ label, iso, locale }) {
  const exact = exactTime(iso, locale);
  return h("span", null, `${label} `,
    h("time", { dateTime: iso, title: exact, tabIndex: 0, "aria-label": `${label} ${exact}` }, relativeTime(iso, locale)));
}

const ICONS = {
  desktop: "M3 4h18v11H3z M9 19h6 M12 15v4",
  mobile: "M8 2h8v20H8z M11 18h2",
  tablet: "M5 2h14v20H5z M11 18h2",
  api: "M3 5h18v14H3z M6 10l3 2-3 2 M11 15h5",
  unknown: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.7 M12 17h.01",
};

function DeviceIcon({ kind, label }) {
  return h("svg", {
    className: "kcs-devices__icon",
    viewBox: "0 0 24 24",
    role: "img",
    "aria-label": label,
    fill: "none",
    stroke: "currentColor",
    strokeWidth: 1.6,
    strokeLinecap: "round",
    strokeLinejoin: "round",
  }, h("path", { d: ICONS[kind] ?? ICONS.unknown }));
}

function Loading({ label }) {
  return h("div", { className: "kcs-devices__loading" },
    h("svg", { className: "pf-v5-c-spinner pf-m-lg", role: "progressbar", viewBox: "0 0 100 100", "aria-label": label },
      h("circle", { className: "pf-v5-c-spinner__path", cx: 50, cy: 50, r: 45, fill: "none" })));
}

function Problem({ title, action, onAction }) {
  return h("div", { className: "pf-v5-c-empty-state" },
    h("div", { className: "pf-v5-c-empty-state__content" },
      h("h2", { className: "pf-v5-c-title pf-m-lg" }, title),
      action && h("div", { className: "pf-v5-c-empty-state__footer" },
        h("button", { type: "button", className: "pf-v5-c-button pf-m-primary", onClick: onAction }, action))));
}

function Notice({ notice, onClose, t }) {
  return h("div", { className: `pf-v5-c-alert pf-m-inline pf-m-${notice.variant}`, role: "status" },
    h("p", { className: "pf-v5-c-alert__title" }, notice.text),
    h("div", { className: "pf-v5-c-alert__action" },
      h("button", { type: "button", className: "pf-v5-c-button pf-m-plain", "aria-label": t("devicesDismiss"), onClick: onClose },
        "\u00d7")));
}

function ConfirmDialog({ t, busy, title, body, onConfirm, onCancel }) {
  const confirmRef = useRef(null);
  useEffect(() => {
    confirmRef.current?.focus();
    const onKey = (event) => {
      if (event.key === "Escape") {
        onCancel();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onCancel]);
  return createPortal(h("div", { className: "pf-v5-c-backdrop" },
    h("div", { className: "pf-v5-l-bullseye" },
      h("div", {
        className: "pf-v5-c-modal-box pf-m-sm",
        role: "dialog",
        "aria-modal": "true",
        "aria-labelledby": "kcs-devices-confirm-title",
        "aria-describedby": "kcs-devices-confirm-body",
      },
        h("header", { className: "pf-v5-c-modal-box__header" },
          h("h1", { id: "kcs-devices-confirm-title", className: "pf-v5-c-modal-box__title" }, title)),
        h("div", { id: "kcs-devices-confirm-body", className: "pf-v5-c-modal-box__body" }, body),
        h("footer", { className: "pf-v5-c-modal-box__footer" },
          h("button", {
            ref: confirmRef,
            type: "button",
            className: "pf-v5-c-button pf-m-danger",
            disabled: busy,
            onClick: onConfirm,
          }, t("devicesConfirmSignOut")),
          h("button", { type: "button", className: "pf-v5-c-button pf-m-link", onClick: onCancel }, t("devicesCancel")))))),
  document.body);
}
