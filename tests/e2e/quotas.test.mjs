// Quotas (issue 16, case 5; shared::sync::quotas): a security review pushed 10 maximum-size pushes
// (5,000 operations, 9.3 MB) in 1.6 s. Now one client file takes at most 1,000 operations a day and
// one person at most 2,000 a minute; a push over either is answered 429 with Retry-After and the
// quota named, and nothing of it is stored. Consulent Bram (team-zuid, where no other story works
// with many operations) meets both; then his desk's app meets the one per minute: it says it waits
// and until when, keeps the change, and sends it when the minute is over.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { api, demoUser, deviceStoreSummary, launchChromium, logIn, nameField, newDesktop, saveButton, saveScreenshot } from "./browser.mjs";
import { accessTokenFor, testClock } from "./login.mjs";

const BRAM = "consulent-bram";
let token;
let browser;
before(async () => {
  token = await accessTokenFor(BRAM);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const owner = (clientId) => ({ kind: "client", client_id: clientId });
const op = (record, field, value) => ({ op_id: randomUUID(), record, field, value, hlc: testClock("bram-desk"), author: BRAM });
const nameOf = (clientId, name) => op({ kind: "dossier", id: clientId, owner: owner(clientId) }, "preferred_name", name);
const note = (clientId, n) => op({ kind: "note", id: randomUUID(), owner: owner(clientId) }, "text", `Gesprek ${n}.`);
const notes = (clientId, count) => Array.from({ length: count }, (_, n) => note(clientId, n));
const push = (operations) => api("POST", "/api/v1/sync/push", { token, body: { operations } });

/** A new client file of Bram's team with `count` operations in it (its name and notes). */
const newFileOf = (count) => {
  const clientId = randomUUID();
  return { clientId, operations: [nameOf(clientId, "Zuid"), ...notes(clientId, count - 1)] };
};

/** Every operation Bram can pull, oldest first. */
async function everythingBramCanPull() {
  const operations = [];
  let cursor = 0;
  for (;;) {
    const page = await api("GET", `/api/v1/sync/changes?after=${cursor}&limit=5000`, { token });
    assert.equal(page.status, 200, page.text);
    operations.push(...page.json.changes.map((change) => change.operation));
    cursor = page.json.cursor;
    if (!page.json.more) return operations;
  }
}

async function assertNoneStored(operations) {
  const ids = new Set(operations.map((operation) => operation.op_id));
  const stored = (await everythingBramCanPull()).filter((operation) => ids.has(operation.op_id));
  assert.deepEqual(stored, [], "nothing of a refused push is stored");
}

/** Full pushes (500 each, each in a new file) until the worker answers otherwise; that answer. */
async function fillTheMinute() {
  for (let pushes = 0; pushes < 6; pushes += 1) {
    const { operations } = newFileOf(500);
    const answer = await push(operations);
    if (answer.status !== 200) return { answer, operations };
  }
  assert.fail("six full pushes within a minute were all stored");
}

test("a client file takes 1,000 operations a day; the next push waits a day (429, Retry-After), named, and stores nothing", async () => {
  const full = newFileOf(500);
  const other = newFileOf(1);
  for (const operations of [full.operations, notes(full.clientId, 500), other.operations]) {
    const stored = await push(operations);
    assert.equal(stored.status, 200, stored.text);
  }
  const refused = [note(other.clientId, 1), note(full.clientId, 1000)];
  const answer = await api("POST", "/api/v1/sync/push", { token, body: { operations: refused } });
  const retryAfter = await refusedByQuota(answer, refused, {
    code: "operations_per_file_per_day",
    field: "record",
    nl: /hoogstens 1000 per dossier per dag/,
    en: /at most 1000 per file per day/,
  });
  // The oldest hour of the file leaves the 24 hours in 23 to 25 hours.
  assert.ok(retryAfter > 23 * 3600 && retryAfter <= 25 * 3600, `Retry-After ${retryAfter}`);
  await assertNoneStored(refused);
});

test("one person pushes at most 2,000 operations a minute; more waits (429, Retry-After) and stores nothing", async () => {
  const { answer, operations } = await fillTheMinute();
  const retryAfter = await refusedByQuota(answer, operations, {
    code: "operations_per_person_per_minute",
    field: "operations",
    nl: /hoogstens 2000 per persoon per minuut/,
    en: /at most 2000 per person per minute/,
  });
  assert.ok(retryAfter >= 1 && retryAfter <= 61, `Retry-After ${retryAfter}`);
  await assertNoneStored(operations);
  // A push of 501 is too large whatever the quotas say: waiting does not help (413).
  const tooLarge = await push(notes(randomUUID(), 501));
  assert.equal(tooLarge.status, 413, tooLarge.text);
  assert.equal(tooLarge.json.code, "too_many_operations");
});

/** Asserts a 429 naming the quota (code, field, the number in both languages); its Retry-After. */
async function refusedByQuota(answer, operations, { code, field, nl, en }) {
  assert.equal(answer.status, 429, answer.text);
  assert.equal(answer.json.code, code);
  assert.equal(answer.json.field, field);
  assert.match(answer.json.message.nl, nl);
  assert.match(answer.json.message.en, en);
  return retryAfterOf(operations);
}

/** The Retry-After of pushing `operations` again (the answer's header; `api` keeps only the body). */
async function retryAfterOf(operations) {
  const response = await fetch(`${process.env.BASE_URL}/api/v1/sync/push`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ operations }),
  });
  assert.equal(response.status, 429);
  const seconds = response.headers.get("retry-after");
  assert.match(seconds ?? "", /^\d+$/, "Retry-After in whole seconds");
  return Number(seconds);
}

/** "HH:MM" in Dutch local time, for every minute from `fromMs` to `toMs`. */
function dutchMinutes(fromMs, toMs) {
  const format = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const minutes = new Set();
  for (let at = fromMs; at <= toMs + 60_000; at += 30_000) minutes.add(format.format(Math.min(at, toMs)));
  return minutes;
}

test("the app says the server asks to wait and until when, keeps the change, and sends it when the minute is over", async () => {
  const file = newFileOf(1);
  assert.equal((await push(file.operations)).status, 200);
  const context = await newDesktop(browser);
  try {
    const page = await logIn(context, demoUser(BRAM));
    const syncState = page.locator("#sync-state");
    await syncState.filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor({ timeout: 60_000 });
    await page.goto(`${process.env.BASE_URL}/dossiers/${file.clientId}`);
    await nameField(page).waitFor();
    await syncState.filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor({ timeout: 60_000 });

    const { answer } = await fillTheMinute();
    assert.equal(answer.status, 429, answer.text);
    const filledAt = Date.now();
    await nameField(page).fill("Zoë");
    await saveButton(page).click();
    await syncState.filter({ hasText: "De server vraagt even te wachten." }).waitFor();
    const said = await syncState.innerText();
    const at = /We proberen het om (\d\d:\d\d) opnieuw\. 1 wijziging staat veilig op dit apparaat\./.exec(said);
    assert.ok(at, `the state line says when: ${said}`);
    assert.ok(dutchMinutes(filledAt, filledAt + 62_000).has(at[1]), `${at[1]} is within the coming minute`);
    assert.equal((await deviceStoreSummary(page)).stores.outbox, 1, "the change waits in the outbox");
    await saveScreenshot(page, "quota-server-asks-to-wait");
    const named = (operations) => operations.some((operation) => operation.record.id === file.clientId && operation.value === "Zoë");
    assert.ok(!named(await everythingBramCanPull()), "not stored yet");

    // No one touches the page: when the minute is over, the app sends it by itself.
    await syncState.filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor({ timeout: 120_000 });
    assert.equal((await deviceStoreSummary(page)).stores.outbox, 0);
    assert.ok(named(await everythingBramCanPull()), "the change reached the worker");
  } finally {
    await context.close();
  }
});
