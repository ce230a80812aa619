// Issue 7, the journey end to end: Daan files his aanvraag on his phone (the BSN checked with the
// 11-proof in the browser; offline first, it syncs later) → a zaak with Daan as rol in the
// municipality's zaak system (behind Prism, which checks every call against the published Zaken
// and Documenten APIs), whose number reaches his screen → he fills in the klantfoto in the app →
// he completes his inspanningspakket → his rechtmatigheidsgesprek is held → his consulent decides
// his route in the app: each milestone becomes one status of the zaak, in that order (the
// klantfoto also as a document) → the consulent sees every step on the screen "Koppeling met de
// gemeente" → a status the municipality sets itself reaches Daan's screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { launchChromium, newPhone, newDesktop, saveScreenshot, logIn, demoUser, expectNoAxeViolations, goOffline, answerKlantfotoQuestions } from "./browser.mjs";
import { accessTokenFor, clientFileFor, recordsAtWorker } from "./login.mjs";
import { today, plusDays } from "./calendar.mjs";
import {
  MUNICIPAL_API,
  control,
  deliverUntil,
  dutchTime,
  municipality,
  outboxView,
  pulledFromTheMunicipality,
  pushRecords,
  runCron,
  testBsn,
} from "./municipality.mjs";

const JOURNEY = ["klantfoto_submitted", "inspanningspakket_completed", "rechtmatigheidsgesprek_held", "route_decided"];

let browser;
let daansFile;
let sanne;
before(async () => {
  browser = await launchChromium();
  // Daan (46) applied in Tilburg three days ago: Tilburg's inspanningspakket applies to him.
  daansFile = await clientFileFor("client-daan", "Daan", {
    details: { municipality: "Tilburg", application_date: plusDays(today(), -3), birth_date: "1980-04-01" },
  });
  sanne = await accessTokenFor("consulent-sanne");
});
after(async () => {
  await browser?.close();
});

/** The statustypes of the zaak's statussen, in the order they were set. */
async function statustypesOf(zaakUrl) {
  const { statussen } = await municipality();
  return statussen.filter((status) => status.zaak === zaakUrl).map((status) => status.statustype);
}

test("Daan's aanvraag on his phone becomes a zaak; every milestone of his journey becomes one status of it, in order; his consulent sees each; the municipality's own status reaches his screen", async () => {
  const phone = await newPhone(browser);
  let aanvraag;
  let zaak;
  try {
    const page = await logIn(phone, demoUser("client-daan"));
    await page.getByRole("link", { name: "Bijstand aanvragen" }).click();
    await page.getByRole("heading", { name: "Bijstand aanvragen", level: 1 }).waitFor();
    // The screen comes from the device store a moment after the page.
    await page.locator("#no-aanvraag").waitFor();

    // A BSN that fails the 11-proof is refused in the browser, in words, and nothing is stored.
    await page.getByLabel("Uw BSN (burgerservicenummer)").fill("123456781");
    await page.getByRole("button", { name: "Aanvraag versturen" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "Het BSN klopt niet: dit BSN bestaat niet (de elfproef klopt niet). Kijk het nummer na." })
      .waitFor();
    assert.equal(await page.getByLabel("Uw BSN (burgerservicenummer)").getAttribute("aria-invalid"), "true");
    await expectNoAxeViolations(page, "aanvraag-refused-bsn", { widths: [360, 320] });
    assert.equal((await recordsAtWorker("aanvraag", daansFile)).size, 0, "a refused BSN is not stored");

    // Offline: the aanvraag waits on the phone, then goes when the phone is online again.
    await goOffline(phone, page);
    const bsn = testBsn(3001);
    await page.getByLabel("Uw BSN (burgerservicenummer)").fill(`${bsn.slice(0, 4)} ${bsn.slice(4, 6)} ${bsn.slice(6)}`);
    await page.getByRole("button", { name: "Aanvraag versturen" }).click();
    await page.locator("#aanvraag-saved").filter({ hasText: "Uw aanvraag is bewaard." }).waitFor();
    await page.locator("#aanvragen .zaak-number").filter({ hasText: "Nog geen zaaknummer." }).waitFor();
    assert.equal((await recordsAtWorker("aanvraag", daansFile)).size, 0, "nothing left the phone while offline");
    await phone.setOffline(false);
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    const stored = [...(await recordsAtWorker("aanvraag", daansFile)).entries()];
    assert.equal(stored.length, 1);
    [aanvraag] = stored[0];
    assert.equal(stored[0][1].bsn, bsn, "the BSN as nine digits");
    assert.equal(stored[0][1].submitted_on, today());

    // The zaak is made; its number flows back to the phone.
    const identificatie = `NV-${aanvraag}`;
    await deliverUntil(sanne, (view) => view.zaken.some((candidate) => candidate.aanvraag_id === aanvraag) && view.pending === 0);
    zaak = (await municipality()).zaken.find((candidate) => candidate.identificatie === identificatie);
    assert.ok(zaak, "the zaak is in the zaak system");
    assert.equal(zaak.startdatum, today(), "the zaak starts on the day Daan filed it");
    assert.equal((await municipality()).rollen.find((rol) => rol.zaak === zaak.url)?.betrokkeneIdentificatie.inpBsn, bsn);
    await page.reload();
    await page.locator("#aanvragen .zaak-number").filter({ hasText: `Zaaknummer bij de gemeente: ${identificatie}` }).waitFor();
    await saveScreenshot(page, "aanvraag");
    await expectNoAxeViolations(page, "aanvraag", { widths: [360, 320] });

    // Milestone 1: Daan fills in his klantfoto on his phone.
    await page.goto(`${process.env.BASE_URL}/klantfoto`);
    await page.getByRole("heading", { name: "Klantfoto" }).waitFor();
    await answerKlantfotoQuestions(page, [...Array(3).fill("Ja"), ...Array(11).fill(4)]);
    await page.getByRole("heading", { name: "Uw klantfoto" }).waitFor();
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
  } finally {
    await phone.close();
  }
  await deliverUntil(sanne, (view) => view.zaken.some((candidate) => candidate.aanvraag_id === aanvraag && candidate.statuses.length === 1) && view.pending === 0);
  const state = await municipality();
  const documents = state.documenten.filter((document) => document.identificatie === `KF-${daansFile}`);
  assert.equal(documents.length, 1, "one klantfoto document");
  assert.equal(documents[0].informatieobjecttype, MUNICIPAL_API.informatieobjecttype_klantfoto);
  assert.equal(documents[0].vertrouwelijkheidaanduiding, "vertrouwelijk");
  const answers = JSON.parse(documents[0].content);
  assert.equal(Object.values(answers).filter((answer) => answer === 4).length, 11, "the eleven life domains, scored 4");
  assert.equal(Object.values(answers).filter((answer) => answer === true).length, 3, "the three crisis questions");
  const links = state.zaakinformatieobjecten.filter((link) => link.zaak === zaak.url);
  assert.deepEqual(links.map((link) => link.informatieobject), [documents[0].url], "the document belongs to the zaak");

  // Milestone 2: Daan's inspanningspakket (Tilburg: 20 applications, 2 temp agencies, 5 documents),
  // as his app pushes it; the last document completes it.
  const daan = await accessTokenFor("client-daan");
  const jobs = Array.from({ length: 20 }, (_, n) => ({ kind: "job_application", id: randomUUID(), fields: { applied_on: today(), employer: `Werkgever ${n + 1}`, job: "Magazijnmedewerker" } }));
  const agencies = ["Randstad", "Tempo-Team"].map((agency) => ({ kind: "agency_registration", id: randomUUID(), fields: { agency, registered_on: today() } }));
  const documentIds = ["identity_document", "bank_statements", "income", "assets", "housing"];
  const documentsReady = documentIds.map((document) => ({ kind: "document_ready", id: `${daansFile}.${document}`, fields: { ready: true } }));
  await pushRecords(daan, "client-daan", daansFile, [...jobs, ...agencies, ...documentsReady.slice(0, 4)]);
  await runCron();
  const notYet = await outboxView(sanne);
  assert.deepEqual(statusesOf(notYet, aanvraag), ["klantfoto_submitted"], "one document not ready: not complete, nothing sent");
  assert.ok(!notYet.calls.some((call) => call.client_id === daansFile), "nothing waits either");
  await pushRecords(daan, "client-daan", daansFile, documentsReady.slice(4));
  await deliverUntil(sanne, (view) => statusesOf(view, aanvraag).length === 2 && view.pending === 0);

  // Milestone 3: the rechtmatigheidsgesprek took place. Its time having passed is not enough (Daan may not
  // have come); the consulent who held it marks it held.
  const interview = { kind: "appointment", id: randomUUID(), fields: { starts_at: dutchTime(-105), duration_minutes: 45, kind: "rechtmatigheidsgesprek", status: "planned", with_whom: "consulent-sanne" } };
  await pushRecords(sanne, "consulent-sanne", daansFile, [interview]);
  await runCron();
  assert.deepEqual(statusesOf(await outboxView(sanne), aanvraag), JOURNEY.slice(0, 2), "ended, but not marked held: no status");
  await pushRecords(sanne, "consulent-sanne", daansFile, [{ ...interview, fields: { held: true } }]);
  await deliverUntil(sanne, (view) => statusesOf(view, aanvraag).length === 3 && view.pending === 0);

  // Milestone 4: Sanne decides Daan's route in the app, and sees every step on the municipal screen.
  const desk = await newDesktop(browser);
  try {
    const page = await logIn(desk, demoUser("consulent-sanne"));
    await page.getByRole("heading", { name: /Welkom|Dossiers/ }).first().waitFor();
    await page.goto(`${process.env.BASE_URL}/dossiers/${daansFile}`);
    await page.locator("#decision-route").waitFor();
    await page.getByLabel("Waarom?").fill("Daan kan meteen aan het werk; hij wil dat ook.");
    await page.getByRole("button", { name: "Besluit vastleggen" }).click();
    await page.getByRole("status").filter({ hasText: "Het besluit is vastgelegd." }).waitFor();
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    await deliverUntil(sanne, (view) => statusesOf(view, aanvraag).length === 4 && view.pending === 0);

    // Exactly once: more applications and a second decision change nothing at the municipality.
    await pushRecords(daan, "client-daan", daansFile, [{ kind: "job_application", id: randomUUID(), fields: { applied_on: today(), employer: "Nog een werkgever" } }]);
    await pushRecords(sanne, "consulent-sanne", daansFile, [{ kind: "decision", id: randomUUID(), fields: { route_id: "re-integratietraject", reason: "Toch eerst een traject." } }]);
    await runCron();
    const view = await deliverUntil(sanne, (view) => view.pending === 0);
    assert.deepEqual(statusesOf(view, aanvraag), JOURNEY, "each milestone once, in the order of the journey");
    const statustypes = await statustypesOf(zaak.url);
    assert.deepEqual(statustypes, JOURNEY.map((milestone) => MUNICIPAL_API.statustypes[milestone]), "the zaak's statussen, one per milestone, in order");
    assert.deepEqual((await municipality()).violations, [], "every call fits the Zaken API");

    await page.goto(`${process.env.BASE_URL}/gemeente-koppeling`);
    await page.getByRole("heading", { name: "Koppeling met de gemeente" }).waitFor();
    const item = page.locator("#municipal-zaken > li").filter({ hasText: `NV-${aanvraag}` });
    await item.waitFor();
    assert.match(await item.innerText(), /Laatste stap: Route besloten/);
    assert.deepEqual(await item.locator(".zaak-statuses li").allInnerTexts(), [
      "Klantfoto ingevuld",
      "Inspanningspakket af",
      "Rechtmatigheidsgesprek gehouden",
      "Route besloten",
    ]);
    assert.match(await item.innerText(), /Nog open\./);
    await saveScreenshot(page, "municipal-outbox");
    await expectNoAxeViolations(page, "municipal-outbox", { widths: [1280, 360, 320] });
    // The same screen in English.
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.getByRole("heading", { name: "Link with the municipality" }).waitFor();
    const english = page.locator("#municipal-zaken > li").filter({ hasText: `NV-${aanvraag}` });
    assert.match(await english.innerText(), /Last step: Route decided/);
    assert.deepEqual(await english.locator(".zaak-statuses li").allInnerTexts(), [
      "Klantfoto filled in",
      "Job search tasks done",
      "Eligibility interview held",
      "Route decided",
    ]);
    assert.match(await english.innerText(), /Still open\./);
    await expectNoAxeViolations(page, "municipal-outbox-english", { widths: [360, 320] });
  } finally {
    await desk.close();
  }

  // The municipality sets a status itself; it reaches Daan's phone through the normal sync.
  await control(`set-status?identificatie=NV-${aanvraag}&explanation=${encodeURIComponent("In behandeling bij de gemeente")}`);
  let pulled = {};
  for (let run = 0; run < 20 && pulled.zaak_status !== "In behandeling bij de gemeente"; run += 1) {
    await runCron();
    pulled = await pulledFromTheMunicipality(daan, aanvraag);
  }
  assert.equal(pulled.zaak_status, "In behandeling bij de gemeente");
  const again = await newPhone(browser);
  try {
    const page = await logIn(again, demoUser("client-daan"));
    await page.getByRole("link", { name: "Bijstand aanvragen" }).click();
    await page.locator("#aanvragen .zaak-status").filter({ hasText: "Status bij de gemeente: In behandeling bij de gemeente" }).waitFor();
    await expectNoAxeViolations(page, "aanvraag-with-status", { widths: [320] });
  } finally {
    await again.close();
  }
});

/** The milestones sent to the zaak of `aanvraag` as statuses, in order, as the outbox view shows them. */
function statusesOf(view, aanvraag) {
  return view.zaken.find((zaak) => zaak.aanvraag_id === aanvraag)?.statuses ?? [];
}

test("the outreach worker files an aanvraag with a client on her phone, from the client's file", async () => {
  const file = await clientFileFor(null, "Joris", { outreachWorker: "outreach-fatima" });
  const phone = await newPhone(browser);
  try {
    const page = await logIn(phone, demoUser("outreach-fatima"));
    await page.getByRole("heading", { name: /Welkom|Dossiers/ }).first().waitFor();
    await page.goto(`${process.env.BASE_URL}/dossiers/${file}`);
    await page.getByRole("heading", { name: "Joris", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Bijstand aanvragen (samen met de cliënt)" }).click();
    await page.getByRole("heading", { name: "Bijstand aanvragen", level: 1 }).waitFor();
    await page.locator("#no-aanvraag").waitFor();
    await page.getByLabel("Uw BSN (burgerservicenummer)").fill("12345678");
    await page.getByRole("button", { name: "Aanvraag versturen" }).click();
    await page.getByRole("alert").filter({ hasText: "Het BSN klopt niet: een BSN bestaat uit precies 9 cijfers." }).waitFor();
    await page.getByLabel("Uw BSN (burgerservicenummer)").fill(testBsn(3002));
    await page.getByRole("button", { name: "Aanvraag versturen" }).click();
    await page.locator("#aanvraag-saved").filter({ hasText: "Uw aanvraag is bewaard." }).waitFor();
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    await expectNoAxeViolations(page, "aanvraag-outreach", { widths: [360, 320] });
  } finally {
    await phone.close();
  }
  const stored = [...(await recordsAtWorker("aanvraag", file)).entries()];
  assert.equal(stored.length, 1);
  const [aanvraag, fields] = stored[0];
  assert.equal(fields.bsn, testBsn(3002));
  await deliverUntil(sanne, (view) => view.zaken.some((zaak) => zaak.client_id === file) && view.pending === 0);
  const zaak = (await municipality()).zaken.find((candidate) => candidate.identificatie === `NV-${aanvraag}`);
  assert.equal(zaak.acted_by, "outreach-fatima", "the JWT names the outreach worker who filed it");
});
