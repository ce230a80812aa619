// The device store at rest: the preferred name is sealed with a non-extractable AES-GCM key
// (app/src/device_crypto.rs); a version 1 store is converted; a forgotten key or changed bytes give a
// clear message, not a crash. And the storage health: persistent storage is asked for, and the app
// warns when the quota is nearly used (app/src/storage_health.rs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { launchChromium, newPhone, saveScreenshot, deviceProfile, nameField, saveButton, BASE_URL } from "./browser.mjs";

let browser;
before(async () => {
  browser = await launchChromium();
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

async function saveName(page, name) {
  await saveButton(page).and(page.locator(":enabled")).waitFor();
  await nameField(page).fill(name);
  await saveButton(page).click();
  await page.getByRole("heading", { name: `Welkom, ${name}` }).waitFor();
  await page.locator("#sync-state").filter({ hasText: "Opgeslagen" }).waitFor();
}

/** Polls `read` until it gives something other than `before`; fails after 10 s. */
async function changedFrom(before, read) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const now = await read();
    if (now !== before) return now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail("what is stored did not change within 10 s");
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

/** The sealed part of the stored profile record. */
function sealedPersonal(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve) => (indexedDB.open("naar-vermogen").onsuccess = (e) => resolve(e.target.result)));
    const record = await new Promise((resolve) => (db.transaction("profile").objectStore("profile").get("me").onsuccess = (e) => resolve(e.target.result)));
    db.close();
    const bytes = record.personal;
    return {
      isBytes: bytes instanceof Uint8Array,
      length: bytes.length,
      version: bytes[0],
      hex: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""),
    };
  });
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

test("the preferred name is stored sealed under a non-extractable key, and opened again after a reload", async () => {
  const context = await newPhone(browser);
  try {
    const { page, errors } = await openApp(context);
    await saveName(page, "Zwaantje");

    const stored = await everythingStoredAsText(page);
    assert.ok(stored.includes("personal"), "the sealed part is stored");
    assert.ok(!stored.toLowerCase().includes("zwaantje"), `the name occurs nowhere in IndexedDB:\n${stored}`);

    const key = await storedKey(page);
    assert.deepEqual(key, { isCryptoKey: true, extractable: false, algorithm: "AES-GCM", length: 256, usages: ["decrypt", "encrypt"] });

    const profile = await deviceProfile(page);
    assert.ok(profile.personal && !("preferred_name" in profile), "no name in the clear beside the sealed part");
    const sealed = await sealedPersonal(page);
    assert.equal(sealed.isBytes, true, "the sealed part is a Uint8Array");
    assert.equal(sealed.version, 1, "the first byte is the format version");
    assert.ok(sealed.length >= 1 + 12 + 16, "version, IV and GCM tag are all there");

    await page.reload();
    await page.getByRole("heading", { name: "Welkom, Zwaantje" }).waitFor();
    assert.equal(await nameField(page).inputValue(), "Zwaantje");

    // Saving the same name again seals it with a fresh IV: the stored bytes differ.
    const firstSealed = (await sealedPersonal(page)).hex;
    await saveName(page, "Zwaantje");
    const secondSealed = await changedFrom(firstSealed, async () => (await sealedPersonal(page)).hex);
    assert.equal(secondSealed.slice(0, 2), "01");
    assert.notEqual(secondSealed.slice(2, 26), firstSealed.slice(2, 26), "a new IV");
    assert.deepEqual(errors, []);
    await saveScreenshot(page, "device-store-sealed");
  } finally {
    await context.close();
  }
});

test("after the key is forgotten the stored name can no longer be read: a clear message, and a new save works", async () => {
  const context = await newPhone(browser);
  try {
    const { page, errors } = await openApp(context);
    await saveName(page, "Gerrit");
    await deleteStoredKey(page);

    await page.reload();
    await page.getByText(UNREADABLE).waitFor();
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Welkom");
    assert.equal(await nameField(page).inputValue(), "");
    await saveScreenshot(page, "device-store-key-forgotten");

    await saveName(page, "Gerrit");
    assert.equal(await page.locator("#device-data-unreadable").innerText(), "");
    assert.equal((await storedKey(page)).extractable, false, "a new key was made");
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
    const { page, errors } = await openApp(context);
    await saveName(page, "Ayla");
    await page.evaluate(async () => {
      const db = await new Promise((resolve) => (indexedDB.open("naar-vermogen").onsuccess = (e) => resolve(e.target.result)));
      const tx = db.transaction("profile", "readwrite");
      const store = tx.objectStore("profile");
      const record = await new Promise((resolve) => (store.get("me").onsuccess = (e) => resolve(e.target.result)));
      record.personal[record.personal.length - 20] ^= 0x01; // one bit of the ciphertext
      store.put(record, "me");
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    });
    await page.reload();
    await page.getByText(UNREADABLE).waitFor();
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Welkom");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a version 1 store with the name in the clear is converted to a sealed one", async () => {
  const context = await newPhone(browser);
  try {
    const page = await context.newPage();
    // Same origin, without starting the app: write the store as version 1 of the app left it.
    await page.goto(BASE_URL + "/manifest.webmanifest");
    const clientId = randomUUID();
    await page.evaluate(
      (clientId) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open("naar-vermogen", 1);
          open.onupgradeneeded = () => open.result.createObjectStore("profile");
          open.onsuccess = () => {
            const tx = open.result.transaction("profile", "readwrite");
            tx.objectStore("profile").put({ client_id: clientId, preferred_name: "Wubbo", waiting_to_push: false, refusal: null }, "me");
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      clientId,
    );

    await page.goto(BASE_URL + "/");
    await page.getByRole("heading", { name: "Welkom, Wubbo" }).waitFor();
    const profile = await deviceProfile(page);
    assert.equal(profile.client_id, clientId, "the same profile, converted");
    assert.ok(!("preferred_name" in profile));
    const stored = await everythingStoredAsText(page);
    assert.ok(!stored.includes("Wubbo"), `the name occurs nowhere in IndexedDB after the upgrade:\n${stored}`);
    assert.equal(await page.evaluate(() => new Promise((r) => (indexedDB.open("naar-vermogen").onsuccess = (e) => (r(e.target.result.version), e.target.result.close())))), 2);
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
