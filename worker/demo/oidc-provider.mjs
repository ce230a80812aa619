// The local OpenID Connect provider for development and tests: a real `oidc-provider` on loopback
// with the demo users of `users.json` (one or more per role). Never used in production, where the
// worker trusts a DigiD broker (clients) and the municipality's identity provider (staff).
//
//   node worker/demo/oidc-provider.mjs --port 9100 --app-origin http://127.0.0.1:8787 \
//        --private-jwks /tmp/nv-oidc-keys.json
//
// - Issuer `http://127.0.0.1:<port>`. Signs with an ES256 key made at start; the private JWKS is
//   written (mode 0600) to `--private-jwks` so that tests can sign tokens the worker must still
//   refuse (expired, wrong audience, unknown role). Keys live only for one run: never commit them.
// - One public client, `naar-vermogen-app`: authorization code with PKCE S256, no secret, redirect
//   `<app origin>/login/callback`, after logout back to `<app origin>/`; CORS for the app origin only.
// - Access tokens are JWTs for the resource `urn:naar-vermogen:api` (also their audience) with the claim `role`, valid 15
//   minutes, and `sid`, the login session here (as brokers such as Keycloak put in access tokens): the worker's logout
//   revokes every token of that session. Refresh tokens extend a session up to 12 hours after login, never longer.
// - Logout (RP-initiated) takes one step, as the real brokers do: when the app names the person logged in here with
//   its ID token (`id_token_hint`), the session ends without a confirmation page and the browser goes back to the app.
// - The login page lists the demo users and asks for the password from users.json; anyone else
//   is refused. Prints `oidc-provider ready <issuer>` when it accepts requests.
import { createServer } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Provider, { errors } from "oidc-provider";
import { exportJWK, generateKeyPair } from "jose";

export const CLIENT_ID = "naar-vermogen-app";
// RFC 8707 wants an absolute URI as resource indicator; the same value is the tokens' audience.
export const API_RESOURCE = "urn:naar-vermogen:api";
export const API_SCOPE = "api";
const ACCESS_TOKEN_SECONDS = 15 * 60;
const SESSION_MAXIMUM_SECONDS = 12 * 60 * 60;

const options = parseArguments(process.argv.slice(2));
const issuer = `http://127.0.0.1:${options.port}`;
const { users, rolesInDutch } = loadUsers(options.users);

const { privateKey } = await generateKeyPair("ES256", { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: `demo-${randomUUID()}`, alg: "ES256", use: "sig" };
writeFileSync(options.privateJwks, JSON.stringify({ keys: [signingKey] }), { mode: 0o600 });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_name: "Naar Vermogen",
      application_type: "web",
      token_endpoint_auth_method: "none",
      id_token_signed_response_alg: "ES256",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      redirect_uris: [`${options.appOrigin}/login/callback`],
      post_logout_redirect_uris: [`${options.appOrigin}/`],
    },
  ],
  jwks: { keys: [signingKey] },
  enabledJWA: { idTokenSigningAlgValues: ["ES256"] },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  pkce: { required: () => true },
  scopes: ["openid", API_SCOPE],
  // Refresh tokens without `offline_access`: they live only as long as the login session here
  // (at most 12 hours, and ended by logout), which is what "sessions expire" asks.
  issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
  claims: { openid: ["sub"], profile: ["name"] },
  clientBasedCORS: (_ctx, origin) => origin === options.appOrigin,
  findAccount: (_ctx, subject) => {
    const user = users.get(subject);
    if (!user) return undefined;
    return { accountId: subject, claims: () => ({ sub: subject, name: user.name }) };
  },
  // The role goes into the access token, where the worker reads it after checking the signature, with the login
  // session (the same for every token refreshed in it), by which the worker revokes them all at logout.
  extraTokenClaims: (_ctx, token) => {
    const user = users.get(token.accountId);
    if (!user) return undefined;
    const claims = { role: user.role, sid: token.sessionUid };
    // Staff work in a team (in production: a group in the municipality's identity provider).
    return user.team ? { ...claims, team: user.team } : claims;
  },
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
    rpInitiatedLogout: { enabled: true, logoutSource },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => API_RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
        return {
          scope: API_SCOPE,
          audience: API_RESOURCE,
          accessTokenTTL: ACCESS_TOKEN_SECONDS,
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: "ES256" } },
        };
      },
    },
  },
  ttl: {
    AccessToken: ACCESS_TOKEN_SECONDS,
    AuthorizationCode: 60,
    IdToken: ACCESS_TOKEN_SECONDS,
    Interaction: 10 * 60,
    Grant: SESSION_MAXIMUM_SECONDS,
    Session: SESSION_MAXIMUM_SECONDS,
    // A rotated refresh token keeps the remaining lifetime of the first one: the session ends
    // 12 hours after login however often it is refreshed.
    RefreshToken: (ctx) => ctx?.oidc?.entities?.RotatedRefreshToken?.remainingTTL ?? SESSION_MAXIMUM_SECONDS,
  },
  renderError: (ctx, out) => {
    ctx.type = "html";
    ctx.body = page(
      "Inloggen lukt niet",
      `<h1>Inloggen lukt niet</h1><p>${escapeHtml(out.error_description ?? out.error ?? "Onbekende fout")}</p>
       <p><a href="${escapeHtml(options.appOrigin)}/">Terug naar Naar Vermogen</a></p>`,
    );
  },
});

const handleProvider = provider.callback();
const server = createServer(async (request, response) => {
  try {
    const url = new URL(request.url, issuer);
    const match = url.pathname.match(/^\/interaction\/([\w-]+)$/);
    if (match && request.method === "GET") return await showInteraction(request, response);
    if (match && request.method === "POST") return await submitLogin(request, response);
    return handleProvider(request, response);
  } catch (error) {
    // Logs the kind of error only: requests carry passwords and codes.
    console.error(`oidc-provider: interaction failed (${error?.name ?? "error"})`);
    if (!response.headersSent) sendHtml(response, 400, page("Inloggen lukt niet", `<h1>Inloggen lukt niet</h1><p>Begin opnieuw vanuit de app.</p>`));
  }
});

async function showInteraction(request, response, refusal) {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name === "consent") return grantConsent(request, response, details);
  sendHtml(response, refusal ? 401 : 200, loginPage(details.uid, refusal));
}

/** The demo provider asks no consent: the app is the municipality's own. */
async function grantConsent(request, response, details) {
  const { accountId } = details.session;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(" "));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

async function submitLogin(request, response) {
  const form = new URLSearchParams(await readBody(request));
  const user = users.get(form.get("subject") ?? "");
  if (!user || !samePassword(user.password, form.get("password") ?? "")) {
    return showInteraction(request, response, "Deze combinatie van gebruiker en wachtwoord kennen we niet.");
  }
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: user.subject } },
    { mergeWithLastSubmission: false },
  );
}

function loginPage(uid, refusal) {
  const choices = [...users.values()]
    .map(
      (user) => `
      <li><label class="choice"><input type="radio" name="subject" value="${escapeHtml(user.subject)}" required>
        ${escapeHtml(user.name)} <span class="role">(${escapeHtml(rolesInDutch[user.role])})</span></label></li>`,
    )
    .join("");
  const error = refusal ? `<p class="error" role="alert" id="login-error">${escapeHtml(refusal)}</p>` : "";
  return page(
    "Inloggen bij de demo-inlogdienst",
    `<h1>Inloggen</h1>
     <p>Dit is de demo-inlogdienst voor ontwikkelen en testen. Kies een demo-gebruiker.
        Het wachtwoord staat in <code>worker/demo/users.json</code>.</p>
     ${error}
     <form method="post" action="/interaction/${escapeHtml(uid)}">
       <fieldset><legend>Wie bent u?</legend><ul>${choices}</ul></fieldset>
       <p><label for="password">Wachtwoord</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required
                 ${refusal ? 'aria-describedby="login-error" aria-invalid="true"' : ""}></p>
       <p><button type="submit">Inloggen</button></p>
     </form>`,
  );
}

/**
 * RP-initiated logout. When the app's ID token (`id_token_hint`, verified by oidc-provider) names the person logged
 * in here, the page sends its own form at once (`logout=yes`: the session and its grants end) and the browser goes
 * back to the app: one step, as real brokers do, so nobody who leaves the device after "Uitloggen" stays logged in
 * here for the next person. Otherwise (a link from elsewhere) it asks, as oidc-provider does by default.
 */
async function logoutSource(ctx, form) {
  const hint = ctx.oidc.entities.IdTokenHint?.payload;
  const oneStep = hint?.sub !== undefined && hint.sub === ctx.oidc.session.accountId;
  const send = oneStep
    ? `<input type="hidden" name="logout" value="yes" form="op.logoutForm">
       <noscript><p><button type="submit" form="op.logoutForm">Uitloggen</button></p></noscript>
       <script>document.getElementById("op.logoutForm").submit();</script>`
    : `<p><button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, uitloggen</button></p>`;
  ctx.body = page(
    "Uitloggen",
    `<h1>Uitloggen</h1>
     <p>U wordt uitgelogd bij de demo-inlogdienst.</p>
     ${form}
     ${send}`,
  );
}

function page(title, body) {
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 32rem; padding: 1rem; color: #1a1a1a; }
  ul { list-style: none; padding: 0; margin: 0; }
  fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
  legend { font-weight: 600; margin-bottom: 0.5rem; }
  .choice { display: flex; align-items: center; gap: 0.75rem; min-height: 48px; padding: 0 0.5rem; border: 1px solid #888; border-radius: 6px; margin-bottom: 0.5rem; }
  .choice input { width: 24px; height: 24px; }
  label[for=password] { display: block; font-weight: 600; }
  input[type=password] { font: inherit; width: 100%; box-sizing: border-box; min-height: 48px; padding: 0 0.5rem; }
  button { font: inherit; font-weight: 600; min-height: 48px; width: 100%; background: #0b4f8a; color: #fff; border: 0; border-radius: 6px; }
  :focus-visible { outline: 3px solid #f5a300; outline-offset: 2px; }
  .error { color: #a00000; font-weight: 600; }
</style></head><body><main>${body}</main></body></html>`;
}

function sendHtml(response, status, html) {
  response.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  response.end(html);
}

function samePassword(expected, given) {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request) {
  let body = "";
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 4096) throw new Error("body too large");
  }
  return body;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** The demo users by subject, and the roles' names in Dutch (both from users.json). */
function loadUsers(path) {
  const { users: list, roles_in_dutch: rolesInDutch } = JSON.parse(readFileSync(path, "utf8"));
  const bySubject = new Map();
  for (const user of list) {
    if (!rolesInDutch[user.role]) throw new Error(`${path}: user ${user.subject} has an unknown role ${user.role}`);
    if (bySubject.has(user.subject)) throw new Error(`${path}: subject ${user.subject} appears twice`);
    bySubject.set(user.subject, user);
  }
  return { users: bySubject, rolesInDutch };
}

function parseArguments(args) {
  const value = (name) => {
    const position = args.indexOf(name);
    return position >= 0 ? args[position + 1] : undefined;
  };
  const port = Number(value("--port"));
  const appOrigin = value("--app-origin");
  const privateJwks = value("--private-jwks");
  if (!Number.isInteger(port) || port <= 0 || !appOrigin || !privateJwks) {
    console.error("usage: node worker/demo/oidc-provider.mjs --port N --app-origin URL --private-jwks FILE [--users FILE]");
    process.exit(2);
  }
  const users = value("--users") ?? join(dirname(fileURLToPath(import.meta.url)), "users.json");
  return { port, appOrigin: appOrigin.replace(/\/$/, ""), privateJwks, users };
}

server.listen(options.port, "127.0.0.1", () => {
  console.log(`oidc-provider ready ${issuer}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
