// Lighthouse (npm `lighthouse`, its default mobile emulation: a mid-range phone, simulated slow 4G and
// 4× CPU slowdown) against the local edge, with Debian's Chromium. Run by `cargo xtask bench`.
// A measurement, not a test: it prints the figures and writes them to `target/lighthouse.json`
// next to the targets of issue 5 (performance ≥ 95, accessibility 100, best practices ≥ 95).
//
// Each page is measured from a cold start in a fresh browser (Lighthouse resets storage), so only
// the public pages can be: the app keeps its session in IndexedDB. The client's home is measured as
// a repeat visit instead: the client logs in first in the same browser (playwright over the DevTools
// port), and Lighthouse runs with `disableStorageReset` (session, device store, service worker and its
// cache all kept, as on the client's phone the next day).
//
// Reading the figures: FCP and LCP are the static shell of index.html (painted before the wasm has
// arrived); TTI ("interactive") is when the app itself has started and the main thread is quiet.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { mkdirSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { logIn, demoUser } from "../e2e/browser.mjs";
import { clientFileFor } from "../e2e/login.mjs";

const BASE_URL = process.env.BASE_URL;
if (!BASE_URL) throw new Error("BASE_URL is not set: run this with `cargo xtask bench`.");
const PAGES = [
  { name: "/", path: "/" },
  { name: "/inloggen", path: "/inloggen" },
  { name: "/advies", path: "/advies" },
  { name: "/ client, repeat", path: "/", client: "client-jan" },
];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const AUDITS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index", "interactive"];

const results = [];
/** Logs the client in through the app in the browser behind `port`, and waits until the app works offline. */
async function logInFirst(port, client) {
  await clientFileFor(client, "Jan");
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const page = await logIn(browser.contexts()[0], demoUser(client));
    await page.getByRole("heading", { name: /^Welkom, / }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    await page.close();
  } finally {
    await browser.close(); // disconnects; the browser and its profile stay for Lighthouse
  }
}

for (const { name, path, client } of PAGES) {
  // A fresh browser per page: no cache or service worker from the page before.
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    if (client) await logInFirst(chrome.port, client);
    const settings = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES, disableStorageReset: Boolean(client) };
    const runner = await lighthouse(BASE_URL + path, settings);
    const { lhr } = runner;
    const failed = Object.values(lhr.audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative" && audit.scoreDisplayMode !== "manual" && audit.scoreDisplayMode !== "notApplicable")
      .map((audit) => ({ id: audit.id, score: audit.score, displayValue: audit.displayValue ?? null }));
    results.push({
      page: name,
      url: lhr.finalDisplayedUrl,
      lighthouse: lhr.lighthouseVersion,
      formFactor: lhr.configSettings.formFactor,
      throttling: lhr.configSettings.throttlingMethod,
      runtimeError: lhr.runtimeError ?? null,
      scores: Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id]?.score === null ? null : Math.round((lhr.categories[id]?.score ?? 0) * 100)])),
      metricsMs: Object.fromEntries(AUDITS.map((id) => [id, lhr.audits[id]?.numericValue === undefined ? null : Math.round(lhr.audits[id].numericValue * 1000) / 1000])),
      lcpElement: lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.nodeLabel ?? null,
      notFullMarks: failed,
    });
  } finally {
    await chrome.kill();
  }
}

mkdirSync("target", { recursive: true });
const report = { base_url: BASE_URL, targets: { performance: 95, accessibility: 100, "best-practices": 95 }, pages: results };
writeFileSync("target/lighthouse.json", JSON.stringify(report, null, 2));
console.log("Lighthouse (mobile emulation, Debian's Chromium) against the local edge:");
console.log("page              perf  a11y  best  seo    FCP ms   LCP ms   TBT ms   TTI ms   CLS");
for (const r of results) {
  const s = r.scores;
  const m = r.metricsMs;
  console.log(
    `${r.page.padEnd(17)} ${String(s.performance).padStart(4)}  ${String(s.accessibility).padStart(4)}  ${String(s["best-practices"]).padStart(4)}  ${String(s.seo).padStart(4)}  ${String(Math.round(m["first-contentful-paint"])).padStart(7)}  ${String(Math.round(m["largest-contentful-paint"])).padStart(7)}  ${String(Math.round(m["total-blocking-time"])).padStart(7)}  ${String(Math.round(m.interactive)).padStart(7)}  ${m["cumulative-layout-shift"]}`,
  );
  if (r.runtimeError) console.log(`  runtime error: ${r.runtimeError.code} ${r.runtimeError.message}`);
  for (const audit of r.notFullMarks) console.log(`  not full marks: ${audit.id} (${audit.score})${audit.displayValue ? ` ${audit.displayValue}` : ""}`);
}
console.log("Figures in target/lighthouse.json");
