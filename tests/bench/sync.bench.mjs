// Sync benchmarks over loopback against the real worker (workerd + D1), run by `cargo xtask bench`.
// A benchmark, not a test: it reports figures against the targets of issue 4 and exits non-zero
// only when the API does not answer as it should.
//
//   1. An outreach worker's tablet pushes 1,000 offline operations (two pushes of 500); a second
//      device of the same worker pulls until it has them all. Target: ≤ 1 s together.
//   2. A consulent's new device pulls a caseload of 10,000 client files from cursor 0.
//      Target: ≤ 3 s. (Seeding them takes about 5 minutes: one person pushes at most 2,000
//      operations a minute, `shared::sync::quotas`.)
import { randomUUID } from "node:crypto";
import { writeFileSync, mkdirSync } from "node:fs";
import { accessTokenFor } from "../e2e/login.mjs";

const BASE_URL = process.env.BASE_URL;
let wall = Date.now() - 120_000;
const hlc = (device) => `${String((wall += 1)).padStart(18, "0")}-0000000000-${device}`;
const op = (author, clientId, kind, field, value, device) => ({
  op_id: randomUUID(),
  record: { kind, id: kind === "note" ? randomUUID() : clientId, owner: { kind: "client", client_id: clientId } },
  field,
  value,
  hlc: hlc(device),
  author,
});

async function call(token, method, path, body, device) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { "content-type": "application/json" } : {}),
      ...(device ? { "Naar-Vermogen-Device": device } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/** Pushes 500 at a time; over a quota (429: 2,000 per person per minute) it waits as the app does. */
async function pushAll(token, operations) {
  for (let start = 0; start < operations.length; start += 500) {
    for (;;) {
      const response = await fetch(`${BASE_URL}/api/v1/sync/push`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ operations: operations.slice(start, start + 500) }),
      });
      if (response.status !== 429) {
        if (!response.ok) throw new Error(`push: ${response.status} ${(await response.text()).slice(0, 300)}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get("retry-after")) * 1000));
    }
  }
}

async function pullAll(token, device, after = 0) {
  let count = 0;
  for (;;) {
    const page = await call(token, "GET", `/api/v1/sync/changes?after=${after}&limit=5000`, undefined, device);
    count += page.changes.length;
    after = page.cursor;
    if (!page.more) return { count, cursor: after };
  }
}

/** A name without digits (names may hold letters only): 0 → "Aa", 27 → "Bb", … */
const nameFor = (n) => {
  let letters = "";
  do {
    letters = String.fromCharCode(97 + (n % 26)) + letters;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `Cliënt ${letters[0].toUpperCase()}${letters.slice(1)}`;
};

const seconds = (start) => Number(((performance.now() - start) / 1000).toFixed(3));

const fatima = await accessTokenFor("outreach-fatima");
const sanne = await accessTokenFor("consulent-sanne");

// 1. 1,000 offline operations: 100 new client files, each with a name, 8 klantfoto scores and a note.
const domains = ["finances", "housing", "mental_health", "physical_health", "social_network", "addiction", "justice", "daily_activities"];
const offline = [];
for (let n = 0; n < 100; n += 1) {
  const clientId = randomUUID();
  offline.push(op("outreach-fatima", clientId, "dossier", "preferred_name", nameFor(n), "tablet-1"));
  for (const domain of domains) offline.push(op("outreach-fatima", clientId, "klantfoto", domain, 1 + (n % 5), "tablet-1"));
  offline.push(op("outreach-fatima", clientId, "note", "text", `Huisbezoek ${n}.`, "tablet-1"));
}
const secondDevice = await pullAll(fatima, "tablet-2");
const startPush = performance.now();
await pushAll(fatima, offline);
const pushSeconds = seconds(startPush);
const startConverge = performance.now();
const converged = await pullAll(fatima, "tablet-2", secondDevice.cursor);
const convergeSeconds = seconds(startConverge);
if (converged.count !== offline.length) throw new Error(`the second device got ${converged.count} of ${offline.length}`);

// 2. A caseload of 10,000 client files (one name each), then a first pull on a new device.
const caseload = [];
for (let n = 0; n < 10_000; n += 1) caseload.push(op("consulent-sanne", randomUUID(), "dossier", "preferred_name", nameFor(n), "desk-1"));
const startSeed = performance.now();
await pushAll(sanne, caseload);
const seedSeconds = seconds(startSeed);
const startFirstPull = performance.now();
const firstPull = await pullAll(sanne, "new-laptop");
const firstPullSeconds = seconds(startFirstPull);
if (firstPull.count < 10_000) throw new Error(`the first pull got ${firstPull.count} records`);

const report = {
  "push 1,000 offline operations (s)": pushSeconds,
  "second device converges on them (s)": convergeSeconds,
  "push + converge, target ≤ 1 s": Number((pushSeconds + convergeSeconds).toFixed(3)),
  "push 10,000 client files (s)": seedSeconds,
  "first pull of the caseload (records)": firstPull.count,
  "first pull of 10,000 records, target ≤ 3 s": firstPullSeconds,
};
console.table(report);
mkdirSync("target", { recursive: true });
writeFileSync("target/bench-sync.json", `${JSON.stringify(report, null, 2)}\n`);
