// Route advice in the browser: the engine of `shared`, compiled into the app, answers at once
// and offline; its answer matches the worker's POST /api/v1/evaluate for the same situation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launchChromium, newPhone, saveScreenshot, api, fillJanInTilburg, BASE_URL, underServiceWorkerControl } from "./browser.mjs";

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test("the advice page answers offline, from the engine in the app, as the worker does", async () => {
  const context = await newPhone(browser);
  try {
    const page = await context.newPage();
    await page.goto(BASE_URL + "/");
    await underServiceWorkerControl(page);
    await context.setOffline(true);
    await page.waitForFunction(() => navigator.onLine === false);

    await page.getByRole("link", { name: "Route-advies" }).click();
    await page.getByRole("heading", { name: "Route-advies", level: 1 }).waitFor();
    await page.reload(); // offline: the app shell comes from the service worker's cache
    await page.getByRole("heading", { name: "Route-advies", level: 1 }).waitFor();

    await fillJanInTilburg(page);
    const outcome = page.locator("#outcome");
    await outcome.filter({ hasText: "Recht op bijstand: € 1.419,46 per maand" }).waitFor();
    assert.match(await page.locator("#route").innerText(), /Eerst meer onderzoek/);
    assert.match(await page.locator("#deadlines").innerText(), /Meldingsgesprek: uiterlijk 2026-11-05/);
    await saveScreenshot(page, "advice-jan-tilburg-open");

    await page.getByLabel("Over hoeveel maanden kunt u bij een gewone werkgever werken?").fill("9");
    await page.locator("#route").filter({ hasText: "Re-integratietraject naar betaald werk" }).waitFor();
    await page.getByText("Waarom? Alle stappen").click();
    const steps = await page.locator("#trace li").allInnerTexts();
    assert.ok(steps.some((s) => s.includes("Over ongeveer 9 maanden")), steps.join("\n"));
    await saveScreenshot(page, "advice-jan-tilburg-traject");

    // The worker, from the same shared crate, gives the same answer for the same situation.
    const situation = JSON.parse(readFileSync("shared/tests/vectors/jan-tilburg-within-12-months.input.json", "utf8"));
    situation.crisis = { place_to_sleep_tonight: true };
    const answer = await api("POST", "/api/v1/evaluate", { body: situation });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.eligibility.outcome.monthly_benefit_cents, 141946);
    assert.equal(answer.json.advice.label.nl, "Re-integratietraject naar betaald werk");
    const browserSteps = steps.map((s) => s.trim());
    const workerSteps = [...answer.json.eligibility.trace, ...answer.json.advice.trace].map((s) => s.explanation.nl);
    assert.deepStrictEqual(browserSteps, workerSteps, "the browser and the worker explain it step by step the same");
  } finally {
    await context.close();
  }
});

test("a crisis answer puts the crisis first, whatever the policy", async () => {
  const context = await newPhone(browser);
  try {
    const page = await context.newPage();
    await page.goto(BASE_URL + "/advies");
    await fillJanInTilburg(page);
    await page.getByLabel("Heeft u vannacht een slaapplek?").selectOption("nee");
    await page.locator("#route").filter({ hasText: "Eerst de crisis oplossen" }).waitFor();
  } finally {
    await context.close();
  }
});
