// The sync API against the running worker (workerd + D1), with genuine tokens from the local
// identity provider: authorization for every role × data class × read/write, idempotent pushes,
// bad input refused with nothing stored, and the audit trail.
//
// The expected tables below are written out by hand from the issue ("each role sees only what it
// needs"), not computed by shared::access, so that a mistake in the decision function shows here.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { api } from "./browser.mjs";
import { accessTokenFor } from "./login.mjs";

const USERS = [
  "client-jan",
  "client-fenna",
  "outreach-fatima",
  "outreach-karim",
  "trainer-pieter",
  "trainer-noor",
  "consulent-sanne",
  "consulent-bram",
  "beleid-ahmed",
];
const token = {};

// Jan's file, Fenna's file, a group with one session, and a slot of Sanne's team.
const JAN = randomUUID();
const FENNA = randomUUID();
const GROUP = randomUUID();
// A session id is made from its group's (shared::journey::attendance::session_id_for).
const SESSION = `00000001${GROUP.slice(8)}`;
const SLOT = randomUUID();
const TEAM = "team-noord";

const ofJan = (kind, id = randomUUID()) => ({ kind, id, owner: { kind: "client", client_id: JAN } });
const dossier = (clientId) => ({ kind: "dossier", id: clientId, owner: { kind: "client", client_id: clientId } });
const group = { kind: "group", id: GROUP, owner: { kind: "group", group_id: GROUP } };
const session = { kind: "group_session", id: SESSION, owner: { kind: "group", group_id: GROUP } };
const member = { kind: "group_member", group_id: GROUP, client_id: JAN };
const attendance = { kind: "attendance", id: `${SESSION}.${JAN}`, owner: member };
const membership = { kind: "membership", id: `${GROUP}.${JAN}`, owner: member };
const endGoal = { kind: "end_goal_progress", id: `${GROUP}.${JAN}.job_search`, owner: member };
const slot = { kind: "slot", id: SLOT, owner: { kind: "team", team_id: TEAM } };

let wall = Date.now() - 60_000;
function hlc(device) {
  wall += 1;
  return `${String(wall).padStart(18, "0")}-${"0".padStart(10, "0")}-${device}`;
}

function op(author, record, field, value, device = author) {
  return { op_id: randomUUID(), record, field, value, hlc: hlc(device), author };
}

const push = (who, operations) => api("POST", "/api/v1/sync/push", { token: token[who], body: { operations } });

/** Every change the user may see, following `more` to the end. */
async function pullAll(who) {
  const changes = [];
  let after = 0;
  for (;;) {
    const answer = await api("GET", `/api/v1/sync/changes?after=${after}&limit=100`, {
      token: token[who],
      headers: { "Naar-Vermogen-Device": `device-of-${who}` },
    });
    assert.equal(answer.status, 200, answer.text);
    changes.push(...answer.json.changes);
    after = answer.json.cursor;
    if (!answer.json.more) return changes;
  }
}

/** The data class of an operation, written out by hand (see shared/src/catalogue.rs). */
function dataClass(operation) {
  const { kind } = operation.record;
  if (kind === "dossier") return operation.field === "preferred_name" ? "name" : "details";
  if (kind === "slot") return operation.field === "holder" ? "slot_holder" : "slots";
  return {
    klantfoto: "klantfoto",
    duty: "duties",
    appointment: "appointments",
    note: "notes",
    group: "group_planning",
    group_session: "group_planning",
    attendance: "attendance",
    membership: "membership",
    end_goal_progress: "end_goals",
    decision: "decisions",
  }[kind];
}

const isAboutJansWorld = (operation) =>
  JSON.stringify(operation.record).includes(JAN) || operation.record.id === GROUP || operation.record.id === SESSION || operation.record.id === SLOT;

before(async () => {
  for (const user of USERS) token[user] = await accessTokenFor(user);
  // An outreach worker starts Jan's file during a home visit: it lands in her team and caseload.
  const started = await push("outreach-fatima", [op("outreach-fatima", dossier(JAN), "preferred_name", "Jan")]);
  assert.equal(started.status, 200, started.text);
  const link = await api("PUT", `/api/v1/client-files/${JAN}/client-login`, {
    token: token["consulent-sanne"],
    body: { client_subject: "client-jan" },
  });
  assert.equal(link.status, 204, link.text);
  const newGroup = await api("POST", "/api/v1/groups", {
    token: token["consulent-sanne"],
    body: { group_id: GROUP, trainer_subjects: ["trainer-pieter"] },
  });
  assert.equal(newGroup.status, 201, newGroup.text);
  const planning = await push("consulent-sanne", [
    op("consulent-sanne", group, "name", "Sterk naar Werk, groep 12"),
    op("consulent-sanne", session, "starts_at", "2026-12-01T09:30"),
    op("consulent-sanne", membership, "status", "member"),
    op("consulent-sanne", dossier(FENNA), "preferred_name", "Fenna"),
  ]);
  assert.equal(planning.status, 200, planning.text);
  const linkFenna = await api("PUT", `/api/v1/client-files/${FENNA}/client-login`, {
    token: token["consulent-sanne"],
    body: { client_subject: "client-fenna" },
  });
  assert.equal(linkFenna.status, 204, linkFenna.text);
});

// One write per data class, as `who` would make it.
function writeOf(who, dataClassName) {
  const ownFile = { "client-jan": JAN, "client-fenna": FENNA }[who] ?? JAN;
  const writes = {
    name: () => op(who, dossier(JAN), "preferred_name", "Jan"),
    details: () => op(who, dossier(JAN), "birth_date", "1984-03-15"),
    klantfoto: () => op(who, { ...dossier(JAN), kind: "klantfoto" }, "housing", 3),
    duties: () => op(who, ofJan("duty"), "title", "Solliciteer bij 5 bedrijven"),
    appointments: () => op(who, ofJan("appointment"), "place", "Stadskantoor"),
    notes: () => op(who, ofJan("note"), "text", "Huisbezoek gedaan, Jan slaapt bij zijn broer."),
    group_planning: () => op(who, session, "place", "Zaal 2"),
    attendance: () => op(who, attendance, "status", "present"),
    membership: () => op(who, membership, "status", "member"),
    slots: () => op(who, slot, "place", "Balie 3"),
    slot_holder: () => op(who, slot, "holder", ownFile),
    end_goals: () => op(who, endGoal, "level", "working_on_it"),
    decisions: () => op(who, ofJan("decision"), "reason", "Eerst een plek om te slapen, dan werk."),
  };
  return writes[dataClassName]();
}

const CLASSES = [
  "name",
  "details",
  "klantfoto",
  "duties",
  "appointments",
  "notes",
  "group_planning",
  "attendance",
  "membership",
  "slots",
  "slot_holder",
  "end_goals",
  "decisions",
];
const JANS_FILE = ["name", "details", "klantfoto", "duties", "appointments"];
const MAY_WRITE = {
  "client-jan": [...JANS_FILE, "slot_holder"],
  "client-fenna": ["slot_holder"],
  "outreach-fatima": [...JANS_FILE, "notes"],
  "outreach-karim": [],
  "trainer-pieter": ["group_planning", "attendance", "end_goals"],
  "trainer-noor": [],
  "consulent-sanne": [...JANS_FILE, "notes", "group_planning", "membership", "slots", "slot_holder", "decisions"],
  "consulent-bram": [],
  "beleid-ahmed": [],
};
const MAY_READ = {
  "client-jan": [...JANS_FILE, "group_planning", "attendance", "membership", "slots", "end_goals", "decisions"],
  "client-fenna": ["slots"],
  "outreach-fatima": [...JANS_FILE, "notes", "attendance", "membership", "end_goals", "decisions"],
  "outreach-karim": [],
  "trainer-pieter": ["name", "group_planning", "attendance", "membership", "end_goals"],
  "trainer-noor": [],
  "consulent-sanne": CLASSES,
  "consulent-bram": [],
  "beleid-ahmed": [],
};

test("every role may write exactly what it needs; anything else is 403 and stores nothing", async () => {
  // Sanne first, so that every record exists before the others try.
  for (const who of ["consulent-sanne", ...USERS.filter((u) => u !== "consulent-sanne")]) {
    for (const dataClassName of CLASSES) {
      const write = writeOf(who, dataClassName);
      const answer = await push(who, [write]);
      const expected = MAY_WRITE[who].includes(dataClassName) ? 200 : 403;
      assert.equal(answer.status, expected, `${who} writes ${dataClassName}: ${answer.text}`);
      if (expected === 403) {
        assert.equal(answer.json.code, "forbidden");
        assert.equal(answer.json.results[0].status, "rejected");
        assert.match(answer.json.message.nl, /niets opgeslagen/);
      }
    }
  }
  // Nothing refused reached the log.
  const everything = (await pullAll("consulent-sanne")).filter((change) => isAboutJansWorld(change.operation));
  for (const change of everything) {
    const { author } = change.operation;
    assert.ok(
      MAY_WRITE[author].includes(dataClass(change.operation)) || change.operation.record.id === FENNA,
      `a refused write was stored: ${author} ${dataClass(change.operation)}`,
    );
  }
});

test("every role reads exactly what it needs from the same records", async () => {
  for (const who of USERS) {
    const seen = new Set((await pullAll(who)).map((c) => c.operation).filter(isAboutJansWorld).map(dataClass));
    assert.deepStrictEqual([...seen].sort(), [...MAY_READ[who]].sort(), `${who} reads`);
  }
});

test("a trainer's pull carries Jan's name but never his klantfoto or notes", async () => {
  const changes = await pullAll("trainer-pieter");
  const text = JSON.stringify(changes);
  assert.match(text, /"preferred_name"/);
  assert.doesNotMatch(text, /"klantfoto"|Huisbezoek|birth_date/);
});

test("pushing the same batch twice changes nothing", async () => {
  const batch = [
    op("outreach-fatima", { ...dossier(JAN), kind: "klantfoto" }, "finances", 2, "tablet-1"),
    op("outreach-fatima", ofJan("note"), "text", "Tweede bezoek.", "tablet-1"),
  ];
  const first = await push("outreach-fatima", batch);
  assert.equal(first.status, 200, first.text);
  assert.deepStrictEqual(first.json.results.map((r) => r.status), ["applied", "applied"]);
  const before = (await pullAll("consulent-sanne")).length;
  const again = await push("outreach-fatima", batch);
  assert.equal(again.status, 200, again.text);
  assert.deepStrictEqual(again.json.results.map((r) => r.status), ["already_known", "already_known"]);
  assert.equal((await pullAll("consulent-sanne")).length, before);
  // The same id with other content is refused, not silently merged.
  const tampered = { ...batch[0], value: 5 };
  const reused = await push("outreach-fatima", [tampered]);
  assert.equal(reused.status, 422);
  assert.equal(reused.json.code, "op_id_reused");
});

test("an older change is stored but does not win", async () => {
  const newer = op("outreach-fatima", dossier(JAN), "preferred_name", "Jan", "tablet-1");
  const older = { ...op("outreach-fatima", dossier(JAN), "preferred_name", "Johan", "phone-1"), hlc: `${String(wall - 30_000).padStart(18, "0")}-0000000000-phone-1` };
  const answer = await push("outreach-fatima", [newer, older]);
  assert.equal(answer.status, 200, answer.text);
  assert.deepStrictEqual(answer.json.results.map((r) => r.status), ["applied", "superseded"]);
});

test("two clients claim the last slot: the first to reach the worker keeps it, the other is told why", async () => {
  const lastSlot = { ...slot, id: randomUUID() };
  assert.equal((await push("consulent-sanne", [op("consulent-sanne", lastSlot, "place", "Balie 1")])).status, 200);
  const jans = op("client-jan", lastSlot, "holder", JAN, "jans-phone");
  const fennas = op("client-fenna", lastSlot, "holder", FENNA, "fennas-phone");
  // Jan's claim was made first on his phone, but Fenna's reaches the worker first: hers holds.
  assert.equal((await push("client-fenna", [fennas])).json.results[0].status, "applied");
  const jan = await push("client-jan", [jans]);
  assert.equal(jan.json.results[0].status, "refused");
  assert.equal(jan.json.results[0].reason.code, "slot_taken");
  assert.match(jan.json.results[0].reason.message.nl, /Kies een ander tijdstip/);
  // A client can only claim for themself.
  const forOther = await push("client-fenna", [op("client-fenna", lastSlot, "holder", JAN, "fennas-phone")]);
  assert.equal(forOther.status, 403);
});

test("bad input gets a clear 4xx and nothing is stored", async () => {
  const count = async () => (await pullAll("consulent-sanne")).length;
  const before = await count();
  const good = op("outreach-fatima", ofJan("note"), "text", "Dit mag niet blijven staan.", "tablet-1");
  const cases = [
    ["malformed JSON", "{\"operations\": [", 400, "invalid_json"],
    ["unknown field", { operations: [], admin: true }, 400, "invalid_json"],
    ["unknown field in an operation", { operations: [{ ...good, extra: 1 }] }, 400, "invalid_json"],
    ["10 MB body", "x".repeat(10 * 1024 * 1024), 413, "body_too_large"],
    [
      "a clock far in the future",
      { operations: [good, { ...op("outreach-fatima", ofJan("note"), "text", "x"), hlc: `${String(Date.now() + 3_600_000).padStart(18, "0")}-0000000000-tablet-1` }] },
      422,
      "clock_too_far_ahead",
    ],
    ["a value that does not fit", { operations: [good, op("outreach-fatima", { ...dossier(JAN), kind: "klantfoto" }, "housing", 9)] }, 422, "invalid_value"],
    ["an unknown field name", { operations: [good, op("outreach-fatima", dossier(JAN), "income", 100)] }, 422, "unknown_field"],
    ["someone else's change", { operations: [good, op("consulent-sanne", ofJan("note"), "text", "x")] }, 422, "author_is_not_you"],
    ["a record moved to another file", { operations: [good, op("outreach-fatima", { ...dossier(JAN), owner: { kind: "client", client_id: FENNA } }, "preferred_name", "Jan")] }, 422, "record_does_not_fit_owner"],
  ];
  for (const [what, body, status, code] of cases) {
    const answer = await api("POST", "/api/v1/sync/push", { token: token["outreach-fatima"], body });
    assert.equal(answer.status, status, `${what}: ${answer.text.slice(0, 300)}`);
    assert.equal(answer.json.code, code, what);
    assert.ok(answer.json.message.nl && answer.json.message.en, what);
  }
  const otherCaseload = await api("POST", "/api/v1/sync/push", {
    token: token["outreach-karim"],
    body: { operations: [op("outreach-karim", ofJan("note"), "text", "x")] },
  });
  assert.equal(otherCaseload.status, 403);
  assert.equal(await count(), before, "nothing of a refused push was stored");
  const noToken = await api("POST", "/api/v1/sync/push", { body: { operations: [] } });
  assert.equal(noToken.status, 401);
  const badCursor = await api("GET", "/api/v1/sync/changes?after=-1", { token: token["consulent-sanne"] });
  assert.equal(badCursor.status, 400);
  assert.equal(badCursor.json.field, "after");
});

test("the audit trail shows who read and wrote Jan's file, to his consulent and to Jan only", async () => {
  await pullAll("trainer-pieter");
  const trail = await api("GET", `/api/v1/client-files/${JAN}/audit`, { token: token["consulent-sanne"] });
  assert.equal(trail.status, 200, trail.text);
  const entries = trail.json;
  const has = (subject, action, what) =>
    entries.some((e) => e.actor_subject === subject && e.action === action && e.what.includes(what));
  assert.ok(has("outreach-fatima", "write", "name"), "Fatima's first write");
  assert.ok(has("trainer-pieter", "read", "name"), "Pieter read Jan's name");
  assert.ok(!entries.some((e) => e.actor_subject === "trainer-pieter" && e.what.includes("klantfoto")));
  assert.ok(entries.some((e) => e.device === "device-of-trainer-pieter"), "the device is recorded");
  assert.doesNotMatch(JSON.stringify(entries), /Huisbezoek|1984-03-15/, "values never enter the trail");
  assert.equal((await api("GET", `/api/v1/client-files/${JAN}/audit`, { token: token["client-jan"] })).status, 200);
  for (const who of ["outreach-fatima", "trainer-pieter", "consulent-bram", "client-fenna", "beleid-ahmed"]) {
    const denied = await api("GET", `/api/v1/client-files/${JAN}/audit`, { token: token[who] });
    assert.equal(denied.status, 403, who);
  }
});

test("only a consulent of the team administers the caseload", async () => {
  for (const who of ["outreach-fatima", "trainer-pieter", "client-jan", "consulent-bram", "beleid-ahmed"]) {
    const assign = await api("PUT", `/api/v1/client-files/${JAN}/outreach-worker`, {
      token: token[who],
      body: { staff_subject: "outreach-karim" },
    });
    assert.equal(assign.status, 403, who);
  }
  const karimBefore = await pullAll("outreach-karim");
  assert.equal(karimBefore.filter((c) => isAboutJansWorld(c.operation)).length, 0);
  const assign = await api("PUT", `/api/v1/client-files/${JAN}/outreach-worker`, {
    token: token["consulent-sanne"],
    body: { staff_subject: "outreach-karim" },
  });
  assert.equal(assign.status, 204, assign.text);
  const karimAfter = await pullAll("outreach-karim");
  assert.ok(karimAfter.some((c) => c.operation.record.id === JAN), "assigned: Karim now sees Jan's file");
});

test("a client's login belongs to one file: within the team it moves, another team's consulent cannot take it", async () => {
  const second = randomUUID();
  assert.equal((await push("consulent-sanne", [op("consulent-sanne", dossier(second), "preferred_name", "Jan")])).status, 200);
  const move = await api("PUT", `/api/v1/client-files/${second}/client-login`, {
    token: token["consulent-sanne"],
    body: { client_subject: "client-jan" },
  });
  assert.equal(move.status, 204, move.text);
  const seen = (await pullAll("client-jan")).map((c) => c.operation.record.id);
  assert.ok(seen.includes(second) && !seen.includes(JAN), "Jan now sees the second file only");

  const zuidFile = randomUUID();
  assert.equal((await push("consulent-bram", [op("consulent-bram", dossier(zuidFile), "preferred_name", "Jan")])).status, 200);
  const taken = await api("PUT", `/api/v1/client-files/${zuidFile}/client-login`, {
    token: token["consulent-bram"],
    body: { client_subject: "client-jan" },
  });
  assert.equal(taken.status, 409);
  assert.equal(taken.json.code, "login_already_linked");
  const still = (await pullAll("client-jan")).map((c) => c.operation.record.id);
  assert.ok(still.includes(second), "nothing changed");
  // Back to the file the other tests use.
  const back = await api("PUT", `/api/v1/client-files/${JAN}/client-login`, {
    token: token["consulent-sanne"],
    body: { client_subject: "client-jan" },
  });
  assert.equal(back.status, 204);
});
