// Appointments (issue 5): a consulent offers slots through the sync API; GET /api/v1/slots/free
// never tells a client who holds a slot and hides taken ones; two clients claim the last slot and
// the one whose claim lost is told why and sees the appointment as not booked; a client books in the
// app, sees it in the list and in words, downloads the .ics and reads it, moves it, cancels it.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { api, launchChromium, newPhone, logIn, demoUser, saveScreenshot, goOffline, expectNoAxeViolations, underServiceWorkerControl } from "./browser.mjs";
import { accessTokenFor, clientFileFor, latestValueAtWorker, testClock } from "./login.mjs";
import { today, plusDays } from "./calendar.mjs";

const TEAM = "team-noord";
const slotRecord = (id) => ({ kind: "slot", id, owner: { kind: "team", team_id: TEAM } });
const appointmentRecord = (clientId, id) => ({ kind: "appointment", id, owner: { kind: "client", client_id: clientId } });
const op = (author, record, field, value, device = author) => ({ op_id: randomUUID(), record, field, value, hlc: testClock(device), author });
const push = async (who, operations) => api("POST", "/api/v1/sync/push", { token: await accessTokenFor(who), body: { operations } });
const freeSlots = async (who) => {
  const answer = await api("GET", "/api/v1/slots/free", { token: await accessTokenFor(who) });
  assert.equal(answer.status, 200, answer.text);
  return answer;
};

/** Today and tomorrow in the Netherlands, as YYYY-MM-DD. */
const TODAY = today();
const TOMORROW = plusDays(TODAY, 1);

// Slots far enough ahead that no other test's slots are confused with them (ids are random too).
const SLOT_A = randomUUID(); // Daan books it in the app, then moves away from it
const SLOT_B = randomUUID(); // Daan moves to it, then cancels
const SLOT_SOON = randomUUID(); // tomorrow: within the meldingsgesprek deadline of Tilburg (3 days)
const SLOT_LAST = randomUUID(); // Daan and Eva both want it
const SLOT_TAKEN = randomUUID(); // Daan holds it through the API

let daansFile;
let evasFile;
let browser;

before(async () => {
  browser = await launchChromium();
  daansFile = await clientFileFor("client-daan", "Daan");
  evasFile = await clientFileFor("client-eva", "Eva");
  // Daan applied today in Tilburg: his meldingsgesprek is due within 3 days.
  const sanneWrites = [
    op("consulent-sanne", { kind: "dossier", id: daansFile, owner: { kind: "client", client_id: daansFile } }, "municipality", "Tilburg"),
    op("consulent-sanne", { kind: "dossier", id: daansFile, owner: { kind: "client", client_id: daansFile } }, "application_date", TODAY),
  ];
  for (const [id, startsAt, place] of [
    [SLOT_A, "2030-12-03T09:30", "Stadskantoor Noord, Stationsplein 1; balie 3"],
    [SLOT_B, "2030-12-04T14:00", "Wijkcentrum De Boog"],
    [SLOT_SOON, `${TOMORROW}T23:30`, "Stadskantoor Noord"],
    [SLOT_LAST, "2030-12-05T10:00", "Stadskantoor Noord"],
    [SLOT_TAKEN, "2030-12-06T10:00", "Stadskantoor Noord"],
  ]) {
    sanneWrites.push(
      op("consulent-sanne", slotRecord(id), "starts_at", startsAt),
      op("consulent-sanne", slotRecord(id), "duration_minutes", 45),
      op("consulent-sanne", slotRecord(id), "place", place),
    );
  }
  const created = await push("consulent-sanne", sanneWrites);
  assert.equal(created.status, 200, created.text);
  assert.ok(created.json.results.every((result) => result.status === "applied"));
});

after(async () => {
  await browser?.close();
});

// Date-sensitive: the free slots are those from now on, tomorrow's among them.
test("a client sees the team's free slots and their own, never who holds the others", async () => {
  const daanClaims = await push("client-daan", [op("client-daan", slotRecord(SLOT_TAKEN), "holder", daansFile)]);
  assert.equal(daanClaims.json.results[0].status, "applied", daanClaims.text);

  const eva = await freeSlots("client-eva");
  assert.equal(eva.json.team_id, TEAM);
  const evaIds = eva.json.slots.map((slot) => slot.id);
  for (const id of [SLOT_A, SLOT_B, SLOT_SOON, SLOT_LAST]) assert.ok(evaIds.includes(id), `free slot ${id} is offered`);
  assert.ok(!evaIds.includes(SLOT_TAKEN), "a slot someone else holds is not offered");
  assert.ok(!eva.text.includes(daansFile), "Daan's client id never reaches Eva");
  assert.ok(!eva.text.includes('"holder"'), "no holder field at all in a client's answer");
  assert.ok(eva.json.slots.every((slot) => slot.free && !slot.mine));
  const a = eva.json.slots.find((slot) => slot.id === SLOT_A);
  assert.deepEqual(a, { id: SLOT_A, starts_at: "2030-12-03T09:30", duration_minutes: 45, place: "Stadskantoor Noord, Stationsplein 1; balie 3", mine: false, free: true });

  const daan = await freeSlots("client-daan");
  const own = daan.json.slots.find((slot) => slot.id === SLOT_TAKEN);
  assert.deepEqual([own?.mine, own?.free, own?.holder], [true, false, undefined], "Daan sees his own slot as his");

  const sanne = await freeSlots("consulent-sanne");
  assert.equal(sanne.json.slots.find((slot) => slot.id === SLOT_TAKEN)?.holder, daansFile, "the consulent sees who holds it");

  assert.equal((await api("GET", "/api/v1/slots/free")).status, 401);
  assert.equal((await api("GET", "/api/v1/slots/free", { token: await accessTokenFor("outreach-fatima") })).status, 403);
  const otherTeam = await freeSlots("consulent-bram");
  assert.ok(!otherTeam.json.slots.some((slot) => slot.id === SLOT_A), "team-zuid does not see team-noord's slots");
});

const synced = (page) => page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();

// Date-sensitive: the meldingsgesprek's deadline counts from today, and a slot tomorrow falls within it.
test("as Daan: book in the app, see it in the list and in words, download the .ics, move it, cancel it", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-daan"));
    await page.getByRole("heading", { name: "Welkom, Daan" }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Afspraken" }).click();
    await page.getByRole("heading", { name: "Afspraken", exact: true }).waitFor();
    await page.getByLabel("Waarvoor is de afspraak?").selectOption("meldingsgesprek");
    // Tilburg: the meldingsgesprek within 3 days of the application; slots within it come first.
    await page.locator("#book-deadline").filter({ hasText: "Meldingsgesprek: volgens de regels van uw gemeente uiterlijk" }).waitFor();
    await page.locator(`#book-slot-${SLOT_A}`).waitFor();
    const options = await page.locator("fieldset.slot-choice label.slot-option").allInnerTexts();
    const soon = options.findIndex((text) => text.includes("Binnen de termijn"));
    const late = options.findIndex((text) => text.includes("Na de termijn"));
    assert.ok(soon >= 0 && late >= 0 && soon < late, `within the deadline first: ${JSON.stringify(options)}`);
    assert.ok(options.findLastIndex((text) => text.includes("Binnen de termijn")) < late);
    assert.match(options.find((text) => text.includes("3 december 2030")), /dinsdag 3 december 2030, 09:30 · 45 minuten · .* · Na de termijn/);
    assert.ok(!options.some((text) => text.includes("6 december 2030")), "a taken slot is not offered");
    await saveScreenshot(page, "appointments-book");
    await expectNoAxeViolations(page, "appointments-book", { widths: [360, 320] });

    await page.getByLabel(/dinsdag 3 december 2030, 09:30/).check();
    await page.getByRole("button", { name: "Afspraak maken" }).click();
    await page.locator("#booked").filter({ hasText: "Uw afspraak is gemaakt: dinsdag 3 december 2030, 09:30." }).waitFor();
    await synced(page);
    assert.equal((await freeSlots("consulent-sanne")).json.slots.find((s) => s.id === SLOT_A)?.holder, daansFile, "the claim reached the worker");

    // The list, then the detail in words.
    const entry = page.locator("#appointment-list li").filter({ hasText: "dinsdag 3 december 2030, 09:30" });
    assert.match(await entry.innerText(), /Meldingsgesprek/);
    await entry.getByRole("link").click();
    await page.getByRole("heading", { name: "Meldingsgesprek" }).waitFor();
    const appointmentId = page.url().split("/afspraken/")[1];
    assert.match(appointmentId, /^[0-9a-f-]{36}$/);
    assert.equal(await page.locator("#appointment-when").innerText(), "dinsdag 3 december 2030, 09:30 (tot 10:15)");
    assert.equal(await page.locator("#appointment-where").innerText(), "Stadskantoor Noord, Stationsplein 1; balie 3");
    assert.equal(await latestValueAtWorker("appointment", appointmentId, "slot_id"), SLOT_A);
    assert.equal(await latestValueAtWorker("appointment", appointmentId, "status"), "planned");

    // The consulent adds who the client will see and what to bring: it shows as soon as it syncs.
    const fromSanne = await push("consulent-sanne", [
      op("consulent-sanne", appointmentRecord(daansFile, appointmentId), "with_whom", "Sanne de Vries, consulent"),
      op("consulent-sanne", appointmentRecord(daansFile, appointmentId), "what_to_bring", "Uw paspoort, bankafschriften; loonstroken"),
    ]);
    assert.equal(fromSanne.status, 200, fromSanne.text);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.locator("#appointment-bring").filter({ hasText: "Uw paspoort, bankafschriften; loonstroken" }).waitFor();
    assert.equal(await page.locator("#appointment-with").innerText(), "Sanne de Vries, consulent");
    await saveScreenshot(page, "appointments-detail");
    await expectNoAxeViolations(page, "appointments-detail", { widths: [360, 320] });

    // "Zet in mijn agenda": an .ics file, read as the phone's calendar would.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Zet in mijn agenda" }).click()]);
    assert.equal(download.suggestedFilename(), "afspraak.ics");
    const ics = await readFile(await download.path(), "utf8");
    assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\n"), "starts as a calendar");
    assert.ok(ics.endsWith("END:VCALENDAR\r\n"));
    assert.equal(ics.split("\n").length, ics.split("\r\n").length, "every line ends in CRLF");
    assert.ok(ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75), "folded at 75 octets");
    const unfolded = ics.replaceAll("\r\n ", "");
    const lines = unfolded.split("\r\n");
    assert.ok(lines.includes(`UID:${appointmentId}@naar-vermogen`));
    assert.ok(lines.includes("DTSTART:20301203T083000Z"), "09:30 in Amsterdam (winter) is 08:30 UTC");
    assert.ok(lines.includes("DTEND:20301203T091500Z"));
    assert.ok(lines.includes("LOCATION:Stadskantoor Noord\\, Stationsplein 1\\; balie 3"), "text escaped");
    assert.ok(lines.some((line) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(line)));
    assert.ok(lines.includes("SUMMARY:Meldingsgesprek met de gemeente"));
    const description = lines.find((line) => line.startsWith("DESCRIPTION:Met"));
    assert.equal(
      description,
      "DESCRIPTION:Met: Sanne de Vries\\, consulent\\nNeem mee: Uw paspoort\\, bankafschriften\\; loonstroken\\nWanneer: dinsdag 3 december 2030\\, 09:30",
    );
    assert.equal(lines.filter((line) => line === "BEGIN:VALARM").length, 2);
    assert.ok(lines.includes("TRIGGER:-P1D") && lines.includes("TRIGGER:-PT1H"), "reminders a day and an hour before");

    // Move it to Wednesday afternoon: the old slot is free again, the new one is Daan's.
    await page.getByRole("button", { name: "Verzetten" }).click();
    await page.locator(`#move-slot-${SLOT_B}`).check();
    await page.getByRole("button", { name: "Afspraak verzetten" }).click();
    await page.locator("#appointment-message").filter({ hasText: "Uw afspraak is verzet naar woensdag 4 december 2030, 14:00." }).waitFor();
    assert.equal(await page.locator("#appointment-when").innerText(), "woensdag 4 december 2030, 14:00 (tot 14:45)");
    assert.equal(await page.locator("#appointment-where").innerText(), "Wijkcentrum De Boog");
    await synced(page);
    const afterMove = (await freeSlots("consulent-sanne")).json.slots;
    assert.equal(afterMove.find((s) => s.id === SLOT_A)?.holder, undefined, "the old slot is released");
    assert.equal(afterMove.find((s) => s.id === SLOT_A)?.free, true);
    assert.equal(afterMove.find((s) => s.id === SLOT_B)?.holder, daansFile);
    assert.equal(await latestValueAtWorker("appointment", appointmentId, "starts_at"), "2030-12-04T14:00");

    // Cancel: a reason is required.
    await page.getByRole("button", { name: "Afspraak afzeggen" }).click();
    await page.locator("#cancel-reason-error").filter({ hasText: "Schrijf op waarom u de afspraak afzegt" }).waitFor();
    await page.getByLabel("Waarom zegt u af?").fill("Ik heb die dag een sollicitatiegesprek.");
    await page.getByRole("button", { name: "Afspraak afzeggen" }).click();
    await page.locator("#appointment-status").filter({ hasText: "Afgezegd. Reden: Ik heb die dag een sollicitatiegesprek." }).waitFor();
    await synced(page);
    assert.equal(await latestValueAtWorker("appointment", appointmentId, "status"), "cancelled");
    assert.equal(await latestValueAtWorker("appointment", appointmentId, "cancel_reason"), "Ik heb die dag een sollicitatiegesprek.");
    assert.equal((await freeSlots("consulent-sanne")).json.slots.find((s) => s.id === SLOT_B)?.free, true, "the slot is free again");
    await saveScreenshot(page, "appointments-cancelled");
    await expectNoAxeViolations(page, "appointments-cancelled");
    await page.getByRole("link", { name: "← Alle afspraken" }).click();
    assert.match(await page.locator("#appointment-list li").filter({ hasText: "4 december 2030" }).innerText(), /\(Afgezegd\)/);

    // Offline: the list and the last free slots the device kept, with when they were fetched. The
    // answer asked for on opening the list already offers the released slots again.
    await page.locator(`#book-slot-${SLOT_A}`).waitFor();
    await underServiceWorkerControl(page);
    await goOffline(context, page);
    await page.reload();
    await page.locator("#appointment-list li").filter({ hasText: "(Afgezegd)" }).waitFor();
    await page.locator(`#book-slot-${SLOT_B}`).waitFor();
    await page.locator(`#book-slot-${SLOT_A}`).waitFor();
    await page.getByText(/^Vrije tijdstippen, laatst bijgewerkt \w+dag \d+ \w+ \d{4}, \d\d:\d\d\.$/).waitFor();
    await page.getByText("Geen verbinding: u ziet de tijdstippen van de laatste keer dat er internet was.").waitFor();
    await saveScreenshot(page, "appointments-offline");
  } finally {
    await context.close();
  }
});

test("two clients want the last slot: Daan's earlier claim holds it, Eva is told why and her appointment is not booked", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-eva"));
    await page.getByRole("heading", { name: "Welkom, Eva" }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Afspraken" }).click();
    await page.locator(`#book-slot-${SLOT_LAST}`).waitFor();

    // While Eva looks at the list, Daan books the same slot from his own phone.
    const daansAppointment = randomUUID();
    const daan = await push("client-daan", [
      op("client-daan", slotRecord(SLOT_LAST), "holder", daansFile, "daans-phone"),
      op("client-daan", appointmentRecord(daansFile, daansAppointment), "starts_at", "2030-12-05T10:00", "daans-phone"),
      op("client-daan", appointmentRecord(daansFile, daansAppointment), "slot_id", SLOT_LAST, "daans-phone"),
      op("client-daan", appointmentRecord(daansFile, daansAppointment), "status", "planned", "daans-phone"),
    ]);
    assert.deepEqual(daan.json.results.map((r) => r.status), ["applied", "applied", "applied", "applied"]);

    await page.locator(`#book-slot-${SLOT_LAST}`).check();
    await page.getByRole("button", { name: "Afspraak maken" }).click();
    // The claim came back refused: shown with the reason, and the appointment is not booked.
    await page.locator("#set-aside").filter({ hasText: "Iemand anders heeft dit tijdstip net eerder gekozen" }).waitFor();
    const entry = page.locator("#appointment-list li").filter({ hasText: "donderdag 5 december 2030, 10:00" });
    await entry.filter({ hasText: "(Niet geboekt)" }).waitFor();
    assert.ok(!(await page.locator("#set-aside").innerText()).includes(evasFile), "no ids in the explanation");
    // The free slots are asked again after the push: the slot is no longer offered, and the
    // booking is not reported as made.
    await page.locator(`#book-slot-${SLOT_LAST}`).waitFor({ state: "detached" });
    assert.equal(await page.locator("#booked").count(), 0, "no 'Uw afspraak is gemaakt' for a booking that lost");
    await saveScreenshot(page, "appointments-lost");

    // The device cancelled it with the reason, and that reached the worker too.
    let evasAppointment;
    for (let attempt = 0; attempt < 50 && !evasAppointment; attempt += 1) {
      const pulled = await api("GET", "/api/v1/sync/changes?after=0&limit=5000", { token: await accessTokenFor("client-eva") });
      const cancelled = pulled.json.changes.find((c) => c.operation.record.kind === "appointment" && c.operation.field === "cancel_reason");
      evasAppointment = cancelled?.operation.record.id;
      if (!evasAppointment) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(evasAppointment, "Eva's device cancelled the appointment that lost its slot");
    assert.equal(await latestValueAtWorker("appointment", evasAppointment, "status"), "cancelled");
    assert.match(await latestValueAtWorker("appointment", evasAppointment, "cancel_reason"), /^Niet geboekt: iemand anders had dit tijdstip net eerder gekozen/);
    await entry.getByRole("link").click();
    await page.locator("#appointment-status").filter({ hasText: "Niet geboekt" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Zet in mijn agenda" }).count(), 0, "nothing to put in a calendar");

    assert.equal((await freeSlots("consulent-sanne")).json.slots.find((s) => s.id === SLOT_LAST)?.holder, daansFile, "Daan holds it");
    assert.ok(!(await freeSlots("client-eva")).json.slots.some((s) => s.id === SLOT_LAST), "Eva is not offered it again");
  } finally {
    await context.close();
  }
});
