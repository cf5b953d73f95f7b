// Unit tests of the "Devices & sessions" page's pure formatting functions, run by Maven's test phase with `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  applications,
  deviceKind,
  deviceModel,
  deviceTitle,
  messages,
  offlineLabel,
  placeName,
  relativeTime,
  resolveName,
  shortVersion,
  whereLine,
} from "../../../themes/web-component/format.js";

function bundle(language) {
  const path = new URL(`../../../themes/session-devices/account/messages/messages_${language}.properties`, import.meta.url);
  const entries = readFileSync(path, "utf8").split("\n")
    .filter((line) => line.includes("=") && !line.startsWith("#"))
    .map((line) => {
      const at = line.indexOf("=");
      const value = line.slice(at + 1).replace(/\\u([0-9a-fA-F]{4})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      return [line.slice(0, at), value];
    });
  return Object.fromEntries(entries);
}

const en = bundle("en");
const de = bundle("de");
const t = messages(en);

const chrome = { device: { browser: "Chrome", browserVersion: "131.0.6778.86", os: "Windows", osVersion: "11", deviceType: "desktop", apiClient: false } };
const curl = { device: { browser: "curl", browserVersion: "8.5.0", deviceType: "unknown", apiClient: true } };

test("both bundles have the same keys", () => {
  assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
});

test("a browser is named with its major version and the OS with its version", () => {
  assert.equal(deviceTitle(chrome, t), "Chrome 131 on Windows 11");
  assert.equal(deviceTitle({ device: { browser: "Mobile Safari", browserVersion: "17.5", os: "iOS", osVersion: "17.5.1" } }, t),
    "Mobile Safari 17 on iOS 17.5");
});

test("an API client is named as such, with a two-part version", () => {
  assert.equal(deviceTitle(curl, t), "curl 8.5 \u2014 API client");
  assert.equal(deviceTitle({ device: { apiClient: true, os: "Linux" } }, t), "A script or API client \u2014 API client");
});

test("a session without device data is an unknown device", () => {
  assert.equal(deviceTitle({}, t), "Unknown device");
  assert.equal(deviceTitle({ device: { deviceType: "desktop" } }, t), "Unknown device");
  assert.equal(deviceTitle({ device: { browser: "Firefox", browserVersion: "133.0" } }, t), "Firefox 133");
});

test("the icon follows the device type, API clients first", () => {
  assert.equal(deviceKind(chrome), "desktop");
  assert.equal(deviceKind(curl), "api");
  assert.equal(deviceKind({ device: { deviceType: "tablet" } }), "tablet");
  assert.equal(deviceKind({ device: { deviceType: "fridge" } }), "unknown");
  assert.equal(deviceKind({}), "unknown");
});

test("the model includes the vendor once", () => {
  assert.equal(deviceModel({ device: { vendor: "Apple", model: "iPhone" } }), "Apple iPhone");
  assert.equal(deviceModel({ device: { vendor: "Samsung", model: "Samsung SM-S911B" } }), "Samsung SM-S911B");
  assert.equal(deviceModel({ device: {} }), null);
});

test("short versions", () => {
  assert.equal(shortVersion("131.0.6778.86"), "131");
  assert.equal(shortVersion("8.5.0", 2), "8.5");
  assert.equal(shortVersion(null), null);
});

test("a place has the country's name in the user's language", () => {
  const london = { city: "London", country: "United Kingdom", countryCode: "GB" };
  assert.equal(placeName(london, "en"), "London, United Kingdom");
  assert.equal(placeName(london, "de"), "London, Vereinigtes K\u00f6nigreich");
  assert.equal(placeName({ countryCode: "SE" }, "en"), "Sweden");
  assert.equal(placeName({ region: "England", countryCode: "GB" }, "en"), "England, United Kingdom");
  assert.equal(placeName(null, "en"), null);
  assert.equal(placeName({}, "en"), null);
});

test("where: the place, else the address, and where it signed in when it moved", () => {
  const berlin = { city: "Berlin", countryCode: "DE" };
  const paris = { city: "Paris", countryCode: "FR" };
  assert.equal(whereLine({ ipAddress: "198.51.100.1", location: null }, "en", t), "198.51.100.1");
  assert.equal(whereLine({}, "en", t), "Unknown place");
  assert.equal(whereLine({ ipAddress: "2.2.2.2", location: paris, initialIpAddress: "1.1.1.1", initialLocation: berlin }, "en", t),
    "Signed in from Berlin, Germany, last seen in Paris, France");
  assert.equal(whereLine({ ipAddress: "2.2.2.2", location: paris, initialIpAddress: "2.2.2.2", initialLocation: paris }, "en", t),
    "Paris, France");
  assert.equal(whereLine({ ipAddress: "2.2.2.2", location: paris, initialIpAddress: "1.1.1.1", initialLocation: paris }, "en", t),
    "Paris, France (signed in from 1.1.1.1, last seen at 2.2.2.2)");
  assert.equal(whereLine({ ipAddress: "2.2.2.2", initialIpAddress: "1.1.1.1" }, "en", t),
    "Signed in from 1.1.1.1, last seen in 2.2.2.2");
});

test("client names that are message keys are looked up", () => {
  assert.equal(resolveName("${client_account-console}", { "client_account-console": "Account Console" }), "Account Console");
  assert.equal(resolveName("${unknown}", {}), "unknown");
  assert.equal(resolveName("Demo SPA", {}), "Demo SPA");
  const session = { clients: [{ clientId: "spa", name: "Demo SPA" }, { clientId: "cli", name: null }] };
  assert.deepEqual(applications(session, {}), ["Demo SPA", "cli"]);
});

test("offline sessions say for which application", () => {
  assert.equal(offlineLabel({ offline: true, clients: [{ clientId: "spa", name: "Demo SPA" }] }, {}, t),
    "Offline access for Demo SPA");
  assert.equal(offlineLabel({ offline: true, clients: [] }, {}, t), "Offline access");
  assert.equal(offlineLabel({ offline: false }, {}, t), null);
});

test("relative times in the user's language", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  assert.equal(relativeTime("2026-11-23T11:55:00Z", "en", now), "5 minutes ago");
  assert.equal(relativeTime("2026-11-23T11:59:50Z", "en", now), "now");
  assert.equal(relativeTime("2026-11-23T14:00:00Z", "en", now), "in 2 hours");
  assert.equal(relativeTime("2026-11-23T11:55:00Z", "de", now), "vor 5 Minuten");
  assert.equal(relativeTime("2026-11-22T12:00:00Z", "en", now), "yesterday");
});

test("message arguments are filled in, missing keys show the key", () => {
  assert.equal(t("devicesShowing", 10, 42), "Showing 10 of 42");
  assert.equal(t("noSuchKey"), "noSuchKey");
});
