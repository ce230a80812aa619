// Issue 7, the journey end to end: a client's aanvraag → a zaak with the client as rol in the
// municipality's zaak system (behind Prism, which checks every call against the published Zaken
// and Documenten APIs) → the client fills in the klantfoto in the app → the zaak gets the status
// "klantfoto submitted" and the klantfoto as a document → the consulent sees the zaak and its step
// on the screen "Koppeling met de gemeente".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newPhone, saveScreenshot, logIn, demoUser, expectNoAxeViolations } from "./browser.mjs";
import { accessTokenFor, clientFileFor } from "./login.mjs";
import { MUNICIPAL_API, deliverUntil, municipality, submitAanvraag, testBsn } from "./municipality.mjs";

let browser;
let daansFile;
let sanne;
before(async () => {
  browser = await launchChromium();
  daansFile = await clientFileFor("client-daan", "Daan");
  sanne = await accessTokenFor("consulent-sanne");
});
after(async () => {
  await browser?.close();
});

test("Daan's aanvraag becomes a zaak; his klantfoto in the app becomes its status; his consulent sees both", async () => {
  // The aanvraag, pushed as Daan's app pushes its changes (the app has no aanvraag screen yet).
  const daan = await accessTokenFor("client-daan");
  const aanvraag = await submitAanvraag(daan, "client-daan", daansFile, testBsn(3001));
  const identificatie = `NV-${aanvraag}`;
  await deliverUntil(sanne, (view) => view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag) && view.pending === 0);
  const zaak = (await municipality()).zaken.find((candidate) => candidate.identificatie === identificatie);
  assert.ok(zaak, "the zaak is in the zaak system");
  assert.equal(zaak.status, null, "no status yet");

  // Daan fills in his klantfoto on his phone.
  const phone = await newPhone(browser);
  try {
    const page = await logIn(phone, demoUser("client-daan"));
    await page.getByRole("link", { name: "Klantfoto invullen" }).click();
    await page.getByRole("heading", { name: "Klantfoto" }).waitFor();
    for (let question = 0; question < 3; question += 1) {
      await page.getByRole("radio", { name: "Ja" }).check();
      await page.getByRole("button", { name: "Volgende" }).click();
    }
    for (let domain = 0; domain < 11; domain += 1) {
      await page.getByRole("radio", { name: /^4\. / }).check();
      await page.getByRole("button", { name: "Volgende" }).click();
    }
    await page.getByRole("heading", { name: "Uw klantfoto" }).waitFor();
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
  } finally {
    await phone.close();
  }

  // The zaak gets the status of that milestone, once, and the klantfoto as a linked document.
  await deliverUntil(
    sanne,
    (view) =>
      view.zaken.some((candidate) => candidate.aanvraag_id === aanvraag && candidate.last_status === "klantfoto_submitted") &&
      view.pending === 0,
  );
  const state = await municipality();
  const statussen = state.statussen.filter((status) => status.zaak === zaak.url);
  assert.equal(statussen.length, 1);
  assert.equal(statussen[0].statustype, MUNICIPAL_API.statustypes.klantfoto_submitted);
  const documents = state.documenten.filter((document) => document.identificatie === `KF-${daansFile}`);
  assert.equal(documents.length, 1, "one klantfoto document");
  assert.equal(documents[0].informatieobjecttype, MUNICIPAL_API.informatieobjecttype_klantfoto);
  assert.equal(documents[0].vertrouwelijkheidaanduiding, "vertrouwelijk");
  const answers = JSON.parse(documents[0].content);
  assert.equal(Object.values(answers).filter((answer) => answer === 4).length, 11, "the eleven life domains, scored 4");
  assert.equal(Object.values(answers).filter((answer) => answer === true).length, 3, "the three crisis questions");
  const links = state.zaakinformatieobjecten.filter((link) => link.zaak === zaak.url);
  assert.deepEqual(links.map((link) => link.informatieobject), [documents[0].url], "the document belongs to the zaak");
  assert.deepEqual(state.violations, [], "every call fits the Zaken API");

  // Sanne sees the zaak and its step.
  const desk = await newPhone(browser);
  try {
    const page = await logIn(desk, demoUser("consulent-sanne"));
    await page.getByRole("heading", { name: /Welkom|Dossiers/ }).first().waitFor();
    await page.goto(`${process.env.BASE_URL}/gemeente-koppeling`);
    await page.getByRole("heading", { name: "Koppeling met de gemeente" }).waitFor();
    const item = page.locator("#municipal-zaken li").filter({ hasText: identificatie });
    await item.waitFor();
    assert.match(await item.innerText(), /Laatste stap: Klantfoto ingevuld/);
    assert.match(await item.innerText(), /Nog open\./);
    await saveScreenshot(page, "municipal-outbox");
    await expectNoAxeViolations(page, "municipal-outbox", { widths: [360, 320] });
    // The same screen in English.
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.getByRole("heading", { name: "Link with the municipality" }).waitFor();
    const english = page.locator("#municipal-zaken li").filter({ hasText: identificatie });
    assert.match(await english.innerText(), /Last step: Klantfoto filled in/);
    assert.match(await english.innerText(), /Still open\./);
    await expectNoAxeViolations(page, "municipal-outbox-english", { widths: [360, 320] });
  } finally {
    await desk.close();
  }
});
