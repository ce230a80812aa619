// Accessibility (WCAG 2.1 AA), end to end: axe-core scans every screen a person reaches, at the phone's
// 360 px and at 320 px (no sideways scrolling), and a keyboard-only walk through the client's home and
// a client file. The states that other stories bring about (offline, refused changes, storage warning,
// an expired session, a replaced change) are scanned in those stories with the same helper,
// `expectNoAxeViolations` (browser.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launchChromium,
  newPhone,
  saveScreenshot,
  expectNoAxeViolations,
  fillJanInTilburg,
  nameField,
  saveButton,
  logIn,
  goOffline,
  demoUser,
  BASE_URL,
} from "./browser.mjs";
import { clientFileFor } from "./login.mjs";

const BOTH_WIDTHS = { widths: [360, 320] };

let browser;
before(async () => {
  browser = await launchChromium();
  // Eva's file is used by this story only (the other stories each have their own client).
  await clientFileFor("client-eva", "Eva");
});
after(async () => {
  await browser?.close();
});

const synced = (page) => page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();

test("the public screens have no axe violations: home, login, route advice with its answer, an unknown page", async () => {
  const context = await newPhone(browser);
  try {
    const page = await context.newPage();
    await page.goto(BASE_URL + "/");
    await page.getByRole("navigation").getByRole("link", { name: "Inloggen" }).waitFor();
    await page.locator("#storage-persistence").filter({ hasText: /\S/ }).waitFor();
    await expectNoAxeViolations(page, "home-logged-out", BOTH_WIDTHS);

    await page.getByRole("navigation").getByRole("link", { name: "Inloggen" }).click();
    await page.getByRole("button", { name: "Inloggen (demo)" }).waitFor();
    await expectNoAxeViolations(page, "login", BOTH_WIDTHS);

    await page.getByRole("link", { name: "Route-advies" }).click();
    await page.getByRole("heading", { name: "Route-advies", level: 1 }).waitFor();
    await expectNoAxeViolations(page, "advice-empty", BOTH_WIDTHS);
    await fillJanInTilburg(page);
    await page.locator("#outcome").filter({ hasText: "Recht op bijstand" }).waitFor();
    await page.getByText("Waarom? Alle stappen").click();
    await expectNoAxeViolations(page, "advice-answer", BOTH_WIDTHS);

    await page.goto(BASE_URL + "/bestaat-niet");
    await page.getByRole("heading", { name: "Deze pagina bestaat niet" }).waitFor();
    await expectNoAxeViolations(page, "not-found");
  } finally {
    await context.close();
  }
});

test("a client's screens have no axe violations: home, the audit trail, a refused name, saved offline", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("client-eva"));
    await page.getByRole("heading", { name: "Welkom, Eva" }).waitFor();
    await synced(page);
    await expectNoAxeViolations(page, "home-client", BOTH_WIDTHS);

    await page.getByRole("button", { name: "Toon" }).click();
    await page.locator("#audit-trail").waitFor();
    await expectNoAxeViolations(page, "home-client-audit-trail", BOTH_WIDTHS);

    await nameField(page).fill("<b>Eva</b>");
    await saveButton(page).click();
    await page.locator("#preferred-name-error").filter({ hasText: /\S/ }).waitFor();
    await expectNoAxeViolations(page, "home-client-refused-name");

    await goOffline(context, page);
    await nameField(page).fill("Eva");
    await saveButton(page).click();
    await page.locator("#sync-state").filter({ hasText: "1 wijziging op dit apparaat opgeslagen" }).waitFor();
    await expectNoAxeViolations(page, "home-client-offline");
  } finally {
    await context.close();
  }
});

test("a consulent's screens have no axe violations: start, the dossiers, one file with its audit trail", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, demoUser("consulent-sanne"));
    await page.getByRole("link", { name: "Naar de dossiers" }).waitFor();
    await synced(page);
    await expectNoAxeViolations(page, "home-consulent");
    await page.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    await page.getByRole("heading", { name: "Dossiers", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Eva" }).waitFor();
    await expectNoAxeViolations(page, "dossiers", BOTH_WIDTHS);
    await page.getByRole("link", { name: "Eva" }).click();
    await page.getByRole("heading", { name: "Eva", level: 1 }).waitFor();
    await expectNoAxeViolations(page, "dossier", BOTH_WIDTHS);
    await page.getByRole("button", { name: "Toon" }).click();
    await page.locator("#audit-trail").waitFor();
    await expectNoAxeViolations(page, "dossier-audit-trail", BOTH_WIDTHS);
    await saveScreenshot(page, "dossier-audit-trail-consulent");
  } finally {
    await context.close();
  }
});

/** What has the keyboard focus now, and does it show that (outline or ring) on screen? */
function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow !== "none";
    return {
      key: element.dataset.walkKey ?? null,
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40) || element.id,
      visibleFocus: outline || ring,
      onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth,
      height: Math.round(box.height),
    };
  });
}

/** Every element a keyboard user should reach, in document order, each marked with a key. */
function reachableElements(page) {
  return page.evaluate(() => {
    const selector = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea, summary, [tabindex]:not([tabindex='-1'])";
    return [...document.querySelectorAll(selector)]
      .filter((element) => element.getClientRects().length > 0)
      .map((element, index) => {
        element.dataset.walkKey = String(index);
        const name = (element.textContent ?? "").trim().slice(0, 40) || element.id;
        return { key: String(index), name, inMain: element.closest("main") !== null };
      });
  });
}

/**
 * From the top of a freshly loaded screen, Tab only: the skip link comes first, then every interactive
 * element once, in document order, each with a visible focus style. Loaded again: the skip link, with
 * Enter, takes the focus to `<main>`, and the next Tab to the first control in it. Every control is
 * at least 44 px high (a finger's width).
 */
async function walkWithTab(t, page, screen, ready) {
  await page.reload();
  await ready();
  const expected = await reachableElements(page);
  const walked = [];
  // A date or time field takes several Tabs (day, month, year): the same element again is one stop.
  for (let step = 0; step < expected.length * 4 + 5; step += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now && now.key === walked.at(-1)?.key) continue;
    if (!now || walked.some((element) => element.key === now.key)) break;
    walked.push(now);
  }
  assert.equal(walked[0]?.name, "Naar de inhoud", `${screen}: the skip link comes first`);
  const notVisible = walked.filter((element) => !element.visibleFocus || !element.onScreen);
  assert.deepEqual(notVisible, [], `${screen}: every element shows its focus, on screen`);
  assert.deepEqual(
    walked.map((element) => element.key),
    expected.map((element) => element.key),
    `${screen}: Tab reaches every interactive element once, in document order\nwalked: ${walked.map((e) => e.name).join(" | ")}\nexpected: ${expected.map((e) => e.name).join(" | ")}`,
  );

  await page.reload();
  await ready();
  const path = new URL(page.url()).pathname;
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "main");
  assert.equal(new URL(page.url()).pathname, path, `${screen}: the skip link stays on the screen`);
  await page.keyboard.press("Tab");
  const firstInMain = (await reachableElements(page)).find((element) => element.inMain);
  assert.equal((await focused(page))?.key, firstInMain.key, `${screen}: after the skip link, Tab goes on in <main> (${firstInMain.name})`);
  for (const element of walked) {
    assert.ok(element.height >= 44, `${screen}: ${element.name} is ${element.height} px high; at least 44 px to touch`);
  }
  t.diagnostic(`${screen}, Tab order: ${walked.map((e) => `${e.name} (${e.height} px)`).join(" → ")}`);
  return walked;
}

/** Tab until `locator` has the focus. */
async function tabTo(page, locator) {
  for (let step = 0; step < 40; step += 1) {
    await page.keyboard.press("Tab");
    if (await locator.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${locator} cannot be reached with Tab`);
}

test("keyboard only: the skip link, every control of the client's home and of a file reached with Tab, the name saved with Enter", async (t) => {
  const clientContext = await newPhone(browser);
  const staffContext = await newPhone(browser);
  try {
    const home = await logIn(clientContext, demoUser("client-eva"));
    const homeReady = async () => {
      await home.getByRole("heading", { name: /^Welkom, Eva/ }).waitFor();
      await synced(home);
    };
    await homeReady();
    const walked = await walkWithTab(t, home, "home-client", homeReady);
    assert.ok(walked.some((e) => e.id === "preferred-name"), "the name field is reached");
    await tabTo(home, nameField(home));
    await home.keyboard.press("ControlOrMeta+A");
    await home.keyboard.type("Eva-Lynn");
    await home.keyboard.press("Enter");
    await home.getByRole("heading", { name: "Welkom, Eva-Lynn" }).waitFor();
    await synced(home);
    await saveScreenshot(home, "keyboard-home-client-saved");

    // A consulent opens Eva's file with the keyboard only, and renames her back.
    const desk = await logIn(staffContext, demoUser("consulent-sanne"));
    await desk.getByRole("link", { name: "Naar de dossiers" }).waitFor();
    await synced(desk);
    await tabTo(desk, desk.getByRole("navigation").getByRole("link", { name: "Dossiers" }));
    await desk.keyboard.press("Enter");
    const listReady = () => desk.getByRole("link", { name: "Eva-Lynn" }).waitFor();
    await listReady();
    await walkWithTab(t, desk, "dossiers", listReady);
    await tabTo(desk, desk.getByRole("link", { name: "Eva-Lynn" }));
    await desk.keyboard.press("Enter");
    const fileReady = async () => {
      await desk.getByRole("heading", { name: "Eva-Lynn", level: 1 }).waitFor();
      await synced(desk);
    };
    await fileReady();
    await walkWithTab(t, desk, "dossier", fileReady);
    await tabTo(desk, nameField(desk));
    await desk.keyboard.press("ControlOrMeta+A");
    await desk.keyboard.type("Eva");
    await desk.keyboard.press("Enter");
    await desk.getByRole("heading", { name: "Eva", level: 1 }).waitFor();
    await synced(desk);
    await saveScreenshot(desk, "keyboard-dossier-saved");
  } finally {
    await clientContext.close();
    await staffContext.close();
  }
});
