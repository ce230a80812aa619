// The consulent at the desk (issue 6): the caseload shows what is coming up per file, most pressing
// first; a file shows the dates coming up, the engine's advice with its reasons, and the decision on
// the next step, recorded with a reason (refused without one) and shown beside the advice; the
// outreach worker of the file reads the decision but cannot make one. At the desk (1280 px) the advice
// stands beside the decision form, on a phone below it; the consulent's menu keeps to two rows from 320
// to 414 px (the less used links fold under "Meer"). A decision that places Tess on a leerwerkplek
// (Alphen aan den Rijn: at most 6 months) brings the end of those months onto her file and the caseload.
// Screenshots of each layout are kept in target/e2e-artifacts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newDesktop, newPhone, saveScreenshot, logIn, demoUser, expectNoAxeViolations } from "./browser.mjs";
import { clientFileFor, recordsAtWorker } from "./login.mjs";
import { today, plusDays, plusMonths, daysBetween, plusCalendarDaysUnderTheAtw, dutchLongDate } from "./calendar.mjs";

let browser;
let semsFile;
let tessFile;
// Sem (22 or 23) applied in Tilburg 24 days ago. His zoektermijn ends 4 weeks after that; he reports
// back 28 days after it, or on the next working day when that is none (TIL-04, Atw art. 1).
const semApplied = plusDays(today(), -24);
const semsZoektermijnEnds = plusDays(semApplied, 28);
const semReportsBackBy = plusCalendarDaysUnderTheAtw(semApplied, 28);
before(async () => {
  browser = await launchChromium();
  semsFile = await clientFileFor(null, "Sem", {
    outreachWorker: "outreach-fatima",
    details: { municipality: "Tilburg", application_date: semApplied, birth_date: `${Number(today().slice(0, 4)) - 23}-03-01` },
  });
  // Tess (36) applied in Alphen aan den Rijn long ago: none of the policy's dates is still open.
  tessFile = await clientFileFor(null, "Tess", {
    details: { municipality: "Alphen aan den Rijn", application_date: "2025-01-06", birth_date: "1990-02-14" },
  });
});
after(async () => {
  await browser?.close();
});

// Date-sensitive: the report back and the rechtmatigheidsgesprek run on past weekends and holidays.
test("the consulent sees what is coming up, and records a decision beside the engine's advice", async () => {
  const context = await newDesktop(browser);
  try {
    const page = await logIn(context, demoUser("consulent-sanne"));
    await page.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    const sem = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Sem", exact: true }) });
    await sem.first().waitFor();
    const semItems = await sem.allInnerTexts();
    // Under 27: the end of the zoektermijn comes first (the report back never ends sooner).
    const zoektermijnDaysLeft = daysBetween(today(), semsZoektermijnEnds);
    assert.ok(semItems.some((text) => text.endsWith(`Einde zoektermijn (4 weken zoeken): nog ${zoektermijnDaysLeft} dagen`)), `the next date under Sem's name: ${semItems.join(" | ")}`);
    await saveScreenshot(page, "consulent-caseload");
    await expectNoAxeViolations(page, "consulent-caseload", { widths: [1280, 360] });

    await page.goto(`${process.env.BASE_URL}/dossiers/${semsFile}`);
    await page.getByRole("heading", { name: "Wat komt eraan" }).waitFor();
    // The file comes from the device store a moment after the page: wait for its dates.
    await page.locator("#coming-up li").filter({ hasText: "Terugmelden" }).waitFor();
    const comingUp = await page.locator("#coming-up li").allInnerTexts();
    const reportBack = comingUp.find((text) => text.includes("Terugmelden"));
    assert.ok(
      reportBack.startsWith("Let op: Terugmelden") && reportBack.endsWith(`${dutchLongDate(semReportsBackBy)} (nog ${daysBetween(today(), semReportsBackBy)} dagen)`),
      `close dates are marked in words, the day run on past weekends and holidays: ${reportBack}`,
    );
    assert.ok(comingUp.some((text) => text.includes("Einde zoektermijn")), `a young applicant's zoektermijn: ${comingUp.join(" | ")}`);

    // The engine's advice with its reasons (open at the consulent's desk), beside the form.
    await page.locator("#engine-advice details[open] li").first().waitFor();
    assert.ok((await page.locator("#engine-advice li").count()) > 0, "the advice explains itself");
    await page.locator("#no-decisions").waitFor();

    // No reason: refused, nothing stored.
    await page.locator("#decision-route").waitFor();
    const routes = await page.locator("#decision-route option").evaluateAll((options) => options.map((o) => ({ value: o.value, selected: o.selected })));
    const advice = await page.locator("#engine-advice strong").innerText();
    const other = routes.find((r) => !r.selected)?.value;
    assert.ok(other, "the policy has more than one route to choose from");
    await page.getByLabel("Route").selectOption(other);
    await page.getByRole("button", { name: "Besluit vastleggen" }).click();
    await page.getByRole("alert").filter({ hasText: "Schrijf op waarom u dit besluit neemt." }).waitFor();
    assert.equal((await recordsAtWorker("decision", semsFile)).size, 0);

    await page.getByLabel("Waarom?").fill("Sem wil eerst zijn diploma halen; dat past beter bij hem.");
    await page.getByRole("button", { name: "Besluit vastleggen" }).click();
    await page.getByRole("status").filter({ hasText: "Het besluit is vastgelegd." }).waitFor();
    const decision = page.locator("#decisions li").first();
    await decision.getByText("Reden: Sem wil eerst zijn diploma halen; dat past beter bij hem.").waitFor();
    // The worker puts the engine's advice beside the decision; it arrives with the next pull.
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    await decision.filter({ hasText: `Besloten door consulent-sanne. Advies van de app: ${advice}. Dit besluit wijkt af van het advies.` }).waitFor();
    const stored = [...(await recordsAtWorker("decision", semsFile)).values()];
    assert.equal(stored.length, 1);
    assert.equal(stored[0].route_id, other);
    assert.ok(stored[0].advised_route_id, "what the engine advised is kept beside the decision");
    // Sem reports back today: the rechtmatigheidsgesprek is due within 14 days (TIL-06), run on
    // past a weekend or holiday (Atw art. 1).
    await page.getByLabel("Teruggemeld op").fill(today());
    await page.getByRole("button", { name: "Terugmelding opslaan" }).click();
    await page.locator("#coming-up li").filter({ hasText: "Rechtmatigheidsgesprek" }).waitFor();
    const interviewBy = plusCalendarDaysUnderTheAtw(today(), 14);
    assert.ok(
      (await page.locator("#coming-up li").filter({ hasText: "Rechtmatigheidsgesprek" }).innerText()).endsWith(
        `${dutchLongDate(interviewBy)} (nog ${daysBetween(today(), interviewBy)} dagen)`,
      ),
    );
    await saveScreenshot(page, "consulent-decision");
    await expectNoAxeViolations(page, "consulent-decision", { widths: [1280, 360, 320] });
  } finally {
    await context.close();
  }
});

test("the outreach worker reads the decision on the tablet but cannot make one", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("outreach-fatima"));
    await page.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    await page.getByRole("link", { name: "Sem", exact: true }).first().waitFor();
    await page.goto(`${process.env.BASE_URL}/dossiers/${semsFile}`);
    await page.locator("#decisions li").first().getByText("Reden: Sem wil eerst zijn diploma halen; dat past beter bij hem.").waitFor();
    assert.equal(await page.locator("#decision-form").count(), 0, "no form for the outreach worker");
    await expectNoAxeViolations(page, "outreach-decision", { widths: [360, 320] });
  } finally {
    await context.close();
  }
});

/** Where an element is on the page. */
const box = async (page, selector) => page.locator(selector).boundingBox();

test("at the desk the advice stands beside the decision form; on a phone below it", async () => {
  const context = await newDesktop(browser);
  try {
    const page = await logIn(context, demoUser("consulent-sanne"));
    await page.getByRole("link", { name: "Naar de dossiers" }).waitFor();
    await page.goto(`${process.env.BASE_URL}/dossiers/${semsFile}`);
    await page.locator("#decision-form").waitFor();
    await page.locator("#engine-advice").waitFor();
    const advice = await box(page, "#engine-advice");
    const form = await box(page, "#decision-form");
    assert.ok(advice.x + advice.width <= form.x, `two columns at 1280 px: advice ${JSON.stringify(advice)}, form ${JSON.stringify(form)}`);
    assert.ok(Math.abs(advice.y - form.y) < 40, "side by side, both at the top of the section");
    assert.ok(await page.locator("#engine-advice li").first().isVisible(), "the reasons are open beside the form");
    await saveScreenshot(page, "consulent-desk-1280");
    await expectNoAxeViolations(page, "consulent-desk", { widths: [1280] });

    await page.setViewportSize({ width: 360, height: 800 });
    const narrowAdvice = await box(page, "#engine-advice");
    const narrowForm = await box(page, "#decision-form");
    assert.ok(narrowForm.y >= narrowAdvice.y + narrowAdvice.height, "one column on a phone: the form below the advice");
    await saveScreenshot(page, "consulent-desk-360");
  } finally {
    await context.close();
  }
});

/** The rows the menu's items take, by the top of each visible item. */
function menuRows(page) {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll("nav a, nav button")].filter((element) => element.getClientRects().length > 0);
    return new Set(items.map((element) => Math.round(element.getBoundingClientRect().top))).size;
  });
}

test("the consulent's menu keeps to two rows on a phone from 320 to 414 px; the rest folds under 'Meer'", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("consulent-sanne"));
    await page.getByRole("link", { name: "Naar de dossiers" }).waitFor();
    for (const width of [320, 360, 414]) {
      await page.setViewportSize({ width, height: 740 });
      assert.ok((await menuRows(page)) <= 2, `at ${width} px the menu takes ${await menuRows(page)} rows`);
      await saveScreenshot(page, `consulent-menu-${width}`);
    }
    await page.setViewportSize({ width: 320, height: 740 });
    assert.equal(await page.getByRole("navigation").getByRole("link", { name: "Spreekuren" }).count(), 0, "folded away");
    const toggle = page.getByRole("button", { name: "Meer" });
    assert.ok((await toggle.boundingBox()).height >= 44, "the button is large enough to tap");
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    await saveScreenshot(page, "consulent-menu-320-open");
    await expectNoAxeViolations(page, "consulent-menu-open", { widths: [320, 414] });
    await page.getByRole("navigation").getByRole("link", { name: "Spreekuren" }).click();
    await page.getByRole("heading", { name: "Spreekuur toevoegen" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Meer" }).getAttribute("aria-expanded"), "false", "it folds again after a choice");
    // On a desktop the same links stand in the menu, without a fold.
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.equal(await page.getByRole("button", { name: "Meer" }).count(), 0);
    await page.getByRole("navigation").getByRole("link", { name: "Koppeling gemeente" }).waitFor();
    await saveScreenshot(page, "consulent-menu-1280");
  } finally {
    await context.close();
  }
});

// Date-sensitive: the end of the 6 months lies a few days ahead, on a day every month has.
test("a decision for a leerwerkplek brings the end of its 6 months onto the file and the caseload", async () => {
  // The day the 6 months end: a few days from now, on a day of the month that every month has.
  let daysLeft = 3;
  while (Number(plusDays(today(), daysLeft).slice(8)) > 28) daysLeft += 1;
  const monthsEnd = plusDays(today(), daysLeft);
  const startsOn = plusMonths(monthsEnd, -6);
  assert.ok(startsOn < today());

  const context = await newDesktop(browser);
  try {
    const page = await logIn(context, demoUser("consulent-sanne"));
    await page.getByRole("link", { name: "Naar de dossiers" }).waitFor();
    await page.goto(`${process.env.BASE_URL}/dossiers/${tessFile}`);
    await page.locator("#decision-form").waitFor();
    await page.getByRole("heading", { name: "Wat komt eraan" }).waitFor();
    assert.equal(await page.locator("#coming-up li").filter({ hasText: "Leerwerkplek" }).count(), 0, "no instrument yet");

    await page.locator("#decision-route").selectOption("re-integratietraject");
    await page.locator("#decision-instrument").selectOption("leerwerkplek");
    await page.getByLabel("Vanaf").fill(startsOn);
    await page.getByLabel("Waarom?").fill("Tess leert het vak het best op de werkvloer.");
    await page.getByRole("button", { name: "Besluit vastleggen" }).click();
    await page.getByRole("status").filter({ hasText: "Het besluit is vastgelegd." }).waitFor();
    const limit = page.locator("#coming-up li").filter({ hasText: "Leerwerkplek: de 6 maanden zijn om" });
    await limit.waitFor();
    assert.equal(await limit.innerText(), `Let op: Leerwerkplek: de 6 maanden zijn om: ${dutchLongDate(monthsEnd)} (nog ${daysLeft} dagen)`);
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    const stored = [...(await recordsAtWorker("decision", tessFile)).values()];
    assert.deepEqual([stored[0].instrument_id, stored[0].starts_on], ["leerwerkplek", startsOn]);
    await saveScreenshot(page, "consulent-instrument-limit");

    await page.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    const tess = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Tess", exact: true }) });
    await tess.first().waitFor();
    assert.ok(
      (await tess.allInnerTexts()).some((text) => text.endsWith(`Leerwerkplek: de 6 maanden zijn om: nog ${daysLeft} dagen`)),
      (await tess.allInnerTexts()).join(" | "),
    );
    await expectNoAxeViolations(page, "consulent-caseload-instrument", { widths: [1280, 360] });
  } finally {
    await context.close();
  }
});
