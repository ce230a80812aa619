// Trainers in group sessions (issue 6), on a tablet (800 × 1280). Pieter and Ilse run "Sterk naar
// Werk, groep 7" of team-noord with three participants. Pieter makes the schedule from IJmond's
// programme (a session on King's Day moves); both open the first session, go offline and tick
// attendance: they agree on two participants and disagree on the third. Back online, both screens show
// the same marks, the disagreement with both answers and what it means; Pieter resolves it. The
// figures (absent per session and per participant) follow. After the policy's number of absences
// without a reason the consulent sees the signal on the client file and on the group. A trainer never
// gets the client file (API: 403 on writes, nothing in pulls; UI: names and attendance only). No axe
// violations on any trainer screen at tablet and phone widths; the screens in English.
//
// The tests run in order and build on each other (the schedule, then the marks).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { launchChromium, newTablet, newDesktop, logIn, demoUser, expectNoAxeViolations, saveScreenshot, goOffline, api, BASE_URL } from "./browser.mjs";
import { accessTokenFor, clientFileFor, testClock } from "./login.mjs";
import { expectEnglish, switchTo } from "./english-check.mjs";

const GROUP = randomUUID();
const GROUP_NAME = "Sterk naar Werk, groep 7";
const NOTE = "Vertrouwelijk: schulden en een verslaving";
const TABLET_AND_PHONE = [800, 360];
const clients = {};
let browser;
let pieterContext;
let pieter;
let ilseContext;
let ilse;

/** The id the app gives session `number` of a group (shared::attendance::session_id_for). */
const sessionId = (number) => number.toString(16).padStart(8, "0") + GROUP.slice(8);

before(async () => {
  browser = await launchChromium();
  const sanne = await accessTokenFor("consulent-sanne");
  for (const name of ["Amira", "Bart", "Cees"]) {
    clients[name] = await clientFileFor(null, name, { details: { municipality: "Velsen", birth_date: "1990-05-17" } });
  }
  const started = await api("POST", "/api/v1/groups", {
    token: sanne,
    body: { group_id: GROUP, trainer_subjects: ["trainer-pieter", "trainer-ilse"] },
  });
  assert.equal(started.status, 201, started.text);
  const op = (record, field, value) => ({ op_id: randomUUID(), record, field, value, hlc: testClock("consulent-sanne"), author: "consulent-sanne" });
  const group = { kind: "group", id: GROUP, owner: { kind: "group", group_id: GROUP } };
  const members = Object.values(clients).map((clientId) =>
    op({ kind: "membership", id: `${GROUP}.${clientId}`, owner: { kind: "group_member", group_id: GROUP, client_id: clientId } }, "status", "member"),
  );
  const cees = { kind: "note", id: randomUUID(), owner: { kind: "client", client_id: clients.Cees } };
  const klantfoto = { kind: "klantfoto", id: clients.Cees, owner: { kind: "client", client_id: clients.Cees } };
  const pushed = await api("POST", "/api/v1/sync/push", {
    token: sanne,
    body: { operations: [op(group, "name", GROUP_NAME), ...members, op(cees, "text", NOTE), op(klantfoto, "housing", 2)] },
  });
  assert.equal(pushed.status, 200, pushed.text);
  pieterContext = await newTablet(browser);
  ilseContext = await newTablet(browser);
});

after(async () => {
  await browser?.close();
});

/** The row of one participant on a session screen. */
const row = (page, name) => page.locator("fieldset.attendance-row").filter({ has: page.locator("legend", { hasText: name }) });

async function mark(page, name, label) {
  const button = row(page, name).getByRole("button", { name: label, exact: true });
  await button.click();
  await assert.doesNotReject(button.and(page.locator('[aria-pressed="true"]')).waitFor(), `${name}: ${label} pressed`);
}

async function comeBackOnline(context, page) {
  await context.setOffline(false);
  await page.waitForFunction(() => navigator.onLine === true);
}

const synced = (page) => page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();

test("Pieter makes the schedule from the programme: 20 sessions on working days, the one on King's Day moved", async () => {
  pieter = await logIn(pieterContext, demoUser("trainer-pieter"));
  await pieter.getByRole("link", { name: "Naar de groepen" }).click();
  await pieter.getByRole("heading", { name: "Groepen", level: 1 }).waitFor();
  await pieter.getByRole("link", { name: GROUP_NAME }).waitFor();
  assert.equal(await pieter.getByRole("navigation").getByRole("link", { name: "Dossiers" }).count(), 0, "no client files for a trainer");
  await expectNoAxeViolations(pieter, "trainer-groups", { widths: TABLET_AND_PHONE });

  await pieter.getByRole("link", { name: GROUP_NAME }).click();
  await pieter.getByRole("heading", { name: GROUP_NAME, level: 1 }).waitFor();
  await pieter.getByLabel("Eerste dag").fill("2026-04-13");
  await pieter.locator("#schedule-preview").filter({ hasText: "20 dagdelen, van maandag 13 april 2026 tot en met" }).waitFor();
  const preview = await pieter.locator("#schedule-preview").innerText();
  assert.match(preview, /maandag 27 april 2026 is geen lesdag \(Koningsdag\)\. Dat dagdeel is op dinsdag 28 april 2026\./);
  await expectNoAxeViolations(pieter, "trainer-schedule-form", { widths: TABLET_AND_PHONE });
  await pieter.getByRole("button", { name: "Maak het rooster" }).click();
  await pieter.locator("#schedule tbody tr").nth(19).waitFor();
  assert.equal(await pieter.locator("#schedule tbody tr").count(), 20);
  const sessions = await pieter.locator("#schedule tbody th").allInnerTexts();
  assert.equal(sessions[0], "Dagdeel 1: maandag 13 april 2026, 09:30");
  assert.ok(sessions.includes("Dagdeel 7: dinsdag 28 april 2026, 09:30"), sessions.join("\n"));
  assert.ok(!sessions.some((s) => s.includes("27 april")), "nothing on King's Day");
  await synced(pieter);
  await saveScreenshot(pieter, "trainer-group");
  await expectNoAxeViolations(pieter, "trainer-group", { widths: TABLET_AND_PHONE });
});

test("two trainers tick the same session offline, disagree on one participant, and both see the same result, explained", async () => {
  ilse = await logIn(ilseContext, demoUser("trainer-ilse"));
  await ilse.getByRole("link", { name: "Naar de groepen" }).waitFor();
  await ilse.goto(`${BASE_URL}/groepen/${GROUP}`);
  await ilse.locator("#schedule tbody tr").nth(19).waitFor();
  for (const page of [pieter, ilse]) {
    await page.getByRole("link", { name: /^Dagdeel 1:/ }).click();
    await page.getByRole("heading", { name: "Dagdeel 1: maandag 13 april 2026, 09:30", level: 1 }).waitFor();
    await row(page, "Cees").waitFor();
  }
  const firstButton = row(pieter, "Amira").getByRole("button", { name: "Aanwezig", exact: true });
  assert.ok((await firstButton.boundingBox()).height >= 48, "the buttons are large enough to tap");

  await goOffline(pieterContext, pieter);
  await goOffline(ilseContext, ilse);
  await mark(pieter, "Amira", "Aanwezig");
  await mark(pieter, "Bart", "Te laat");
  await mark(pieter, "Cees", "Aanwezig");
  await mark(ilse, "Amira", "Aanwezig");
  await mark(ilse, "Bart", "Te laat");
  await mark(ilse, "Cees", "Afwezig zonder reden");
  for (const page of [pieter, ilse]) {
    await page.locator("#sync-state").filter({ hasText: "op dit apparaat opgeslagen" }).waitFor();
  }

  await comeBackOnline(pieterContext, pieter);
  await comeBackOnline(ilseContext, ilse);
  await synced(pieter);
  await synced(ilse);
  for (const page of [pieter, ilse]) await page.locator("#fetch-latest").click();
  for (const page of [pieter, ilse]) {
    await row(page, "Cees").locator(".attendance-status").filter({ hasText: "Niet eens" }).waitFor();
  }
  const cees = await row(pieter, "Cees").locator(".attendance-status").innerText();
  assert.match(cees, /trainer-ilse: Afwezig zonder reden; trainer-pieter: Aanwezig\./);
  assert.match(cees, /De twee trainers gaven een ander antwoord\. .* Tot dan telt dit niet mee als afwezig en niet voor de melding aan de consulent\./);
  assert.deepEqual(
    await ilse.locator(".attendance-status").allInnerTexts(),
    await pieter.locator(".attendance-status").allInnerTexts(),
    "both screens show the same marks",
  );
  assert.deepEqual(await pieter.locator(".attendance-status").allInnerTexts(), [
    "Aanwezig.",
    "Te laat.",
    cees,
  ]);
  const counts = "Aanwezig 1, te laat 1, afwezig 0 (zonder reden 0), niet eens 1, nog niet ingevuld 0.";
  assert.equal(await pieter.locator("#session-counts").innerText(), counts);
  assert.equal(await ilse.locator("#session-counts").innerText(), counts);
  // Each trainer's own answer is the pressed one.
  assert.equal(await row(pieter, "Cees").getByRole("button", { name: "Aanwezig", exact: true }).getAttribute("aria-pressed"), "true");
  assert.equal(await row(ilse, "Cees").getByRole("button", { name: "Afwezig zonder reden" }).getAttribute("aria-pressed"), "true");
  await saveScreenshot(pieter, "trainer-session-disputed");
  await expectNoAxeViolations(pieter, "trainer-session-disputed", { widths: TABLET_AND_PHONE });

  // Pieter takes Ilse's answer: settled on both screens.
  await mark(pieter, "Cees", "Afwezig zonder reden");
  await synced(pieter);
  await ilse.locator("#fetch-latest").click();
  for (const page of [pieter, ilse]) {
    await row(page, "Cees").locator(".attendance-status").filter({ hasText: /^Afwezig zonder reden\.$/ }).waitFor();
    await page.locator("#session-counts").filter({ hasText: "afwezig 1 (zonder reden 1), niet eens 0" }).waitFor();
  }
});

test("no-show per session and per participant", async () => {
  await pieter.getByRole("link", { name: `← ${GROUP_NAME}` }).click();
  const first = pieter.locator("#schedule tbody tr").first();
  await first.waitFor();
  assert.deepEqual(await first.locator("td").allInnerTexts(), ["1", "0"], "session 1: 1 absent, 0 disagreements");
  assert.deepEqual(await pieter.locator("#schedule tbody tr").nth(1).locator("td").allInnerTexts(), ["0", "0"]);
  const byName = async (name) => pieter.locator("#participants tbody tr").filter({ has: pieter.locator("th", { hasText: name }) }).locator("td").allInnerTexts();
  // absent, without reason, late, disagree
  assert.deepEqual(await byName("Cees"), ["1", "1", "0", "0"]);
  assert.deepEqual(await byName("Bart"), ["0", "0", "1", "0"]);
  assert.deepEqual(await byName("Amira"), ["0", "0", "0", "0"]);
  assert.equal(await pieter.locator("#attendance-signals").count(), 0, "one absence is not a signal yet");
});

test("after the policy's 3 absences without a reason the consulent sees the signal on the file and on the group", async () => {
  const pieterToken = await accessTokenFor("trainer-pieter");
  const absent = (number) => ({
    op_id: randomUUID(),
    record: { kind: "attendance", id: `${sessionId(number)}.${clients.Cees}`, owner: { kind: "group_member", group_id: GROUP, client_id: clients.Cees } },
    field: "status",
    value: "absent_without_reason",
    hlc: testClock("pieter-api"),
    author: "trainer-pieter",
  });
  const second = await api("POST", "/api/v1/sync/push", { token: pieterToken, body: { operations: [absent(2)] } });
  assert.equal(second.status, 200, second.text);

  const context = await newDesktop(browser);
  try {
    const sanne = await logIn(context, demoUser("consulent-sanne"));
    await sanne.getByRole("link", { name: "Naar de dossiers" }).waitFor();
    await sanne.goto(`${BASE_URL}/dossiers/${clients.Cees}`);
    await sanne.getByRole("heading", { name: "Cees", level: 1 }).waitFor();
    await synced(sanne);
    assert.equal(await sanne.locator("#attendance-signals").count(), 0, "two absences without a reason: no signal yet");

    const third = await api("POST", "/api/v1/sync/push", { token: pieterToken, body: { operations: [absent(3)] } });
    assert.equal(third.status, 200, third.text);
    await sanne.reload();
    const signal = sanne.locator("#attendance-signals li");
    await signal.filter({ hasText: `Cees was 3 keer afwezig zonder reden bij ${GROUP_NAME}` }).waitFor();
    assert.match(await signal.innerText(), /\(13 apr 2026, 15 apr 2026, 17 apr 2026\)\. Vanaf 3 keer krijgt de consulent een melding\./);
    await expectNoAxeViolations(sanne, "consulent-file-signal", { widths: [1280, 360] });
    await sanne.getByRole("navigation").getByRole("link", { name: "Groepen" }).click();
    await sanne.getByRole("link", { name: GROUP_NAME }).click();
    await sanne.locator("#attendance-signals li").filter({ hasText: "Cees was 3 keer afwezig zonder reden" }).waitFor();
    assert.equal(await sanne.getByRole("button", { name: "Maak het rooster" }).count(), 0);
    await expectNoAxeViolations(sanne, "consulent-group-signal", { widths: [1280, 360] });

    // The same through the API: the consulent pulls the three marks the signal is made of.
    const pulled = await api("GET", "/api/v1/sync/changes?after=0&limit=5000", { token: await accessTokenFor("consulent-sanne") });
    const unexcused = pulled.json.changes
      .map((change) => change.operation)
      .filter((o) => o.record.kind === "attendance" && o.record.owner.client_id === clients.Cees && o.value === "absent_without_reason");
    assert.deepEqual([...new Set(unexcused.map((o) => o.record.id.split(".")[0]))].sort(), [1, 2, 3].map(sessionId).sort());
  } finally {
    await context.close();
  }
});

test("a trainer is refused the client file: 403 on writes, nothing in pulls, names and attendance only on screen", async () => {
  const token = await accessTokenFor("trainer-pieter");
  const ofCees = (kind, field, value, id = randomUUID()) => ({
    op_id: randomUUID(),
    record: { kind, id, owner: { kind: "client", client_id: clients.Cees } },
    field,
    value,
    hlc: testClock("pieter-api"),
    author: "trainer-pieter",
  });
  for (const operation of [
    ofCees("klantfoto", "housing", 4, clients.Cees),
    ofCees("note", "text", "Door de trainer"),
    ofCees("dossier", "birth_date", "1991-01-01", clients.Cees),
  ]) {
    const answer = await api("POST", "/api/v1/sync/push", { token, body: { operations: [operation] } });
    assert.equal(answer.status, 403, `${operation.record.kind}: ${answer.text}`);
    assert.equal(answer.json.code, "forbidden");
  }
  const pulled = await api("GET", "/api/v1/sync/changes?after=0&limit=5000", { token });
  assert.equal(pulled.status, 200, pulled.text);
  const about = pulled.json.changes.map((c) => c.operation).filter((o) => JSON.stringify(o.record).includes(clients.Cees));
  assert.deepEqual([...new Set(about.map((o) => `${o.record.kind}.${o.field}`))].sort(), ["attendance.status", "dossier.preferred_name", "membership.status"]);
  assert.doesNotMatch(JSON.stringify(pulled.json), new RegExp(`Velsen|1990-05-17|${NOTE}|"klantfoto"`));

  for (const path of [`/groepen/${GROUP}`, `/groepen/${GROUP}/sessies/${sessionId(1)}`, `/dossiers/${clients.Cees}`]) {
    await pieter.goto(`${BASE_URL}${path}`);
    await pieter.locator("main h1").waitFor();
    await synced(pieter);
    const text = await pieter.locator("body").innerText();
    assert.doesNotMatch(text, /Velsen|1990|17 mei|Vertrouwelijk/, `${path} shows nothing of the client file`);
  }
});

test("the trainer's screens in English", async () => {
  const data = [GROUP_NAME, "Sterk naar Werk", "Amira", "Bart", "Cees"];
  await pieter.goto(`${BASE_URL}/groepen`);
  await pieter.getByRole("link", { name: GROUP_NAME }).waitFor();
  await switchTo(pieter, "English", "en");
  await pieter.getByRole("heading", { name: "Groups", level: 1 }).waitFor();
  await expectEnglish(pieter, "trainer-groups", data, { widths: TABLET_AND_PHONE });
  await pieter.getByRole("link", { name: GROUP_NAME }).click();
  await pieter.getByRole("heading", { name: "Schedule and absence per session" }).waitFor();
  await pieter.locator("details.end-goals summary").first().click();
  await expectEnglish(pieter, "trainer-group", data, { widths: TABLET_AND_PHONE });
  await pieter.getByRole("link", { name: /^Session 1:/ }).click();
  await pieter.getByRole("heading", { name: "Session 1: Monday 13 April 2026, 09:30", level: 1 }).waitFor();
  await row(pieter, "Cees").locator(".attendance-status").filter({ hasText: "Absent without reason." }).waitFor();
  await expectEnglish(pieter, "trainer-session", data, { widths: TABLET_AND_PHONE });
  await switchTo(pieter, "Nederlands", "nl");
});
