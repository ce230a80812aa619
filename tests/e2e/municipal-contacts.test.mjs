// Issue 7: contact moments become klantcontacten in the municipality's Klantinteracties API (Open
// Klant), exactly once; and the municipality's Notificaties API tells the worker when a zaak changed.
// Prism checks every request and answer against the published Klantinteracties API (any violation
// fails these tests); the fake keeps state so that "exactly one" can be counted.
//
// "Held" means: the professional who held the appointment says so on the file ("Is doorgegaan"); a
// time that passed is no proof (the client may not have come).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { accessTokenFor, clientFileFor, testClock } from "./login.mjs";
import { api, expectNoAxeViolations, launchChromium, logIn, demoUser, newTablet, saveScreenshot } from "./browser.mjs";
import { MUNICIPAL_API, control, deliverUntil, municipality, outboxView, runCron, submitAanvraag, testBsn } from "./municipality.mjs";

const KLANTINTERACTIES = MUNICIPAL_API.klantinteracties.api;
const CALLBACK = `${process.env.BASE_URL}/api/v1/municipal/notifications`;
const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(new Date());
const settled = (view) => view.pending === 0 && view.parked === 0;

let browser;
let sanne;
before(async () => {
  browser = await launchChromium();
  sanne = await accessTokenFor("consulent-sanne");
});
after(async () => {
  await browser?.close();
});

/** No request or answer so far broke a specification. */
async function assertNoViolations() {
  const { violations } = await municipality();
  assert.deepEqual(violations, [], "Prism found requests or answers that do not fit the published APIs");
}

/** A client file of outreach worker Fatima with an aanvraag whose zaak is made; its ids. */
async function clientWithZaak(name, bsn) {
  const clientId = await clientFileFor(null, name, { outreachWorker: "outreach-fatima" });
  const aanvraag = await submitAanvraag(sanne, "consulent-sanne", clientId, bsn);
  await deliverUntil(sanne, (view) => view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag) && settled(view));
  const zaak = (await municipality()).zaken.find((z) => z.identificatie === `NV-${aanvraag}`);
  return { clientId, aanvraag, zaak };
}

/** Runs the cron until the fake holds a klantcontact for the appointment and nothing waits. */
async function deliverKlantcontact(appointmentId, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  while (klantcontactenOf(await municipality(), appointmentId).length === 0) {
    if (Date.now() > deadline) throw new Error(`no klantcontact in ${seconds} s`);
    const { calls } = await outboxView(sanne);
    const parked = calls.filter((call) => call.state === "parked");
    if (parked.length > 0) throw new Error(`a call was refused: ${JSON.stringify(parked).slice(0, 1500)}`);
    await runCron();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return deliverUntil(sanne, settled);
}

/** Pushes `fields` of an appointment of `clientId` as `subject`; returns the push's answer. */
async function pushAppointment(subject, clientId, appointmentId, fields) {
  const record = { kind: "appointment", id: appointmentId, owner: { kind: "client", client_id: clientId } };
  const operations = Object.entries(fields).map(([field, value]) => ({
    op_id: randomUUID(),
    record,
    field,
    value,
    hlc: testClock(subject),
    author: subject,
  }));
  return api("POST", "/api/v1/sync/push", { token: await accessTokenFor(subject), body: { operations } });
}

/** The klantcontacten the fake holds for an appointment (our key: its id's first 10 hex digits). */
function klantcontactenOf(state, appointmentId) {
  const key = appointmentId.replaceAll("-", "").slice(0, 10);
  return state.klantinteracties.klantcontacten.filter((k) => k.referentienummer === key);
}

const partijenWithBsn = (state, bsn) =>
  state.klantinteracties.partijen.filter((p) => p.partijIdentificatoren.some(({ partijIdentificator }) => partijIdentificator.objectId === bsn));

/** What the device of `subject` pulls about an aanvraag from the municipality: field → values, in order. */
async function pulledFromMunicipality(subject, aanvraag) {
  const token = await accessTokenFor(subject);
  const seen = {};
  let after = 0;
  for (;;) {
    const page = (await api("GET", `/api/v1/sync/changes?after=${after}&limit=5000`, { token })).json;
    for (const { operation } of page.changes) {
      if (operation.record.id === aanvraag && operation.author === "gemeente") (seen[operation.field] ??= []).push(operation.value);
    }
    after = page.cursor;
    if (!page.more) return seen;
  }
}

test("Prism really checks the Klantinteracties API: invalid requests are refused with 422 (so the tests below can fail)", async () => {
  const before = (await municipality()).violations.length;
  const invalid = [
    ["/maak-klantcontact", { klantcontact: { kanaal: "huisbezoek", taal: "nederlands", vertrouwelijk: "ja" } }],
    ["/partijen", { soortPartij: "mens", indicatieActief: "ja" }],
    ["/maak-klantcontact", { klantcontact: { kanaal: "k", onderwerp: "o", taal: "dut", vertrouwelijk: true }, betrokkene: { wasPartij: { uuid: "geen-uuid" }, rol: "buurman", initiator: false } }],
  ];
  for (const [path, body] of invalid) {
    const response = await fetch(`${KLANTINTERACTIES}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Token x" },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 422, `${path}: ${await response.text()}`);
  }
  let after = await municipality();
  for (let wait = 0; wait < 40 && after.violations.length < before + invalid.length; wait += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    after = await municipality();
  }
  assert.equal(after.violations.length, before + invalid.length);
  await control(`forget-violations?count=${invalid.length}`);
  await assertNoViolations();
});

test("a home visit marked as held on the tablet becomes exactly one klantcontact, linked to the client's partij (BSN) and zaak, without notes", async () => {
  const bsn = testBsn(7001);
  const { clientId, zaak } = await clientWithZaak("Daan", bsn);
  const visit = randomUUID();
  const planned = await pushAppointment("consulent-sanne", clientId, visit, {
    starts_at: `${today}T00:05`, duration_minutes: 60, place: "Bij Daan thuis", kind: "home_visit", status: "planned",
  });
  assert.equal(planned.status, 200, planned.text);

  const context = await newTablet(browser);
  try {
    const page = await logIn(context, demoUser("outreach-fatima"));
    await page.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    await page.getByRole("link", { name: "Daan", exact: true }).first().click();
    await page.getByRole("heading", { name: "Daan", level: 1 }).waitFor();
    const section = page.locator("#held-appointments li").filter({ hasText: "Huisbezoek" });
    await section.getByRole("button", { name: "Is doorgegaan" }).click();
    await section.filter({ hasText: "Is doorgegaan ✓" }).waitFor();
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    await saveScreenshot(page, "held-appointment");
    await expectNoAxeViolations(page, "held-appointment", { widths: [800, 360] });
    // A note on the file never leaves for the municipality.
    await page.getByLabel("Nieuwe notitie").fill("Daan vertelde over zijn schulden.");
    await page.getByRole("button", { name: "Notitie opslaan" }).click();
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
  } finally {
    await context.close();
  }

  await deliverKlantcontact(visit);
  const state = await municipality();
  const made = klantcontactenOf(state, visit);
  assert.equal(made.length, 1, "one klantcontact");
  const [klantcontact] = made;
  assert.equal(klantcontact.kanaal, MUNICIPAL_API.klantinteracties.kanaal_home_visit);
  assert.equal(klantcontact.onderwerp, "Huisbezoek");
  assert.equal(klantcontact.inhoud, undefined, "no text in the klantcontact");
  assert.ok(!JSON.stringify(klantcontact).includes("schulden"), "no note's text");
  assert.match(klantcontact.plaatsgevondenOp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
  const partijen = partijenWithBsn(state, bsn);
  assert.equal(partijen.length, 1, "the client as one partij, known by BSN");
  const betrokkenen = state.klantinteracties.betrokkenen.filter((b) => b.hadKlantcontact.uuid === klantcontact.uuid);
  assert.deepEqual(betrokkenen.map((b) => [b.wasPartij.uuid, b.rol]), [[partijen[0].uuid, "klant"]]);
  const onderwerpen = state.klantinteracties.onderwerpobjecten.filter((o) => o.klantcontact.uuid === klantcontact.uuid);
  assert.deepEqual(onderwerpen.map((o) => o.onderwerpobjectidentificator.objectId), [zaak.uuid], "about the client's zaak");
  // Leaving for the municipality is in the file's audit trail.
  const trail = await api("GET", `/api/v1/client-files/${clientId}/audit`, { token: sanne });
  assert.ok(trail.json.some((entry) => entry.actor_subject === "gemeente" && entry.action === "read" && entry.what === "appointments"));

  // Marking it again, or a run of the cron, makes nothing twice.
  const again = await pushAppointment("outreach-fatima", clientId, visit, { held: true });
  assert.equal(again.status, 200, again.text);
  await deliverUntil(sanne, settled);
  assert.equal(klantcontactenOf(await municipality(), visit).length, 1);
  await assertNoViolations();
});

test("the answers are lost after the partij and the klantcontact were made: the retries find them, and nothing is made twice", async () => {
  const bsn = testBsn(7002);
  const { clientId } = await clientWithZaak("Eva", bsn);
  const interview = randomUUID();
  const planned = await pushAppointment("consulent-sanne", clientId, interview, {
    starts_at: `${today}T00:10`, duration_minutes: 30, place: "Stadskantoor", kind: "intake", status: "planned",
  });
  assert.equal(planned.status, 200, planned.text);
  await control("lose-answers?count=2");
  const held = await pushAppointment("consulent-sanne", clientId, interview, { held: true });
  assert.equal(held.status, 200, held.text);
  await deliverKlantcontact(interview);
  const state = await municipality();
  assert.equal(partijenWithBsn(state, bsn).length, 1, "one partij, though the answer to making it was lost");
  const made = klantcontactenOf(state, interview);
  assert.equal(made.length, 1, "one klantcontact, though the answer to making it was lost");
  assert.equal(made[0].kanaal, MUNICIPAL_API.klantinteracties.kanaal_appointment);
  assert.equal(made[0].onderwerp, "Intakegesprek");
  await assertNoViolations();
});

test("a home visit held before the client applied becomes a klantcontact when the aanvraag is filed, once", async () => {
  const bsn = testBsn(7004);
  const clientId = await clientFileFor(null, "Noor", { outreachWorker: "outreach-fatima" });
  const visit = randomUUID();
  const planned = await pushAppointment("outreach-fatima", clientId, visit, {
    starts_at: `${today}T00:20`, duration_minutes: 45, place: "Thuis", kind: "home_visit", status: "planned",
  });
  assert.equal(planned.status, 200, planned.text);
  const held = await pushAppointment("outreach-fatima", clientId, visit, { held: true });
  assert.equal(held.status, 200, held.text);
  await runCron();
  assert.equal(klantcontactenOf(await municipality(), visit).length, 0, "no aanvraag yet, so no BSN: nothing sent");

  const aanvraag = await submitAanvraag(sanne, "consulent-sanne", clientId, bsn);
  await deliverKlantcontact(visit);
  const state = await municipality();
  const made = klantcontactenOf(state, visit);
  assert.equal(made.length, 1, "the visit held before the aanvraag, sent once");
  assert.equal(made[0].kanaal, MUNICIPAL_API.klantinteracties.kanaal_home_visit);
  assert.ok(state.zaken.some((zaak) => zaak.identificatie === `NV-${aanvraag}`));
  await submitAanvraag(sanne, "consulent-sanne", clientId, bsn);
  await deliverUntil(sanne, settled);
  assert.equal(klantcontactenOf(await municipality(), visit).length, 1, "a second aanvraag sends it no second time");
  await assertNoViolations();
});

test("only the team's professionals mark an appointment as held: a client's push is refused and sends nothing", async () => {
  const clientId = await clientFileFor("client-mila", "Mila");
  const appointment = randomUUID();
  const planned = await pushAppointment("consulent-sanne", clientId, appointment, {
    starts_at: `${today}T00:15`, duration_minutes: 30, place: "Stadskantoor", kind: "intake", status: "planned",
  });
  assert.equal(planned.status, 200, planned.text);
  const refused = await pushAppointment("client-mila", clientId, appointment, { held: true });
  assert.equal(refused.status, 403, refused.text);
  assert.equal(klantcontactenOf(await municipality(), appointment).length, 0);
});

test("the Notificaties API says a zaak changed: the consulent's device pulls the new status at once (no poll), once; a wrong token or a bad body changes nothing", async () => {
  const { clientId, aanvraag } = await clientWithZaak("Noah", testBsn(7003));
  const municipalWrites = async (id) =>
    (await api("GET", `/api/v1/client-files/${id}/audit`, { token: sanne })).json.filter((e) => e.actor_subject === "gemeente" && e.action === "write").length;
  // Let the delivery run that made the zaak finish its polling, so only the notification asks below.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = await pulledFromMunicipality("consulent-sanne", aanvraag);
  assert.equal(before.zaak_status, undefined);

  // A wrong token: 401, nothing stored (no cron runs in this test, so no poll either).
  const identificatie = `NV-${aanvraag}`;
  const forged = await control(`notify?identificatie=${identificatie}&explanation=Afgewezen&callback=${encodeURIComponent(CALLBACK)}&token=not-the-token`);
  assert.equal(forged.status, 401, forged.body);
  assert.equal(JSON.parse(forged.body).code, "wrong_notification_token");
  assert.equal((await pulledFromMunicipality("consulent-sanne", aanvraag)).zaak_status, undefined);

  // Not a notification: 400 naming the field, nothing stored.
  const malformed = await control(`notify?identificatie=${identificatie}&explanation=Afgewezen&callback=${encodeURIComponent(CALLBACK)}&malformed=1`);
  assert.equal(malformed.status, 400, malformed.body);
  assert.equal(JSON.parse(malformed.body).field, "hoofdObject");
  assert.equal((await pulledFromMunicipality("consulent-sanne", aanvraag)).zaak_status, undefined);

  const writesBefore = await municipalWrites(clientId);
  // The real one, sent twice: the status is there as soon as the worker answered, stored once.
  const told = await control(
    `notify?identificatie=${identificatie}&explanation=${encodeURIComponent("In behandeling genomen")}&callback=${encodeURIComponent(CALLBACK)}&repeat=2`,
  );
  assert.deepEqual(told.answers.map((a) => a.status), [204, 204], JSON.stringify(told.answers));
  const after = await pulledFromMunicipality("consulent-sanne", aanvraag);
  assert.deepEqual(after.zaak_status, ["In behandeling genomen"], "one status operation, though notified twice");
  assert.equal(await municipalWrites(clientId), writesBefore + 1, "one audited write, though notified twice");
  await assertNoViolations();
});

test("a notification without the subscription's token is refused before its body is read", async () => {
  const response = await fetch(CALLBACK, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  assert.equal(response.status, 401);
  assert.equal((await response.json()).code, "wrong_notification_token");
});
