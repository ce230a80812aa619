// Repeat visit with no network (issue 5: interactive in ≤ 1 s), run by `cargo xtask bench`.
// A measurement, not a test. A client logs in on a phone (Debian's Chromium, 360 × 740) and the
// service worker installs; the phone goes offline; the page is reloaded five times, and each time
// the page itself notes, with `performance.now()` (milliseconds since the navigation started), the
// moment both the main heading ("Welkom, …") and the save button are in the document (a
// MutationObserver, so no polling delay). Once at this machine's speed, and once with the CPU slowed
// down 4× (DevTools' CPU throttling, as Lighthouse's mobile emulation does). Figures in
// `target/offline-repeat.json`.
import { mkdirSync, writeFileSync } from "node:fs";
import { launchChromium, newPhone, logIn, goOffline, demoUser } from "../e2e/browser.mjs";
import { clientFileFor } from "../e2e/login.mjs";

const RELOADS = 5;

function watchForInteractive() {
  const ready = () =>
    /^Welkom, /.test(document.querySelector("main h1")?.textContent ?? "") &&
    [...document.querySelectorAll("main button[type=submit]")].some((button) => button.textContent.trim() === "Opslaan");
  const note = () => {
    if (window.__interactiveAt === undefined && ready()) window.__interactiveAt = performance.now();
  };
  new MutationObserver(note).observe(document, { childList: true, subtree: true, characterData: true });
}

await clientFileFor("client-eva", "Eva");
const browser = await launchChromium();
const runs = { cpu_1x: [], cpu_4x_slower: [] };
try {
  const context = await newPhone(browser);
  await context.addInitScript(watchForInteractive);
  const page = await logIn(context, demoUser("client-eva"));
  await page.getByRole("heading", { name: /^Welkom, / }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
  await goOffline(context, page);
  const devtools = await context.newCDPSession(page);
  for (const [slowdown, key] of [[1, "cpu_1x"], [4, "cpu_4x_slower"]]) {
    await devtools.send("Emulation.setCPUThrottlingRate", { rate: slowdown });
    for (let run = 0; run < RELOADS; run += 1) {
      await page.reload();
      await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 10_000 });
      runs[key].push(
        await page.evaluate(() => {
          const [navigation] = performance.getEntriesByType("navigation");
          return {
            interactive_ms: Math.round(window.__interactiveAt),
            dom_content_loaded_ms: Math.round(navigation.domContentLoadedEventEnd),
            load_ms: Math.round(navigation.loadEventEnd),
            document_from_service_worker: navigation.workerStart > 0,
            online: navigator.onLine,
          };
        }),
      );
    }
  }
  await context.close();
} finally {
  await browser.close();
}

const summary = (list) => {
  const times = list.map((run) => run.interactive_ms).sort((a, b) => a - b);
  return { median_ms: times[Math.floor(times.length / 2)], max_ms: times[times.length - 1], runs: list };
};
const report = {
  what: "reload with no network after a first visit: ms from navigation start until the main heading and the save button are present",
  target_ms: 1000,
  cpu_1x: summary(runs.cpu_1x),
  cpu_4x_slower: summary(runs.cpu_4x_slower),
};
mkdirSync("target", { recursive: true });
writeFileSync("target/offline-repeat.json", JSON.stringify(report, null, 2));
for (const [key, what] of [["cpu_1x", "this machine's CPU"], ["cpu_4x_slower", "CPU 4× slower"]]) {
  const { median_ms, max_ms } = report[key];
  console.log(`Repeat visit offline (client home, ${RELOADS} reloads, ${what}): interactive after median ${median_ms} ms, at most ${max_ms} ms (target ≤ ${report.target_ms} ms)`);
}
console.log("Figures in target/offline-repeat.json");
