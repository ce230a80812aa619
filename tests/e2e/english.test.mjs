// English (issue 5): Dutch is the default, English is one button away. The client "Jan" switches
// on his phone and goes through every client screen (home, klantfoto with a crisis answer and the
// result, inspanningspakket with a refused entry, appointments with a booking and its detail and
// .ics, route advice, an unknown page); then a consulent and an outreach worker through the staff
// screens (dossiers, a file, its audit trail, the klantfoto with the client). On every screen:
// `<html lang="en">`, not one Dutch word in what the screen shows or says (text, labels for screen
// readers, the chart's description), and no axe violations at 360 and 320 px. The choice survives a
// reload and a login round trip; switching back gives Dutch.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { launchChromium, newPhone, logIn, demoUser, api, BASE_URL, showLessUsedLinks, answerKlantfotoQuestions } from "./browser.mjs";
import { dutchWordsOn, expectEnglish, switchTo } from "./english-check.mjs";
import { accessTokenFor, clientFileFor, testClock } from "./login.mjs";

const TEAM = "team-noord";
const SLOT = randomUUID();
const PLACE = "Stadskantoor Noord";

let browser;
let jansFile;
before(async () => {
  browser = await launchChromium();
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(new Date());
  jansFile = await clientFileFor("client-jan", "Jan", {
    outreachWorker: "outreach-fatima",
    details: { municipality: "Tilburg", application_date: today },
  });
  // One free slot of Jan's team for him to book.
  const slot = { kind: "slot", id: SLOT, owner: { kind: "team", team_id: TEAM } };
  const operations = [
    ["starts_at", "2031-03-04T10:00"],
    ["duration_minutes", 45],
    ["place", PLACE],
  ].map(([field, value]) => ({ op_id: randomUUID(), record: slot, field, value, hlc: testClock("consulent-sanne"), author: "consulent-sanne" }));
  const pushed = await api("POST", "/api/v1/sync/push", { token: await accessTokenFor("consulent-sanne"), body: { operations } });
  assert.equal(pushed.status, 200, pushed.text);
});
after(async () => {
  await browser?.close();
});

test("the word list catches Dutch and lets English and proper names through", () => {
  assert.deepEqual(dutchWordsOn("Everything is saved and sent to the municipality. Tilburg (NOMA), Naar Vermogen, consulent-sanne"), []);
  assert.equal(dutchWordsOn("Who has seen or changed this file? Toon").length, 1);
  assert.equal(dutchWordsOn("Your change (Jan) was replaced: Wie heeft dit dossier bekeken?").length, 3);
  assert.equal(dutchWordsOn("Route-advies").length, 1, "a hyphen is a word boundary");
});

test("Jan switches to English and goes through every client screen; the choice survives a reload; back to Dutch", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-jan"));
    await page.getByRole("heading", { name: "Welkom, Jan" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "nl", "Dutch is the default");
    const languageButton = page.getByRole("button", { name: "English" });
    assert.equal(await languageButton.locator("span").getAttribute("lang"), "en", "the word English is marked as English");
    assert.ok((await languageButton.boundingBox()).height >= 48, "the switch is a large enough target");

    // Half-typed input survives the switch: nothing is re-rendered but the words.
    await page.getByLabel("Hoe wilt u genoemd worden?").fill("Jantje");
    await switchTo(page, "English", "en");
    await page.getByRole("heading", { name: "Welcome, Jan" }).waitFor();
    assert.equal(await page.getByLabel("What name do you want to be called by?").inputValue(), "Jantje");
    await page.getByLabel("What name do you want to be called by?").fill("Jan");
    await page.locator("#sync-state").filter({ hasText: "Everything is saved and sent" }).waitFor();
    await expectEnglish(page, "home", ["Jan"]);

    // Klantfoto: a crisis answer first, then every question, then the result.
    await page.getByRole("link", { name: "Fill in your client profile" }).click();
    await page.getByRole("heading", { name: "Client profile", level: 1 }).waitFor();
    assert.equal(await page.locator("#klantfoto-progress-text").innerText(), "Question 1 of 14");
    await page.getByRole("radio", { name: "No" }).check();
    await page.getByRole("alert").filter({ hasText: "What can you do now?" }).waitFor();
    await expectEnglish(page, "klantfoto-crisis");
    await page.getByRole("button", { name: "Next" }).click();
    await answerKlantfotoQuestions(page, ["Yes", "Yes"], { from: 2, next: "Next" });
    await page.getByRole("radio", { name: /^3\. / }).check();
    await expectEnglish(page, "klantfoto-question");
    await answerKlantfotoQuestions(page, Array(11).fill(3), { from: 4, next: "Next" });
    await page.getByRole("heading", { name: "Your client profile" }).waitFor();
    await page.getByRole("img", { name: /^Spider chart of your client profile/ }).waitFor();
    await page.getByText("Why?", { exact: true }).click();
    await expectEnglish(page, "klantfoto-result", ["Jan"]);

    // Inspanningspakket, with an entry the form refuses (its message in English too).
    await page.goto(`${BASE_URL}/inspanningspakket`);
    await page.getByRole("heading", { name: "Job search tasks", level: 1 }).waitFor();
    assert.equal(await page.locator("#applications-progress").innerText(), "0 of 20 job applications");
    await page.getByLabel("What job?").fill("Gardener");
    await page.getByRole("button", { name: "Save job application" }).click();
    await page.getByRole("alert").filter({ hasText: "Fill in at which company you applied." }).waitFor();
    await expectEnglish(page, "inspanningspakket", ["Gardener"]);

    // The aanvraag, with a BSN the 11-proof refuses (its message in English too).
    await page.goto(`${BASE_URL}/aanvraag`);
    await page.getByRole("heading", { name: "Apply for benefit", level: 1 }).waitFor();
    await page.locator("#no-aanvraag").waitFor();
    await page.getByLabel("Your BSN (citizen service number)").fill("123456781");
    await page.getByRole("button", { name: "Send application" }).click();
    await page.getByRole("alert").filter({ hasText: "The BSN is not right: this BSN does not exist (the 11-proof fails). Check the number." }).waitFor();
    await expectEnglish(page, "aanvraag");

    // Appointments: book the free slot, read it in words, download it for the calendar.
    await page.getByRole("navigation").getByRole("link", { name: "Appointments" }).click();
    await page.getByRole("heading", { name: "Appointments", exact: true }).waitFor();
    await page.locator("#book-deadline").filter({ hasText: "Reporting interview: by the rules of your municipality" }).waitFor();
    await page.getByLabel(/Tuesday 4 March 2031, 10:00 · 45 minutes/).check();
    await expectEnglish(page, "appointments-book", [PLACE]);
    await page.getByRole("button", { name: "Make an appointment" }).click();
    await page.locator("#booked").filter({ hasText: "Your appointment is made: Tuesday 4 March 2031, 10:00." }).waitFor();
    await page.locator("#sync-state").filter({ hasText: "Everything is saved and sent" }).waitFor();
    await expectEnglish(page, "appointments", [PLACE]);
    await page.locator("#appointment-list li").filter({ hasText: "Tuesday 4 March 2031" }).getByRole("link").click();
    await page.getByRole("heading", { name: "Reporting interview" }).waitFor();
    assert.equal(await page.locator("#appointment-when").innerText(), "Tuesday 4 March 2031, 10:00 (until 10:45)");
    await page.getByRole("button", { name: "Move" }).click();
    await page.getByRole("heading", { name: "Move appointment" }).waitFor();
    await expectEnglish(page, "appointment", [PLACE]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Add to my calendar" }).click()]);
    assert.equal(download.suggestedFilename(), "appointment.ics");
    const ics = (await readFile(await download.path(), "utf8")).replaceAll("\r\n ", "");
    assert.match(ics, /\r\nSUMMARY:Reporting interview with the municipality\r\n/);
    assert.match(ics, /When: Tuesday 4 March 2031\\, 10:00/);

    // Route advice, with an answer and every step of why.
    await page.getByRole("navigation").getByRole("link", { name: "Route advice" }).click();
    await page.getByRole("heading", { name: "Route advice", level: 1 }).waitFor();
    await page.getByLabel("Municipality").selectOption("tilburg");
    await page.getByLabel("Date of the application").fill("2026-11-02");
    await page.getByLabel("Date of birth", { exact: true }).fill("1984-03-15");
    await page.getByLabel("Income per month, net (euros)").fill("0");
    await page.getByLabel("Savings and property, minus debts (euros)").fill("0");
    await page.getByLabel("Do you live in the Netherlands lawfully?").selectOption("ja");
    await page.getByLabel("Are you in detention now?").selectOption("nee");
    await page.getByLabel("Do you get student finance?").selectOption("nee");
    await page.getByLabel("Do you have a place to sleep tonight?").selectOption("ja");
    await page.locator("#outcome").filter({ hasText: "Right to social assistance: €" }).waitFor();
    await page.getByText("Why? All steps").click();
    await expectEnglish(page, "advice");

    // A page that does not exist.
    await page.goto(`${BASE_URL}/does-not-exist`);
    await page.getByRole("heading", { name: "This page does not exist" }).waitFor();
    await expectEnglish(page, "not-found");

    // The choice is kept on the device: a reload stays English.
    await page.goto(`${BASE_URL}/advies`);
    await page.reload();
    await page.getByRole("heading", { name: "Route advice", level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");

    // And back: Dutch everywhere again, remembered as such.
    await switchTo(page, "Nederlands", "nl");
    await page.getByRole("heading", { name: "Route-advies", level: 1 }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Afspraken" }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem("naar-vermogen-language")), "nl");
    await page.reload();
    await page.getByRole("heading", { name: "Route-advies", level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "nl");
  } finally {
    await context.close();
  }
});

test("in English before logging in: the choice survives the trip to the identity provider; a consulent's dossiers, a file and its audit trail", async () => {
  const context = await newPhone(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/`);
    await page.getByRole("navigation").getByRole("link", { name: "Inloggen" }).waitFor();
    await switchTo(page, "English", "en");
    await page.getByRole("heading", { name: "Welcome" }).waitFor();
    await page.locator("#storage-persistence").filter({ hasText: /\S/ }).waitFor();
    await expectEnglish(page, "home-logged-out");
    await page.getByRole("navigation").getByRole("link", { name: "Log in" }).click();
    await page.getByRole("button", { name: "Log in (demo)" }).waitFor();
    await expectEnglish(page, "login");

    // The provider's own page is its own (Dutch); back in the app, English again.
    await page.getByRole("button", { name: "Log in (demo)" }).click();
    await page.waitForURL(`${process.env.OIDC_ISSUER}/interaction/**`);
    await page.locator('input[name="subject"][value="consulent-sanne"]').check();
    await page.getByLabel("Wachtwoord").fill(demoUser("consulent-sanne").password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.locator("#who-is-logged-in").filter({ hasText: "Logged in as consulent-sanne (consultant)" }).waitFor();
    await page.getByRole("link", { name: "Go to the files" }).waitFor();
    assert.deepEqual(
      await page.evaluate(() => Object.entries(localStorage).sort()),
      [["naar-vermogen-app", "staff"], ["naar-vermogen-language", "en"]],
      "localStorage holds the app and language choices only (the session is in IndexedDB)",
    );
    await expectEnglish(page, "home-staff");

    await page.getByRole("navigation").getByRole("link", { name: "Client files" }).click();
    await page.getByRole("heading", { name: "Client files" }).waitFor();
    await page.getByRole("link", { name: "Jan", exact: true }).first().waitFor();
    // The names in the list are data (other stories give their clients names too).
    await expectEnglish(page, "dossiers", await page.locator(".file-list a").allInnerTexts());

    await page.goto(`${BASE_URL}/dossiers/${jansFile}`);
    await page.getByRole("heading", { name: "Jan", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Job search tasks" }).waitFor();
    await page.getByRole("button", { name: "Show" }).click();
    await page.locator("#audit-trail tbody tr").first().waitFor();
    await expectEnglish(page, "dossier", ["Jan"]);

    await showLessUsedLinks(page);
    await page.getByRole("navigation").getByRole("link", { name: "Consultation hours" }).click();
    await page.getByRole("heading", { name: "Add a consultation hour" }).waitFor();
    await page.getByRole("button", { name: "Set up times" }).click();
    await page.getByRole("alert").filter({ hasText: "Under 'Place', fill in where the appointments are" }).waitFor();
    // The places of the times set up are data.
    await expectEnglish(page, "consultation-hours", [PLACE]);
  } finally {
    await context.close();
  }
});

test("an outreach worker in English: the file and the klantfoto filled in with the client", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("outreach-fatima"));
    await page.getByRole("link", { name: "Naar de dossiers" }).waitFor();
    await switchTo(page, "English", "en");
    await page.getByRole("navigation").getByRole("link", { name: "Client files" }).click();
    await page.goto(`${BASE_URL}/dossiers/${jansFile}`);
    await page.getByRole("heading", { name: "Jan", level: 1 }).waitFor();
    await expectEnglish(page, "dossier-outreach", ["Jan"]);
    await page.getByRole("link", { name: "Client profile (together with the client)" }).click();
    // Jan's answers (the story above) if they have arrived, else the first question.
    await page.getByRole("heading", { name: "Client profile", level: 1 }).waitFor();
    await page.locator("#klantfoto-progress-text").or(page.getByRole("heading", { name: "Your client profile" })).first().waitFor();
    await expectEnglish(page, "klantfoto-outreach", ["Jan"]);
  } finally {
    await context.close();
  }
});
