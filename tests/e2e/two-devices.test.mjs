// Two devices, one client file, both offline: an outreach worker's tablet during a home visit and
// the client's own phone change Mila's name; both come online; both show the same merged state,
// and the side whose change lost sees why (shared::merge::Replica::replaced).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, newPhone, saveScreenshot, expectNoAxeViolations, nameField, saveButton, logIn, goOffline, demoUser } from "./browser.mjs";
import { clientFileFor, latestValueAtWorker } from "./login.mjs";

let browser;
let milasFile;
before(async () => {
  browser = await launchChromium();
  milasFile = await clientFileFor("client-mila", "Mila", { outreachWorker: "outreach-fatima" });
});
after(async () => {
  await browser?.close();
});

const synced = (page) => page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();

async function comeOnline(context, page) {
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await synced(page);
}

test("tablet and phone both edit Mila's name offline; both end with the later change, and the tablet is told why", async () => {
  const tabletContext = await newPhone(browser);
  const phoneContext = await newPhone(browser);
  try {
    // The outreach worker opens Mila's file on her tablet while there is still a connection.
    const tablet = await logIn(tabletContext, demoUser("outreach-fatima"));
    await tablet.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    await tablet.getByRole("link", { name: "Mila" }).click();
    await tablet.getByRole("heading", { name: "Mila" }).waitFor();
    await synced(tablet);
    const phone = await logIn(phoneContext, demoUser("client-mila"));
    await phone.getByRole("heading", { name: "Welkom, Mila" }).waitFor();
    await synced(phone);

    // In the living room, no signal; the client's phone has none either.
    await goOffline(tabletContext, tablet);
    await goOffline(phoneContext, phone);
    await nameField(tablet).fill("Milana");
    await saveButton(tablet).click();
    await tablet.getByRole("heading", { name: "Milana" }).waitFor();
    await nameField(phone).fill("Mila Rose");
    await saveButton(phone).click();
    await phone.getByRole("heading", { name: "Welkom, Mila Rose" }).waitFor();
    assert.equal(await latestValueAtWorker("dossier", milasFile, "preferred_name"), "Mila", "nothing left either device yet");

    // The phone comes online first, then the tablet: the tablet's change is older and loses.
    await comeOnline(phoneContext, phone);
    await comeOnline(tabletContext, tablet);
    await tablet.getByRole("heading", { name: "Mila Rose" }).waitFor();
    const notice = tablet.locator(".notice--replaced");
    await notice.waitFor();
    assert.equal(
      await notice.innerText(),
      "Uw wijziging (Milana) is vervangen door een latere wijziging van client-mila: Mila Rose.",
    );
    await saveScreenshot(tablet, "two-devices-tablet-replaced");
    await expectNoAxeViolations(tablet, "replaced-notice", { widths: [360, 320] });

    // The phone pulls again: the same state, and nothing to explain on the winning side.
    await phone.evaluate(() => window.dispatchEvent(new Event("online")));
    await synced(phone);
    await phone.getByRole("heading", { name: "Welkom, Mila Rose" }).waitFor();
    assert.equal(await phone.locator(".notice--replaced").count(), 0);
    assert.equal(await nameField(tablet).inputValue(), await nameField(phone).inputValue());
    assert.equal(await latestValueAtWorker("dossier", milasFile, "preferred_name"), "Mila Rose");
    await saveScreenshot(phone, "two-devices-phone");
  } finally {
    await tabletContext.close();
    await phoneContext.close();
  }
});

test("the consulent sees who looked at and changed Mila's file; the outreach worker does not get that view", async () => {
  const consulentContext = await newPhone(browser);
  const outreachContext = await newPhone(browser);
  try {
    const desk = await logIn(consulentContext, demoUser("consulent-sanne"));
    await desk.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    await desk.getByRole("link", { name: "Mila Rose" }).click();
    await desk.getByRole("heading", { name: "Mila Rose" }).waitFor();
    await desk.getByRole("button", { name: "Toon" }).click();
    const trail = desk.locator("#audit-trail");
    await trail.waitFor();
    const text = await trail.innerText();
    assert.match(text, /outreach-fatima \(outreachmedewerker\)\s+gewijzigd: naam/);
    assert.match(text, /client-mila \(cliënt\)\s+bekeken: naam/);
    assert.doesNotMatch(text, /Milana|Mila Rose/, "the trail names what was touched, never the values");
    await saveScreenshot(desk, "audit-trail");

    const tablet = await logIn(outreachContext, demoUser("outreach-fatima"));
    await tablet.getByRole("navigation").getByRole("link", { name: "Dossiers" }).click();
    await tablet.getByRole("link", { name: "Mila Rose" }).click();
    await tablet.getByRole("heading", { name: "Mila Rose" }).waitFor();
    assert.equal(await tablet.getByRole("heading", { name: "Wie heeft dit dossier bekeken of gewijzigd?" }).count(), 0);
  } finally {
    await consulentContext.close();
    await outreachContext.close();
  }
});
