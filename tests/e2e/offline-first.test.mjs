// Offline first, end to end: a client's phone in headless Chromium, the PWA and its service worker,
// the device store (IndexedDB: outbox, sealed), the sync protocol, the Rust worker under wrangler
// dev, and D1. The client's file is started by a consulent through the API first.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newPhone, saveScreenshot, expectNoAxeViolations, api, nameField, saveButton, logIn, goOffline, demoUser, deviceStoreSummary, underServiceWorkerControl } from "./browser.mjs";
import { accessTokenFor, clientFileFor, latestValueAtWorker, testClock } from "./login.mjs";
import { randomUUID } from "node:crypto";

let browser;
let noahsFile;
before(async () => {
  browser = await launchChromium();
  noahsFile = await clientFileFor("client-noah", "Noah");
});
after(async () => {
  await browser?.close();
});

const syncState = (page) => page.locator("#sync-state");
const fieldError = (page) => page.locator("#preferred-name-error");

test("GET /api/v1/health answers JSON with the build version", async () => {
  const health = await api("GET", "/api/v1/health");
  assert.equal(health.status, 200);
  assert.match(health.contentType, /^application\/json/);
  assert.equal(health.json.status, "ok");
  assert.match(health.json.version, /^\d+\.\d+\.\d+\+([0-9a-f]{12}|unknown)$/);
});

test("a name saved offline survives a reload with no network, and reaches the worker when back online", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-noah"));
    await page.getByRole("heading", { name: "Welkom, Noah" }).waitFor();
    await underServiceWorkerControl(page);
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    await saveScreenshot(page, "home-client");

    await goOffline(context, page);
    await nameField(page).fill("Noah-Jan");
    await saveButton(page).click();
    await page.getByRole("heading", { name: "Welkom, Noah-Jan" }).waitFor();
    await nameField(page).fill("Noah-Willem");
    await saveButton(page).click();
    await page.getByRole("heading", { name: "Welkom, Noah-Willem" }).waitFor();
    await syncState(page).filter({ hasText: "2 wijzigingen op dit apparaat opgeslagen" }).waitFor();

    await page.reload();
    await page.getByRole("heading", { name: "Welkom, Noah-Willem" }).waitFor();
    assert.equal(await nameField(page).inputValue(), "Noah-Willem");
    assert.match(await syncState(page).innerText(), /2 wijzigingen op dit apparaat opgeslagen/);
    assert.equal((await deviceStoreSummary(page)).stores.outbox, 2, "both changes wait in the outbox");
    await saveScreenshot(page, "home-offline-after-reload");
    await expectNoAxeViolations(page, "home-offline-after-reload");
    assert.equal(await latestValueAtWorker("dossier", noahsFile, "preferred_name"), "Noah", "nothing left the phone");

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    assert.equal(await latestValueAtWorker("dossier", noahsFile, "preferred_name"), "Noah-Willem");
    assert.equal((await deviceStoreSummary(page)).stores.outbox, 0, "the outbox is empty once the worker has both");
    await saveScreenshot(page, "home-synced");
  } finally {
    await context.close();
  }
});

const badInputs = [
  { what: "empty", input: "" },
  { what: "only spaces", input: "   " },
  { what: "a 10 KB string", input: "a".repeat(10 * 1024) },
  { what: "script tags", input: "<script>alert('x')</script>" },
];

test("bad input gets the same clear message in the app and from the worker, and nothing is stored", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-noah"));
    await page.getByRole("heading", { name: /^Welkom, Noah/ }).waitFor();
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    const before = await deviceStoreSummary(page);
    const token = await accessTokenFor("client-noah");
    for (const { what, input } of badInputs) {
      await nameField(page).fill(input);
      await saveButton(page).click();
      await fieldError(page).filter({ hasText: /\S/ }).waitFor();
      const shownInApp = await fieldError(page).innerText();
      assert.equal(await nameField(page).getAttribute("aria-invalid"), "true", what);
      await saveScreenshot(page, `bad-input-${what.replaceAll(" ", "-")}`);

      const refused = await api("POST", "/api/v1/sync/push", {
        token,
        body: {
          operations: [
            {
              op_id: randomUUID(),
              record: { kind: "dossier", id: noahsFile, owner: { kind: "client", client_id: noahsFile } },
              field: "preferred_name",
              value: input,
              hlc: testClock("noahs-laptop"),
              author: "client-noah",
            },
          ],
        },
      });
      assert.equal(refused.status, 422, what);
      assert.equal(refused.json.field, "value");
      assert.ok(
        refused.json.message.nl.includes(shownInApp),
        `${what}: the worker says what the app says (same shared check)\napp: ${shownInApp}\nworker: ${refused.json.message.nl}`,
      );
    }
    const afterwards = await deviceStoreSummary(page);
    assert.equal(afterwards.stores.outbox, before.stores.outbox, "no change waits on the device");
    assert.equal(afterwards.stores.set_aside, before.stores.set_aside, "and none was set aside");
    assert.match(await latestValueAtWorker("dossier", noahsFile, "preferred_name"), /^Noah/, "the worker kept the last good name");
  } finally {
    await context.close();
  }
});

test("unknown API paths and methods get a JSON 404 or 405", async () => {
  assert.equal((await api("GET", "/api/v1/unknown")).status, 404);
  assert.equal((await api("GET", "/api/v1health")).status, 404);
  assert.equal((await api("DELETE", "/api/v1/sync/push")).status, 405);
  assert.equal((await api("GET", "/api/v1/clients/x/preferred-name")).status, 404, "the skeleton's endpoint is gone");
});

test("a change from a device whose clock ran ahead is set aside with the reason, not lost, and goes through when retried", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-noah"));
    await page.getByRole("heading", { name: /^Welkom, Noah/ }).waitFor();
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    // Earlier, this phone's clock ran a day ahead: its hybrid logical clock still says so.
    await page.evaluate(async () => {
      const request = (r) => new Promise((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
      const db = await request(indexedDB.open("naar-vermogen"));
      const store = db.transaction("sync_meta", "readwrite").objectStore("sync_meta");
      const meta = await request(store.get("device"));
      const ahead = String(Date.now() + 24 * 60 * 60 * 1000).padStart(18, "0");
      meta.clock = `${ahead}-0000000000-${meta.device_id}`;
      await request(store.put(meta, "device"));
      db.close();
    });
    await page.reload();
    await page.getByRole("heading", { name: /^Welkom, Noah/ }).waitFor();
    await nameField(page).fill("Noah Tijd");
    await saveButton(page).click();

    const setAside = page.locator("#set-aside");
    await setAside.waitFor();
    await syncState(page).filter({ hasText: "Niet alles is doorgegaan" }).waitFor();
    await page.getByRole("heading", { name: "Welkom, Noah-Willem" }).waitFor(); // the refused name does not show as if it went through
    assert.match(await setAside.innerText(), /Uw wijziging van de roepnaam \(Noah Tijd\) gaat niet door\. .*De klok van dit apparaat loopt voor/s);
    assert.equal((await deviceStoreSummary(page)).stores.set_aside, 1, "kept on the device, with its reason");
    assert.notEqual(await latestValueAtWorker("dossier", noahsFile, "preferred_name"), "Noah Tijd");
    await saveScreenshot(page, "clock-ahead-set-aside");
    await expectNoAxeViolations(page, "set-aside-niet-doorgegaan", { widths: [360, 320] });

    await page.getByRole("button", { name: "Opnieuw proberen" }).click();
    await setAside.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: "Welkom, Noah Tijd" }).waitFor();
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    assert.equal(await latestValueAtWorker("dossier", noahsFile, "preferred_name"), "Noah Tijd");
    assert.equal((await deviceStoreSummary(page)).stores.set_aside, 0);
  } finally {
    await context.close();
  }
});
