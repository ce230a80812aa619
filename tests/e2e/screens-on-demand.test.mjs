// Screens fetched on demand (app/src/screens_on_demand.rs): a phone's first load holds the shell and the
// start page; each other screen's code arrives when it is first opened. After the first visit the
// service worker holds every screen, so they open with no network, also one never opened. A screen
// whose code cannot arrive says so, the app keeps running, and it opens once the network is back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newPhone, logIn, goOffline, demoUser, expectNoAxeViolations, BASE_URL } from "./browser.mjs";
import { clientFileFor } from "./login.mjs";

let browser;
before(async () => {
  browser = await launchChromium();
  await clientFileFor("client-mila", "Mila", { details: { municipality: "Tilburg" } });
});
after(async () => {
  await browser?.close();
});

/** The names of the wasm files the page asked for (from the network or from the service worker). */
function wasmAskedForBy(page) {
  const names = [];
  page.on("request", (request) => {
    const name = new URL(request.url()).pathname.split("/").pop();
    if (name.endsWith(".wasm")) names.push(name);
  });
  return names;
}

// The klantfoto is in the group of screens of the client's own file (app/src/app.rs).
const KLANTFOTO_CODE = "split_own_file.wasm";

test("a screen's code arrives when it is first opened, and after the first visit every screen opens offline", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-mila"));
    const wasm = wasmAskedForBy(page);
    await page.getByRole("heading", { name: /^Welkom/ }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: /^Welkom/ }).waitFor();
    assert.ok(wasm.includes("app_bg.wasm"), `the app's main wasm was loaded (asked for: ${wasm.join(", ")})`);
    assert.ok(!wasm.includes(KLANTFOTO_CODE), "the start page does not fetch the klantfoto's code");

    await page.getByRole("link", { name: "Klantfoto invullen" }).click();
    await page.getByRole("heading", { name: "Klantfoto" }).waitFor();
    assert.ok(wasm.includes(KLANTFOTO_CODE), "opening the klantfoto fetched its code");

    // The service worker has kept every screen: with no network, screens never opened still open.
    // (Opened again once the service worker is active: a page still loading when it took over may stay
    // outside its control until the next load.)
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.getByRole("heading", { name: "Klantfoto" }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await goOffline(context, page);
    await page.getByRole("navigation").getByRole("link", { name: "Afspraken" }).click();
    await page.getByRole("heading", { name: "Afspraken", exact: true }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Start" }).click();
    await page.getByRole("link", { name: "Mijn inspanningspakket" }).click();
    await page.getByRole("heading", { name: "Inspanningspakket", exact: true }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Start" }).click();
    await page.getByRole("link", { name: "Bijstand aanvragen" }).click();
    await page.locator("main h1").filter({ hasNotText: "kan nu niet openen" }).waitFor();
    assert.equal(await page.getByText("kan nu niet openen").count(), 0);
  } finally {
    await context.close();
  }
});

test("a screen whose code cannot be fetched says so, the app keeps running, and it opens once the network is back", async () => {
  // No service worker: nothing was kept, as on a first visit.
  const context = await newPhone(browser, { serviceWorkers: "block" });
  try {
    const page = await logIn(context, demoUser("client-mila"));
    await page.getByRole("heading", { name: /^Welkom/ }).waitFor();
    const refuse = (route) => route.abort("internetdisconnected");
    await context.route(`**/${KLANTFOTO_CODE}`, refuse);

    await page.getByRole("link", { name: "Klantfoto invullen" }).click();
    await page.getByRole("heading", { name: "Deze pagina kan nu niet openen" }).waitFor();
    assert.match(await page.getByRole("alert").filter({ hasText: "nog niet op uw apparaat" }).innerText(), /Probeer het opnieuw/);
    await expectNoAxeViolations(page, "screen-did-not-arrive");

    // The app still runs: the menu works, a screen of another group opens (appointments share the
    // klantfoto's file, so they cannot open either).
    await page.getByRole("navigation").getByRole("link", { name: "Route-advies" }).click();
    await page.getByRole("heading", { name: "Route-advies", level: 1 }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Afspraken" }).click();
    await page.getByRole("heading", { name: "Deze pagina kan nu niet openen" }).waitFor();

    // The network is back: the klantfoto opens (a failed fetch is not remembered).
    await context.unroute(`**/${KLANTFOTO_CODE}`, refuse);
    await page.getByRole("navigation").getByRole("link", { name: "Start" }).click();
    await page.getByRole("link", { name: "Klantfoto invullen" }).click();
    await page.getByRole("heading", { name: "Klantfoto" }).waitFor();
  } finally {
    await context.close();
  }
});

test("a deep link fetches its screen's files beside the app's own, once", async () => {
  const context = await newPhone(browser);
  try {
    const page = await context.newPage();
    const wasm = wasmAskedForBy(page);
    await page.goto(`${BASE_URL}/inloggen`);
    await page.getByRole("button", { name: "Inloggen (demo)" }).waitFor();
    // The boot script (xtask/src/build.rs) found the address's screen and asked for its files at once.
    assert.equal(await page.locator('link[rel="preload"][href$="/split_login.wasm"]').count(), 1);
    assert.equal(wasm.filter((name) => name === "split_login.wasm").length, 1, `asked for once (asked for: ${wasm.join(", ")})`);
    await expectNoAxeViolations(page, "login-deep-link");
  } finally {
    await context.close();
  }
});
