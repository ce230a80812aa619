// Policy maker (issue 6): Ahmed, at his desk (1280 × 800), reads the municipalities' policies in words
// and simulates an anonymous caseload under every policy, as a table and a chart, in the browser and
// offline. He sees no client data: not through the app (no dossiers link, /dossiers refuses) and not
// through the API (a pull returns no client-file operations; files, audit trails and caseload
// administration are refused). Every screen: no axe violations at 1280, 360 and 320 px, and in English
// when switched.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newDesktop, newPhone, logIn, demoUser, expectNoAxeViolations, saveScreenshot, api, BASE_URL, goOffline, showLessUsedLinks } from "./browser.mjs";
import { expectEnglish, switchTo } from "./english-check.mjs";
import { accessTokenFor, clientFileFor, testClock } from "./login.mjs";
import { randomUUID } from "node:crypto";

const WIDTHS = [1280, 360, 320];
const CLIENT_NAME = "Beleidstest Cliënt";
let browser;
let clientFile;
before(async () => {
  browser = await launchChromium();
  // A real client file in the worker, so that there is something a policy maker must not get.
  clientFile = await clientFileFor("client-lotte", CLIENT_NAME, {
    outreachWorker: "outreach-karim",
    details: { municipality: "Tilburg", application_date: "2026-11-02" },
  });
});
after(async () => {
  await browser?.close();
});

/** The counts in the simulation table, per policy row: [name, [count per route kind]]. */
function tableCounts(page) {
  return page.locator("#simulation-table tbody tr").evaluateAll((rows) =>
    rows.map((row) => [
      row.querySelector("th").innerText,
      [...row.querySelectorAll("td")].map((cell) => Number(cell.innerText.split("\n")[0])),
    ]),
  );
}

const sum = (numbers) => numbers.reduce((a, b) => a + b, 0);

test("through the API a policy maker gets no client data at all", async () => {
  const ahmed = await accessTokenFor("beleid-ahmed");
  const sanne = await accessTokenFor("consulent-sanne");
  // Sanne (the team's consulent) does get the file: the data is there to leak.
  const sannes = await api("GET", "/api/v1/sync/changes?after=0&limit=5000", { token: sanne });
  assert.ok(sannes.json.changes.some(({ operation }) => operation.record.owner.client_id === clientFile), "the file exists");

  const pulled = await api("GET", "/api/v1/sync/changes?after=0&limit=5000", { token: ahmed });
  assert.equal(pulled.status, 200, pulled.text);
  const aboutClientFiles = pulled.json.changes.filter(({ operation }) => operation.record.owner.client_id);
  assert.deepEqual(aboutClientFiles, [], "no operation about any client file");
  assert.deepEqual(pulled.json.changes, [], "nor anything else: policies are built into the app");
  assert.doesNotMatch(pulled.text, new RegExp(CLIENT_NAME), "not the client's name");

  assert.equal((await api("GET", `/api/v1/client-files/${clientFile}/audit`, { token: ahmed })).status, 403);
  const link = await api("PUT", `/api/v1/client-files/${clientFile}/outreach-worker`, {
    token: ahmed,
    body: { staff_subject: "outreach-fatima" },
  });
  assert.equal(link.status, 403, link.text);
  const record = { kind: "dossier", id: clientFile, owner: { kind: "client", client_id: clientFile } };
  const push = await api("POST", "/api/v1/sync/push", {
    token: ahmed,
    body: { operations: [{ op_id: randomUUID(), record, field: "preferred_name", value: "Gewijzigd", hlc: testClock("beleid-ahmed"), author: "beleid-ahmed" }] },
  });
  assert.equal(push.status, 403, push.text);
  // He belongs to no team: no appointment slots either.
  const slots = await api("GET", "/api/v1/slots/free", { token: ahmed });
  assert.equal(slots.status, 200, slots.text);
  assert.deepEqual(slots.json, { team_id: null, slots: [] });
});

test("Ahmed reads the policies in words, simulates a made-up caseload and his own file, offline too; no client files; in English", async () => {
  const context = await newDesktop(browser);
  try {
    const page = await logIn(context, demoUser("beleid-ahmed"));
    await page.locator("#who-is-logged-in").filter({ hasText: "beleid-ahmed" }).waitFor();
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    const nav = page.getByRole("navigation");
    await nav.getByRole("link", { name: "Beleid" }).waitFor();
    assert.equal(await nav.getByRole("link", { name: "Dossiers" }).count(), 0, "no dossiers in the menu");
    await page.getByRole("link", { name: "Naar de simulatie" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Naar de dossiers" }).count(), 0);
    await expectNoAxeViolations(page, "policy-maker-home", { widths: WIDTHS });

    // The client file list, typed in: a refusal, and nothing of any client.
    await page.goto(`${BASE_URL}/dossiers`);
    await page.getByRole("alert").filter({ hasText: "U mag geen dossiers zien" }).waitFor();
    assert.equal(await page.locator(".file-list a").count(), 0);
    assert.doesNotMatch(await page.locator("main").innerText(), new RegExp(CLIENT_NAME));
    await expectNoAxeViolations(page, "policy-maker-dossiers", { widths: WIDTHS });
    await page.goto(`${BASE_URL}/dossiers/${clientFile}`);
    await page.locator("main h1").waitFor();
    assert.doesNotMatch(await page.locator("main").innerText(), new RegExp(CLIENT_NAME), "a file's own address shows nothing of it");

    // The list of policies.
    await page.goto(`${BASE_URL}/`);
    await nav.getByRole("link", { name: "Beleid" }).click();
    await page.getByRole("heading", { name: "Beleid van de gemeenten", level: 1 }).waitFor();
    const items = page.locator("#policy-list > li");
    assert.equal(await items.count(), 8, "the 8 policies built into the app");
    const tilburg = items.filter({ hasText: "Tilburg (NOMA)" });
    assert.match(await tilburg.innerText(), /Gemeente: Tilburg/);
    assert.match(await tilburg.innerText(), /Geldig vanaf 2015-01-01\./);
    assert.match(await tilburg.innerText(), /Bron: Seed 001, case Tilburg, L528-L623/);
    await saveScreenshot(page, "policy-list");
    await expectNoAxeViolations(page, "policy-list", { widths: WIDTHS });

    // One policy in words: routes with who gets them, instruments, deadlines, package, advance, sources.
    await tilburg.getByRole("link", { name: "Tilburg (NOMA)" }).click();
    await page.getByRole("heading", { name: "Tilburg (NOMA)", level: 1 }).waitFor();
    assert.match(await page.locator("#selection-input").innerText(), /Op de tijd tot werk/);
    const traject = page.locator("section.route").filter({ hasText: "Re-integratietraject naar betaald werk" });
    assert.match(await traject.innerText(), /Voor wie: Kan binnen 12 maanden bij een gewone werkgever werken\./);
    assert.match(await traject.innerText(), /Soort route: Traject naar betaald werk/);
    assert.match(await traject.innerText(), /Bron: TIL-11, TIL-15 \(L550, L579\)/);
    const social = page.locator("section.route").filter({ hasText: "Meedoen in de samenleving" });
    assert.match(await social.innerText(), /Heeft 13 maanden of langer nodig/);
    assert.match(await social.innerText(), /Tijdelijke plek bij de Diamant Groep, met behoud van uitkering: maximaal 24 maanden/);
    assert.match(await page.locator("#deadline-rules").innerText(), /Meldingsgesprek: binnen 3 dagen na de aanvraag of melding/);
    assert.match(await page.locator("#deadline-rules").innerText(), /binnen 14 dagen na het terugmelden/);
    await page.getByText("20 sollicitaties", { exact: true }).waitFor();
    await page.getByText("Wie jonger is dan 27, kijkt ook naar een opleiding.").waitFor();
    assert.match(await page.locator("#legal-advance").innerText(), /langer dan 4 weken.*90% van de norm/);
    await saveScreenshot(page, "policy-tilburg");
    await expectNoAxeViolations(page, "policy-tilburg", { widths: WIDTHS });
    // A policy that selects on the loonwaarde says its bands in words.
    await page.goto(`${BASE_URL}/beleid/s-hertogenbosch-weener-xl`);
    await page.getByText("Loonwaarde van 30% tot 80% van het minimumloon.").waitFor();
    await page.getByText("Loonwaarde van 80% van het minimumloon of meer.").waitFor();
    await page.goto(`${BASE_URL}/beleid/atlantis`);
    await page.getByRole("heading", { name: "Dit beleid bestaat niet" }).waitFor();

    // The simulation: 1,000 made-up clients under every policy.
    await page.goto(`${BASE_URL}/beleid/simulatie`);
    await page.getByRole("heading", { name: "Simulatie: dezelfde cliënten onder elk beleid", level: 1 }).waitFor();
    await page.getByLabel("Aantal cliënten").fill("1000");
    await page.getByRole("button", { name: "Simulatie starten" }).click();
    await page.locator("#simulation-table caption").filter({ hasText: "1000 verzonnen cliënten onder 8 beleidsprofielen" }).waitFor();
    const counts = await tableCounts(page);
    assert.equal(counts.length, 8);
    for (const [policy, row] of counts) {
      assert.equal(row.length, 7, policy);
      assert.equal(sum(row), 1000, `${policy}: every client gets exactly one route`);
    }
    const headers = await page.locator("#simulation-table thead th").allInnerTexts();
    assert.deepEqual(headers.slice(0, 2), ["Beleid", "Eerst de crisis oplossen"]);
    assert.equal(await page.locator("#simulation-table tbody th[scope=row]").count(), 8);
    const crisis = counts.map(([, row]) => row[0]);
    assert.ok(crisis.every((n) => n === crisis[0] && n > 0), "a crisis comes first under every policy");
    // The same seed gives the same numbers again.
    await page.getByRole("button", { name: "Simulatie starten" }).click();
    assert.deepEqual(await tableCounts(page), counts);
    const chart = page.getByRole("img", { name: /^Staafgrafiek: per beleid/ });
    await chart.waitFor();
    assert.match(await page.locator("#chart-desc").textContent(), /Tilburg \(NOMA\): de grootste groep is/);
    assert.equal(await page.locator("#chart-legend li").count(), 7, "a legend with a pattern per kind of route");
    assert.ok((await page.locator("#simulation-chart .chart-share").count()) > 0, "shares written on the bars");
    await saveScreenshot(page, "policy-simulation");
    await expectNoAxeViolations(page, "policy-simulation", { widths: WIDTHS });

    // Its own caseload, pasted: a bad line is refused with its number and changes nothing.
    await page.getByLabel("Een eigen bestand, zonder namen (CSV of JSONL)").check();
    const csv = [
      "birth_date,monthly_income_cents,lawful_residence,place_to_sleep_tonight,loonwaarde_percent_wml,months_to_labour_market",
      "1984-03-15,0,ja,ja,40,9",
      "1990-06-01,veel,ja,ja,,",
      "2001-01-01,0,ja,nee,,",
    ].join("\n");
    await page.getByLabel("Cliënten: één per regel").fill(csv);
    await page.getByRole("button", { name: "Simulatie starten" }).click();
    await page.locator("#simulation-error").filter({ hasText: "Regel 3: `veel` in monthly_income_cents is geen geheel getal. Er is niets gesimuleerd" }).waitFor();
    assert.deepEqual(await tableCounts(page), counts, "the last result stands");
    await expectNoAxeViolations(page, "policy-simulation-bad-line", { widths: WIDTHS });
    await page.getByLabel("Cliënten: één per regel").fill(csv.replace("veel", "0"));
    await page.getByRole("button", { name: "Simulatie starten" }).click();
    await page.locator("#simulation-table caption").filter({ hasText: "3 cliënten uit uw bestand" }).waitFor();
    assert.equal(await page.locator("#simulation-error").innerText(), "");
    const own = new Map(await tableCounts(page));
    assert.deepEqual(own.get("'s-Hertogenbosch / Weener XL"), [1, 1, 0, 0, 1, 0, 0], "crisis, no loonwaarde, 40%");
    assert.deepEqual(own.get("Tilburg (NOMA)"), [1, 1, 0, 1, 0, 0, 0], "crisis, no time to work, 9 months");

    // Or a file chosen from the computer, read on the device; and all of it without a network.
    await goOffline(context, page);
    await page.getByLabel("Of kies een bestand").setInputFiles({
      name: "caseload.jsonl",
      mimeType: "application/jsonl",
      buffer: Buffer.from('{"diagnosis": {"loonwaarde_percent_wml": 90}}\n\n{"crisis": {"food_today": false}}\n'),
    });
    await page.waitForFunction(() => document.querySelector("#caseload-text").value.includes("food_today"));
    await page.getByRole("button", { name: "Simulatie starten" }).click();
    await page.locator("#simulation-table caption").filter({ hasText: "2 cliënten uit uw bestand" }).waitFor();
    const fromFile = new Map(await tableCounts(page));
    assert.deepEqual(fromFile.get("Súdwest-Fryslân"), [1, 0, 1, 0, 0, 0, 0], "90% → own strength; no food → crisis");
    await page.getByLabel("Verzonnen cliënten: geen echte gegevens").check();
    await page.getByLabel("Aantal cliënten").fill("20000");
    await page.getByRole("button", { name: "Simulatie starten" }).click();
    await page.locator("#simulation-error").filter({ hasText: "Vul bij 'Aantal cliënten' een getal in van 1 tot en met 10000." }).waitFor();
    await page.getByLabel("Aantal cliënten").fill("250");
    await page.getByRole("button", { name: "Simulatie starten" }).click();
    await page.locator("#simulation-table caption").filter({ hasText: "250 verzonnen cliënten" }).waitFor();
    await context.setOffline(false);

    // In English: the three screens, with the sources (quotes from the seeds) and place names as data.
    await switchTo(page, "English", "en");
    await page.getByRole("heading", { name: "Simulation: the same clients under each policy", level: 1 }).waitFor();
    await page.locator("#simulation-table caption").filter({ hasText: "250 made-up clients under 8 policies" }).waitFor();
    await expectEnglish(page, "policy-simulation", [], { widths: WIDTHS });
    await page.getByLabel("A file of your own, without names (CSV or JSONL)").check();
    await page.getByLabel("Clients: one per line").fill("birth_date\n1984-02-30\n");
    await page.getByRole("button", { name: "Run the simulation" }).click();
    await page.locator("#simulation-error").filter({ hasText: /^Line 2: .*YYYY-MM-DD.*Nothing was simulated/ }).waitFor();
    await expectEnglish(page, "policy-simulation-bad-line", [], { widths: WIDTHS });
    // Names of organisations in the policies are the same in both languages.
    const organisations = ["Diamant Groep", "TOM in de buurt", "Sterk naar Werk"];
    const data = async () => [
      ...organisations,
      ...(await page.locator(".source-text").allInnerTexts()),
      ...(await page.locator(".municipalities").allInnerTexts()),
    ];
    await page.getByRole("navigation").getByRole("link", { name: "Policy" }).click();
    await page.getByRole("heading", { name: "The municipalities' policies", level: 1 }).waitFor();
    await expectEnglish(page, "policy-list", await data(), { widths: WIDTHS });
    const policies = await page.locator("#policy-list h2 a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    assert.equal(policies.length, 8);
    for (const href of policies) {
      const policy = href.split("/").pop();
      await page.goto(`${BASE_URL}${href}`);
      await page.getByRole("heading", { name: "How does this policy choose a route?" }).waitFor();
      await expectEnglish(page, `policy-${policy}`, await data(), { widths: [1280] });
    }
    await page.goto(`${BASE_URL}/dossiers`);
    await page.getByRole("alert").filter({ hasText: "You may not see client files." }).waitFor();
    await expectEnglish(page, "policy-maker-dossiers", [], { widths: WIDTHS });
  } finally {
    await context.close();
  }
});

test("a client may read the policies (no personal data) but has no menu link to them; a consulent has", async () => {
  for (const [subject, hasLink] of [["client-lotte", false], ["consulent-sanne", true]]) {
    const context = await newPhone(browser);
    try {
      const page = await logIn(context, demoUser(subject));
      await page.locator("#who-is-logged-in").filter({ hasText: subject }).waitFor();
      await showLessUsedLinks(page);
      assert.equal(await page.getByRole("navigation").getByRole("link", { name: "Beleid" }).count(), hasLink ? 1 : 0, subject);
      await page.goto(`${BASE_URL}/beleid/tilburg`);
      await page.getByRole("heading", { name: "Tilburg (NOMA)", level: 1 }).waitFor();
    } finally {
      await context.close();
    }
  }
});
