// The municipality sets the capacity (issue 5, appointments): consulent Sanne cuts a consultation
// hour into slots on /spreekuren; a client of her team sees them among the free times and books
// one; Sanne's list shows it booked. A client may not make slots, through the API either.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { launchChromium, newPhone, saveScreenshot, logIn, demoUser, expectNoAxeViolations, api, showLessUsedLinks } from "./browser.mjs";
import { accessTokenFor, clientFileFor, testClock } from "./login.mjs";

let browser;
before(async () => {
  browser = await launchChromium();
  await clientFileFor("client-mila", "Mila", { details: { municipality: "Tilburg" } });
});
after(async () => {
  await browser?.close();
});

/** A Tuesday far enough ahead that no other test uses it. */
const DAY = "2031-06-17";
const PLACE = "Stadskantoor Noord";
const synced = (page) => page.locator("#sync-state").filter({ hasText: "Alles is opgeslagen en verstuurd" }).waitFor();

test("a consulent sets up a consultation hour; a client books one of its times; the consulent sees it booked", async () => {
  const desk = await newPhone(browser);
  try {
    const sanne = await logIn(desk, demoUser("consulent-sanne"));
    await sanne.locator("#who-is-logged-in").waitFor();
    await showLessUsedLinks(sanne);
    await sanne.getByRole("navigation").getByRole("link", { name: "Spreekuren" }).click();
    await sanne.getByRole("heading", { name: "Spreekuur toevoegen" }).waitFor();
    await sanne.getByLabel("Datum").fill(DAY);
    await sanne.getByLabel("Van").fill("13:00");
    await sanne.getByLabel("Tot").fill("14:10");
    await sanne.getByLabel("Minuten per afspraak").fill("20");

    // No place: refused with what to fix, nothing made.
    await sanne.getByRole("button", { name: "Tijden klaarzetten" }).click();
    await sanne.getByRole("alert").filter({ hasText: "Vul bij 'Plaats' in waar de afspraken zijn" }).waitFor();
    assert.equal(await sanne.locator("#team-slots li").filter({ hasText: "17 jun 2031" }).count(), 0);

    await sanne.getByLabel("Plaats").fill(PLACE);
    await sanne.getByRole("button", { name: "Tijden klaarzetten" }).click();
    await sanne.locator("#hours-made").filter({ hasText: "3 tijden klaargezet." }).waitFor();
    await synced(sanne);
    assert.equal(await sanne.getByLabel("Datum").inputValue(), DAY, "the form keeps what was typed while the list refreshes");
    const times = await sanne.locator("#team-slots li").filter({ hasText: "17 jun 2031" }).allInnerTexts();
    assert.deepEqual(times, [
      `17 jun 2031 13:00, ${PLACE}: vrij`,
      `17 jun 2031 13:20, ${PLACE}: vrij`,
      `17 jun 2031 13:40, ${PLACE}: vrij`,
    ], "70 minutes hold three whole appointments of 20");
    await saveScreenshot(sanne, "consultation-hours");
    await expectNoAxeViolations(sanne, "consultation-hours", { widths: [360, 320] });

    const phone = await newPhone(browser);
    try {
      const mila = await logIn(phone, demoUser("client-mila"));
      await mila.getByRole("heading", { name: "Welkom, Mila" }).waitFor();
      await mila.getByRole("navigation").getByRole("link", { name: "Afspraken" }).click();
      const option = mila.getByLabel(/dinsdag 17 juni 2031, 13:20 · 20 minuten/);
      await option.waitFor();
      await option.check();
      await mila.getByRole("button", { name: "Afspraak maken" }).click();
      await mila.locator("#booked").filter({ hasText: "Uw afspraak is gemaakt: dinsdag 17 juni 2031, 13:20." }).waitFor();
      await synced(mila);
    } finally {
      await phone.close();
    }

    await sanne.reload();
    await sanne.locator("#team-slots li").filter({ hasText: "17 jun 2031 13:20" }).filter({ hasText: "geboekt" }).waitFor();
    assert.equal(await sanne.locator("#team-slots li").filter({ hasText: "17 jun 2031" }).filter({ hasText: ": vrij" }).count(), 2);
  } finally {
    await desk.close();
  }
});

test("a client may not make slots: the worker refuses it and stores nothing", async () => {
  const slot = { kind: "slot", id: randomUUID(), owner: { kind: "team", team_id: "team-noord" } };
  const operations = [["starts_at", `${DAY}T15:00`], ["duration_minutes", 20], ["place", PLACE]].map(([field, value]) => ({
    op_id: randomUUID(), record: slot, field, value, hlc: testClock("milas-phone"), author: "client-mila",
  }));
  const pushed = await api("POST", "/api/v1/sync/push", { token: await accessTokenFor("client-mila"), body: { operations } });
  assert.equal(pushed.status, 403, pushed.text);
  const free = await api("GET", "/api/v1/slots/free", { token: await accessTokenFor("consulent-sanne") });
  assert.ok(!free.json.slots.some((s) => s.id === slot.id), "nothing stored");
});
