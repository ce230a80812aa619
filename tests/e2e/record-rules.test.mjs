// Rules that depend on the record, not only on who asks (issue 16), tried as an attacker would
// through the sync API. Jan sets his phone's clock to 2001 to get the slot Fenna holds: the slot
// stays Fenna's, since claims count in the order the worker stored them. Jan tries to make a slot
// of the team himself by claiming an id nobody offered, and to tell the worker where to store his
// change: both are refused, and nothing is stored. Trainer Pieter marks attendance for a client of
// another team who is not in his group: refused, with the same answer as for a file that does not
// exist. And he registers a session id of another group under his own: refused, so that group's
// consulent can still store its schedule. Fenna cannot hold more than two slots to come. A
// consulent's device cannot say what the engine advised beside a decision: the worker does.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { api } from "./browser.mjs";
import { accessTokenFor, clientFileFor, clockAt, recordsAtWorker, testClock } from "./login.mjs";

const TEAM = "team-noord";
const slotRecord = (id) => ({ kind: "slot", id, owner: { kind: "team", team_id: TEAM } });
const op = (author, record, field, value, hlc = testClock(author)) => ({ op_id: randomUUID(), record, field, value, hlc, author });
const push = async (who, operations) => api("POST", "/api/v1/sync/push", { token: await accessTokenFor(who), body: { operations } });
const slotsSeenBy = async (who) => (await api("GET", "/api/v1/slots/free", { token: await accessTokenFor(who) })).json.slots;
/** 1 January 2001, 09:00 in Amsterdam: where Jan set his phone's clock. */
const JANUARY_2001 = Date.UTC(2001, 0, 1, 8);

let fennasFile;
let jansFile;
let zuidClient;
const GROUP = randomUUID();
const OTHER_GROUP = randomUUID();
/** Session `number` of a group: its id is made from the group's (shared::journey::attendance). */
const sessionOf = (groupId, number) => number.toString(16).padStart(8, "0") + groupId.slice(8);
const place = (groupId, clientId) => ({ kind: "group_member", group_id: groupId, client_id: clientId });

before(async () => {
  fennasFile = await clientFileFor("client-fenna", "Fenna");
  jansFile = await clientFileFor("client-jan", "Jan");
  // Zoë, a client of team-zuid (Bram starts her file), and a group of each team that Pieter trains.
  zuidClient = randomUUID();
  const zoe = await push("consulent-bram", [
    op("consulent-bram", { kind: "dossier", id: zuidClient, owner: { kind: "client", client_id: zuidClient } }, "preferred_name", "Zoë"),
  ]);
  assert.equal(zoe.status, 200, zoe.text);
  for (const [groupId, consulent] of [[GROUP, "consulent-sanne"], [OTHER_GROUP, "consulent-bram"]]) {
    const token = await accessTokenFor(consulent);
    const group = await api("POST", "/api/v1/groups", { token, body: { group_id: groupId, trainer_subjects: ["trainer-pieter"] } });
    assert.equal(group.status, 201, group.text);
  }
  const members = await push("consulent-sanne", [
    op("consulent-sanne", { kind: "membership", id: `${GROUP}.${jansFile}`, owner: place(GROUP, jansFile) }, "status", "member"),
  ]);
  assert.equal(members.status, 200, members.text);
});

/** A slot the team offers (consulent Sanne), far ahead so that no other test's slots mix in. */
async function offeredSlot() {
  const id = randomUUID();
  const offered = await push("consulent-sanne", [
    op("consulent-sanne", slotRecord(id), "starts_at", "2031-03-04T10:00"),
    op("consulent-sanne", slotRecord(id), "duration_minutes", 30),
    op("consulent-sanne", slotRecord(id), "place", "Stadskantoor Noord"),
  ]);
  assert.equal(offered.status, 200, offered.text);
  return id;
}

test("a phone whose clock says 2001 does not take the slot Fenna holds: claims count in the order the worker stored them", async () => {
  const slot = await offeredSlot();
  const fenna = await push("client-fenna", [op("client-fenna", slotRecord(slot), "holder", fennasFile)]);
  assert.equal(fenna.json.results[0].status, "applied", fenna.text);

  const jan = await push("client-jan", [op("client-jan", slotRecord(slot), "holder", jansFile, clockAt(JANUARY_2001, "jans-phone"))]);
  assert.equal(jan.status, 200, jan.text);
  assert.deepEqual([jan.json.results[0].status, jan.json.results[0].reason?.code], ["refused", "slot_taken"], jan.text);

  assert.equal((await slotsSeenBy("consulent-sanne")).find((each) => each.id === slot)?.holder, fennasFile, "the consulent sees Fenna as holder");
  assert.deepEqual((await slotsSeenBy("client-fenna")).filter((each) => each.id === slot).map((each) => each.mine), [true], "Fenna still has it");
  assert.ok(!(await slotsSeenBy("client-jan")).some((each) => each.id === slot), "Jan is not offered it");
  const release = await push("client-fenna", [op("client-fenna", slotRecord(slot), "holder", null)]);
  assert.equal(release.json.results[0].status, "applied", `Fenna can release her slot: ${release.text}`);
});

test("a client cannot make a slot of the team by claiming an id nobody offered", async () => {
  const madeUp = randomUUID();
  const jan = await push("client-jan", [op("client-jan", slotRecord(madeUp), "holder", jansFile)]);
  assert.equal(jan.status, 422, jan.text);
  assert.deepEqual([jan.json.code, jan.json.field], ["may_not_start_record", "record"]);
  assert.match(jan.json.message.nl, /Dit tijdstip bestaat niet/);
  assert.ok(!(await slotsSeenBy("consulent-sanne")).some((each) => each.id === madeUp), "nothing was stored");
});

test("a device cannot tell the worker where its change is stored", async () => {
  const slot = await offeredSlot();
  const placed = { ...op("client-jan", slotRecord(slot), "holder", jansFile), stored_as: 1 };
  const jan = await push("client-jan", [placed]);
  assert.equal(jan.status, 422, jan.text);
  assert.deepEqual([jan.json.code, jan.json.field], ["stored_as_is_the_workers", "stored_as"]);
  assert.equal((await slotsSeenBy("consulent-sanne")).find((each) => each.id === slot)?.free, true, "the slot is still free");
});

test("a client holds at most two slots to come: a third claim is refused and stores nothing; moving frees one first", async () => {
  const [first, second, third] = [await offeredSlot(), await offeredSlot(), await offeredSlot()];
  const claim = (slot) => op("client-fenna", slotRecord(slot), "holder", fennasFile);
  const two = await push("client-fenna", [claim(first), claim(second)]);
  assert.deepEqual(two.json.results.map((result) => result.status), ["applied", "applied"], two.text);

  const more = await push("client-fenna", [claim(third)]);
  assert.equal(more.status, 422, more.text);
  assert.deepEqual([more.json.code, more.json.field], ["too_many_slots", "value"]);
  assert.match(more.json.message.nl, /al 2 tijden gekozen; meer dan 2 kan niet/);
  assert.equal((await slotsSeenBy("consulent-sanne")).find((each) => each.id === third)?.free, true, "the third slot is still free");

  const move = await push("client-fenna", [op("client-fenna", slotRecord(first), "holder", null), claim(third)]);
  assert.equal(move.status, 200, `moving releases one, then claims another: ${move.text}`);
  const hers = (await slotsSeenBy("client-fenna")).filter((each) => each.mine).map((each) => each.id);
  assert.deepEqual(hers.sort(), [second, third].sort());
});

test("beside a decision stands the advice the engine gives on the file, never one a device sends", async () => {
  const facts = { municipality: "Tilburg", application_date: "2026-11-02", birth_date: "1984-03-15" };
  const file = await clientFileFor(null, "Noor", { details: facts });
  const decision = { kind: "decision", id: randomUUID(), owner: { kind: "client", client_id: file } };
  const decide = (extra = []) =>
    [["route_id", "werkfit"], ["starts_on", "2026-12-01"], ["reason", "Eerst werkfit worden."], ...extra].map(([field, value]) => op("consulent-sanne", decision, field, value));

  const forged = await push("consulent-sanne", decide([["advised_route_id", "werkfit"]]));
  assert.equal(forged.status, 422, forged.text);
  assert.deepEqual([forged.json.code, forged.json.field], ["set_by_the_engine", "field"]);
  assert.equal((await recordsAtWorker("decision", file)).size, 0, "nothing of that push was stored");

  const stored = await push("consulent-sanne", decide());
  assert.equal(stored.status, 200, stored.text);
  // What the engine says of these facts, asked apart (the file's municipality as a policy id).
  const evaluated = await api("POST", "/api/v1/evaluate", { body: { ...facts, municipality: "tilburg" } });
  assert.equal(evaluated.status, 200, evaluated.text);
  const advice = evaluated.json.advice.route_id ?? evaluated.json.advice.route_kind;
  const [kept] = [...(await recordsAtWorker("decision", file)).values()];
  assert.equal(kept.route_id, "werkfit");
  assert.equal(kept.advised_route_id, advice, "the worker put the engine's advice beside the decision");
});

test("a trainer marks attendance for the group's members only, and the answer never tells whether a file exists", async () => {
  const attendance = (clientId) =>
    op("trainer-pieter", { kind: "attendance", id: `${sessionOf(GROUP, 1)}.${clientId}`, owner: place(GROUP, clientId) }, "status", "present");
  const jan = await push("trainer-pieter", [attendance(jansFile)]);
  assert.equal(jan.status, 200, `Jan is a member: ${jan.text}`);

  const zoe = await push("trainer-pieter", [attendance(zuidClient)]);
  const nobody = await push("trainer-pieter", [attendance(randomUUID())]);
  for (const answer of [zoe, nobody]) {
    assert.equal(answer.status, 422, answer.text);
    assert.deepEqual([answer.json.code, answer.json.field], ["not_a_member", "record"]);
  }
  assert.deepEqual(zoe.json.message, nobody.json.message, "the same words for a file of another team and for no file");
  const bramsPull = await api("GET", "/api/v1/sync/changes?after=0&limit=5000", { token: await accessTokenFor("consulent-bram") });
  assert.ok(!bramsPull.json.changes.some(({ operation }) => operation.record.kind === "attendance" && operation.record.id.endsWith(zuidClient)), "no mark reached Zoë's consulent");
});

test("a session id of another group cannot be registered under one's own group, so that group's schedule still stores", async () => {
  const theirs = sessionOf(OTHER_GROUP, 1);
  const taken = await push("trainer-pieter", [op("trainer-pieter", { kind: "group_session", id: theirs, owner: { kind: "group", group_id: GROUP } }, "starts_at", "2031-01-06T09:30")]);
  assert.equal(taken.status, 422, taken.text);
  assert.deepEqual([taken.json.code, taken.json.field], ["record_does_not_fit_owner", "record"]);
  const schedule = await push("consulent-bram", [
    op("consulent-bram", { kind: "group_session", id: theirs, owner: { kind: "group", group_id: OTHER_GROUP } }, "number", 1),
    op("consulent-bram", { kind: "group_session", id: theirs, owner: { kind: "group", group_id: OTHER_GROUP } }, "starts_at", "2031-01-06T09:30"),
  ]);
  assert.equal(schedule.status, 200, `the other group's consulent stores its schedule: ${schedule.text}`);
});
