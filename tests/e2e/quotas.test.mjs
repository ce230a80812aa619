// Quotas (issue 16, case 5; shared::sync::quotas): a security review pushed 10 maximum-size pushes
// (5,000 operations, 9.3 MB) in 1.6 s. Now one client file takes at most 1,000 operations a day and
// one person at most 2,000 a minute; a push over either is answered 429 with Retry-After and the
// quota named, and nothing of it is stored. Consulent Bram (team-zuid, where no other story works
// with many operations) meets both; his desk's app meets the one per file: it says it waits and
// until when, and keeps the change on the device.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { api, demoUser, deviceStoreSummary, launchChromium, logIn, nameField, newDesktop, saveButton, saveScreenshot } from "./browser.mjs";
import { accessTokenFor, testClock } from "./login.mjs";

const BRAM = "consulent-bram";
let token;
let browser;
/** The file that takes its 1,000 operations of the day in the first test. */
let fullFile;
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
  fullFile = full;
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

test("the app says the server asks to wait and until when, and keeps the change on the device", async () => {
  // The file that had its 1,000 operations today (the test before): the next change waits about a
  // day. (The quota per minute would let the app send it by itself a minute later, but whether a
  // minute's window still holds 2,000 operations when the app pushes depends on how fast this
  // machine is: a test of timing, not of the app.)
  const file = fullFile;
  const context = await newDesktop(browser);
  try {
    const page = await logIn(context, demoUser(BRAM));
    const syncState = page.locator("#sync-state");
    // Logged in (the menu shows), and the first pull done, before the page is left.
    await page.getByRole("navigation").getByRole("link", { name: "Dossiers" }).waitFor();
    await syncState.filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor({ timeout: 60_000 });
    await page.goto(`${process.env.BASE_URL}/dossiers/${file.clientId}`);
    await nameField(page).waitFor();
    await nameField(page).fill("Zoë");
    await saveButton(page).click();
    await syncState.filter({ hasText: "De server vraagt even te wachten." }).waitFor();
    const said = await syncState.innerText();
    // Retry-After is 23 to 25 hours (the file's oldest hour leaves the day): said as a time today
    // ("om 23:40") shortly after midnight, else as a day ("op vrijdag 4 december …").
    const days = [23, 25].map((hours) => dutchWeekday(Date.now() + hours * 3600 * 1000)).join("|");
    assert.match(said, new RegExp(`We proberen het (om \\d\\d:\\d\\d|op (${days}) .*) opnieuw\\. 1 wijziging staat veilig op dit apparaat\\.`), said);
    assert.equal((await deviceStoreSummary(page)).stores.outbox, 1, "the change waits in the outbox");
    await saveScreenshot(page, "quota-server-asks-to-wait");
    const named = (operations) => operations.some((operation) => operation.record.id === file.clientId && operation.value === "Zoë");
    assert.ok(!named(await everythingBramCanPull()), "not stored");
  } finally {
    await context.close();
  }
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

/** The Dutch weekday of an instant, in Amsterdam ("donderdag"). */
function dutchWeekday(ms) {
  return new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", weekday: "long" }).format(ms);
}
