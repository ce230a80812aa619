// Login with OpenID Connect, end to end: the demo provider (worker/demo/oidc-provider.mjs, a real
// oidc-provider on loopback), the app in headless Chromium, and the worker checking every token.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { SignJWT, generateKeyPair, importJWK, base64url } from "jose";
import { launchChromium, newPhone, saveScreenshot, expectNoAxeViolations, logIn, deviceStoreSummary, storedSession, logOut, BASE_URL } from "./browser.mjs";
import { clientFileFor } from "./login.mjs";

const ISSUER = requiredEnvironment("OIDC_ISSUER");
const PRIVATE_JWKS_PATH = requiredEnvironment("OIDC_PRIVATE_JWKS");
const AUDIENCE = "urn:naar-vermogen:api";
const { users: DEMO_USERS, roles_in_dutch: ROLES_IN_DUTCH } = JSON.parse(
  readFileSync(new URL("../../worker/demo/users.json", import.meta.url)),
);

function requiredEnvironment(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with \`cargo xtask test\`.`);
  return value;
}

let browser;
let genuineKey;
let genuineKid;
before(async () => {
  browser = await launchChromium();
  const [jwk] = JSON.parse(readFileSync(PRIVATE_JWKS_PATH, "utf8")).keys;
  genuineKid = jwk.kid;
  genuineKey = await importJWK(jwk, "ES256");
});
after(async () => {
  await browser?.close();
});

/** `GET /api/v1/me` with an optional `Authorization` header. */
const me = (authorization) => ask("GET", "/api/v1/me", authorization);

/** An API call with an optional `Authorization` header: its status, challenge and JSON. */
async function ask(method, path, authorization) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Left as null: the caller asserts on it.
  }
  return { status: response.status, challenge: response.headers.get("www-authenticate"), json };
}

const now = () => Math.floor(Date.now() / 1000);
const validClaims = () => ({ iss: ISSUER, aud: AUDIENCE, sub: "consulent-sanne", role: "consulent" });

/**
 * A token signed with the demo provider's own private key (so only the claims are wrong), with a
 * token id (`jti`, as RFC 9068 asks) unless `jti` is null.
 */
function genuinelySigned(claims, { issuedAt = now(), expiresAt = now() + 300, jti = randomUUID() } = {}) {
  const token = new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: genuineKid, typ: "at+jwt" })
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt);
  return (jti === null ? token : token.setJti(jti)).sign(genuineKey);
}

const logout = (token) => ask("POST", "/api/v1/logout", `Bearer ${token}`);

function assertRefused(answer, what, code = "invalid_token") {
  assert.equal(answer.status, 401, `${what}: status`);
  assert.match(answer.challenge ?? "", /^Bearer\b/, `${what}: WWW-Authenticate`);
  assert.equal(answer.json?.code, code, `${what}: code`);
  assert.ok("field" in answer.json, `${what}: field`);
  assert.ok(answer.json.message.nl.length > 0 && answer.json.message.en.length > 0, `${what}: message`);
}

test("a genuinely signed token with the right claims is accepted (the refusals below are about their one flaw)", async () => {
  const answer = await me(`Bearer ${await genuinelySigned(validClaims())}`);
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json, { subject: "consulent-sanne", role: "consulent" });
});

test("no token, garbage, forged, expired, wrong issuer, alg none, wrong audience and unknown role all get 401", async () => {
  assertRefused(await me(), "no token", "not_logged_in");
  assertRefused(await me("Basic Y29uc3VsZW50OnNhbm5l"), "another scheme", "not_logged_in");
  assertRefused(await me("Bearer not-a-token"), "garbage");
  assertRefused(await me("Bearer a.b.c"), "garbage in three parts");

  const { privateKey: otherKey } = await generateKeyPair("ES256");
  const forged = await new SignJWT(validClaims())
    .setProtectedHeader({ alg: "ES256", kid: genuineKid })
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(otherKey);
  assertRefused(await me(`Bearer ${forged}`), "forged (signed with another key)");

  const expired = await genuinelySigned(validClaims(), { issuedAt: now() - 3600, expiresAt: now() - 1800 });
  assertRefused(await me(`Bearer ${expired}`), "expired", "session_expired");

  const wrongIssuer = await genuinelySigned({ ...validClaims(), iss: "http://127.0.0.1:1" });
  assertRefused(await me(`Bearer ${wrongIssuer}`), "wrong issuer");
  const sloppyIssuer = await genuinelySigned({ ...validClaims(), iss: `${ISSUER}/` });
  assertRefused(await me(`Bearer ${sloppyIssuer}`), "issuer with a trailing slash");

  const encode = (value) => base64url.encode(JSON.stringify(value));
  const payload = { ...validClaims(), iat: now(), exp: now() + 300 };
  const unsigned = `${encode({ alg: "none", kid: genuineKid })}.${encode(payload)}.`;
  assertRefused(await me(`Bearer ${unsigned}`), "alg none");

  const wrongAudience = await genuinelySigned({ ...validClaims(), aud: "naar-vermogen-app" });
  assertRefused(await me(`Bearer ${wrongAudience}`), "wrong audience");
  const unknownRole = await genuinelySigned({ ...validClaims(), role: "admin" });
  assertRefused(await me(`Bearer ${unknownRole}`), "unknown role");
  const noRole = await genuinelySigned({ iss: ISSUER, aud: AUDIENCE, sub: "consulent-sanne" });
  assertRefused(await me(`Bearer ${noRole}`), "no role");

  const unknownKid = await new SignJWT(validClaims())
    .setProtectedHeader({ alg: "ES256", kid: "made-up" })
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(genuineKey);
  assertRefused(await me(`Bearer ${unknownKid}`), "unknown kid");
});

test("a genuine token that names neither its login session (sid) nor itself (jti) is refused: logout could not end it", async () => {
  assertRefused(await me(`Bearer ${await genuinelySigned(validClaims(), { jti: null })}`), "no sid, no jti");
  assertRefused(await me(`Bearer ${await genuinelySigned({ ...validClaims(), sid: "" }, { jti: null })}`), "empty sid");
  const withSession = await genuinelySigned({ ...validClaims(), sid: randomUUID() }, { jti: null });
  assert.equal((await me(`Bearer ${withSession}`)).status, 200, "a session id is enough");
});

test("logout with a token that names only itself (jti) ends that token, and no other of the same person", async () => {
  const [token, other] = await Promise.all([genuinelySigned(validClaims()), genuinelySigned(validClaims())]);
  assert.equal((await me(`Bearer ${token}`)).status, 200);
  assert.equal((await logout(token)).status, 204);
  assertRefused(await me(`Bearer ${token}`), "after logout", "logged_out");
  assert.equal((await logout(token)).status, 401, "a revoked token cannot log out again");
  assert.equal((await me(`Bearer ${other}`)).status, 200, "another token of Sanne");
  assertRefused(await ask("POST", "/api/v1/logout"), "logout without a token", "not_logged_in");
});

test("GET /api/v1/auth/config says how to log in, without a token", async () => {
  const response = await fetch(`${BASE_URL}/api/v1/auth/config`);
  assert.equal(response.status, 200);
  const { providers } = await response.json();
  assert.equal(providers.length, 1);
  const [provider] = providers;
  assert.equal(provider.issuer, ISSUER);
  assert.equal(provider.client_id, "naar-vermogen-app");
  assert.equal(provider.resource, AUDIENCE);
  assert.equal(provider.authorization_endpoint, `${ISSUER}/auth`);
  assert.equal(provider.token_endpoint, `${ISSUER}/token`);
  assert.deepEqual([...provider.roles].sort(), Object.keys(ROLES_IN_DUTCH).sort());
});

for (const user of DEMO_USERS) {
  test(`${user.subject} logs in through the provider's page and the API sees role ${user.role}`, async () => {
    const context = await newPhone(browser);
    try {
      const page = await logIn(context, user);
      await page.waitForURL(`${BASE_URL}/`);
      const who = page.locator("#who-is-logged-in");
      await who.waitFor();
      assert.equal(await who.textContent(), `Ingelogd als ${user.subject} (${ROLES_IN_DUTCH[user.role]})`);
      await page.getByRole("button", { name: "Uitloggen" }).waitFor();

      const session = await storedSession(page);
      assert.equal(session.subject, user.subject);
      // No personal data in localStorage: at most which of the two apps this device runs.
      const appChoice = user.role === "client" ? [] : [["naar-vermogen-app", "staff"]];
      assert.deepEqual(await page.evaluate(() => Object.entries(localStorage)), appChoice);
      const answer = await me(`Bearer ${session.access_token}`);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, { subject: user.subject, role: user.role });
      if (user.role === "consulent") await saveScreenshot(page, "logged-in-consulent");
    } finally {
      await context.close();
    }
  });
}

test("a wrong password or an unknown user is refused on the provider's page", async () => {
  const context = await newPhone(browser);
  try {
    const page = await logIn(context, DEMO_USERS[0], "wrong-password");
    await page.getByRole("alert").waitFor();
    assert.match(await page.getByRole("alert").textContent(), /kennen we niet/);
    assert.ok(page.url().startsWith(`${ISSUER}/interaction/`), "still at the provider");
    await saveScreenshot(page, "login-refused");

    const action = await page.locator("form").getAttribute("action");
    const unknown = await page.evaluate(
      async ({ action }) => {
        const response = await fetch(action, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "subject=admin&password=admin",
          redirect: "manual",
        });
        return response.status;
      },
      { action },
    );
    assert.equal(unknown, 401);
  } finally {
    await context.close();
  }
});

test("a session past its maximum shows as expired: the user must log in again", async () => {
  const context = await newPhone(browser);
  try {
    const user = DEMO_USERS.find((u) => u.role === "trainer");
    const page = await logIn(context, user);
    await page.locator("#who-is-logged-in").waitFor();
    await storedSession(page, { loggedInHoursAgo: 13 });
    await page.reload();
    await page.getByText("Uw sessie is verlopen. Log opnieuw in.").waitFor();
    assert.equal(await page.locator("#who-is-logged-in").count(), 0);
    assert.equal(await storedSession(page), null, "the expired session is removed");
    await page.getByRole("navigation").getByRole("link", { name: "Inloggen" }).waitFor();
    await saveScreenshot(page, "session-expired");
    await expectNoAxeViolations(page, "session-expired", { widths: [360, 320] });
  } finally {
    await context.close();
  }
});

/** How many keys the device keeps for sealing personal data (`device_crypto.rs`). */
function deviceKeys(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("naar-vermogen-keys");
        open.onsuccess = () => {
          if (!open.result.objectStoreNames.contains("keys")) return resolve(0);
          const count = open.result.transaction("keys").objectStore("keys").count();
          count.onsuccess = () => resolve(count.result);
        };
        open.onerror = () => resolve(0);
      }),
  );
}

test("logging out on a shared tablet removes that user's data from the device", async () => {
  const context = await newPhone(browser);
  try {
    await clientFileFor("client-sem", "Sem");
    const page = await logIn(context, DEMO_USERS.find((u) => u.subject === "client-sem"));
    await page.locator("#who-is-logged-in").waitFor();
    await page.getByRole("heading", { name: "Welkom, Sem" }).waitFor();
    await page.getByLabel("Hoe wilt u genoemd worden?").fill("Semmy");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.getByRole("heading", { name: "Welkom, Semmy" }).waitFor();
    const before = await deviceStoreSummary(page);
    assert.ok(before.stores.known + before.stores.outbox > 0, "Sem's file is on the device, sealed");
    assert.equal(await deviceKeys(page), 1, "with the key that opens it");

    // The device is cleared before the app leaves for the provider, which ends its session in one step.
    await logOut(page);
    assert.equal(await page.locator("#who-is-logged-in").count(), 0);

    assert.equal(await storedSession(page), null, "no session on the device");
    const after = await deviceStoreSummary(page);
    assert.equal(after.stores.known + after.stores.outbox + after.stores.set_aside, 0, "Sem's file is gone");
    assert.equal(await page.getByText("Semmy").count(), 0);
    assert.equal(await deviceKeys(page), 0, "the device key is forgotten");
    await saveScreenshot(page, "logged-out");
    await expectNoAxeViolations(page, "logged-out");
  } finally {
    await context.close();
  }
});
