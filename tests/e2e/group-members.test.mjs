// Who is in a group, and a client's own training (issue 6). Consulent Sanne (desktop) places Lotte, a
// client of team-noord, in the team's group "Sterk naar Werk, groep 9", offline, then syncs; the
// trainers (tablet) see her name on their lists, though their devices had synced before she joined;
// they never get a form to place anyone. Refused, through the API and in the app: a trainer, a client,
// the consulent of team-zuid, a client of another team, a group of another team, a bad value, an
// unknown group. Lotte (phone) reads her own attendance and end goals in plain words: what the
// trainers marked, "being checked" where they disagree (not who said what), and nothing of Wessel,
// the other participant (not on screen, not in her pulls). Every screen axe-clean, and in English.
//
// The tests run in order and build on each other.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { launchChromium, newDesktop, newTablet, newPhone, logIn, demoUser, expectNoAxeViolations, saveScreenshot, goOffline, api, BASE_URL } from "./browser.mjs";
import { accessTokenFor, clientFileFor, testClock, latestValueAtWorker } from "./login.mjs";
import { expectEnglish, switchTo } from "./english-check.mjs";

const GROUP = randomUUID();
const GROUP_NAME = "Sterk naar Werk, groep 9";
const OTHER_GROUP = randomUUID();
let lotte;
let wessel;
let zuidClient;
let browser;
let pieterContext;
let pieter;
let lotteContext;
let lottePage;
const DAY = 24 * 60 * 60 * 1000;
const dayInAmsterdam = (date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(date);
/** The id the app gives session `number` of a group (shared::attendance::session_id_for). */
const sessionId = (number) => number.toString(16).padStart(8, "0") + GROUP.slice(8);
const synced = (page) => page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();

const operation = (author, record, field, value) => ({ op_id: randomUUID(), record, field, value, hlc: testClock(author), author });
const membership = (author, clientId, value = "member", groupId = GROUP) =>
  operation(author, { kind: "membership", id: `${groupId}.${clientId}`, owner: { kind: "group_member", group_id: groupId, client_id: clientId } }, "status", value);
const attendance = (author, number, clientId, value) =>
  operation(author, { kind: "attendance", id: `${sessionId(number)}.${clientId}`, owner: { kind: "group_member", group_id: GROUP, client_id: clientId } }, "status", value);
const endGoal = (author, clientId, goal, value) =>
  operation(author, { kind: "end_goal_progress", id: `${GROUP}.${clientId}.${goal}`, owner: { kind: "group_member", group_id: GROUP, client_id: clientId } }, "level", value);
const push = async (subject, operations) => api("POST", "/api/v1/sync/push", { token: await accessTokenFor(subject), body: { operations } });

before(async () => {
  browser = await launchChromium();
  wessel = await clientFileFor(null, "Wessel");
  // A client of team-zuid: Bram starts the file (his first change makes it, in his team).
  zuidClient = randomUUID();
  const started = await push("consulent-bram", [
    operation("consulent-bram", { kind: "dossier", id: zuidClient, owner: { kind: "client", client_id: zuidClient } }, "preferred_name", "Zoë"),
  ]);
  assert.equal(started.status, 200, started.text);
  const sanne = await accessTokenFor("consulent-sanne");
  for (const [groupId, token] of [[GROUP, sanne], [OTHER_GROUP, await accessTokenFor("consulent-bram")]]) {
    const group = await api("POST", "/api/v1/groups", { token, body: { group_id: groupId, trainer_subjects: ["trainer-pieter", "trainer-ilse"] } });
    assert.equal(group.status, 201, group.text);
  }
  // The group, its programme and three sessions: a week ago, five days ago, in a week.
  const groupRecord = { kind: "group", id: GROUP, owner: { kind: "group", group_id: GROUP } };
  const sessions = [-7, -5, 7].flatMap((days, index) => {
    const record = { kind: "group_session", id: sessionId(index + 1), owner: { kind: "group", group_id: GROUP } };
    return [
      operation("consulent-sanne", record, "number", index + 1),
      operation("consulent-sanne", record, "starts_at", `${dayInAmsterdam(new Date(Date.now() + days * DAY))}T09:30`),
      operation("consulent-sanne", record, "duration_minutes", 180),
    ];
  });
  const setUp = await push("consulent-sanne", [
    operation("consulent-sanne", groupRecord, "name", GROUP_NAME),
    operation("consulent-sanne", groupRecord, "programme", "ijmond-werkt/sterk-naar-werk"),
    ...sessions,
    membership("consulent-sanne", wessel),
  ]);
  assert.equal(setUp.status, 200, setUp.text);
  // Wessel's marks and progress: never for Lotte's eyes.
  const marked = await push("trainer-pieter", [attendance("trainer-pieter", 1, wessel, "absent_without_reason"), endGoal("trainer-pieter", wessel, "job_search", "reached")]);
  assert.equal(marked.status, 200, marked.text);
  // Lotte's file comes last: her device's cursor then lies beyond the group's schedule, which she may
  // read only once she joins (the worker sends it along with her membership).
  lotte = await clientFileFor("client-lotte", "Lotte");
  // And a change to the group after it, so that the trainers' cursor lies beyond Lotte's name, which
  // they may read only once she joins.
  const place = { kind: "group_session", id: sessionId(3), owner: { kind: "group", group_id: GROUP } };
  const placed = await push("consulent-sanne", [operation("consulent-sanne", place, "place", "Wijkcentrum De Boog, zaal 2")]);
  assert.equal(placed.status, 200, placed.text);
  pieterContext = await newTablet(browser);
  lotteContext = await newPhone(browser);
});

after(async () => {
  await browser?.close();
});

test("before: the trainer's and Lotte's devices have synced; the trainer sees Wessel only and no way to place anyone", async () => {
  pieter = await logIn(pieterContext, demoUser("trainer-pieter"));
  await pieter.getByRole("link", { name: "Naar de groepen" }).waitFor();
  await pieter.goto(`${BASE_URL}/groepen/${GROUP}`);
  await pieter.locator("#participants tbody th").filter({ hasText: "Wessel" }).waitFor();
  await synced(pieter);
  assert.deepEqual(await pieter.locator("#participants tbody th").allInnerTexts(), ["Wessel"]);
  assert.equal(await pieter.locator("#add-member").count(), 0, "no form to place anyone for a trainer");
  assert.equal(await pieter.getByRole("button", { name: /uit de groep halen/ }).count(), 0);

  lottePage = await logIn(lotteContext, demoUser("client-lotte"));
  await lottePage.getByRole("heading", { name: "Welkom, Lotte" }).waitFor();
  await synced(lottePage);
  assert.equal(await lottePage.getByRole("link", { name: "Mijn training" }).count(), 0, "not in a group yet");
});

test("the consulent places Lotte in the group offline: refused without a choice, then stored on the device, synced and audited", async () => {
  const context = await newDesktop(browser);
  try {
    const sanne = await logIn(context, demoUser("consulent-sanne"));
    await sanne.getByRole("navigation").getByRole("link", { name: "Groepen" }).click();
    await sanne.getByRole("link", { name: GROUP_NAME }).click();
    await sanne.getByRole("heading", { name: "Deelnemers" }).waitFor();
    await sanne.locator("#members li").filter({ hasText: "Wessel" }).waitFor();
    const choices = await sanne.locator("#member-client option").evaluateAll((options) => options.map((o) => o.value));
    assert.ok(choices.includes(lotte), "Lotte's file is among the team's caseload to choose from");
    assert.ok(!choices.includes(wessel), "a participant is not offered again");
    assert.ok(!choices.includes(zuidClient), "another team's client is not on the consulent's device");
    await saveScreenshot(sanne, "group-members-consulent");
    await expectNoAxeViolations(sanne, "group-members-consulent", { widths: [1280, 360, 320] });

    // No choice: a clear refusal, nothing stored.
    await sanne.getByRole("button", { name: "In de groep plaatsen" }).click();
    await sanne.getByRole("alert").filter({ hasText: "Kies eerst wie u in de groep plaatst, bij 'Cliënt'." }).waitFor();
    assert.equal(await sanne.locator("#members li").count(), 1);

    await goOffline(context, sanne);
    await sanne.locator("#member-client").selectOption(lotte);
    await sanne.getByRole("button", { name: "In de groep plaatsen" }).click();
    await sanne.getByRole("status").filter({ hasText: "Lotte staat nu in de groep. De trainers zien de naam op hun lijst." }).waitFor();
    await sanne.locator("#members li").filter({ hasText: "Lotte" }).waitFor();
    await sanne.locator("#sync-state").filter({ hasText: "op dit apparaat opgeslagen" }).waitFor();
    assert.equal(await latestValueAtWorker("membership", `${GROUP}.${lotte}`, "status"), undefined, "offline: not at the worker yet");
    await saveScreenshot(sanne, "group-members-offline");

    await context.setOffline(false);
    await synced(sanne);
    assert.equal(await latestValueAtWorker("membership", `${GROUP}.${lotte}`, "status"), "member");
    const trail = await api("GET", `/api/v1/client-files/${lotte}/audit`, { token: await accessTokenFor("consulent-sanne") });
    assert.equal(trail.status, 200, trail.text);
    assert.ok(
      trail.json.some((e) => e.actor_subject === "consulent-sanne" && e.action === "write" && e.what.includes("membership")),
      "placing a client in a group is in the file's audit trail",
    );

    // The group page in English, with its participants.
    await switchTo(sanne, "English", "en");
    await sanne.getByRole("heading", { name: "Participants" }).waitFor();
    await expectEnglish(sanne, "group-members-consulent", [GROUP_NAME, "Sterk naar Werk", "Lotte", "Wessel"], { widths: [1280, 360] });
    await switchTo(sanne, "Nederlands", "nl");
  } finally {
    await context.close();
  }
});

test("the trainers see Lotte by name on their synced devices and mark her; they disagree on one session", async () => {
  await pieter.reload();
  await pieter.locator("#participants tbody th").filter({ hasText: "Lotte" }).waitFor();
  assert.deepEqual(await pieter.locator("#participants tbody th").allInnerTexts(), ["Lotte", "Wessel"], "her name, not a number");
  assert.equal(await pieter.locator("#add-member").count(), 0);
  await pieter.getByRole("link", { name: /^Dagdeel 1:/ }).click();
  const row = pieter.locator("fieldset.attendance-row").filter({ has: pieter.locator("legend", { hasText: "Lotte" }) });
  await row.getByRole("button", { name: "Aanwezig", exact: true }).click();
  await row.getByRole("button", { name: "Aanwezig", exact: true }).and(pieter.locator('[aria-pressed="true"]')).waitFor();
  await synced(pieter);
  const marks = await push("trainer-pieter", [attendance("trainer-pieter", 2, lotte, "late"), endGoal("trainer-pieter", lotte, "job_search", "working_on_it")]);
  assert.equal(marks.status, 200, marks.text);
  const ilse = await push("trainer-ilse", [attendance("trainer-ilse", 2, lotte, "absent_without_reason")]);
  assert.equal(ilse.status, 200, ilse.text);
});

test("placing and taking out is refused for a trainer, a client, another team, another team's client or group, bad input", async () => {
  const refusals = [
    ["trainer-pieter", membership("trainer-pieter", lotte, "left"), 403, "a trainer"],
    ["client-lotte", membership("client-lotte", lotte, "left"), 403, "the client herself"],
    ["consulent-bram", membership("consulent-bram", lotte, "left"), 403, "the consulent of another team"],
    ["consulent-bram", membership("consulent-bram", zuidClient), 403, "another team's consulent, his own client, our group"],
    ["consulent-sanne", membership("consulent-sanne", zuidClient), 403, "another team's client in our group"],
    ["consulent-sanne", membership("consulent-sanne", lotte, "member", OTHER_GROUP), 403, "our client in another team's group"],
    ["consulent-sanne", membership("consulent-sanne", lotte, "maybe"), 422, "a value that is not member or left"],
    ["consulent-sanne", membership("consulent-sanne", lotte, "member", randomUUID()), 422, "a group that does not exist"],
  ];
  for (const [subject, op, status, who] of refusals) {
    const answer = await push(subject, [op]);
    assert.equal(answer.status, status, `${who}: ${answer.text}`);
    assert.ok(answer.json.message.nl && answer.json.message.en, `${who}: the reason in Dutch and English`);
    if (status === 422) assert.equal(answer.json.field, op.value === "maybe" ? "value" : "record", who);
  }
  assert.equal(await latestValueAtWorker("membership", `${GROUP}.${lotte}`, "status"), "member", "nothing changed");
  assert.equal(await latestValueAtWorker("membership", `${GROUP}.${zuidClient}`, "status"), undefined);

  // In the app: the consulent of team-zuid finds no group of team-noord, and no form.
  const context = await newDesktop(browser);
  try {
    const bram = await logIn(context, demoUser("consulent-bram"));
    await bram.getByRole("link", { name: "Naar de dossiers" }).waitFor();
    await synced(bram);
    await bram.goto(`${BASE_URL}/groepen/${GROUP}`);
    await bram.locator("#group-not-here").waitFor();
    assert.equal(await bram.locator("#add-member").count(), 0, "no form for another team's group");
    assert.equal(await bram.getByRole("button", { name: "Maak het rooster" }).count(), 0);
    assert.doesNotMatch(await bram.locator("body").innerText(), /Lotte|Wessel|Sterk naar Werk, groep 9/);
    await expectNoAxeViolations(bram, "group-not-here", { widths: [1280, 320] });
  } finally {
    await context.close();
  }
});

test("Lotte reads her own attendance and end goals on her phone, and nothing of anyone else", async () => {
  await lottePage.reload();
  await lottePage.getByRole("link", { name: "Mijn training" }).click();
  await lottePage.getByRole("heading", { name: "Mijn training", level: 1 }).waitFor();
  await lottePage.getByRole("heading", { name: GROUP_NAME, level: 2 }).waitFor();
  const sessions = lottePage.locator(".own-sessions li");
  await sessions.nth(2).waitFor();
  const lines = await sessions.allInnerTexts();
  assert.match(lines[0], /, 09:30: U was er\.$/);
  assert.match(lines[1], /, 09:30: De trainers kijken dit nog na\.$/, "a disagreement is being checked");
  assert.match(lines[2], /, 09:30: Deze les komt nog\.$/);
  assert.equal(
    await lottePage.locator(".own-counts").innerText(),
    "U was er 1 keer. U was 0 keer te laat. U was 0 keer afwezig met een reden en 0 keer zonder reden.",
  );
  await lottePage.getByText("Bent u 3 keer afwezig zonder reden? Dan krijgt uw consulent een bericht.").waitFor();
  const goals = await lottePage.locator(".own-end-goals li").allInnerTexts();
  assert.equal(goals.length, 4, goals.join(" | "));
  assert.ok(goals.some((goal) => goal.endsWith(": Bezig")), goals.join(" | "));
  assert.equal(goals.filter((goal) => goal.endsWith(": Behaald")).length, 0, "Wessel's reached goal is not hers");
  const text = await lottePage.locator("body").innerText();
  assert.doesNotMatch(text, /Wessel|trainer-ilse|trainer-pieter|Te laat\.|Afwezig zonder reden/, "no one else's name or marks, no trainer's answer");
  await saveScreenshot(lottePage, "own-training-client");
  await expectNoAxeViolations(lottePage, "own-training-client", { widths: [360, 320] });

  // Through the API: her pulls hold her own marks and the group's schedule, nothing of Wessel.
  const pulled = await api("GET", "/api/v1/sync/changes?after=0&limit=5000", { token: await accessTokenFor("client-lotte") });
  assert.equal(pulled.status, 200, pulled.text);
  const operations = pulled.json.changes.map((change) => change.operation);
  assert.ok(!JSON.stringify(operations).includes(wessel), "nothing about Wessel");
  const ownMarks = operations.filter((o) => o.record.kind === "attendance");
  assert.ok(ownMarks.length >= 3 && ownMarks.every((o) => o.record.owner.client_id === lotte), "attendance: her own only");
  assert.ok(operations.some((o) => o.record.kind === "group_session"), "the group's schedule");

  await switchTo(lottePage, "English", "en");
  await lottePage.getByRole("heading", { name: "My training", level: 1 }).waitFor();
  await lottePage.locator(".own-sessions li").filter({ hasText: "The trainers are still checking this." }).waitFor();
  await expectEnglish(lottePage, "own-training-client", [GROUP_NAME, "Sterk naar Werk"]);
  await switchTo(lottePage, "Nederlands", "nl");
});

test("the consulent takes Lotte out of the group; the trainer's list follows", async () => {
  const context = await newDesktop(browser);
  try {
    const sanne = await logIn(context, demoUser("consulent-sanne"));
    await sanne.getByRole("link", { name: "Naar de dossiers" }).waitFor();
    await sanne.goto(`${BASE_URL}/groepen/${GROUP}`);
    await sanne.getByRole("button", { name: "Lotte uit de groep halen" }).click();
    await sanne.getByRole("status").filter({ hasText: "Lotte staat niet meer in de groep." }).waitFor();
    await synced(sanne);
    assert.equal(await latestValueAtWorker("membership", `${GROUP}.${lotte}`, "status"), "left");
  } finally {
    await context.close();
  }
  await pieter.goto(`${BASE_URL}/groepen/${GROUP}`);
  await synced(pieter);
  await pieter.locator("#participants tbody th").filter({ hasText: "Wessel" }).waitFor();
  await pieter.waitForFunction(() => ![...document.querySelectorAll("#participants tbody th")].some((th) => th.textContent.includes("Lotte")));
});
