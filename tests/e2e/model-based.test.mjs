// Proof against a model we did not derive from the code (issue 16). Random sequences of pushes by
// random people on random devices (clocks set years back, minutes ahead, or too far ahead), with
// ids an attacker chooses (other people's records, sessions of other groups, made-up client
// files), against the running worker. Every answer is compared with an independent model of who
// may do what (`tests/model/authority.mjs`, written from the rules, not from `shared`'s decision
// code); now and then the stored state too: the slots and their holders as the team's consulent
// and a client see them, and every operation the team's consulent can pull. Every pull a person
// makes must hold only what their role may read.
//
// Each sequence starts its own world: client files of two teams (five linked to demo clients'
// logins), three groups with members, and slots of both teams. On a disagreement the test fails
// with the seed, the step, the push and both answers; `MODEL_SEED=<seed> cargo xtask e2e
// model-based` replays the run, `MODEL_SEQUENCES` and `MODEL_STEPS` set its size.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { api } from "./browser.mjs";
import { accessTokenFor } from "./login.mjs";
import { Model, classOf, sessionOf, SLOTS_PER_CLIENT, CLOCK_ALLOWANCE_MS } from "../model/authority.mjs";

// A fixed seed in the test command, so that CI is reproducible; `MODEL_SEED=random` explores.
const SEED = process.env.MODEL_SEED === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.MODEL_SEED ?? 290066801);
const SEQUENCES = Number(process.env.MODEL_SEQUENCES ?? 6);
const STEPS = Number(process.env.MODEL_STEPS ?? 70);
/** Every this many steps the stored state is compared with the model's. */
const CHECK_EVERY = 10;

const users = JSON.parse(readFileSync(new URL("../../worker/demo/users.json", import.meta.url), "utf8")).users;
const people = Object.fromEntries(users.map((user) => [user.subject, { role: user.role, team: user.team }]));
const CLIENTS = ["client-jan", "client-fenna", "client-lotte", "client-sem", "client-noah"];
const STAFF = ["consulent-sanne", "consulent-bram", "outreach-fatima", "outreach-karim", "trainer-pieter", "trainer-ilse", "trainer-noor", "beleid-ahmed"];
const EVERYONE = [...CLIENTS, ...STAFF];
const tokens = {};
/** The file each client's login was linked to before this test, to link it back afterwards. */
const linkedBefore = {};

/**
 * mulberry32: a small seeded PRNG, so that a seed replays a run. Ids are drawn apart from it
 * (`randomUUID`): what happens depends on which record an id names, not on its digits, and fresh ids
 * let a seed replay on a worker that already stored that seed's operations.
 */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  const uuid = () => randomUUID();
  return { next, int, pick, chance, uuid };
}

const call = (method, path, who, body, headers) => api(method, path, { token: tokens[who], body, headers });

/** Every change `who` may pull after `cursor`; returns them and the new cursor. */
async function pullAfter(who, cursor) {
  const changes = [];
  for (;;) {
    const answer = await call("GET", `/api/v1/sync/changes?after=${cursor}&limit=5000`, who, undefined, { "Naar-Vermogen-Device": "model-based" });
    assert.equal(answer.status, 200, `${who} pulls: ${answer.text}`);
    changes.push(...answer.json.changes);
    cursor = answer.json.cursor;
    if (!answer.json.more) return { changes, cursor };
  }
}

before(async () => {
  for (const who of EVERYONE) tokens[who] = await accessTokenFor(who);
  for (const client of CLIENTS) {
    const { changes } = await pullAfter(client, 0);
    linkedBefore[client] = changes.filter((change) => change.operation.record.kind === "dossier").at(-1)?.operation.record.id;
  }
});

after(async () => {
  // Link the demo clients' logins back to the files they had, for the tests that come after.
  for (const [client, file] of Object.entries(linkedBefore)) {
    if (file) await call("PUT", `/api/v1/client-files/${file}/client-login`, "consulent-sanne", { client_subject: client });
  }
});

/** The kinds of change a step makes, and whose work each one is. */
const WHO_DOES = {
  claim: CLIENTS,
  claim_again: CLIENTS,
  release: CLIENTS,
  slot: ["consulent-sanne", "consulent-bram"],
  attendance: ["trainer-pieter", "trainer-ilse", "trainer-noor"],
  end_goal: ["trainer-pieter", "trainer-ilse", "trainer-noor"],
  session: ["trainer-pieter", "trainer-ilse", "trainer-noor", "consulent-sanne"],
  membership: ["consulent-sanne", "consulent-bram"],
  file: ["outreach-fatima", "outreach-karim", "consulent-sanne", ...CLIENTS],
  file_again: ["outreach-fatima", "outreach-karim", "consulent-bram", ...CLIENTS],
};

/** One world and one random sequence of pushes in it. */
class Sequence {
  constructor(seed, startCursor) {
    this.seed = seed;
    this.random = prng(seed);
    this.model = new Model(people);
    this.step = 0;
    this.devices = new Map(); // device → { skew, wall, counter }
    this.myOps = new Set();
    this.cursors = new Map(); // who → cursor of their pulls
    this.startCursor = startCursor;
    this.pulled = { "team-noord": new Map(), "team-zuid": new Map() }; // op id → operation, as the team's consulent pulled it
    this.figures = { pushes: 0, operations: 0, stored: 0, rejected: 0, refused: 0, checks: 0, pulls: 0 };
    this.answers = new Map(); // what the worker answered operations with (status or reason) → how often
  }

  /** A clock reading of a device of `who`, its wall clock `skew` ms off the worker's. */
  clockOf(device, skew) {
    const wall = Date.now() + skew;
    const state = this.devices.get(device) ?? { wall: 0, counter: 0 };
    if (wall > state.wall) Object.assign(state, { wall, counter: 0 });
    else state.counter += 1;
    this.devices.set(device, state);
    return `${String(state.wall).padStart(18, "0")}-${String(state.counter).padStart(10, "0")}-${device}`;
  }

  /** The devices of a person: a phone with the right time and others whose clocks are wrong. */
  deviceOf(who) {
    const r = this.random;
    const YEAR = 365 * 24 * 3600 * 1000;
    const number = r.pick([0, 0, 0, 1, 1, 2, 2, 3]);
    const skew = [
      0,
      -(1 + r.int(20)) * YEAR, // set back years (2001 and the like)
      // Not minutes ahead within the worker's allowance: the suite's other tests share this stack,
      // and every device that pulls such a change moves its hybrid clock that far forward (as a fast
      // clock in the field would), so that two changes made seconds apart in a later test came out
      // the wrong way round (offline-first, two-devices). Until this test has a stack of its own.
      0,
      r.chance(0.5) ? CLOCK_ALLOWANCE_MS + (5 + r.int(60)) * 60 * 1000 : (1 + r.int(5)) * YEAR, // too far ahead
    ][number];
    return { device: `${who.replace(/[^a-z]/g, "")}-device-${number}`, skew };
  }

  op(who, record, field, value, { author = who } = {}) {
    const { device, skew } = this.deviceOf(who);
    const operation = { op_id: this.random.uuid(), record, field, value, hlc: this.clockOf(device, skew), author };
    this.myOps.add(operation.op_id);
    return operation;
  }

  /** Pushes as `who` and compares the worker's answer with the model's. */
  async push(who, operations, what) {
    this.step += 1;
    const answer = await call("POST", "/api/v1/sync/push", who, { operations });
    const worker = answer.json ?? {};
    const now = Date.now();
    const expected = this.model.expectPush(who, operations, now, (i) => worker.results?.[i]?.status);
    this.figures.pushes += 1;
    this.figures.operations += operations.length;
    const problems = compare(expected, answer);
    if (problems.length > 0) {
      const push = JSON.stringify(operations, null, 1);
      assert.fail(
        `the worker and the model disagree (seed ${this.seed}, step ${this.step}: ${what})\n` +
          `  ${problems.join("\n  ")}\n  actor: ${who}\n  push: ${push}\n` +
          `  model: ${JSON.stringify({ status: expected.status, codes: expected.codes, results: expected.results.map(({ status, codes }) => ({ status, codes })) })}\n` +
          `  model's state: ${this.context(operations)}\n` +
          `  worker: ${answer.status} ${answer.text.slice(0, 1500)}\n` +
          `  replay: MODEL_SEED=${this.seed} MODEL_SEQUENCES=1 MODEL_STEPS=${STEPS} cargo xtask e2e model-based`,
      );
    }
    if (expected.stored) {
      this.model = expected.after;
      this.figures.stored += 1;
      this.figures.refused += expected.results.filter((result) => result.status === "refused").length;
    } else {
      this.figures.rejected += 1;
    }
    for (const result of answer.json.results) {
      const said = result.reason?.code ?? result.status;
      this.answers.set(said, (this.answers.get(said) ?? 0) + 1);
    }
    return answer;
  }

  /** What the model knows of the records and people a push names, to read a disagreement by. */
  context(operations) {
    const m = this.model;
    return operations
      .map(({ record, value }) => {
        const facts = [`${record.kind} ${record.id.slice(0, 8)}`];
        if (record.kind === "slot") facts.push(m.owners.has(`slot ${record.id}`) ? `held by ${m.holders.get(record.id) ?? "nobody"}` : "never offered");
        const client = record.owner.client_id ?? (record.kind === "slot" ? value : undefined);
        if (client) {
          const file = m.files.get(client);
          facts.push(file ? `file ${client.slice(0, 8)} of ${file.team}, login ${file.login}, caseload ${[...file.outreach]}` : `no file ${client.slice(0, 8)}`);
        }
        if (record.owner.group_id) {
          const group = m.groups.get(record.owner.group_id);
          facts.push(group ? `group of ${group.team} trained by ${[...group.trainers]}` : "no such group");
          if (client) facts.push(`membership ${m.members.get(`${record.owner.group_id}.${client}`) ?? "none"}`);
        }
        return facts.join(", ");
      })
      .join("; ");
  }

  fail(message) {
    assert.fail(`${message} (seed ${this.seed}, after step ${this.step}); replay: MODEL_SEED=${this.seed} MODEL_SEQUENCES=1 MODEL_STEPS=${STEPS} cargo xtask e2e model-based`);
  }

  /** The world of this sequence: files, logins, caseloads, groups, members and slots. */
  async setUp() {
    const r = this.random;
    const dossier = (id) => ({ kind: "dossier", id, owner: { kind: "client", client_id: id } });
    this.noord = Array.from({ length: 7 }, () => r.uuid());
    this.zuid = Array.from({ length: 2 }, () => r.uuid());
    await this.push("consulent-sanne", this.noord.map((id, i) => this.setupOp("consulent-sanne", dossier(id), "preferred_name", `Noord ${"ABCDEFGHIJ"[i]}`)), "set-up: team-noord's files");
    await this.push("consulent-bram", this.zuid.map((id, i) => this.setupOp("consulent-bram", dossier(id), "preferred_name", `Zuid ${"ABCDEFGHIJ"[i]}`)), "set-up: team-zuid's files");
    for (const [i, client] of CLIENTS.entries()) {
      const link = await call("PUT", `/api/v1/client-files/${this.noord[i]}/client-login`, "consulent-sanne", { client_subject: client });
      assert.equal(link.status, 204, link.text);
      this.model.linkedLogin(this.noord[i], client);
    }
    for (const [file, outreach] of [[0, "outreach-fatima"], [2, "outreach-fatima"], [5, "outreach-fatima"], [1, "outreach-karim"], [3, "outreach-karim"]]) {
      const assign = await call("PUT", `/api/v1/client-files/${this.noord[file]}/outreach-worker`, "consulent-sanne", { staff_subject: outreach });
      assert.equal(assign.status, 204, assign.text);
      this.model.assignedOutreach(this.noord[file], outreach);
    }
    this.groups = [
      [r.uuid(), "consulent-sanne", "team-noord", ["trainer-pieter", "trainer-ilse"]],
      [r.uuid(), "consulent-sanne", "team-noord", ["trainer-ilse"]],
      [r.uuid(), "consulent-bram", "team-zuid", ["trainer-noor", "trainer-pieter"]],
    ].map(([id, consulent, team, trainers]) => ({ id, consulent, team, trainers }));
    for (const group of this.groups) {
      const started = await call("POST", "/api/v1/groups", group.consulent, { group_id: group.id, trainer_subjects: group.trainers });
      assert.equal(started.status, 201, started.text);
      this.model.startedGroup(group.id, group.team, group.trainers);
    }
    const [g1, g2, g3] = this.groups;
    const placeIn = (group, clientId) => this.setupOp(group.consulent, this.membership(group.id, clientId), "status", "member");
    await this.push("consulent-sanne", [
      this.setupOp("consulent-sanne", { kind: "group", id: g1.id, owner: { kind: "group", group_id: g1.id } }, "name", "Sterk naar Werk, groep 1"),
      placeIn(g1, this.noord[0]),
      placeIn(g1, this.noord[1]),
      placeIn(g1, this.noord[5]),
      placeIn(g2, this.noord[2]),
      placeIn(g2, this.noord[3]),
    ], "set-up: members of team-noord's groups");
    await this.push("consulent-bram", [placeIn(g3, this.zuid[0])], "set-up: a member of team-zuid's group");
    this.slots = { "team-noord": Array.from({ length: 5 }, () => r.uuid()), "team-zuid": Array.from({ length: 2 }, () => r.uuid()) };
    for (const [team, consulent] of [["team-noord", "consulent-sanne"], ["team-zuid", "consulent-bram"]]) {
      await this.push(consulent, this.slots[team].flatMap((id, i) => [
        this.setupOp(consulent, this.slot(team, id), "starts_at", `2032-0${1 + i}-1${i}T10:00`),
        this.setupOp(consulent, this.slot(team, id), "duration_minutes", 30),
        this.setupOp(consulent, this.slot(team, id), "place", "Stadskantoor"),
      ]), `set-up: ${team}'s slots`);
    }
  }

  /** A set-up change, from a device whose clock is right. */
  setupOp(who, record, field, value) {
    const operation = { op_id: this.random.uuid(), record, field, value, hlc: this.clockOf(`${who.replace(/[^a-z]/g, "")}-setup`, 0), author: who };
    this.myOps.add(operation.op_id);
    return operation;
  }

  slot(team, id) {
    return { kind: "slot", id, owner: { kind: "team", team_id: team } };
  }
  membership(groupId, clientId) {
    return { kind: "membership", id: `${groupId}.${clientId}`, owner: { kind: "group_member", group_id: groupId, client_id: clientId } };
  }

  /** A client file an attacker might name: mostly ours, sometimes another team's or made up. */
  anyFile() {
    const r = this.random;
    return r.chance(0.75) ? r.pick(this.noord) : r.chance(0.6) ? r.pick(this.zuid) : r.uuid();
  }
  caseloadOf(who) {
    const files = [...this.model.files].filter(([, file]) => file.outreach.has(who)).map(([id]) => id);
    return files.length > 0 ? this.random.pick(files) : undefined;
  }
  anySlot(team = this.random.chance(0.8) ? "team-noord" : "team-zuid") {
    const r = this.random;
    return this.slot(team, r.chance(0.9) ? r.pick(this.slots[team]) : r.chance(0.5) ? r.pick(this.slots[team === "team-noord" ? "team-zuid" : "team-noord"]) : r.uuid());
  }

  /** One random push: an action (sometimes two) by one person. */
  async randomStep() {
    const r = this.random;
    const kind = r.pick(Object.keys(WHO_DOES));
    // Mostly someone whose work it is; a quarter of the time anyone at all.
    const who = r.chance(0.75) ? r.pick(WHO_DOES[kind]) : r.pick(EVERYONE);
    const operations = [this.randomOperation(who, kind)];
    if (r.chance(0.2)) operations.push(this.randomOperation(who, r.pick(Object.keys(WHO_DOES))));
    if (r.chance(0.04) && this.model.stored.size > 0) {
      // Pushed again as it was (already known), or its id reused for something else.
      const [id, text] = r.pick([...this.model.stored]);
      const earlier = JSON.parse(text);
      const otherClock = `${earlier.hlc.slice(0, 19)}${String(Number(earlier.hlc.slice(19, 29)) + 1).padStart(10, "0")}${earlier.hlc.slice(29)}`;
      const again = r.chance(0.5) ? earlier : { ...earlier, hlc: otherClock, op_id: id };
      operations.push(again);
    }
    await this.push(who, operations, `${who}: ${operations.map((o) => `${o.record.kind}.${o.field}=${JSON.stringify(o.value)}`).join(", ")}`);
  }

  randomOperation(who, kind) {
    const r = this.random;
    const me = this.model.logins.get(who);
    const group = r.pick(this.groups);
    const members = () => [...this.model.members].filter(([, status]) => status === "member").map(([id]) => id.split("."));
    const memberOrNot = (groupId) => {
      if (r.chance(0.6)) {
        const inGroup = members().filter(([g]) => g === groupId);
        if (inGroup.length > 0) return r.pick(inGroup)[1];
      }
      return this.anyFile();
    };
    let operation;
    switch (kind) {
      case "claim":
      case "claim_again": {
        // For themself mostly; sometimes for another file (an attacker); a consulent books for a client.
        const value = me && r.chance(0.85) ? me : this.anyFile();
        operation = this.op(who, this.anySlot(), "holder", value);
        break;
      }
      case "release":
        operation = this.op(who, this.anySlot("team-noord"), "holder", null);
        break;
      case "slot": {
        const field = r.pick(["starts_at", "duration_minutes", "place"]);
        const value = { starts_at: `2033-0${1 + r.int(9)}-1${r.int(9)}T1${r.int(7)}:00`, duration_minutes: 15 + 15 * r.int(4), place: r.pick(["Balie 1", "Balie 2", "Stadskantoor"]) }[field];
        const slot = r.chance(0.15) ? this.slot(r.pick(["team-noord", "team-zuid"]), r.uuid()) : this.anySlot();
        operation = this.op(who, slot, field, value);
        break;
      }
      case "attendance":
      case "end_goal": {
        // A session of this group, or (an attacker) one derived from another group's id.
        const sessionGroup = r.chance(0.85) ? group : r.pick(this.groups);
        const session = sessionOf(sessionGroup.id, 1 + r.int(3));
        const clientId = memberOrNot(group.id);
        const owner = { kind: "group_member", group_id: group.id, client_id: clientId };
        operation =
          kind === "attendance"
            ? this.op(who, { kind: "attendance", id: `${session}.${clientId}`, owner }, "status", r.pick(["present", "late", "absent_with_reason", "absent_without_reason"]))
            : this.op(who, { kind: "end_goal_progress", id: `${group.id}.${clientId}.${r.pick(["cv", "job_search"])}`, owner }, "level", r.pick(["not_started", "working_on_it", "reached"]));
        break;
      }
      case "session": {
        const idOf = r.chance(0.8) ? group : r.pick(this.groups);
        const record = { kind: "group_session", id: sessionOf(idOf.id, 1 + r.int(3)), owner: { kind: "group", group_id: group.id } };
        operation = r.chance(0.5)
          ? this.op(who, record, "starts_at", `2032-0${1 + r.int(9)}-0${1 + r.int(9)}T09:30`)
          : this.op(who, record, "place", r.pick(["Zaal 1", "Zaal 2"]));
        break;
      }
      case "membership":
        operation = this.op(who, this.membership(group.id, this.anyFile()), "status", r.pick(["member", "member", "left"]));
        break;
      default: {
        const clientId = me && r.chance(0.6) ? me : r.chance(0.5) ? this.caseloadOf(who) ?? this.anyFile() : this.anyFile();
        const file = (kind) => ({ kind, id: clientId, owner: { kind: "client", client_id: clientId } });
        const own = (kind) => ({ kind, id: r.uuid(), owner: { kind: "client", client_id: clientId } });
        const [record, field, value] = r.pick([
          [file("dossier"), "preferred_name", r.pick(["Jan", "Fenna", "Lotte"])],
          [file("dossier"), "birth_date", "1990-05-17"],
          [file("dossier"), "crisis_signal", "Slaapt vannacht buiten."],
          [file("klantfoto"), "housing", 1 + r.int(5)],
          [own("note"), "text", "Huisbezoek gedaan."],
          [own("decision"), "reason", "Eerst een plek om te slapen."],
          [own("appointment"), "place", "Stadskantoor"],
        ]);
        operation = this.op(who, record, field, value);
      }
    }
    // An attacker now and then signs a change with someone else's name.
    if (r.chance(0.03)) operation.author = r.pick(EVERYONE);
    return operation;
  }

  /** Compares what is stored with the model: slots and holders, and every operation of the log. */
  async checkState() {
    this.figures.checks += 1;
    for (const [team, consulent] of [["team-noord", "consulent-sanne"], ["team-zuid", "consulent-bram"]]) {
      const seen = await call("GET", "/api/v1/slots/free", consulent);
      assert.equal(seen.status, 200, seen.text);
      const byId = new Map(seen.json.slots.map((slot) => [slot.id, slot]));
      for (const [key, owner] of this.model.owners) {
        if (!key.startsWith("slot ") || JSON.parse(owner).team_id !== team) continue;
        const id = key.slice(5);
        const holder = this.model.holders.get(id) ?? null;
        const slot = byId.get(id);
        if (!slot && this.model.latest.has(`slot ${id} starts_at`)) this.fail(`${consulent} does not see slot ${id} of the team`);
        if (slot && (slot.holder ?? null) !== holder) this.fail(`${consulent} sees slot ${id} held by ${slot.holder}, the model by ${holder}`);
      }
    }
    const client = this.random.pick(CLIENTS);
    const mine = this.model.logins.get(client);
    const seen = await call("GET", "/api/v1/slots/free", client);
    assert.equal(seen.status, 200, seen.text);
    const listed = new Set(seen.json.slots.map((slot) => slot.id));
    for (const [key, owner] of this.model.owners) {
      const id = key.slice(5);
      const offered = key.startsWith("slot ") && JSON.parse(owner).team_id === this.model.files.get(mine).team && this.model.latest.has(`slot ${id} starts_at`);
      const holder = this.model.holders.get(id) ?? null;
      if (offered && (holder === null || holder === mine) && !listed.has(id)) this.fail(`${client} is not offered slot ${id}, which the model says is ${holder ? "theirs" : "free"}`);
    }
    for (const slot of seen.json.slots) {
      if ("holder" in slot) this.fail(`${client} is told who holds slot ${slot.id}`);
      if (!this.model.owners.has(`slot ${slot.id}`)) continue;
      const holder = this.model.holders.get(slot.id) ?? null;
      if (holder !== null && holder !== mine) this.fail(`${client} is offered slot ${slot.id}, which the model says ${holder} holds`);
      if (slot.mine !== (holder === mine)) this.fail(`${client}: slot ${slot.id} mine=${slot.mine}, the model says holder ${holder}`);
    }
    // Every operation the model stored is in the log, and nothing else of ours.
    for (const [team, consulent] of [["team-noord", "consulent-sanne"], ["team-zuid", "consulent-bram"]]) {
      const { changes, cursor } = await pullAfter(consulent, this.cursors.get(consulent) ?? this.startCursor);
      this.cursors.set(consulent, cursor);
      for (const { operation } of changes) if (this.myOps.has(operation.op_id)) this.pulled[team].set(operation.op_id, operation);
      const expected = [...this.model.stored.values()].map((text) => JSON.parse(text)).filter((op) => this.model.teamOf(op.record.owner) === team);
      const missing = expected.filter((op) => !this.pulled[team].has(op.op_id));
      const extra = [...this.pulled[team].values()].filter((op) => !this.model.stored.has(op.op_id));
      if (missing.length > 0) this.fail(`${consulent}'s pull lacks ${missing.length} stored operations, e.g. ${JSON.stringify(missing[0])}`);
      if (extra.length > 0) this.fail(`${consulent}'s pull has ${extra.length} operations the model did not store, e.g. ${JSON.stringify(extra[0])}`);
    }
    // Someone's pull holds only what their role may read.
    const who = this.random.pick([...CLIENTS, ...STAFF.filter((s) => !s.startsWith("consulent"))]);
    const { changes, cursor } = await pullAfter(who, this.cursors.get(who) ?? this.startCursor);
    this.cursors.set(who, cursor);
    this.figures.pulls += 1;
    for (const { operation } of changes) {
      if (!this.myOps.has(operation.op_id)) continue;
      if (!this.model.mayRead(who, operation)) this.fail(`${who} pulled what their role may not read: ${operation.record.kind}.${operation.field} (${classOf(operation)}) of ${JSON.stringify(operation.record.owner)}`);
    }
  }
}

/** The differences between the model's expected answer and the worker's, in words. */
function compare(expected, answer) {
  const oneOf = (want, got) => (Array.isArray(want) ? want.includes(got) : want === got);
  const problems = [];
  if (!oneOf(expected.status, answer.status)) problems.push(`status: the model expects ${expected.status}, the worker answered ${answer.status}`);
  const body = answer.json;
  if (!Array.isArray(body?.results)) return [...problems, "the answer has no results"];
  if (!expected.stored && !expected.codes.includes(body.code)) {
    problems.push(`code: the model expects one of ${expected.codes.join(", ")}, the worker answered ${body.code}`);
  }
  if (body.results.length !== expected.results.length) problems.push(`${body.results.length} results for ${expected.results.length} operations`);
  expected.results.forEach((want, i) => {
    const got = body.results[i] ?? {};
    const code = got.reason?.code;
    if (!oneOf(want.status, got.status)) {
      problems.push(`operation ${i}: the model expects ${want.status}${want.codes ? ` (${want.codes.join(" or ")})` : ""}, the worker answered ${got.status}${code ? ` (${code})` : ""}`);
    } else if (want.codes && ["rejected", "refused"].includes(got.status) && !want.codes.includes(code)) {
      problems.push(`operation ${i}: ${got.status} for ${code}, the model expects ${want.codes.join(" or ")}`);
    }
  });
  return problems;
}

let totals;
test(`random pushes by random people agree with the model of who may do what (seed ${SEED})`, async () => {
  const started = Date.now();
  const answers = {};
  totals = { sequences: 0, pushes: 0, operations: 0, stored: 0, rejected: 0, refused: 0, checks: 0, pulls: 0 };
  let { cursor } = await pullAfter("consulent-sanne", 0);
  console.log(`# model-based: seed ${SEED}, ${SEQUENCES} sequences × ${STEPS} steps, ${SLOTS_PER_CLIENT} slot(s) per client`);
  for (let i = 0; i < SEQUENCES; i += 1) {
    cursor = (await pullAfter("consulent-sanne", cursor)).cursor;
    const sequence = new Sequence(SEED + i, cursor);
    await sequence.setUp();
    for (let step = 0; step < STEPS; step += 1) {
      await sequence.randomStep();
      if ((step + 1) % CHECK_EVERY === 0) await sequence.checkState();
    }
    await sequence.checkState();
    totals.sequences += 1;
    for (const [said, count] of sequence.answers) answers[said] = (answers[said] ?? 0) + count;
    for (const key of Object.keys(sequence.figures)) totals[key] += sequence.figures[key];
  }
  console.log(`# model-based: ${JSON.stringify(totals)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`# model-based: the worker's answers per operation: ${JSON.stringify(answers)}`);
});
