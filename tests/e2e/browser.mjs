// Shared helpers for the end-to-end tests: a real headless Chromium (Debian's), a phone
// viewport, the device's IndexedDB and the worker's API as the tests see them.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
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
export async function deviceProfile(page) {
  await page.waitForFunction(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("naar-vermogen");
        open.onsuccess = () => {
          const ready = open.result.objectStoreNames.contains("profile");
          open.result.close();
          resolve(ready);
        };
        open.onerror = () => resolve(false);
      }),
  );
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("naar-vermogen");
        open.onsuccess = () => {
          const read = open.result.transaction("profile").objectStore("profile").get("me");
          read.onsuccess = () => resolve(read.result ?? null);
          read.onerror = () => reject(read.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

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

export const preferredNamePath = (clientId) => `/api/v1/clients/${clientId}/preferred-name`;
