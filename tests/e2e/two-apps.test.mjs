// The client's app and the staff app (app/src/app_choice.rs): a client's phone never downloads the
// staff screens; staff are moved to the staff app when they log in, keep it for offline use, and
// go back to the client's app when they log out.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newPhone, newTablet, logIn, goOffline, staffAppKeptForOffline, demoUser, expectNoAxeViolations, BASE_URL, underServiceWorkerControl, logOut } from "./browser.mjs";

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** The paths of the app's own wasm files this context fetched (from the network or the service worker). */
function wasmFetchedBy(context) {
  const paths = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin === new URL(BASE_URL).origin && url.pathname.endsWith(".wasm")) paths.push(url.pathname);
  });
  return paths;
}

const storedAppChoice = (page) => page.evaluate(() => localStorage.getItem("naar-vermogen-app"));

test("a client's phone runs the client's app only: no staff screens are downloaded, and their addresses say so", async () => {
  const context = await newPhone(browser);
  const wasm = wasmFetchedBy(context);
  try {
    const page = await logIn(context, demoUser("client-jan"));
    await page.getByRole("heading", { name: /^Welkom/ }).waitFor();
    for (const path of ["/klantfoto", "/inspanningspakket", "/afspraken"]) {
      await page.goto(`${BASE_URL}${path}`);
      await page.locator("main h1").waitFor();
    }
    await page.goto(`${BASE_URL}/dossiers`);
    await page.getByRole("heading", { name: "Deze pagina is voor medewerkers" }).waitFor();
    await expectNoAxeViolations(page, "client-at-a-staff-address");

    assert.ok(wasm.length > 0, "the app's wasm was fetched");
    assert.deepEqual(wasm.filter((path) => path.startsWith("/werk/")), [], "no file of the staff app");
    assert.equal(await storedAppChoice(page), null);
  } finally {
    await context.close();
  }
});

test("an outreach worker's tablet moves to the staff app at login, starts it offline, and leaves it at logout", async () => {
  const context = await newTablet(browser);
  const wasm = wasmFetchedBy(context);
  try {
    const page = await logIn(context, demoUser("outreach-fatima"));
    await page.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    await page.getByRole("heading", { name: "Dossiers", level: 1 }).waitFor();
    assert.equal(await storedAppChoice(page), "staff");
    assert.ok(wasm.some((path) => path.startsWith("/werk/")), `the staff app was loaded (fetched: ${wasm.join(", ")})`);

    // Offline, the tablet starts the staff app from the service worker's cache.
    await underServiceWorkerControl(page);
    await staffAppKeptForOffline(page);
    await goOffline(context, page);
    const fetchedBefore = wasm.length;
    await page.reload();
    await page.getByRole("heading", { name: "Dossiers", level: 1 }).waitFor();
    // (index.html preloads the client's wasm on every device; only the app that starts fetches its own.)
    assert.ok(wasm.slice(fetchedBefore).some((path) => path.startsWith("/werk/")), "offline, the staff app again");
    await context.setOffline(false);

    const fetchedBeforeLogout = wasm.length;
    await logOut(page);
    assert.equal(await storedAppChoice(page), null, "the device runs the client's app again");
    const afterLogout = wasm.slice(fetchedBeforeLogout);
    assert.ok(afterLogout.length > 0 && afterLogout.every((path) => !path.startsWith("/werk/")), `after logout the client's app starts (fetched: ${afterLogout.join(", ")})`);
  } finally {
    await context.close();
  }
});
