// The consulent at the desk (issue 6): the caseload shows what is coming up per file, most pressing
// first; a file shows the dates coming up, the engine's advice with its reasons, and the decision on
// the next step, recorded with a reason (refused without one) and shown beside the advice; the
// outreach worker of the file reads the decision but cannot make one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newDesktop, newPhone, saveScreenshot, logIn, demoUser, expectNoAxeViolations } from "./browser.mjs";
import { clientFileFor, recordsAtWorker } from "./login.mjs";

let browser;
let semsFile;
const dayInAmsterdam = (date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(date);
before(async () => {
  browser = await launchChromium();
  // Sem (23) applied in Tilburg 24 days ago: he reports back in 4 days (28 days, TIL-04).
  const applied = dayInAmsterdam(new Date(Date.now() - 24 * 24 * 60 * 60 * 1000));
  semsFile = await clientFileFor(null, "Sem", {
    outreachWorker: "outreach-fatima",
    details: { municipality: "Tilburg", application_date: applied, birth_date: `${new Date().getFullYear() - 23}-03-01` },
  });
});
after(async () => {
  await browser?.close();
});

test("the consulent sees what is coming up, and records a decision beside the engine's advice", async () => {
  const context = await newDesktop(browser);
  try {
    const page = await logIn(context, demoUser("consulent-sanne"));
    await page.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    const sem = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Sem", exact: true }) });
    await sem.first().waitFor();
    const semItems = await sem.allInnerTexts();
    // Under 27: the zoektermijn and the report back both end 28 days after the application.
    assert.ok(semItems.some((text) => /\n(Einde zoektermijn|Terugmelden).*: nog 4 dagen$/.test(text)), `the next date under Sem's name: ${semItems.join(" | ")}`);
    await saveScreenshot(page, "consulent-caseload");
    await expectNoAxeViolations(page, "consulent-caseload", { widths: [1280, 360] });

    await page.goto(`${process.env.BASE_URL}/dossiers/${semsFile}`);
    await page.getByRole("heading", { name: "Wat komt eraan" }).waitFor();
    // The file comes from the device store a moment after the page: wait for its dates.
    await page.locator("#coming-up li").filter({ hasText: "Terugmelden" }).waitFor();
    const comingUp = await page.locator("#coming-up li").allInnerTexts();
    const reportBack = comingUp.find((text) => text.includes("Terugmelden"));
    assert.match(reportBack, /^Let op: Terugmelden.*\(nog 4 dagen\)$/, "close dates are marked in words");
    assert.ok(comingUp.some((text) => text.includes("Einde zoektermijn")), `a young applicant's zoektermijn: ${comingUp.join(" | ")}`);

    // The engine's advice with its reasons, beside the form.
    await page.locator("#engine-advice").getByText("Waarom?").click();
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
    assert.ok(
      (await decision.innerText()).includes(`Besloten door consulent-sanne. Advies van de app: ${advice}. Dit besluit wijkt af van het advies.`),
      await decision.innerText(),
    );
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    const stored = [...(await recordsAtWorker("decision", semsFile)).values()];
    assert.equal(stored.length, 1);
    assert.equal(stored[0].route_id, other);
    assert.ok(stored[0].advised_route_id, "what the engine advised is kept beside the decision");
    // Sem reports back today: the rechtmatigheidsgesprek is due within 14 days (TIL-06).
    await page.getByLabel("Teruggemeld op").fill(dayInAmsterdam(new Date()));
    await page.getByRole("button", { name: "Terugmelding opslaan" }).click();
    await page.locator("#coming-up li").filter({ hasText: "Rechtmatigheidsgesprek" }).waitFor();
    assert.match(
      await page.locator("#coming-up li").filter({ hasText: "Rechtmatigheidsgesprek" }).innerText(),
      /\(nog 1[4-6] dagen\)$/,
      "14 calendar days, moved past a weekend or holiday",
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
