// The edge dies in the middle of a push and comes back: the device retries, and nothing is
// duplicated or lost. `wrangler dev` (with workerd and the local D1) is killed with SIGKILL and
// started again with the same command and the same database (xtask writes the recipe to
// WRANGLER_RESTART_FILE; xtask stops the replacement at the end).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { launchChromium, newPhone, saveScreenshot, expectNoAxeViolations, nameField, saveButton, logIn, goOffline, demoUser, deviceStoreSummary, api } from "./browser.mjs";
import { accessTokenFor, clientFileFor } from "./login.mjs";

const RESTART_FILE = process.env.WRANGLER_RESTART_FILE;

let browser;
let basFile;
before(async () => {
  browser = await launchChromium();
  basFile = await clientFileFor(null, "Bas", { outreachWorker: "outreach-fatima" });
});
after(async () => {
  await browser?.close();
});

async function edgeAnswers() {
  try {
    return (await api("GET", "/api/v1/health")).status === 200;
  } catch {
    return false;
  }
}

async function until(condition, what, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${what} within ${seconds} s`);
}

async function killEdge() {
  const recipe = JSON.parse(readFileSync(RESTART_FILE, "utf8"));
  process.kill(-recipe.process_group, "SIGKILL");
  await until(async () => !(await edgeAnswers()), "wrangler dev stopped");
}

async function startEdgeAgain() {
  const recipe = JSON.parse(readFileSync(RESTART_FILE, "utf8"));
  const child = spawn(recipe.program, recipe.args, {
    cwd: recipe.cwd ?? undefined,
    env: { ...process.env, ...recipe.env },
    detached: true,
    stdio: "ignore",
  });
  child.unref();
  writeFileSync(RESTART_FILE, JSON.stringify({ ...recipe, process_group: child.pid }));
  await until(edgeAnswers, "wrangler dev answered again");
}

/** Every operation on Bas's name the worker has, as a consulent pulls them. */
async function namesAtWorker() {
  const token = await accessTokenFor("consulent-sanne");
  const operations = [];
  let after = 0;
  for (;;) {
    const page = await api("GET", `/api/v1/sync/changes?after=${after}&limit=5000`, { token });
    for (const { operation } of page.json.changes) {
      if (operation.record.id === basFile && operation.field === "preferred_name") operations.push(operation);
    }
    after = page.json.cursor;
    if (!page.json.more) return operations;
  }
}

test("wrangler dev is killed while a push is answered, and restarted: the device retries, nothing is duplicated or lost", async () => {
  const context = await newPhone(browser);
  try {
    const tablet = await logIn(context, demoUser("outreach-fatima"));
    await tablet.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    await tablet.getByRole("link", { name: "Bas" }).click();
    await tablet.getByRole("heading", { name: "Bas" }).waitFor();

    await goOffline(context, tablet);
    for (const name of ["Bastiaan", "Bas Jan", "Bas-Pieter"]) {
      await nameField(tablet).fill(name);
      await saveButton(tablet).click();
      await tablet.getByRole("heading", { name }).waitFor();
    }
    assert.equal((await deviceStoreSummary(tablet)).stores.outbox, 3);

    // The worker stores the push; then the edge dies before the answer reaches the tablet.
    let answeredBeforeDying;
    await tablet.route(
      "**/api/v1/sync/push",
      async (route) => {
        const response = await route.fetch();
        answeredBeforeDying = await response.json();
        await killEdge();
        await route.abort("connectionreset");
      },
      { times: 1 },
    );
    await context.setOffline(false);
    await tablet.evaluate(() => window.dispatchEvent(new Event("online")));
    await until(async () => answeredBeforeDying !== undefined, "the push reached the worker");
    await tablet.locator("#sync-state").filter({ hasText: "3 wijzigingen op dit apparaat opgeslagen" }).waitFor();
    assert.deepEqual(answeredBeforeDying.results.map((r) => r.status), ["applied", "applied", "applied"]);
    assert.equal((await deviceStoreSummary(tablet)).stores.outbox, 3, "no answer: the changes stay in the outbox");
    await saveScreenshot(tablet, "restart-edge-down");
    await expectNoAxeViolations(tablet, "edge-down");

    await startEdgeAgain();
    await tablet.evaluate(() => window.dispatchEvent(new Event("online")));
    await tablet.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();
    assert.equal((await deviceStoreSummary(tablet)).stores.outbox, 0);

    const atWorker = await namesAtWorker();
    const made = atWorker.filter((operation) => operation.author === "outreach-fatima");
    assert.equal(made.length, 3, "each change once: none lost, none duplicated");
    assert.equal(new Set(made.map((operation) => operation.op_id)).size, 3);
    const latest = atWorker.reduce((a, b) => (a.hlc > b.hlc ? a : b));
    assert.equal(latest.value, "Bas-Pieter");
    await tablet.getByRole("heading", { name: "Bas-Pieter" }).waitFor();
  } finally {
    await context.close();
  }
});
