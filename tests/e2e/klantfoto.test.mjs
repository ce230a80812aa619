// The klantfoto on a phone, as the client "Jan" (seed 001): crisis questions first, one question per
// screen, saved as he goes (also offline), resumed after a reload, and the result as a radar chart
// with the same scores in words, crisis help, and the next step from the engine. His consulent sees
// the file marked urgent.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newPhone, saveScreenshot, logIn, goOffline, demoUser, expectNoAxeViolations, api, answerKlantfotoQuestions } from "./browser.mjs";
import { accessTokenFor, clientFileFor, latestValueAtWorker } from "./login.mjs";
import { randomUUID } from "node:crypto";

let browser;
let jansFile;
before(async () => {
  browser = await launchChromium();
  jansFile = await clientFileFor("client-jan", "Jan", { details: { municipality: "Tilburg", application_date: "2026-11-02" } });
});
after(async () => {
  await browser?.close();
});

const progress = (page) => page.locator("#klantfoto-progress-text");
const next = (page) => page.getByRole("button", { name: "Volgende" });

async function choose(page, label) {
  await page.getByRole("radio", { name: label }).check();
}

/** Jan's answers per domain (1 to 5), in the order of the questions. */
const JANS_SCORES = [2, 1, 1, 3, 3, 4, 5, 4, 2, 2, 5];

test("Jan fills in his klantfoto: a crisis answer shows what to do, answers survive a reload and going offline, the result is a radar chart in words with the next step", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-jan"));
    await page.getByRole("heading", { name: "Welkom, Jan" }).waitFor();
    await page.getByRole("link", { name: "Klantfoto invullen" }).click();
    await page.getByRole("heading", { name: "Klantfoto" }).waitFor();
    assert.equal(await progress(page).innerText(), "Vraag 1 van 14");

    // Crisis first: no place to sleep tonight.
    await page.getByRole("heading", { name: "Heeft u vannacht een plek om te slapen?" }).waitFor();
    await choose(page, "Nee");
    const help = page.getByRole("alert").filter({ hasText: "Wat kunt u nu doen?" });
    await help.waitFor();
    assert.match(await help.innerText(), /geen slaapplek/);
    assert.equal(await help.getByRole("link").getAttribute("href"), "tel:14013");
    await saveScreenshot(page, "klantfoto-crisis");
    await expectNoAxeViolations(page, "klantfoto-crisis", { widths: [360, 320] });
    await next(page).click();

    // Two more crisis questions and the first three domains, then a reload: he resumes at the fourth.
    await answerKlantfotoQuestions(page, ["Ja", "Ja", ...JANS_SCORES.slice(0, 3)], { from: 2 });
    assert.equal(await progress(page).innerText(), "Vraag 7 van 14");
    await page.reload();
    await progress(page).filter({ hasText: "Vraag 7 van 14" }).waitFor();
    await saveScreenshot(page, "klantfoto-question");
    await expectNoAxeViolations(page, "klantfoto-question", { widths: [360, 320] });

    // The rest offline: everything waits on the phone.
    await goOffline(context, page);
    await answerKlantfotoQuestions(page, JANS_SCORES.slice(3), { from: 7 });
    await page.getByRole("heading", { name: "Uw klantfoto" }).waitFor();
    await page.locator("#sync-state").filter({ hasText: "op dit apparaat opgeslagen" }).waitFor();
    assert.equal(await latestValueAtWorker("klantfoto", jansFile, "justice"), undefined, "nothing left the phone yet");

    // The result: a radar chart whose text alternative holds every score, the scores in words, the crisis help.
    const chart = page.getByRole("img", { name: /Spinnenweb van uw klantfoto/ });
    await chart.waitFor();
    const description = await page.locator("#radar-title").textContent();
    assert.match(description, /Geld 2 van 5/);
    assert.match(description, /Politie en justitie 5 van 5/);
    const summary = await page.locator("#klantfoto-summary").innerText();
    assert.match(summary, /Hier heeft u hulp nodig: Geld, Dagbesteding, Wonen, Mensen om u heen, Meedoen\./);
    assert.match(summary, /Dit gaat goed: Gezondheid, Alcohol, drugs, gokken, Dagelijks leven, Politie en justitie\./);
    assert.equal(await page.getByRole("alert").filter({ hasText: "geen slaapplek" }).count(), 1);
    // The engine: a crisis comes before any route (Tilburg shows its advice to clients).
    const advice = page.locator("section").filter({ has: page.getByRole("heading", { name: "Wat is de volgende stap?" }) });
    await advice.waitFor();
    await saveScreenshot(page, "klantfoto-result");
    await expectNoAxeViolations(page, "klantfoto-result", { widths: [360, 320] });

    // Back online: every answer reaches the worker.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    assert.equal(await latestValueAtWorker("klantfoto", jansFile, "justice"), 5);
    assert.equal(await latestValueAtWorker("klantfoto", jansFile, "crisis_place_to_sleep_tonight"), false);

    // He changes an answer later; the history stays in the log, the latest counts.
    await page.getByRole("button", { name: /^Geld: 2 van 5/ }).click();
    await choose(page, /^3\. /);
    await page.getByRole("button", { name: "Terug naar het overzicht" }).click();
    await page.getByRole("button", { name: /^Geld: 3 van 5/ }).waitFor();
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    assert.equal(await latestValueAtWorker("klantfoto", jansFile, "finances"), 3);
  } finally {
    await context.close();
  }
});

test("the consulent sees Jan's file marked urgent", async () => {
  const context = await newPhone(browser);
  try {
    const desk = await logIn(context, demoUser("consulent-sanne"));
    await desk.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    const jan = desk.getByRole("listitem").filter({ has: desk.getByRole("link", { name: "Jan", exact: true }) });
    await jan.first().waitFor();
    const items = await desk.locator(".file-list li").allInnerTexts();
    assert.ok(items.some((text) => /^Jan\s+Spoed\b/.test(text.trim())), `Jan is marked urgent: ${items.join(" | ")}`);
    assert.match(items[0], /Spoed/, "urgent files come first");
    await saveScreenshot(desk, "dossiers-urgent");
    await expectNoAxeViolations(desk, "dossiers-urgent");
  } finally {
    await context.close();
  }
});

test("answers changed later are kept: the klantfoto over time shows each day an answer changed", async () => {
  const fennasFile = await clientFileFor("client-fenna", "Fenna", { details: { municipality: "Tilburg" } });
  // Two weeks ago Fenna filled it in with her outreach worker: every crisis answer yes, every domain 2.
  const twoWeeksAgo = Date.now() - 14 * 24 * 60 * 60 * 1000;
  const record = { kind: "klantfoto", id: fennasFile, owner: { kind: "client", client_id: fennasFile } };
  const questions = [
    ...["crisis_place_to_sleep_tonight", "crisis_food_today", "crisis_safe_at_home"].map((field) => [field, true]),
    ...["finances", "daily_activities", "housing", "domestic_relations", "mental_health", "physical_health", "addiction", "daily_living_skills", "social_network", "community_participation", "justice"].map((field) => [field, 2]),
  ];
  const operations = questions.map(([field, value], i) => ({
    op_id: randomUUID(), record, field, value, author: "consulent-sanne",
    hlc: `${String(twoWeeksAgo + i).padStart(18, "0")}-0000000000-earlier-visit`,
  }));
  const pushed = await api("POST", "/api/v1/sync/push", { token: await accessTokenFor("consulent-sanne"), body: { operations } });
  assert.equal(pushed.status, 200, JSON.stringify(pushed.json));

  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-fenna"));
    await page.getByRole("heading", { name: "Welkom, Fenna" }).waitFor();
    await page.getByRole("link", { name: "Klantfoto invullen" }).click();
    await page.getByRole("heading", { name: "Uw klantfoto" }).waitFor();
    assert.equal(await page.locator("#klantfoto-over-time").count(), 0, "one day of answers is no history yet");

    await page.getByRole("button", { name: /^Geld: 2 van 5/ }).click();
    await choose(page, /^4\. /);
    await page.getByRole("button", { name: "Terug naar het overzicht" }).click();
    const table = page.locator("#klantfoto-over-time");
    await table.waitFor();
    const rows = await table.locator("tbody tr").allInnerTexts();
    assert.equal(rows.length, 11);
    assert.match(rows.find((row) => row.startsWith("Geld")), /^Geld\s+2\s+4$/, "money went from 2 to 4");
    assert.match(rows.find((row) => row.startsWith("Wonen")), /^Wonen\s+2\s+2$/, "housing stayed 2");
    assert.equal(await table.locator("thead th").count(), 3, "the domain and two days");
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    assert.equal(await latestValueAtWorker("klantfoto", fennasFile, "finances"), 4);
    await saveScreenshot(page, "klantfoto-over-time");
    await expectNoAxeViolations(page, "klantfoto-over-time", { widths: [360, 320] });
  } finally {
    await context.close();
  }
});
