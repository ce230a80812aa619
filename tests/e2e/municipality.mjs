// Helpers for the tests of the municipal outbox (issue 7): the loopback municipality's control port
// (tests/municipal/municipality.mjs: Prism checking the published Zaken API in front of a stateful
// fake), the worker's cron trigger, aanvragen pushed through the sync API, valid test BSNs.
import { randomUUID } from "node:crypto";
import { testClock } from "./login.mjs";

const BASE_URL = process.env.BASE_URL;
const CONTROL = process.env.MUNICIPAL_CONTROL;
/** The worker's MUNICIPAL_API (zaaktype, statustypes, …) as xtask configured it. */
export const MUNICIPAL_API = JSON.parse(process.env.MUNICIPAL_API ?? "{}");

/** What the zaak system holds, and every violation of the specification Prism reported. */
export async function municipality() {
  return (await fetch(`${CONTROL}/state`)).json();
}

/** `down`, `up`, or `publish?zaaktype=…` / `unpublish?zaaktype=…`. */
export async function control(action) {
  const response = await fetch(`${CONTROL}/${action}`, { method: "POST" });
  if (!response.ok) throw new Error(`control ${action}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Runs the worker's cron trigger once (`wrangler dev --test-scheduled`). */
export async function runCron() {
  const response = await fetch(`${BASE_URL}/__scheduled?cron=*+*+*+*+*`);
  await response.text();
  if (!response.ok) throw new Error(`/__scheduled: ${response.status}`);
}

/** A BSN that passes the 11-proof, made from a number (the same number gives the same BSN). */
export function testBsn(n) {
  for (let candidate = n * 10; ; candidate += 1) {
    const digits = String(100000000 + (candidate % 800000000)).padStart(9, "0").slice(0, 8).split("").map(Number);
    const sum = digits.reduce((total, digit, i) => total + (9 - i) * digit, 0);
    const last = sum % 11;
    if (last <= 9) {
      const bsn = digits.join("") + String(last);
      if (bsn !== "000000000") return bsn;
    }
  }
}

/** Pushes a new aanvraag of `clientId` (BSN and date) as `subject`; returns the aanvraag id. */
export async function submitAanvraag(token, subject, clientId, bsn, submittedOn = "2026-11-26") {
  const id = randomUUID();
  const record = { kind: "aanvraag", id, owner: { kind: "client", client_id: clientId } };
  const operations = [
    ["bsn", bsn],
    ["submitted_on", submittedOn],
  ].map(([field, value]) => ({ op_id: randomUUID(), record, field, value, hlc: testClock(), author: subject }));
  const response = await fetch(`${BASE_URL}/api/v1/sync/push`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ operations }),
  });
  if (!response.ok) throw new Error(`push aanvraag: ${response.status} ${await response.text()}`);
  return id;
}

/** The team's outbox view (GET /api/v1/municipal-outbox) for a consulent's token. */
export async function outboxView(token) {
  const response = await fetch(`${BASE_URL}/api/v1/municipal-outbox`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`outbox view: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * Waits, without running the cron, until the worker has tried the call `action` of `clientId` and
 * noted why it failed (the run a push starts goes on after the push is answered). Fails after 30 s.
 */
export async function triedAndFailed(token, clientId, action) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const call = (await outboxView(token)).calls.find((each) => each.client_id === clientId && each.action === action);
    if (call?.last_error) return call;
    if (Date.now() > deadline) throw new Error(`the ${action} call of ${clientId} was not tried within 30 s: ${JSON.stringify(call)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs the cron until `done(view)` holds, or fails after `seconds`, or at once when a call is parked
 * (unless the test expects that: `parkedIsFailure: false`).
 */
export async function deliverUntil(token, done, { seconds = 60, parkedIsFailure = true } = {}) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const view = await outboxView(token);
    if (done(view)) return view;
    if (parkedIsFailure && view.parked > 0) throw new Error(`a call was refused: ${JSON.stringify(view.calls.filter((call) => call.state === "parked")).slice(0, 1500)}`);
    if (Date.now() > deadline) throw new Error(`not delivered in ${seconds} s: ${JSON.stringify(view).slice(0, 1500)}`);
    await runCron();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Pushes records of one client file as `subject` does on their device, through the sync API:
 * `records` is a list of `{ kind, id, fields }`. Returns the push's answer.
 */
export async function pushRecords(token, subject, clientId, records) {
  const owner = { kind: "client", client_id: clientId };
  const operations = records.flatMap(({ kind, id, fields }) =>
    Object.entries(fields).map(([field, value]) => ({ op_id: randomUUID(), record: { kind, id, owner }, field, value, hlc: testClock(), author: subject })),
  );
  const response = await fetch(`${BASE_URL}/api/v1/sync/push`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ operations }),
  });
  if (!response.ok) throw new Error(`push ${records.map((r) => r.kind).join(", ")}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** What the municipality's zaak system told a client's device about an aanvraag (operations by "gemeente"), as the client pulls it. */
export async function pulledFromTheMunicipality(token, aanvraagId) {
  const seen = {};
  let after = 0;
  for (;;) {
    const response = await fetch(`${BASE_URL}/api/v1/sync/changes?after=${after}&limit=5000`, { headers: { authorization: `Bearer ${token}` } });
    const page = await response.json();
    for (const { operation } of page.changes) {
      if (operation.record.kind === "aanvraag" && operation.record.id === aanvraagId && operation.author === "gemeente") {
        seen[operation.field] = operation.value;
      }
    }
    after = page.cursor;
    if (!page.more) return seen;
  }
}

/** A Dutch wall-clock time (`YYYY-MM-DDTHH:MM`, Europe/Amsterdam) `minutesFromNow` minutes from now. */
export function dutchTime(minutesFromNow) {
  const parts = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(Date.now() + minutesFromNow * 60_000));
  return parts.replace(" ", "T");
}
