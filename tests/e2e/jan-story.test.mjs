// Issue 5's story in one go, on a phone, as the client "Jan" (seed 001: he has nowhere to sleep and
// keeps his appointment "in my iPhone"): he logs in, fills in his klantfoto with a crisis answer and
// sees at once what to do; goes offline and logs three job applications and ticks two documents;
// comes back online and sees them synced; books an appointment and downloads its .ics; switches to
// English. A screenshot of each main screen is saved (target/e2e-artifacts/jan-*.png).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { launchChromium, newPhone, saveScreenshot, logIn, goOffline, demoUser, api, expectNoAxeViolations, logJansJobSearch, answerKlantfotoQuestions } from "./browser.mjs";
import { accessTokenFor, clientFileFor, recordsAtWorker, testClock } from "./login.mjs";

let browser;
let jansFile;
const SLOT = randomUUID();
before(async () => {
  browser = await launchChromium();
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(new Date());
  jansFile = await clientFileFor("client-jan", "Jan", { details: { municipality: "Tilburg", application_date: today } });
  // A free time of Jan's team (a Tuesday in summer time: 10:00 in Tilburg is 08:00 UTC).
  const slot = { kind: "slot", id: SLOT, owner: { kind: "team", team_id: "team-noord" } };
  const operations = [["starts_at", "2031-09-09T10:00"], ["duration_minutes", 30], ["place", "Stadswinkel, Stadhuisplein 130"]]
    .map(([field, value]) => ({ op_id: randomUUID(), record: slot, field, value, hlc: testClock("consulent-sanne"), author: "consulent-sanne" }));
  const pushed = await api("POST", "/api/v1/sync/push", { token: await accessTokenFor("consulent-sanne"), body: { operations } });
  assert.equal(pushed.status, 200, pushed.text);
});
after(async () => {
  await browser?.close();
});

const syncState = (page) => page.locator("#sync-state");
const choose = (page, label) => page.getByRole("radio", { name: label }).check();
const next = (page) => page.getByRole("button", { name: "Volgende" }).click();

test("Jan: log in, klantfoto with a crisis, offline job search, synced, an appointment in his calendar, in English", async () => {
  const context = await newPhone(browser);
  try {
    // Log in.
    const page = await logIn(context, demoUser("client-jan"));
    await page.getByRole("heading", { name: "Welkom, Jan" }).waitFor();
    await saveScreenshot(page, "jan-home");

    // The klantfoto: no place to sleep tonight, and what the app then shows.
    await page.getByRole("link", { name: "Klantfoto invullen" }).click();
    await page.getByRole("heading", { name: "Heeft u vannacht een plek om te slapen?" }).waitFor();
    await choose(page, "Nee");
    const help = page.getByRole("alert").filter({ hasText: "Wat kunt u nu doen?" });
    await help.waitFor();
    assert.match(await help.innerText(), /geen slaapplek/);
    assert.equal(await help.getByRole("link").getAttribute("href"), "tel:14013", "one tap calls the municipality");
    await saveScreenshot(page, "jan-klantfoto-crisis");
    await next(page);
    await answerKlantfotoQuestions(page, ["Ja", "Ja", 2, 3, 1, 3, 3, 4, 5, 4, 2, 2, 5], { from: 2 });
    await page.getByRole("heading", { name: "Uw klantfoto" }).waitFor();
    await page.getByRole("img", { name: /Spinnenweb van uw klantfoto: Geld 2 van 5/ }).waitFor();
    assert.equal(await page.getByRole("alert").filter({ hasText: "geen slaapplek" }).count(), 1, "the crisis help stays on the result");
    await saveScreenshot(page, "jan-klantfoto-result");
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();

    // Offline: three job applications and two documents.
    await goOffline(context, page);
    await page.getByRole("link", { name: "Start" }).click();
    await page.getByRole("link", { name: "Mijn inspanningspakket" }).click();
    await logJansJobSearch(page);
    await syncState(page).filter({ hasText: "op dit apparaat opgeslagen" }).waitFor();
    assert.equal((await recordsAtWorker("job_application", jansFile)).size, 0, "nothing left the phone while offline");
    await saveScreenshot(page, "jan-inspanningspakket-offline");

    // Online again: synced, and the worker has the same.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    const applications = [...(await recordsAtWorker("job_application", jansFile)).values()];
    assert.deepEqual(applications.map((a) => a.employer).sort(), ["Albert Heijn", "Gemeente Tilburg", "PostNL"]);
    const documents = [...(await recordsAtWorker("document_ready", jansFile)).values()];
    assert.equal(documents.filter((d) => d.ready === true).length, 2);
    await saveScreenshot(page, "jan-inspanningspakket-synced");

    // An appointment, and its .ics for the phone's calendar.
    await page.getByRole("navigation").getByRole("link", { name: "Afspraken" }).click();
    await page.getByLabel(/dinsdag 9 september 2031, 10:00 · 30 minuten/).check();
    await page.getByRole("button", { name: "Afspraak maken" }).click();
    await page.locator("#booked").filter({ hasText: "Uw afspraak is gemaakt: dinsdag 9 september 2031, 10:00." }).waitFor();
    await syncState(page).filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    await page.locator("#appointment-list li").filter({ hasText: "dinsdag 9 september 2031" }).getByRole("link").click();
    await page.locator("#appointment-when").filter({ hasText: "dinsdag 9 september 2031, 10:00 (tot 10:30)" }).waitFor();
    await saveScreenshot(page, "jan-appointment");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Zet in mijn agenda" }).click()]);
    assert.equal(download.suggestedFilename(), "afspraak.ics");
    const lines = (await readFile(await download.path(), "utf8")).replaceAll("\r\n ", "").split("\r\n");
    assert.equal(lines[0], "BEGIN:VCALENDAR");
    assert.ok(lines.includes("DTSTART:20310909T080000Z"), "10:00 in Tilburg in September is 08:00 UTC");
    assert.ok(lines.includes("DTEND:20310909T083000Z"));
    assert.ok(lines.includes("LOCATION:Stadswinkel\\, Stadhuisplein 130"));
    assert.equal(lines.filter((line) => line === "BEGIN:VALARM").length, 2, "two reminders");

    // English.
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.locator("#appointment-when").filter({ hasText: "Tuesday 9 September 2031, 10:00 (until 10:30)" }).waitFor();
    await page.getByRole("button", { name: "Add to my calendar" }).waitFor();
    await saveScreenshot(page, "jan-appointment-english");
    await expectNoAxeViolations(page, "jan-appointment-english", { widths: [360, 320] });
  } finally {
    await context.close();
  }
});
