// A home visit on a tablet (issue 6): outreach worker Fatima sees today's visit, goes offline,
// fills in the klantfoto with Lotte (marked as filled in together), reports a crisis, writes a
// note and plans the next visit; the tablet is closed and opened again with no network; back online
// everything syncs. The consulent then sees Lotte's file urgent with the crisis and the note; Lotte
// sees the planned visit, but never the note or the crisis signal.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { launchChromium, newPhone, newTablet, saveScreenshot, logIn, goOffline, staffAppKeptForOffline, demoUser, expectNoAxeViolations, api, answerKlantfotoQuestions } from "./browser.mjs";
import { accessTokenFor, clientFileFor, latestValueAtWorker, recordsAtWorker, testClock } from "./login.mjs";
import { today as todayInAmsterdam } from "./calendar.mjs";

let browser;
let lottesFile;
const today = todayInAmsterdam();
before(async () => {
  browser = await launchChromium();
  lottesFile = await clientFileFor("client-lotte", "Lotte", { outreachWorker: "outreach-fatima", details: { municipality: "Tilburg" } });
  // Today's visit, planned by the consulent.
  const visit = { kind: "appointment", id: randomUUID(), owner: { kind: "client", client_id: lottesFile } };
  const operations = [["starts_at", `${today}T23:30`], ["duration_minutes", 30], ["place", "Bij Lotte thuis"], ["kind", "home_visit"], ["status", "planned"]]
    .map(([field, value]) => ({ op_id: randomUUID(), record: visit, field, value, hlc: testClock("consulent-sanne"), author: "consulent-sanne" }));
  const pushed = await api("POST", "/api/v1/sync/push", { token: await accessTokenFor("consulent-sanne"), body: { operations } });
  assert.equal(pushed.status, 200, pushed.text);
});
after(async () => {
  await browser?.close();
});

const syncState = (page) => page.locator("#sync-state");

// Date-sensitive: the visit is today's, in Amsterdam's day, also on the days the clocks change.
test("offline home visit: klantfoto together, a crisis, a note, the next visit; all synced afterwards", async () => {
  const context = await newTablet(browser);
  try {
    const page = await logIn(context, demoUser("outreach-fatima"));
    await page.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    const visit = page.locator("#todays-visits li").filter({ hasText: "Lotte" });
    await visit.waitFor();
    assert.match(await visit.innerText(), /^23:30 Lotte · Bij Lotte thuis$/);
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    await saveScreenshot(page, "outreach-today");
    await expectNoAxeViolations(page, "outreach-today", { widths: [800, 360] });

    // At Lotte's home: no network. The tablet kept every staff screen, also those not opened yet.
    await staffAppKeptForOffline(page);
    await goOffline(context, page);
    await visit.getByRole("link").click();
    await page.getByRole("heading", { name: "Lotte", level: 1 }).waitFor();

    // The klantfoto together: two crisis answers, the third is "no".
    await page.getByRole("link", { name: "Klantfoto (samen met de cliënt)" }).click();
    await answerKlantfotoQuestions(page, ["Ja", "Ja"]);
    await page.getByRole("radio", { name: "Nee" }).check();
    await page.getByRole("alert").filter({ hasText: "Veilig Thuis" }).waitFor();
    await answerKlantfotoQuestions(page, ["Nee"], { from: 3 });
    await page.getByRole("radio", { name: /^2\. / }).check();
    await page.goto(`${process.env.BASE_URL}/dossiers/${lottesFile}`);
    await page.getByRole("heading", { name: "Lotte", level: 1 }).waitFor();

    // A crisis signal, a note, the next visit.
    await page.getByRole("button", { name: "Crisis melden" }).click();
    await page.getByRole("alert").filter({ hasText: "Schrijf kort op wat er aan de hand is." }).waitFor();
    await page.getByLabel("Wat is er aan de hand?").fill("Niet veilig thuis; slaapt vannacht bij haar zus");
    await page.getByRole("button", { name: "Crisis melden" }).click();
    await page.locator("#crisis-signal").filter({ hasText: "Crisis gemeld: Niet veilig thuis" }).waitFor();
    await page.getByLabel("Nieuwe notitie").fill("Huisbezoek gedaan. Lotte wil hulp bij haar schulden.");
    await page.getByRole("button", { name: "Notitie opslaan" }).click();
    await page.locator("#notes li").filter({ hasText: "Lotte wil hulp bij haar schulden." }).waitFor();
    await page.getByLabel("Waar?").fill("Bij Lotte thuis");
    await page.getByRole("button", { name: "Afspraak plannen" }).click();
    await page.locator("#planned").filter({ hasText: "Gepland:" }).waitFor();
    await syncState(page).filter({ hasText: "op dit apparaat opgeslagen" }).waitFor();
    assert.equal(await latestValueAtWorker("dossier", lottesFile, "crisis_signal"), undefined, "nothing left the tablet");
    await saveScreenshot(page, "outreach-visit-offline");
    await expectNoAxeViolations(page, "outreach-visit-offline", { widths: [800, 360] });

    // The tablet is closed and opened again, still offline: nothing is lost.
    await page.reload();
    await page.locator("#crisis-signal").filter({ hasText: "Niet veilig thuis" }).waitFor();
    await page.locator("#notes li").filter({ hasText: "Lotte wil hulp bij haar schulden." }).waitFor();

    // Back at the office.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    assert.equal(await latestValueAtWorker("dossier", lottesFile, "crisis_signal"), "Niet veilig thuis; slaapt vannacht bij haar zus");
    assert.equal(await latestValueAtWorker("klantfoto", lottesFile, "crisis_safe_at_home"), false);
    assert.equal(await latestValueAtWorker("klantfoto", lottesFile, "filled_in_with"), "outreach-fatima", "marked as filled in together");
    const notes = [...(await recordsAtWorker("note", lottesFile)).values()];
    assert.deepEqual(notes.map((n) => n.text), ["Huisbezoek gedaan. Lotte wil hulp bij haar schulden."]);
    const visits = [...(await recordsAtWorker("appointment", lottesFile)).values()].filter((a) => a.with_whom === "outreach-fatima");
    assert.equal(visits.length, 1);
    assert.equal(visits[0].kind, "home_visit");
  } finally {
    await context.close();
  }
});

// Date-sensitive: the visit shows as today's to the consulent and to Lotte.
test("the consulent sees Lotte urgent with the crisis and the note; Lotte sees the visit but not the note", async () => {
  const desk = await newPhone(browser);
  try {
    const page = await logIn(desk, demoUser("consulent-sanne"));
    await page.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    await page.getByRole("link", { name: "Lotte", exact: true }).first().waitFor();
    const first = await page.locator(".file-list li").first().innerText();
    assert.match(first, /Spoed/, "an urgent file comes first");
    await page.goto(`${process.env.BASE_URL}/dossiers/${lottesFile}`);
    await page.locator("#crisis-signal").filter({ hasText: "Niet veilig thuis" }).waitFor();
    await page.locator("#notes li").filter({ hasText: "outreach-fatima" }).waitFor();
  } finally {
    await desk.close();
  }

  const phone = await newPhone(browser);
  try {
    const page = await logIn(phone, demoUser("client-lotte"));
    await page.getByRole("heading", { name: "Welkom, Lotte" }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Afspraken" }).click();
    await page.locator("#appointment-list li").filter({ hasText: "Huisbezoek" }).first().waitFor();
    const body = await page.locator("body").innerText();
    assert.ok(!body.includes("schulden") && !body.includes("Niet veilig thuis"), "no note or crisis signal on the client's screen");
  } finally {
    await phone.close();
  }
  // Nor in what the worker sends her device.
  const lotte = await accessTokenFor("client-lotte");
  const pulled = await api("GET", "/api/v1/sync/changes?after=0&limit=5000", { token: lotte });
  const fields = pulled.json.changes.map(({ operation }) => `${operation.record.kind}.${operation.field}`);
  assert.ok(fields.includes("appointment.kind"), "her appointments reach her");
  assert.ok(!fields.includes("note.text") && !fields.includes("dossier.crisis_signal"), `no notes-class data: ${[...new Set(fields)]}`);
});
