// The walking skeleton, end to end: a phone in headless Chromium, the PWA, IndexedDB,
// the service worker, the Rust worker under wrangler dev, and D1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { launchChromium, newPhone, saveScreenshot, deviceProfile, api, preferredNamePath, nameField, saveButton, BASE_URL } from "./browser.mjs";

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const syncState = (page) => page.locator("#sync-state");
const fieldError = (page) => page.locator("#preferred-name-error");

async function openApp(context) {
  const page = await context.newPage();
  await page.goto(BASE_URL + "/");
  await page.getByRole("heading", { level: 1 }).waitFor();
  return page;
}

async function waitForServiceWorkerControl(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Network emulation reaches the page a moment after the call returns: wait until the page sees it. */
async function goOffline(context, page) {
  await context.setOffline(true);
  await page.waitForFunction(() => navigator.onLine === false);
}

test("GET /api/v1/health answers JSON with the build version", async () => {
  const health = await api("GET", "/api/v1/health");
  assert.equal(health.status, 200);
  assert.match(health.contentType, /^application\/json/);
  assert.equal(health.json.status, "ok");
  assert.match(health.json.version, /^\d+\.\d+\.\d+\+([0-9a-f]{12}|unknown)$/);
});

test("the last name saved offline survives a reload with no network and reaches D1 when back online", async () => {
  const context = await newPhone(browser);
  try {
    const page = await openApp(context);
    await waitForServiceWorkerControl(page);
    await saveScreenshot(page, "home-empty");

    await goOffline(context, page);
    await nameField(page).fill("Jan");
    await saveButton(page).click();
    await page.getByRole("heading", { name: "Welkom, Jan" }).waitFor();
    await nameField(page).fill("Jan-Willem");
    await saveButton(page).click();
    await page.getByRole("heading", { name: "Welkom, Jan-Willem" }).waitFor();
    await page.getByText("Opgeslagen op dit apparaat").waitFor();

    await page.reload();
    await page.getByRole("heading", { name: "Welkom, Jan-Willem" }).waitFor();
    assert.equal(await nameField(page).inputValue(), "Jan-Willem");
    assert.match(await syncState(page).innerText(), /Opgeslagen op dit apparaat/);
    await saveScreenshot(page, "home-offline-after-reload");

    const profile = await deviceProfile(page);
    assert.ok(profile.personal, "the name is stored, sealed (device-store.test.mjs checks how)");
    assert.equal(profile.waiting_to_push, true);
    const beforeSync = await api("GET", preferredNamePath(profile.client_id));
    assert.equal(beforeSync.status, 404, "nothing reaches D1 while the phone is offline");

    await context.setOffline(false);
    await page.getByText("Opgeslagen en verstuurd").waitFor();
    const afterSync = await api("GET", preferredNamePath(profile.client_id));
    assert.equal(afterSync.status, 200);
    assert.equal(afterSync.json.preferred_name, "Jan-Willem");
    assert.equal(afterSync.json.client_id, profile.client_id);
    assert.equal((await deviceProfile(page)).waiting_to_push, false);
    await saveScreenshot(page, "home-synced");
  } finally {
    await context.close();
  }
});

const badInputs = [
  { what: "empty", input: "", code: "empty" },
  { what: "only spaces", input: "   ", code: "empty" },
  { what: "a 10 KB string", input: "a".repeat(10 * 1024), code: "too_long" },
  { what: "script tags", input: "<script>alert('x')</script>", code: "forbidden_character" },
];

for (const { what, input, code } of badInputs) {
  test(`bad input (${what}) gets the same clear message in the app and a 4xx from the API, storing nothing`, async () => {
    const context = await newPhone(browser);
    try {
      const page = await openApp(context);
      await nameField(page).fill("Fatima");
      await saveButton(page).click();
      await page.getByText("Opgeslagen en verstuurd").waitFor();
      const { client_id: clientId } = await deviceProfile(page);

      await nameField(page).fill(input);
      await saveButton(page).click();
      await fieldError(page).filter({ hasText: /\S/ }).waitFor();
      const shownInApp = await fieldError(page).innerText();
      assert.equal(await nameField(page).getAttribute("aria-invalid"), "true");
      await saveScreenshot(page, `bad-input-${code}-${what.replaceAll(" ", "-")}`);

      const refused = await api("PUT", preferredNamePath(clientId), { body: { preferred_name: input } });
      assert.equal(refused.status, 422);
      assert.equal(refused.json.code, code);
      assert.equal(refused.json.field, "preferred_name");
      assert.equal(refused.json.message.nl, shownInApp, "the app and the worker explain it with the same shared function");
      assert.ok(refused.json.message.en.length > 0);

      await page.reload();
      await page.getByRole("heading", { name: "Welkom, Fatima" }).waitFor(); // the device kept the last good name
      const stored = await api("GET", preferredNamePath(clientId));
      assert.equal(stored.json.preferred_name, "Fatima", "D1 kept the last good name");
    } finally {
      await context.close();
    }
  });
}

test("the API refuses malformed requests with a clear JSON error and stores nothing", async () => {
  const clientId = randomUUID();
  const path = preferredNamePath(clientId);
  const cases = [
    { body: "preferred_name=Jan", contentType: "application/x-www-form-urlencoded", status: 415, code: "unsupported_media_type" },
    { body: "{not json", status: 400, code: "invalid_json" },
    { body: { preferred_name: "Jan", role: "admin" }, status: 400, code: "invalid_json" },
    { body: { preferred_name: "a".repeat(20 * 1024) }, status: 413, code: "body_too_large" },
  ];
  for (const { body, contentType, status, code } of cases) {
    const answer = await api("PUT", path, { body, contentType });
    assert.equal(answer.status, status, `${code}: ${answer.text.slice(0, 200)}`);
    assert.equal(answer.json.code, code);
    assert.ok(answer.json.message.nl && answer.json.message.en);
  }
  const badId = await api("PUT", preferredNamePath("not-a-uuid"), { body: { preferred_name: "Jan" } });
  assert.equal(badId.status, 400);
  assert.equal(badId.json.code, "invalid_client_id");
  assert.equal((await api("GET", path)).status, 404, "nothing was stored");
  assert.equal((await api("DELETE", path)).status, 405);
  assert.equal((await api("GET", "/api/v1/unknown")).status, 404);
  assert.equal((await api("GET", "/api/v1health")).status, 404);
});
