// The device store at rest: every synced change is sealed with a non-extractable AES-GCM key
// (app/src/device_crypto.rs, app/src/sync_store.rs); an older store is upgraded; a forgotten key or
// changed bytes give a clear message, not a crash, and what the worker has is pulled again. And the storage health: persistent storage is asked for, and the app
// warns when the quota is nearly used (app/src/storage_health.rs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newPhone, saveScreenshot, expectNoAxeViolations, nameField, saveButton, logIn, demoUser, deviceStoreSummary, BASE_URL } from "./browser.mjs";
import { clientFileFor } from "./login.mjs";

let browser;
before(async () => {
  browser = await launchChromium();
  await clientFileFor("client-lotte", "Lotte");
});
after(async () => {
  await browser?.close();
});

const UNREADABLE = "De gegevens op dit apparaat kunnen niet meer worden gelezen";
const LOW_SPACE = "Er is bijna geen ruimte meer op dit apparaat.";

async function openApp(context) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(BASE_URL + "/");
  await page.getByRole("heading", { level: 1 }).waitFor();
  return { page, errors };
}

/** Lotte logs in on a phone and sees her own file. */
async function openAsLotte(context) {
  const page = await logIn(context, demoUser("client-lotte"));
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  await page.getByRole("heading", { name: /^Welkom, / }).waitFor();
  return { page, errors };
}

async function saveName(page, name) {
  await nameField(page).fill(name);
  await saveButton(page).click();
  await page.getByRole("heading", { name: `Welkom, ${name}` }).waitFor();
  await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
}

/**
 * Everything in every IndexedDB database of the page, as text: each value is walked, typed arrays
 * and ArrayBuffers are decoded as UTF-8 and as Latin-1, so a name stored in any form shows up.
 */
function everythingStoredAsText(page) {
  return page.evaluate(async () => {
    const texts = [];
    const walk = (value) => {
      if (value === null || value === undefined) return;
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
        const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        texts.push(new TextDecoder("utf-8").decode(bytes), new TextDecoder("latin1").decode(bytes));
      } else if (typeof value === "object") {
        if (typeof CryptoKey !== "undefined" && value instanceof CryptoKey) {
          texts.push(`[CryptoKey ${value.algorithm.name}]`);
          return;
        }
        for (const [k, v] of Object.entries(value)) {
          texts.push(k);
          walk(v);
        }
      } else {
        texts.push(String(value));
      }
    };
    const request = (r) => new Promise((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    for (const { name } of await indexedDB.databases()) {
      const db = await request(indexedDB.open(name));
      for (const store of db.objectStoreNames) {
        const objectStore = db.transaction(store).objectStore(store);
        const [keys, values] = await Promise.all([request(objectStore.getAllKeys()), request(objectStore.getAll())]);
        keys.forEach(walk);
        values.forEach(walk);
      }
      db.close();
    }
    return texts.join("\n");
  });
}

/** The device key as stored, described by what the page can see of it. */
function storedKey(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("naar-vermogen-keys");
        open.onsuccess = () => {
          const read = open.result.transaction("keys").objectStore("keys").get("device");
          read.onsuccess = () => {
            const key = read.result;
            open.result.close();
            resolve(
              key === undefined
                ? null
                : {
                    isCryptoKey: key instanceof CryptoKey,
                    extractable: key.extractable,
                    algorithm: key.algorithm.name,
                    length: key.algorithm.length,
                    usages: [...key.usages].sort(),
                  },
            );
          };
          read.onerror = () => reject(read.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

/** What `forget_key` does at logout: the one key record is deleted. */
function deleteStoredKey(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("naar-vermogen-keys");
        open.onsuccess = () => {
          const tx = open.result.transaction("keys", "readwrite");
          tx.objectStore("keys").delete("device");
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

test("synced changes are stored sealed under a non-extractable key, and opened again after a reload", async () => {
  const context = await newPhone(browser);
  try {
    const { page, errors } = await openAsLotte(context);
    await saveName(page, "Zwaantje");

    const stored = await everythingStoredAsText(page);
    assert.ok(!stored.toLowerCase().includes("zwaantje"), `the name occurs nowhere in IndexedDB:\n${stored}`);

    const key = await storedKey(page);
    assert.deepEqual(key, { isCryptoKey: true, extractable: false, algorithm: "AES-GCM", length: 256, usages: ["decrypt", "encrypt"] });
    const summary = await deviceStoreSummary(page);
    assert.equal(summary.version, 3);
    assert.ok(summary.stores.known >= 1, "the changes are kept as sealed pages");
    assert.equal(summary.sealedHex.slice(0, 2), "01", "the first byte is the format version");
    assert.ok(summary.sealedHex.length / 2 >= 1 + 12 + 16, "version, IV and GCM tag are all there");

    await page.reload();
    await page.getByRole("heading", { name: "Welkom, Zwaantje" }).waitFor();
    assert.equal(await nameField(page).inputValue(), "Zwaantje");
    assert.deepEqual(errors, []);
    await saveScreenshot(page, "device-store-sealed");
  } finally {
    await context.close();
  }
});

test("after the key is forgotten the stored data can no longer be read: a clear message, and the file comes back from the worker", async () => {
  const context = await newPhone(browser);
  try {
    const { page, errors } = await openAsLotte(context);
    await saveName(page, "Gerrit");
    await deleteStoredKey(page);

    await page.reload();
    await page.getByText(UNREADABLE).waitFor();
    await saveScreenshot(page, "device-store-key-forgotten");
    await expectNoAxeViolations(page, "device-store-unreadable");
    // Everything the worker has is pulled again, sealed under a new key.
    await page.getByRole("heading", { name: "Welkom, Gerrit" }).waitFor();
    assert.equal((await storedKey(page)).extractable, false, "a new key was made");
    await saveName(page, "Gerrit");
    await page.reload();
    await page.getByRole("heading", { name: "Welkom, Gerrit" }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("changed sealed bytes are detected: a clear message, not a crash", async () => {
  const context = await newPhone(browser);
  try {
    const { page, errors } = await openAsLotte(context);
    await saveName(page, "Ayla");
    await page.evaluate(async () => {
      const request = (r) => new Promise((resolve) => (r.onsuccess = () => resolve(r.result)));
      const db = await request(indexedDB.open("naar-vermogen"));
      const tx = db.transaction("known", "readwrite");
      const store = tx.objectStore("known");
      const [key] = await request(store.getAllKeys());
      const page = await request(store.get(key));
      page[page.length - 20] ^= 0x01; // one bit of the ciphertext
      store.put(page, key);
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    });
    await page.reload();
    await page.getByText(UNREADABLE).waitFor();
    await page.getByRole("heading", { name: "Welkom, Ayla" }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the skeleton's store (version 2) is upgraded: its profile record goes, the synced stores come", async () => {
  const context = await newPhone(browser);
  try {
    const page = await context.newPage();
    // Same origin, without starting the app: write the store as version 2 of the app left it.
    await page.goto(BASE_URL + "/manifest.webmanifest");
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open("naar-vermogen", 2);
          open.onupgradeneeded = () => open.result.createObjectStore("profile");
          open.onsuccess = () => {
            const tx = open.result.transaction("profile", "readwrite");
            tx.objectStore("profile").put({ client_id: "0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e", waiting_to_push: false, refusal: null }, "me");
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    await page.goto(BASE_URL + "/");
    await page.locator("#sync-state").filter({ hasText: /\S/ }).waitFor();
    const summary = await deviceStoreSummary(page);
    assert.equal(summary.version, 3);
    assert.deepEqual(Object.keys(summary.stores).sort(), ["known", "outbox", "set_aside", "sync_meta"]);
  } finally {
    await context.close();
  }
});

test("persistent storage is asked for once, and the home page says what the browser answered", async () => {
  const context = await newPhone(browser);
  try {
    // Count the app's calls without changing what the browser answers.
    await context.addInitScript(() => {
      window.__storageCalls = [];
      for (const name of ["persist", "persisted", "estimate"]) {
        const original = StorageManager.prototype[name];
        StorageManager.prototype[name] = function (...args) {
          window.__storageCalls.push(name);
          return original.apply(this, args);
        };
      }
    });
    const { page } = await openApp(context);
    const line = page.locator("#storage-persistence");
    await line.filter({ hasText: /\S/ }).waitFor();
    const calls = await page.evaluate(() => window.__storageCalls);
    const granted = await page.evaluate(() => navigator.storage.persisted());
    assert.equal(calls.filter((c) => c === "persisted").length, 1);
    assert.equal(calls.filter((c) => c === "estimate").length, 1);
    assert.equal(calls.filter((c) => c === "persist").length, 1, "a fresh profile is not persisted yet, so the app asks");
    assert.equal(
      await line.innerText(),
      granted
        ? "Uw gegevens blijven op dit apparaat bewaard."
        : "Deze browser mag uw gegevens wissen als het apparaat vol raakt. Zet de app op uw beginscherm, dan bewaart de browser ze beter.",
    );
    assert.equal(await page.getByText(LOW_SPACE).count(), 0, "no warning with plenty of room");
  } finally {
    await context.close();
  }
});

test("when the browser grants persistent storage, the home page says the data stays", async () => {
  const context = await newPhone(browser);
  try {
    await context.addInitScript(() => {
      window.__persistCalls = 0;
      let granted = false;
      StorageManager.prototype.persisted = () => Promise.resolve(granted);
      StorageManager.prototype.persist = () => ((window.__persistCalls += 1), (granted = true), Promise.resolve(true));
    });
    const { page } = await openApp(context);
    await page.getByText("Uw gegevens blijven op dit apparaat bewaard.").waitFor();
    assert.equal(await page.evaluate(() => window.__persistCalls), 1);
  } finally {
    await context.close();
  }
});

/** A browser that reports `usage` of `quota` bytes: Chromium 156 ignores CDP's quota override for estimate() here. */
async function phoneReporting(usage, quota) {
  const context = await newPhone(browser);
  await context.addInitScript(
    ([usage, quota]) => {
      StorageManager.prototype.estimate = () => Promise.resolve({ usage, quota });
    },
    [usage, quota],
  );
  return context;
}

const MB = 1024 * 1024;

test("when the quota is nearly used, the app warns in plain Dutch on every page", async () => {
  const context = await phoneReporting(980 * MB, 1024 * MB); // 44 MB free
  try {
    const { page, errors } = await openApp(context);
    const warning = page.getByRole("alert").filter({ hasText: LOW_SPACE });
    await warning.waitFor();
    assert.equal(await warning.innerText(), `${LOW_SPACE} Maak ruimte vrij, anders kan de app uw werk niet bewaren.`);
    await saveScreenshot(page, "storage-low-warning");
    await expectNoAxeViolations(page, "storage-low-warning", { widths: [360, 320] });
    await page.getByRole("link", { name: "Route-advies" }).click();
    await page.getByRole("heading", { name: "Route-advies" }).waitFor();
    assert.equal(await page.getByText(LOW_SPACE).count(), 1, "the warning is in the shell, on every page");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("with just enough room left (more than 50 MB and 10 %) there is no warning", async () => {
  const context = await phoneReporting(900 * MB, 1024 * MB); // 124 MB free, 12 %
  try {
    const { page } = await openApp(context);
    // The app reads the estimate before it asks for persistence: once that line shows, the check is done.
    await page.locator("#storage-persistence").filter({ hasText: /\S/ }).waitFor();
    assert.equal(await page.getByText(LOW_SPACE).count(), 0);
  } finally {
    await context.close();
  }
});
