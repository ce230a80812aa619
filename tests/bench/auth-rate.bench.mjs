// The cost of checking who is calling, against the real worker (workerd + D1), run by `cargo xtask
// bench`: authenticated requests per second on two cheap calls, so that the token check (signature,
// claims, and whether the token was revoked at logout) is most of the work. A benchmark, not a test:
// it reports figures and exits non-zero only when the API does not answer as it should.
//
//   1. `GET /api/v1/me`: the token check and nothing else.
//   2. `GET /api/v1/sync/changes` after the newest cursor: the token check and an empty pull.
//
// Issue 16 (logout ends access) asks that the revocation check keeps ≥ 0.9× the rate without it.
// `CONCURRENCY` (default 8) requests are in flight at a time, for `SECONDS` (default 10) per call
// after a warm-up of 2 s; `ROUNDS` (default 1) repeats both, and the best round of each counts.
import { writeFileSync, mkdirSync } from "node:fs";
import { accessTokenFor } from "../e2e/login.mjs";

const BASE_URL = process.env.BASE_URL;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const SECONDS = Number(process.env.SECONDS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const OUTPUT = process.env.OUTPUT ?? "target/bench-auth-rate.json";

const token = await accessTokenFor("consulent-sanne");
const headers = { authorization: `Bearer ${token}`, "Naar-Vermogen-Device": "bench-auth-rate" };

async function get(path) {
  const response = await fetch(`${BASE_URL}${path}`, { headers });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${body.slice(0, 300)}`);
  return body;
}

/** Requests per second on `path` with CONCURRENCY in flight, over `seconds`. */
async function rate(path, seconds) {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      await get(path);
      done += 1;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return done / ((performance.now() - start) / 1000);
}

let cursor = 0;
for (let more = true; more; ) ({ cursor, more } = JSON.parse(await get(`/api/v1/sync/changes?after=${cursor}&limit=5000`)));
const calls = {
  "GET /api/v1/me": "/api/v1/me",
  "GET /api/v1/sync/changes (empty)": `/api/v1/sync/changes?after=${cursor}&limit=100`,
};
const best = {};
for (let round = 1; round <= ROUNDS; round += 1) {
  for (const [name, path] of Object.entries(calls)) {
    await rate(path, 2);
    const perSecond = await rate(path, SECONDS);
    console.log(`round ${round}: ${name}: ${perSecond.toFixed(1)} requests/s`);
    best[name] = Math.max(best[name] ?? 0, perSecond);
  }
}

const report = Object.fromEntries(
  Object.entries(best).map(([name, perSecond]) => [`${name} (requests/s, ${CONCURRENCY} in flight)`, Number(perSecond.toFixed(1))]),
);
console.table(report);
mkdirSync("target", { recursive: true });
writeFileSync(OUTPUT, `${JSON.stringify(report, null, 2)}\n`);
