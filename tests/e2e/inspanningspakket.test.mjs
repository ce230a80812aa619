// The inspanningspakket tracker as the client "Jan" under Tilburg's policy (seed 001, L528-L533):
// offline he logs three job applications and ticks two documents; back online they are synced and
// his consulent sees the same progress.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newPhone, saveScreenshot, logIn, goOffline, demoUser, expectNoAxeViolations, logJansJobSearch } from "./browser.mjs";
import { clientFileFor, latestValueAtWorker } from "./login.mjs";
import { today, daysBetween, plusCalendarDaysUnderTheAtw, dutchLongDate } from "./calendar.mjs";

let browser;
before(async () => {
  browser = await launchChromium();
  await clientFileFor("client-jan", "Jan", { details: { municipality: "Tilburg", application_date: today() } });
});
after(async () => {
  await browser?.close();
});

// Date-sensitive: the day to report back by runs on past weekends and holidays.
test("offline, Jan logs three job applications and ticks two documents; online they sync and his consulent sees the same progress", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-jan"));
    await page.getByRole("heading", { name: "Welkom, Jan" }).waitFor();
    await page.getByRole("link", { name: "Mijn inspanningspakket" }).click();
    await page.getByRole("heading", { name: "Inspanningspakket", exact: true }).waitFor();
    assert.equal(await page.locator("#applications-progress").innerText(), "0 van 20 sollicitaties");
    // Tilburg: report back within 28 days of the application (TIL-04), run on to a working day (Atw art. 1).
    const reportBackBy = plusCalendarDaysUnderTheAtw(today(), 28);
    assert.ok(
      (await page.locator("#report-back-by").innerText()).endsWith(`uiterlijk ${dutchLongDate(reportBackBy)} (nog ${daysBetween(today(), reportBackBy)} dagen).`),
      await page.locator("#report-back-by").innerText(),
    );

    await goOffline(context, page);
    await logJansJobSearch(page);
    assert.equal(await page.locator("#applications-progress").innerText(), "3 van 20 sollicitaties");
    await page.locator("#sync-state").filter({ hasText: "op dit apparaat opgeslagen" }).waitFor();
    await saveScreenshot(page, "inspanningspakket-offline");
    await expectNoAxeViolations(page, "inspanningspakket", { widths: [360, 320] });

    // An empty employer is refused with a reason; nothing is stored.
    await page.getByLabel("Bij welk bedrijf?").fill("");
    await page.getByLabel("Welk werk?").fill("Schoonmaker");
    await page.getByRole("button", { name: "Sollicitatie opslaan" }).click();
    await page.getByRole("alert").filter({ hasText: "Vul in bij welk bedrijf u solliciteerde." }).waitFor();
    assert.equal(await page.locator("#applications li").count(), 3);

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
  } finally {
    await context.close();
  }

  const deskContext = await newPhone(browser);
  try {
    const desk = await logIn(deskContext, demoUser("consulent-sanne"));
    await desk.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    // The newest Jan file is the one just made; each of its summaries must show the synced progress.
    const jans = desk.getByRole("link", { name: "Jan", exact: true });
    await jans.first().waitFor();
    let seen = false;
    for (let i = 0; i < (await jans.count()) && !seen; i += 1) {
      await desk.getByRole("link", { name: "Jan", exact: true }).nth(i).click();
      await desk.getByRole("heading", { name: "Jan" }).waitFor();
      const summary = desk.locator("section").filter({ has: desk.getByRole("heading", { name: "Inspanningspakket" }) });
      if ((await summary.count()) > 0 && /3 van 20 sollicitaties/.test(await summary.innerText())) {
        assert.match(await summary.innerText(), /2 van 5 bewijsstukken klaar/);
        seen = true;
        await saveScreenshot(desk, "inspanningspakket-consulent");
        await expectNoAxeViolations(desk, "inspanningspakket-consulent");
      }
      await desk.getByRole("link", { name: "← Alle dossiers" }).click();
    }
    assert.ok(seen, "the consulent sees 3 of 20 applications on Jan's file");
  } finally {
    await deskContext.close();
  }
});

// Date-sensitive: Sem's age (under 27) counts from today.
test("under 27, Sem also looks into an education: it is part of the package until he writes down which", async () => {
  const twentyThreeYearsAgo = `${Number(today().slice(0, 4)) - 23}-01-15`;
  const semsFile = await clientFileFor("client-sem", "Sem", { details: { municipality: "Tilburg", application_date: today(), birth_date: twentyThreeYearsAgo } });
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-sem"));
    await page.getByRole("heading", { name: "Welkom, Sem" }).waitFor();
    await page.getByRole("link", { name: "Mijn inspanningspakket" }).click();
    await page.getByRole("heading", { name: "Kijk ook naar een opleiding" }).waitFor();
    assert.equal(await page.locator("#education-progress").innerText(), "Opleiding bekeken: nog niet gedaan.");

    await page.getByRole("button", { name: "Opleiding opslaan" }).click();
    await page.getByRole("alert").filter({ hasText: "Schrijf op welke opleiding u heeft bekeken." }).waitFor();
    assert.equal(await latestValueAtWorker("duty", `${semsFile}.look_into_education`, "done_on"), undefined, "nothing stored");

    await page.getByLabel("Welke opleiding heeft u bekeken?").fill("Mbo-2 Logistiek bij het ROC, start in februari");
    await page.getByRole("button", { name: "Opleiding opslaan" }).click();
    await page.locator("#education-progress").filter({ hasText: "Opleiding bekeken: gedaan." }).waitFor();
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    assert.equal(await latestValueAtWorker("duty", `${semsFile}.look_into_education`, "note"), "Mbo-2 Logistiek bij het ROC, start in februari");
    await saveScreenshot(page, "inspanningspakket-education");
    await expectNoAxeViolations(page, "inspanningspakket-education", { widths: [360, 320] });
  } finally {
    await context.close();
  }
});
