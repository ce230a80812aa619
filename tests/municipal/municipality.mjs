// The municipality's zaak system on loopback, for the contract tests and the benchmark: Prism
// (npm @stoplight/prism-cli, proxy mode, `--errors`, one each for the Zaken API, the Documenten
// API and the Klantinteracties API) checks every request the worker sends and every answer against the published
// specifications (specs/), in front of the stateful fake `zaken-fake.mjs`. An invalid request gets Prism's 422, an invalid answer its 500, and every
// violation Prism reports is listed in `GET /state` of the control port, so a test fails on it.
//
//   node tests/municipal/municipality.mjs --prism-port P --documenten-port D --klantinteracties-port K
//     --control-port C --secret S --klantinteracties-token T --notifications-token N --zaaktype URL
//
// Control (loopback only, for tests): `GET /state` (zaken, rollen, statussen, refusals, violations),
// `GET /counts` (how many of each, cheap to ask often),
// `POST /down` (the municipality is down: its ports refuse connections and open ones are cut),
// `POST /up` (its ports take connections again),
// `POST /close?identificatie=…&explanation=…` (the municipality closes a zaak itself),
// `POST /publish?zaaktype=URL` and `/unpublish?…` (the municipality publishes or withdraws a
// zaaktype), `POST /lose-answers?count=N` (the next N successful POSTs are done but their answers
// lost), `POST /hang?count=N[&only=POST%20/zaken]` (the next N requests, or the next N whose
// method and path start with `only`, are taken and never answered),
// `POST /set-status?identificatie=…&explanation=…` (the municipality sets a status of its own),
// `POST /forget-violations?count=N` (after a test's own deliberate violation),
// `POST /notify?identificatie=…&explanation=…&callback=URL[&token=…][&repeat=N][&malformed]` (a case worker sets a status on
// the zaak, and the Notificaties API posts the notification to the worker's callback with
// `Authorization: Bearer <token>`, the abonnement's token unless the test gives another; answers the
// worker's status and body). Started and stopped by
// `cargo xtask test` and `cargo xtask bench` (xtask/src/municipality.rs).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import yaml from "js-yaml";
import { closeZaak, setStatus, startZakenFake } from "./zaken-fake.mjs";

const { values: options } = parseArgs({
  options: {
    "prism-port": { type: "string" },
    "documenten-port": { type: "string" },
    "klantinteracties-port": { type: "string" },
    "klantinteracties-token": { type: "string" },
    "notifications-token": { type: "string" },
    "control-port": { type: "string" },
    secret: { type: "string" },
    zaaktype: { type: "string", multiple: true, default: [] },
  },
});
const prismPort = Number(options["prism-port"]);
const documentenPort = Number(options["documenten-port"]);
const klantinteractiesPort = Number(options["klantinteracties-port"]);
const controlPort = Number(options["control-port"]);
const here = new URL(".", import.meta.url).pathname;
const prismCli = new URL("../../node_modules/@stoplight/prism-cli/dist/index.js", import.meta.url).pathname;

const specDir = mkdtempSync(join(tmpdir(), "naar-vermogen-zgw-"));
const specs = {};
for (const api of ["zaken", "documenten", "klantinteracties"]) {
  specs[api] = join(specDir, `${api}-api.openapi.json`);
  const readOnlyRequiredInAnswersOnly = api === "klantinteracties";
  writeFileSync(specs[api], JSON.stringify(specForPrism(`${api}-api.openapi.yaml`, { readOnlyRequiredInAnswersOnly })));
}

/**
 * A published API (Zaken, Documenten) as Prism can check it, with two mechanical changes that keep
 * its meaning:
 * 1. its one external reference (a Catalogi API schema on GitHub, unreachable here) points at the
 *    local Catalogi copy;
 * 2. Prism 5 ignores `discriminator`, and the members of those `oneOf`s (e.g. the five kinds of Rol)
 *    all accept the same bodies, so no body could ever match "exactly one". Each such `oneOf` becomes
 *    what its discriminator says: the property has one of the mapped values AND the body matches the
 *    schema mapped to that value (an `anyOf` of those pairs; at most one pair can match).
 * 3. (Klantinteracties API only, `readOnlyRequiredInAnswersOnly`) OpenAPI 3.0 says a property that is
 *    `readOnly` and required is required in answers only; Prism 5 applies that to a schema's own
 *    properties but not below an `allOf` (the Partij kinds), so it would refuse every valid
 *    `POST /partijen` for lacking the `url` the server makes. Such properties leave `required`; the
 *    fake's answers are then not checked for their presence (still for their types and formats).
 */
function specForPrism(file, { readOnlyRequiredInAnswersOnly = false } = {}) {
  const text = readFileSync(join(here, "specs", file), "utf8");
  const document = yaml.load(text);
  const catalogi = join(here, "specs/catalogi-api.openapi.yaml");
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (typeof node.$ref === "string" && node.$ref.startsWith("https://raw.githubusercontent.com/vng-Realisatie/catalogi-api/")) {
      node.$ref = `${catalogi}#${node.$ref.split("#")[1]}`;
    }
    if (node.oneOf && node.discriminator?.mapping) {
      const property = node.discriminator.propertyName;
      node.anyOf = Object.entries(node.discriminator.mapping).map(([value, $ref]) => ({
        allOf: [{ type: "object", required: [property], properties: { [property]: { type: "string", enum: [value] } } }, { $ref }],
      }));
      delete node.oneOf;
      delete node.discriminator;
    }
    if (readOnlyRequiredInAnswersOnly && Array.isArray(node.required) && node.properties) {
      node.required = node.required.filter((name) => node.properties[name]?.readOnly !== true);
      if (node.required.length === 0) delete node.required;
    }
    Object.values(node).forEach(walk);
  };
  walk(document);
  return document;
}

const fake = await startZakenFake({
  port: 0,
  publicBase: `http://127.0.0.1:${prismPort}`,
  documentenBase: `http://127.0.0.1:${documentenPort}`,
  klantinteractiesBase: `http://127.0.0.1:${klantinteractiesPort}`,
  klantinteractiesToken: options["klantinteracties-token"],
  secret: options.secret,
  publishedZaaktypen: options.zaaktype,
});
const violations = [];
/** The Prism processes, one per API. */
const prisms = [];

/**
 * Each API's public port is a gate in front of its Prism: "down" closes the gates (new
 * connections are refused, open ones cut, as when the municipality's servers go away) and "up"
 * opens them again. Prism itself runs from start to end, since it takes seconds of CPU to read a
 * specification.
 */
const gates = await Promise.all(
  [
    [specs.zaken, prismPort],
    [specs.documenten, documentenPort],
    [specs.klantinteracties, klantinteractiesPort],
  ].map(async ([spec, publicPort]) => gate(publicPort, await startPrism(spec))),
);

/** Starts Prism for `spec` on a free port of its own; answers that port once Prism answers. */
async function startPrism(spec) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [prismCli, "proxy", spec, `http://127.0.0.1:${fake.port}`, "-p", String(port), "--errors", "-v", "warn", "-m"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const listen = (stream) => {
    let rest = "";
    stream.on("data", (chunk) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop();
      for (const line of lines) {
        if (/violat|UNPROCESSABLE|Invalid request|not valid/i.test(line)) violations.push(line.trim());
        if (process.env.PRISM_LOG) process.stderr.write(`[prism] ${line}\n`);
      }
    });
  };
  listen(child.stdout);
  listen(child.stderr);
  prisms.push(child);
  // Prism reads the whole specification first: seconds on an idle machine, many times that beside a
  // build. It is waited for until it answers or exits; 150 s (below xtask's limit for the whole
  // municipality, SERVER_START_LIMIT) only says when one that does neither is broken.
  const started = Date.now();
  while (Date.now() - started < 150_000) {
    if (child.exitCode !== null) throw new Error(`prism exited (${child.exitCode})`);
    if (await answers(port)) return port;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`prism did not answer on port ${port} within 150 s`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A TCP gate on `publicPort` that passes every connection on to `innerPort`, open or closed. */
function gate(publicPort, innerPort) {
  const open = new Set();
  const server = net.createServer((client) => {
    const inner = net.connect(innerPort, "127.0.0.1");
    const pair = [client, inner];
    for (const socket of pair) {
      open.add(socket);
      socket.on("error", () => pair.forEach((each) => each.destroy()));
      socket.on("close", () => {
        open.delete(socket);
        pair.forEach((each) => each.destroy());
      });
    }
    client.pipe(inner).pipe(client);
  });
  return {
    isOpen: () => server.listening,
    open: () =>
      server.listening
        ? Promise.resolve()
        : new Promise((resolve, reject) => server.once("error", reject).listen(publicPort, "127.0.0.1", resolve)),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}

const openGates = () => Promise.all(gates.map((each) => each.open()));
const closeGates = () => Promise.all(gates.map((each) => each.close()));

function answers(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/__prism_ready" }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("error", () => resolve(false));
  });
}

const control = http.createServer(async (request, response) => {
  const url = new URL(request.url, `http://127.0.0.1:${controlPort}`);
  const reply = (status, json) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(json));
  };
  try {
    const route = `${request.method} ${url.pathname}`;
    if (route === "GET /state") {
      const { zaken, rollen, statussen, documenten, zaakinformatieobjecten, refused, klantinteracties, hung } = fake.state;
      const up = gates.every((each) => each.isOpen());
      const everything = { zaken, rollen, statussen, documenten, zaakinformatieobjecten, klantinteracties, refused, hung };
      return reply(200, { ...everything, violations, prism_up: up });
    }
    if (route === "GET /counts") {
      const { zaken, rollen, statussen, documenten, zaakinformatieobjecten } = fake.state;
      const counts = { zaken, rollen, statussen, documenten, zaakinformatieobjecten };
      return reply(200, Object.fromEntries(Object.entries(counts).map(([name, list]) => [name, list.length])));
    }
    if (route === "POST /down") {
      await closeGates();
      return reply(200, { prism_up: false });
    }
    if (route === "POST /up") {
      await openGates();
      return reply(200, { prism_up: true });
    }
    if (route === "POST /publish") {
      fake.state.zaaktypen.add(url.searchParams.get("zaaktype"));
      return reply(200, { published: [...fake.state.zaaktypen] });
    }
    if (route === "POST /unpublish") {
      fake.state.zaaktypen.delete(url.searchParams.get("zaaktype"));
      return reply(200, { published: [...fake.state.zaaktypen] });
    }
    if (route === "POST /close") {
      const zaak = closeZaak(fake.state, url.searchParams.get("identificatie"), url.searchParams.get("explanation"));
      return zaak ? reply(200, { einddatum: zaak.einddatum }) : reply(404, { error: "no such zaak" });
    }
    if (route === "POST /notify") {
      return reply(200, await notify(url.searchParams));
    }
    if (route === "POST /set-status") {
      const zaak = setStatus(fake.state, url.searchParams.get("identificatie"), url.searchParams.get("explanation"), "in-behandeling")?.zaak;
      return zaak ? reply(200, { status: zaak.status }) : reply(404, { error: "no such zaak" });
    }
    if (route === "POST /hang") {
      fake.state.requestsToHang = Number(url.searchParams.get("count"));
      fake.state.hangOnly = url.searchParams.get("only") ?? "";
      return reply(200, { requests_to_hang: fake.state.requestsToHang, hung: fake.state.hung });
    }
    if (route === "POST /lose-answers") {
      fake.state.answersToLose = Number(url.searchParams.get("count"));
      return reply(200, { answers_to_lose: fake.state.answersToLose });
    }
    if (route === "POST /forget-violations") {
      violations.splice(violations.length - Number(url.searchParams.get("count")));
      return reply(200, { violations });
    }
    return reply(404, { error: "unknown control path" });
  } catch (error) {
    return reply(500, { error: String(error) });
  }
});

/**
 * A case worker sets a status on a zaak; the Notificaties API then tells the worker (kanaal `zaken`,
 * as ZGW Notificaties 1.0 sends it). Returns the worker's answer.
 */
async function notify(params) {
  const changed = setStatus(fake.state, params.get("identificatie"), params.get("explanation"));
  if (!changed) throw new Error("no such zaak");
  const { zaak, status } = changed;
  // `malformed`: a body that is not a notification (hoofdObject no URL); `repeat`: sent that often.
  const notification = {
    kanaal: "zaken",
    hoofdObject: zaak.url,
    resource: "status",
    resourceUrl: status.url,
    actie: "create",
    aanmaakdatum: new Date().toISOString(),
    kenmerken: { bronorganisatie: zaak.bronorganisatie, zaaktype: zaak.zaaktype, vertrouwelijkheidaanduiding: "vertrouwelijk" },
  };
  if (params.has("malformed")) notification.hoofdObject = "zaak";
  const answers = [];
  for (let i = 0; i < Number(params.get("repeat") ?? 1); i += 1) {
    const response = await fetch(params.get("callback"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${params.get("token") ?? options["notifications-token"]}` },
      body: JSON.stringify(notification),
    });
    answers.push({ status: response.status, body: await response.text() });
  }
  return { ...answers[0], answers, notification };
}

async function shutdown() {
  await closeGates();
  await Promise.all(
    prisms.map((child) => {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      return exited;
    }),
  );
  await fake.close();
  control.close();
  rmSync(specDir, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

await openGates();
control.listen(controlPort, "127.0.0.1", () => {
  process.stdout.write(
    `municipality ready: Zaken API http://127.0.0.1:${prismPort}, Documenten API http://127.0.0.1:${documentenPort}, ` +
      `Klantinteracties API http://127.0.0.1:${klantinteractiesPort}, control ${controlPort}\n`,
  );
});
