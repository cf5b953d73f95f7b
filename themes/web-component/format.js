/*
 * What the "Devices & sessions" page says about a session, in the user's language: pure functions of a session as
 * the session API returns it (docs/openapi.yaml), the user's locale and the element's messages. No DOM, so that they
 * are unit-tested with Node (src/test/js/format.test.mjs).
 */

/** A message lookup: the bundle's text for the key, with {0}, {1}, ... replaced by the arguments. */
export function messages(bundle) {
  return (key, ...args) => {
    const text = bundle[key] ?? key;
    return text.replace(/\{(\d+)\}/g, (match, index) => (args[index] !== undefined ? String(args[index]) : match));
  };
}

/**
 * Keycloak lets a client's name be a message key, written "${key}" (the account console's own client is named
 * "${client_account-console}"); such a name is looked up in the bundle.
 */
export function resolveName(name, bundle) {
  const key = /^\$\{(.+)\}$/.exec(name ?? "");
  return key ? bundle[key[1]] ?? key[1] : name;
}

/** "131.0.6778.86" -> "131"; for API clients, which version faster, "8.5.0" -> "8.5". */
export function shortVersion(version, parts = 1) {
  if (!version) {
    return null;
  }
  return version.split(".").slice(0, parts).join(".");
}

/** desktop, mobile, tablet, api or unknown: which icon a session gets. */
export function deviceKind(session) {
  const device = session.device;
  if (!device) {
    return "unknown";
  }
  if (device.apiClient) {
    return "api";
  }
  return ["desktop", "mobile", "tablet"].includes(device.deviceType) ? device.deviceType : "unknown";
}

/** "Chrome 131 on Windows 11", "curl 8.5 — API client", "Safari 17 on iOS 17.5", or "Unknown device". */
export function deviceTitle(session, t) {
  const device = session.device;
  if (!device || (!device.browser && !device.os)) {
    return t("devicesUnknownDevice");
  }
  if (device.apiClient) {
    const tool = [device.browser, shortVersion(device.browserVersion, 2)].filter(Boolean).join(" ");
    return t("devicesApiClientTitle", tool || t("devicesUnknownTool"));
  }
  const browser = device.browser ? [device.browser, shortVersion(device.browserVersion)].filter(Boolean).join(" ")
    : t("devicesUnknownBrowser");
  if (!device.os) {
    return browser;
  }
  const os = [device.os, shortVersion(device.osVersion, 2)].filter(Boolean).join(" ");
  return t("devicesBrowserOnOs", browser, os);
}

/** The maker and model when known, e.g. "Apple iPhone", "Samsung SM-S911B", or null. */
export function deviceModel(session) {
  const device = session.device;
  if (!device?.model) {
    return null;
  }
  return device.vendor && !device.model.startsWith(device.vendor) ? `${device.vendor} ${device.model}` : device.model;
}

/** "London, United Kingdom" in the user's language, or the region, or null when the location says nothing. */
export function placeName(location, locale) {
  if (!location) {
    return null;
  }
  const country = countryName(location, locale);
  const local = location.city ?? location.region;
  return [local, country].filter(Boolean).join(", ") || null;
}

function countryName(location, locale) {
  if (location.countryCode) {
    try {
      return new Intl.DisplayNames([locale], { type: "region" }).of(location.countryCode) ?? location.country;
    } catch {
      return location.country ?? location.countryCode;
    }
  }
  return location.country ?? null;
}

/** Where a session is: its place, else its address; and where it signed in, when that was elsewhere. */
export function whereLine(session, locale, t) {
  const last = placeName(session.location, locale) ?? session.ipAddress ?? t("devicesUnknownPlace");
  const moved = session.initialIpAddress && session.ipAddress && session.initialIpAddress !== session.ipAddress;
  if (!moved) {
    return last;
  }
  const first = placeName(session.initialLocation, locale) ?? session.initialIpAddress;
  return first === last ? t("devicesSameAddressMoved", last, session.initialIpAddress, session.ipAddress)
    : t("devicesSignedInFromLastSeenIn", first, last);
}

/** The applications of a session, by name (client name, resolved, else client id). */
export function applications(session, bundle) {
  return (session.clients ?? []).map((client) => resolveName(client.name, bundle) || client.clientId);
}

/** "Offline access for Demo SPA" for an offline session, else null. */
export function offlineLabel(session, bundle, t) {
  if (!session.offline) {
    return null;
  }
  const apps = applications(session, bundle);
  return apps.length ? t("devicesOfflineAccessFor", apps.join(", ")) : t("devicesOfflineAccess");
}

const UNITS = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "5 minutes ago", "in 2 hours", "now": relative to {@code now}, in the user's language. */
export function relativeTime(iso, locale, now = Date.now()) {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (Math.abs(seconds) < 45) {
    return format.format(0, "second");
  }
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(seconds, "second");
}

/** The exact time, as the user's locale writes dates and times. */
export function exactTime(iso, locale) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
