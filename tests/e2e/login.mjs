// Logs a demo user in at the real local identity provider without a browser: the same
// authorization-code flow with PKCE that the app runs, driven with fetch (cookies kept by hand).
// For API tests that need genuine access tokens for many users; the browser tests log in through
// the login page itself.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

const BASE_URL = process.env.BASE_URL;

const demoUsers = JSON.parse(
  readFileSync(new URL("../../worker/demo/users.json", import.meta.url), "utf8"),
).users;

/** The access token of a demo user, e.g. `await accessTokenFor("consulent-sanne")`. */
export async function accessTokenFor(subject) {
  const user = demoUsers.find((candidate) => candidate.subject === subject);
  if (!user) throw new Error(`no demo user ${subject} in worker/demo/users.json`);
  const config = await (await fetch(`${BASE_URL}/api/v1/auth/config`)).json();
  const provider = config.providers.find((candidate) => candidate.roles.includes(user.role));
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const state = randomBytes(16).toString("base64url");
  const redirectUri = `${BASE_URL}/login/callback`;
  const start = new URL(provider.authorization_endpoint);
  for (const [name, value] of Object.entries({
    client_id: provider.client_id,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: provider.scope,
    resource: provider.resource,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
  })) {
    start.searchParams.set(name, value);
  }

  const cookies = new Map();
  const go = async (url, init = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers ?? {}), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };

  // Follow redirects until the provider sends us back to the app with a code; log in on the way.
  let response = await go(start);
  for (let step = 0; step < 12; step += 1) {
    const location = response.headers.get("location");
    if (location?.startsWith(redirectUri)) {
      const back = new URL(location);
      if (back.searchParams.get("state") !== state) throw new Error("the provider returned another state");
      const code = back.searchParams.get("code");
      if (!code) throw new Error(`login refused: ${back.searchParams.get("error")}`);
      const token = await fetch(provider.token_endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: redirectUri,
          client_id: provider.client_id,
          code_verifier: verifier,
          resource: provider.resource,
        }),
      });
      const body = await token.json();
      if (!body.access_token) throw new Error(`no access token: ${JSON.stringify(body)}`);
      return body.access_token;
    }
    if (location) {
      response = await go(new URL(location, provider.issuer));
    } else if (response.status === 200) {
      // The login page: post the demo user's subject and password to the interaction.
      const html = await response.text();
      const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
      if (!action) throw new Error(`no login form in the provider's page (status ${response.status})`);
      response = await go(new URL(action.replaceAll("&amp;", "&"), provider.issuer), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ subject: user.subject, password: user.password }),
      });
    } else {
      throw new Error(`the provider answered ${response.status} during login`);
    }
  }
  throw new Error("the login did not finish in 12 steps");
}

/** A clock reading for changes made by a test's own "device". */
export function testClock(device = "test-setup") {
  return clockAt(Date.now(), device);
}

/** The clock reading of a device whose clock says `wallMs` (ms since 1970), however wrong. */
export function clockAt(wallMs, device) {
  return `${String(wallMs).padStart(18, "0")}-0000000000-${device}`;
}

/**
 * A new client file in team-noord, started by consulent Sanne with the given name and linked to the
 * demo client's login (unless `clientSubject` is null); optionally assigned to an outreach worker and
 * with more dossier fields (`details`, e.g. `{ municipality: "Tilburg" }`).
 * Returns the client id.
 */
export async function clientFileFor(clientSubject, name, { outreachWorker, details = {} } = {}) {
  const sanne = await accessTokenFor("consulent-sanne");
  const clientId = randomUUID();
  const call = async (method, path, body) => {
    const response = await fetch(`${BASE_URL}${path}`, {
      method,
      headers: { authorization: `Bearer ${sanne}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  };
  const fields = { preferred_name: name, ...details };
  await call("POST", "/api/v1/sync/push", {
    operations: Object.entries(fields).map(([field, value]) => ({
      op_id: randomUUID(),
      record: { kind: "dossier", id: clientId, owner: { kind: "client", client_id: clientId } },
      field,
      value,
      hlc: testClock(),
      author: "consulent-sanne",
    })),
  });
  if (clientSubject) {
    await call("PUT", `/api/v1/client-files/${clientId}/client-login`, { client_subject: clientSubject });
  }
  if (outreachWorker) {
    await call("PUT", `/api/v1/client-files/${clientId}/outreach-worker`, { staff_subject: outreachWorker });
  }
  return clientId;
}

/** Every operation consulent Sanne can pull, oldest first. */
async function everythingSanneCanPull() {
  const sanne = await accessTokenFor("consulent-sanne");
  const operations = [];
  let after = 0;
  for (;;) {
    const response = await fetch(`${BASE_URL}/api/v1/sync/changes?after=${after}&limit=5000`, {
      headers: { authorization: `Bearer ${sanne}` },
    });
    const page = await response.json();
    operations.push(...page.changes.map(({ operation }) => operation));
    after = page.cursor;
    if (!page.more) return operations;
  }
}

/** The current value of a field as the worker merged it: the latest operation a consulent can pull. */
export async function latestValueAtWorker(kind, recordId, field) {
  let latest;
  for (const operation of await everythingSanneCanPull()) {
    if (operation.record.kind === kind && operation.record.id === recordId && operation.field === field) {
      if (!latest || operation.hlc > latest.hlc) latest = operation;
    }
  }
  return latest?.value;
}

/** The records of one kind in one client's file at the worker: record id → field → latest value. */
export async function recordsAtWorker(kind, clientId) {
  const records = new Map();
  const latest = new Map();
  for (const operation of await everythingSanneCanPull()) {
    if (operation.record.kind !== kind || operation.record.owner.client_id !== clientId) continue;
    const key = `${operation.record.id} ${operation.field}`;
    if (latest.has(key) && latest.get(key) > operation.hlc) continue;
    latest.set(key, operation.hlc);
    records.set(operation.record.id, { ...records.get(operation.record.id), [operation.field]: operation.value });
  }
  return records;
}
