// Logout ends access (issue 16). Sanne logs out on a shared tablet: from that moment the token the
// tablet had is refused by every call of the API, and so is a token refreshed in the same login
// session, while her login on her own laptop goes on. The identity provider ends its session in the
// same step, so whoever presses "Inloggen" next on the tablet gets the login form, never her account.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { launchChromium, newTablet, logIn, storedSession, demoUser, api, saveScreenshot, BASE_URL } from "./browser.mjs";
import { accessTokenFor, testClock } from "./login.mjs";

const ISSUER = process.env.OIDC_ISSUER;

let browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** The answers to the three kinds of call a device makes with `token`: who am I, pull, push. */
async function everyKindOfCall(token) {
  const headers = { "Naar-Vermogen-Device": "tablet-logout" };
  const clientId = randomUUID();
  const push = {
    operations: [
      {
        op_id: randomUUID(),
        record: { kind: "dossier", id: clientId, owner: { kind: "client", client_id: clientId } },
        field: "preferred_name",
        value: "Lotte",
        hlc: testClock("tablet-logout"),
        author: "consulent-sanne",
      },
    ],
  };
  const [me, changes, pushed] = await Promise.all([
    api("GET", "/api/v1/me", { token }),
    api("GET", "/api/v1/sync/changes?after=0&limit=10", { token, headers }),
    api("POST", "/api/v1/sync/push", { token, body: push }),
  ]);
  return { me: me.status, changes: changes.status, push: pushed.status, codes: [me, changes, pushed].map((answer) => answer.json?.code) };
}

/** A new access token of the same login session, from the refresh token the app keeps. */
async function refreshed(session) {
  const response = await fetch(session.provider.token_endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: session.refresh_token,
      client_id: session.provider.client_id,
      resource: session.provider.resource,
    }),
  });
  const body = await response.json();
  assert.ok(body.access_token, `refreshed: ${JSON.stringify(body)}`);
  return body.access_token;
}

const claimsOf = (token) => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());

/**
 * Presses "Uitloggen" and waits until the device is left alone: back in the app with "Inloggen", or
 * at a page of the provider asking to confirm (where someone in a hurry walks away). Which of the two.
 */
async function pressUitloggenAndWalkAway(page) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  return Promise.race([
    page.getByRole("navigation").getByRole("link", { name: "Inloggen" }).waitFor().then(() => "back in the app"),
    page.getByRole("button", { name: "Ja, uitloggen" }).waitFor().then(() => "the provider asks to confirm"),
  ]);
}

test("after logout the tablet's token, and a token refreshed in its login session, get 401 from every call; her other login goes on", async () => {
  const context = await newTablet(browser);
  try {
    const page = await logIn(context, demoUser("consulent-sanne"));
    await page.locator("#who-is-logged-in").waitFor();
    const session = await storedSession(page);
    const sameSession = await refreshed(session);
    assert.notEqual(claimsOf(sameSession).jti, claimsOf(session.access_token).jti, "a token of its own");
    const laptop = await accessTokenFor("consulent-sanne");
    const allowed = { me: 200, changes: 200, push: 200, codes: [undefined, undefined, undefined] };
    for (const token of [session.access_token, sameSession, laptop]) assert.deepEqual(await everyKindOfCall(token), allowed);

    await pressUitloggenAndWalkAway(page);

    const refused = { me: 401, changes: 401, push: 401, codes: ["logged_out", "logged_out", "logged_out"] };
    assert.deepEqual(await everyKindOfCall(session.access_token), refused, "the token the tablet had");
    assert.deepEqual(await everyKindOfCall(sameSession), refused, "a token refreshed in the same login session");
    assert.deepEqual(await everyKindOfCall(laptop), allowed, "her login on another device");
  } finally {
    await context.close();
  }
});

test("after logout, whoever presses Inloggen next on the tablet gets the provider's login form, not the last person's account", async () => {
  const context = await newTablet(browser);
  try {
    const page = await logIn(context, demoUser("client-jan"));
    await page.locator("#who-is-logged-in").waitFor();
    await pressUitloggenAndWalkAway(page);

    // The next person opens the app on the same tablet and logs in.
    await page.goto(`${BASE_URL}/inloggen`);
    await page.getByRole("button", { name: "Inloggen (demo)" }).click();
    const shown = await Promise.race([
      page.getByLabel("Wachtwoord").waitFor().then(() => "the login form"),
      page.locator("#who-is-logged-in").waitFor().then(async () => page.locator("#who-is-logged-in").textContent()),
    ]);
    assert.equal(shown, "the login form");
    assert.ok(page.url().startsWith(`${ISSUER}/interaction/`), page.url());
    await saveScreenshot(page, "login-form-after-logout");
  } finally {
    await context.close();
  }
});
