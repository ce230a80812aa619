// Shared helpers for the end-to-end tests: a real headless Chromium (Debian's), a phone
// viewport, the device's IndexedDB and the worker's API as the tests see them.
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const BASE_URL = requiredEnvironment("BASE_URL");
const ARTIFACTS_DIR = process.env.ARTIFACTS_DIR ?? "target/e2e-artifacts";

function requiredEnvironment(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with \`cargo xtask test\`.`);
  return value;
}

/** Launches Debian's Chromium headless with the flags that work on these machines. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser profile on a small phone (360 × 740), in Dutch. */
export async function newPhone(browser) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "nl-NL",
  });
  context.setDefaultTimeout(15_000);
  return context;
}

export async function saveScreenshot(page, name) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** The home page's one form: the preferred name. */
export const nameField = (page) => page.getByLabel("Hoe wilt u genoemd worden?");
export const saveButton = (page) => page.getByRole("button", { name: "Opslaan" });

/** The profile record the app keeps in IndexedDB, once the app has created it. */
/** Calls the worker's API directly (not through the browser). */
export async function api(method, path, { body, contentType = "application/json", token, headers = {} } = {}) {
  const response = await fetch(BASE_URL + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": contentType }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Left as null: the caller asserts on it.
  }
  return { status: response.status, contentType: response.headers.get("content-type"), json, text };
}


/** Logs in through the app and the provider's login page; returns the page (on the start screen). */
export async function logIn(context, user, password = user.password) {
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/inloggen`);
  await page.getByRole("button", { name: "Inloggen (demo)" }).click();
  await page.waitForURL(`${process.env.OIDC_ISSUER}/interaction/**`);
  await page.locator(`input[name="subject"][value="${user.subject}"]`).check();
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  return page;
}

/** Network emulation reaches the page a moment after the call returns: wait until the page sees it. */
export async function goOffline(context, page) {
  await context.setOffline(true);
  await page.waitForFunction(() => navigator.onLine === false);
}

/** The demo users of the local identity provider (worker/demo/users.json). */
export const DEMO_USERS = JSON.parse(readFileSync(new URL("../../worker/demo/users.json", import.meta.url), "utf8")).users;
export const demoUser = (subject) => DEMO_USERS.find((user) => user.subject === subject);

/** How many records each store of the device store holds, and the first sealed value's bytes. */
export function deviceStoreSummary(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    const db = await request(indexedDB.open("naar-vermogen"));
    const summary = { version: db.version, stores: {} };
    for (const name of db.objectStoreNames) {
      const values = await request(db.transaction(name).objectStore(name).getAll());
      summary.stores[name] = values.length;
      const sealed = values.find((value) => value instanceof Uint8Array);
      if (sealed && !summary.sealedHex) summary.sealedHex = Array.from(sealed, (b) => b.toString(16).padStart(2, "0")).join("");
    }
    db.close();
    return summary;
  });
}
