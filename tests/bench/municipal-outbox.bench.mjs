// The municipal outbox's throughput over loopback, run by `cargo xtask bench` (issue 7; target:
// ≥ 100 deliveries/s): the real worker (workerd + D1) sends to the loopback zaak system (Prism
// checking every call against the published Zaken API, in front of the stateful fake).
//
// The zaak system is taken down; a consulent's devices push 500 aanvragen for 100 client files
// (1,000 calls: a zaak and a rol each); while it is down each push's delivery run sends one probe
// and stops, and the probes wait with backoff. Then it comes back and the cron trigger runs until
// nothing waits. Reported: deliveries per second over the whole drain (the backoff of the calls
// tried while down included), how many calls were tried while down and how often, and the
// violations Prism found (must be 0).
// Figures in target/bench-municipal-outbox.json. Exits non-zero only when something is lost.
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { accessTokenFor, testClock } from "../e2e/login.mjs";
import { control, municipality, outboxView, runCron, testBsn } from "../e2e/municipality.mjs";

const BASE_URL = process.env.BASE_URL;
const FILES = 100;
const PER_FILE = 5;

async function push(token, operations) {
  const response = await fetch(`${BASE_URL}/api/v1/sync/push`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ operations }),
  });
  if (!response.ok) throw new Error(`push: ${response.status} ${(await response.text()).slice(0, 300)}`);
}

const sanne = await accessTokenFor("consulent-sanne");
const op = (kind, id, clientId, field, value) => ({
  op_id: randomUUID(),
  record: { kind, id, owner: { kind: "client", client_id: clientId } },
  field,
  value,
  hlc: testClock("bench-desk"),
  author: "consulent-sanne",
});
const files = Array.from({ length: FILES }, () => randomUUID());
await push(sanne, files.map((id) => op("dossier", id, id, "preferred_name", "Bench")));

await control("down");
const aanvragen = [];
for (let round = 0; round < PER_FILE; round += 1) {
  for (const [i, clientId] of files.entries()) aanvragen.push({ id: randomUUID(), clientId, bsn: testBsn(5000 + i) });
}
const started = Date.now();
for (let at = 0; at < aanvragen.length; at += 250) {
  const operations = aanvragen.slice(at, at + 250).flatMap(({ id, clientId, bsn }) => [
    op("aanvraag", id, clientId, "bsn", bsn),
    op("aanvraag", id, clientId, "submitted_on", "2026-11-26"),
  ]);
  await push(sanne, operations);
}
const enqueuedIn = Date.now() - started;
const waiting = await outboxView(sanne);
await control("up");

// The cron runs over and over while the zaak system's own count of what arrived is sampled (the
// worker is not asked, so the sampling adds no load to it; nothing else runs meanwhile).
const counts = async () => (await fetch(`${process.env.MUNICIPAL_CONTROL}/counts`)).json();
const before = await counts();
const arrived = async () => {
  const now = await counts();
  return now.zaken - before.zaken + now.rollen - before.rollen;
};
const drainStarted = Date.now();
let draining = true;
const cron = (async () => {
  while (draining) {
    await runCron();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
})();
let ninetyPercentMs;
for (;;) {
  if (Date.now() - drainStarted > 180_000) throw new Error("not drained in 3 min");
  const count = await arrived();
  if (ninetyPercentMs === undefined && count >= 0.9 * aanvragen.length * 2) ninetyPercentMs = Date.now() - drainStarted;
  if (count >= aanvragen.length * 2) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const drainMs = Date.now() - drainStarted;
draining = false;
await cron;
const last = await outboxView(sanne);
const state = await municipality();
const ours = new Set(aanvragen.map(({ id }) => `NV-${id}`));
const zaken = state.zaken.filter((zaak) => ours.has(zaak.identificatie));
const delivered = last.delivered - waiting.delivered;
const figures = {
  calls: aanvragen.length * 2,
  enqueued_while_down_ms: enqueuedIn,
  pending_while_down: waiting.pending,
  drain_ms: drainMs,
  deliveries_per_second: Math.round((delivered / drainMs) * 1000),
  // The first 90 %: the calls not held up by a probe's backoff.
  deliveries_per_second_first_90_percent: Math.round(((0.9 * aanvragen.length * 2) / ninetyPercentMs) * 1000),
  pending_after: last.pending,
  parked_after: last.parked,
  // The oldest waiting calls (the probes of the runs while down) and how often each was tried.
  calls_tried_while_down: waiting.calls.filter((call) => call.attempts > 0).length,
  most_attempts_while_down: Math.max(0, ...waiting.calls.map((call) => call.attempts)),
  zaken_made: zaken.length,
  duplicate_zaken: zaken.length - new Set(zaken.map((zaak) => zaak.identificatie)).size,
  rollen_made: state.rollen.filter((rol) => zaken.some((zaak) => zaak.url === rol.zaak)).length,
  prism_violations: state.violations.length,
  retry_behaviour:
    "while down: one probe per delivery run, then backoff 2 s, 4 s, 8 s … (max 15 min) for that call; calls of other clients stay due; a client's later calls wait behind its first",
};
mkdirSync("target", { recursive: true });
writeFileSync("target/bench-municipal-outbox.json", `${JSON.stringify(figures, null, 2)}\n`);
console.log(JSON.stringify(figures, null, 2));
console.log(
  `municipal outbox: ${figures.deliveries_per_second} deliveries/s over the whole drain, backoff included, ` +
    `${figures.deliveries_per_second_first_90_percent}/s over the first 90 % (target ≥ 100/s); ${figures.calls_tried_while_down} calls were tried while down, at most ` +
    `${figures.most_attempts_while_down} times`,
);
if (
  figures.zaken_made !== aanvragen.length ||
  figures.duplicate_zaken !== 0 ||
  figures.prism_violations !== 0 ||
  figures.pending_after + figures.parked_after !== 0
) {
  throw new Error("calls were lost, duplicated or did not fit the Zaken API");
}
