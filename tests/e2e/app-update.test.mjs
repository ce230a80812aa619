// A new version of the app arrives while changes wait on the phone, unsent (issue 5: "updates itself
// safely without losing unsynced data"). The phone keeps working on the old version until the client
// chooses "Nu bijwerken"; then the new version takes over, and the waiting changes are still there and
// reach the worker. A new version is published the way a deployment does it: the built service worker
// in dist/ is replaced by one with another build version (wrangler dev serves the new file at once;
// the original is put back afterwards).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newPhone, saveScreenshot, expectNoAxeViolations, nameField, saveButton, logIn, demoUser, deviceStoreSummary, underServiceWorkerControl } from "./browser.mjs";
import { clientFileFor, latestValueAtWorker } from "./login.mjs";
import { readFileSync, writeFileSync } from "node:fs";

let browser;
let evasFile;
before(async () => {
  browser = await launchChromium();
  evasFile = await clientFileFor("client-eva", "Eva");
});
after(async () => {
  await browser?.close();
});

const syncState = (page) => page.locator("#sync-state");
const updateNotice = (page) => page.locator("#app-update");
const cacheNames = (page) => page.evaluate(() => caches.keys());
const BUILT_SERVICE_WORKER = new URL("../../dist/sw.js", import.meta.url);

/** Publishes "the next version" of the built app; returns how to put the built one back. */
function publishNewVersion() {
  const built = readFileSync(BUILT_SERVICE_WORKER, "utf8");
  const version = /const BUILD_VERSION = "([0-9a-f]+)";/;
  assert.match(built, version, "the built service worker carries its version");
  writeFileSync(BUILT_SERVICE_WORKER, built.replace(version, 'const BUILD_VERSION = "$1-next";'));
  return () => writeFileSync(BUILT_SERVICE_WORKER, built);
}

/**
 * Waits until wrangler serves the service worker just written: its asset watcher picks a changed
 * file up a moment later, and an update check before that finds the old version and looks no more.
 */
async function servedServiceWorkerSays(text) {
  const started = Date.now();
  while (!(await (await fetch(`${process.env.BASE_URL}/sw.js`, { cache: "no-store" })).text()).includes(text)) {
    if (Date.now() - started > 30_000) throw new Error(`after 30 s wrangler still serves the old /sw.js (without "${text}")`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test("a new version waits for the client, takes over when asked, and sends the changes made before it", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-eva"));
    await page.getByRole("heading", { name: "Welkom, Eva" }).waitFor();
    await underServiceWorkerControl(page);
    const [oldCache] = await cacheNames(page);
    assert.match(oldCache, /^naar-vermogen-/);

    // The worker cannot be reached for sync: two changes wait in the outbox.
    await context.route("**/api/v1/sync/**", (route) => route.abort());
    await nameField(page).fill("Eva-Lin");
    await saveButton(page).click();
    await nameField(page).fill("Eva-Marie");
    await saveButton(page).click();
    await syncState(page).filter({ hasText: "2 wijzigingen op dit apparaat opgeslagen" }).waitFor();
    assert.equal(await updateNotice(page).count(), 0, "no new version yet");

    // A new version is published; the app looks for it when the connection returns.
    const putBackTheBuiltVersion = publishNewVersion();
    try {
      await servedServiceWorkerSays("-next");
      // The notice comes once the new version's service worker has downloaded the whole app again
      // (every file of PRECACHE_URLS): on a loaded machine that took over the usual 30 s. An install
      // that failed on the way is tried again at the app's next look (each time the connection
      // returns), as it would be on a phone.
      const notice = updateNotice(page).filter({ hasText: "Er is een nieuwe versie van de app." });
      for (let look = 1; !(await notice.isVisible()); look += 1) {
        await page.evaluate(() => window.dispatchEvent(new Event("online")));
        await notice.waitFor({ timeout: 30_000 }).catch((error) => {
          if (look === 3) throw error;
        });
      }
    } finally {
      putBackTheBuiltVersion();
    }
    await saveScreenshot(page, "app-update-waiting");
    await expectNoAxeViolations(page, "app-update-waiting");

    // Until the client chooses, the old version keeps control and the phone keeps working.
    const waitingWorker = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting?.state);
    assert.equal(await waitingWorker(), "installed", "the new version waits");
    assert.ok((await cacheNames(page)).includes(oldCache), "the old version's files stay until the switch");
    await nameField(page).fill("Eva-Sofie");
    await saveButton(page).click();
    await syncState(page).filter({ hasText: "3 wijzigingen op dit apparaat opgeslagen" }).waitFor();
    assert.equal(await waitingWorker(), "installed", "the new version still waits: the client has not chosen yet");

    await Promise.all([
      page.waitForEvent("load"),
      page.getByRole("button", { name: "Nu bijwerken" }).click(),
    ]);
    await page.getByRole("heading", { name: "Welkom, Eva-Sofie" }).waitFor();
    const caches = await cacheNames(page);
    assert.deepEqual(caches, [`${oldCache}-next`], "the new version took over and the old files are gone");
    assert.equal(await updateNotice(page).count(), 0);
    assert.equal((await deviceStoreSummary(page)).stores.outbox, 3, "the unsent changes survived the update");
    assert.equal(await latestValueAtWorker("dossier", evasFile, "preferred_name"), "Eva", "nothing was sent yet");

    await context.unroute("**/api/v1/sync/**");
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    assert.equal(await latestValueAtWorker("dossier", evasFile, "preferred_name"), "Eva-Sofie");
    assert.equal((await deviceStoreSummary(page)).stores.outbox, 0);
  } finally {
    await context.close();
  }
});
