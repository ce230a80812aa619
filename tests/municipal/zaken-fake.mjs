// A small stateful stand-in for the municipality's zaak system (Open Zaak: Zaken and Documenten
// API; the Klantinteracties API of Open Klant in klantinteracties-fake.mjs), behind Prism: Prism (in proxy mode, `municipality.mjs`, one per API) checks every request
// and every answer against the published specifications; this fake only keeps state, so that "exactly one zaak per aanvraag"
// and "in order per client" can be counted. It answers like Open Zaak where the tests need it:
// the HS256 JWT is verified (403 otherwise), an unknown zaaktype is a 400 ValidatieFout, a second
// zaak with the same identificatie is a 400 (identificatie must be unique per organisation). It
// can lose the answers of its next POSTs after doing what they ask (`answersToLose`), the case
// where the caller cannot know whether its call had its effect, and it can hang: take the next
// requests (or the next of one kind, such as `POST /zaken`) and never answer them
// (`requestsToHang`, a municipality that is stuck).
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { answerKlantinteracties, isKlantinteractiesPath, klantinteractiesState } from "./klantinteracties-fake.mjs";

/**
 * Starts the fake on `port` (0: any free port); `publicBase` and `documentenBase` are the roots the
 * worker calls for the Zaken and the Documenten API (Prism's).
 */
export function startZakenFake({ port, publicBase, documentenBase, klantinteractiesBase, klantinteractiesToken, secret, publishedZaaktypen }) {
  const state = {
    zaken: [],
    rollen: [],
    statussen: [],
    documenten: [],
    zaakinformatieobjecten: [],
    refused: [],
    // The Klantinteracties API (klantinteracties-fake.mjs): partijen, klantcontacten, …
    klantinteracties: klantinteractiesState(),
    zaaktypen: new Set(publishedZaaktypen),
    // How many answers to POST calls to lose after doing what they ask (the connection breaks).
    answersToLose: 0,
    // How many requests to take without ever answering (closed after two minutes), and how many were.
    requestsToHang: 0,
    // Only requests whose method and path start with this hang (`POST /zaken`), or any when empty.
    hangOnly: "",
    hung: 0,
  };
  const base = publicBase;
  const server = http.createServer(async (request, response) => {
    const body = await readBody(request);
    if (state.requestsToHang > 0 && `${request.method} ${request.url}`.startsWith(state.hangOnly)) {
      state.requestsToHang -= 1;
      state.hung += 1;
      setTimeout(() => request.socket.destroy(), 120_000).unref();
      return;
    }
    const url = new URL(request.url, base);
    const send = (status, json, headers = {}) => {
      if (request.method === "POST" && status < 300 && state.answersToLose > 0) {
        state.answersToLose -= 1;
        request.socket.destroy();
        return;
      }
      const problem = status >= 400;
      response.writeHead(status, {
        "content-type": problem ? "application/problem+json" : "application/json",
        "api-version": "1.5.1",
        ...headers,
      });
      response.end(JSON.stringify(json));
    };
    if (isKlantinteractiesPath(url.pathname)) {
      const base = klantinteractiesBase;
      return answerKlantinteracties({ state, base, token: klantinteractiesToken, request, url, body, send, fout, validatieFout });
    }
    const claims = verifyJwt(request.headers.authorization, secret);
    if (!claims) {
      state.refused.push({ path: url.pathname, why: "jwt" });
      return send(403, fout(403, "permission_denied", "Het JWT klopt niet."));
    }
    const route = `${request.method} ${url.pathname}`;
    if (route === "POST /zaken") {
      if (!state.zaaktypen.has(body.zaaktype)) {
        state.refused.push({ path: url.pathname, why: "zaaktype" });
        return send(400, validatieFout("zaaktype", "bad-url", "Het zaaktype is niet gepubliceerd of bestaat niet."));
      }
      if (state.zaken.some((z) => z.identificatie === body.identificatie && z.bronorganisatie === body.bronorganisatie)) {
        state.refused.push({ path: url.pathname, why: "identificatie" });
        return send(400, validatieFout("identificatie", "identificatie-niet-uniek", "Deze identificatie bestaat al."));
      }
      const uuid = randomUUID();
      const zaak = {
        url: `${base}/zaken/${uuid}`,
        uuid,
        ...body,
        betalingsindicatieWeergave: "",
        deelzaken: [],
        eigenschappen: [],
        einddatum: null,
        laatstGemuteerd: new Date().toISOString(),
        resultaat: null,
        rollen: [],
        status: null,
        zaakinformatieobjecten: [],
        zaakobjecten: [],
        acted_by: claims.user_id,
      };
      state.zaken.push(zaak);
      return send(201, publicZaak(zaak), { location: zaak.url, "content-crs": "EPSG:4326" });
    }
    if (route === "GET /zaken") {
      const found = state.zaken.filter(
        (z) =>
          (!url.searchParams.has("identificatie") || z.identificatie === url.searchParams.get("identificatie")) &&
          (!url.searchParams.has("bronorganisatie") || z.bronorganisatie === url.searchParams.get("bronorganisatie")),
      );
      return send(200, page(found.map(publicZaak)), { "content-crs": "EPSG:4326" });
    }
    if (route === "POST /rollen") {
      const zaak = state.zaken.find((z) => z.url === body.zaak);
      if (!zaak) return send(400, validatieFout("zaak", "bad-url", "Deze zaak bestaat niet."));
      const uuid = randomUUID();
      const rol = {
        url: `${base}/rollen/${uuid}`,
        uuid,
        ...body,
        omschrijving: "Aanvrager",
        omschrijvingGeneriek: "initiator",
        registratiedatum: new Date().toISOString(),
        statussen: [],
      };
      state.rollen.push(rol);
      zaak.rollen.push(rol.url);
      return send(201, rol, { location: rol.url });
    }
    if (route === "GET /rollen") {
      const found = state.rollen.filter(
        (r) => r.zaak === url.searchParams.get("zaak") && r.roltype === url.searchParams.get("roltype"),
      );
      return send(200, page(found));
    }
    if (route === "POST /statussen") {
      const zaak = state.zaken.find((z) => z.url === body.zaak);
      if (!zaak) return send(400, validatieFout("zaak", "bad-url", "Deze zaak bestaat niet."));
      const uuid = randomUUID();
      const status = {
        url: `${base}/statussen/${uuid}`,
        uuid,
        ...body,
        indicatieLaatstGezetteStatus: true,
        zaakinformatieobjecten: [],
      };
      state.statussen.push(status);
      zaak.status = status.url;
      return send(201, status, { location: status.url });
    }
    if (route === "GET /statussen") {
      const found = state.statussen.filter(
        (s) =>
          (!url.searchParams.has("zaak") || s.zaak === url.searchParams.get("zaak")) &&
          (!url.searchParams.has("statustype") || s.statustype === url.searchParams.get("statustype")),
      );
      return send(200, page(found));
    }
    if (route === "POST /enkelvoudiginformatieobjecten") {
      if (state.documenten.some((d) => d.identificatie === body.identificatie && d.bronorganisatie === body.bronorganisatie)) {
        return send(400, validatieFout("identificatie", "identificatie-niet-uniek", "Deze identificatie bestaat al."));
      }
      const uuid = randomUUID();
      const { inhoud, ...rest } = body;
      const document = {
        url: `${documentenBase}/enkelvoudiginformatieobjecten/${uuid}`,
        uuid,
        ...rest,
        inhoud: `${documentenBase}/enkelvoudiginformatieobjecten/${uuid}/download`,
        beginRegistratie: new Date().toISOString(),
        bestandsdelen: [],
        locked: false,
        versie: 1,
      };
      state.documenten.push({ ...document, content: Buffer.from(inhoud ?? "", "base64").toString("utf8") });
      return send(201, document, { location: document.url });
    }
    if (route === "GET /enkelvoudiginformatieobjecten") {
      const found = state.documenten.filter(
        (d) => d.identificatie === url.searchParams.get("identificatie") && d.bronorganisatie === url.searchParams.get("bronorganisatie"),
      );
      return send(200, page(found.map(publicDocument)));
    }
    if (route === "POST /zaakinformatieobjecten") {
      const zaak = state.zaken.find((z) => z.url === body.zaak);
      if (!zaak) return send(400, validatieFout("zaak", "bad-url", "Deze zaak bestaat niet."));
      if (!state.documenten.some((d) => d.url === body.informatieobject)) {
        return send(400, validatieFout("informatieobject", "bad-url", "Dit informatieobject bestaat niet."));
      }
      const uuid = randomUUID();
      const link = {
        url: `${base}/zaakinformatieobjecten/${uuid}`,
        uuid,
        ...body,
        aardRelatieWeergave: "Hoort bij, omgekeerd: kent",
        beschrijving: body.beschrijving ?? "",
        registratiedatum: new Date().toISOString(),
        vernietigingsdatum: null,
        status: null,
      };
      state.zaakinformatieobjecten.push(link);
      zaak.zaakinformatieobjecten.push(link.url);
      return send(201, link, { location: link.url });
    }
    if (request.method === "GET") {
      const [, collection, uuid] = url.pathname.split("/");
      if (collection === "enkelvoudiginformatieobjecten") {
        const found = state.documenten.find((item) => item.uuid === uuid);
        if (found) return send(200, publicDocument(found));
      }
      const lists = {
        zaken: state.zaken,
        rollen: state.rollen,
        statussen: state.statussen,
        zaakinformatieobjecten: state.zaakinformatieobjecten,
      };
      const found = lists[collection]?.find((item) => item.uuid === uuid);
      if (found) {
        const crs = collection === "zaken" ? { "content-crs": "EPSG:4326" } : {};
        return send(200, collection === "zaken" ? publicZaak(found) : found, crs);
      }
    }
    return send(404, fout(404, "not_found", "Niet gevonden."));
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () => {
      resolve({ port: server.address().port, state, close: () => new Promise((done) => server.close(done)) });
    }),
  );
}

/**
 * The municipality closes a zaak itself (as a case worker would in Open Zaak): a final status with
 * its explanation, and the einddatum. Returns the zaak, or undefined.
 */
export function closeZaak(state, identificatie, explanation) {
  const zaak = setStatus(state, identificatie, explanation, "afgehandeld")?.zaak;
  if (!zaak) return undefined;
  zaak.einddatum = new Date().toISOString().slice(0, 10);
  return zaak;
}

/**
 * A case worker at the municipality sets a status on a zaak (statustype `…/statustypen/<kind>`).
 * Returns the zaak and the status, or undefined.
 */
export function setStatus(state, identificatie, explanation, kind = "in-behandeling") {
  const zaak = state.zaken.find((candidate) => candidate.identificatie === identificatie);
  if (!zaak) return undefined;
  const uuid = randomUUID();
  const base = zaak.url.slice(0, zaak.url.indexOf("/zaken/"));
  const status = {
    url: `${base}/statussen/${uuid}`,
    uuid,
    zaak: zaak.url,
    statustype: `https://catalogi.gemeente.example/catalogi/api/v1/statustypen/${kind}`,
    datumStatusGezet: new Date().toISOString(),
    statustoelichting: explanation,
    indicatieLaatstGezetteStatus: true,
    zaakinformatieobjecten: [],
  };
  state.statussen.push(status);
  zaak.status = status.url;
  return { zaak, status };
}

/** The document as the API shows it (without the content we keep for the tests). */
function publicDocument({ content: _content, ...document }) {
  return document;
}

/** The zaak as the API shows it (without our bookkeeping). */
function publicZaak({ acted_by: _acted_by, ...zaak }) {
  return zaak;
}

function page(results) {
  return { count: results.length, next: null, previous: null, results };
}

function fout(status, code, detail) {
  return { code, title: detail, status, detail, instance: `urn:uuid:${randomUUID()}` };
}

function validatieFout(name, code, reason) {
  return {
    code: "invalid",
    title: "Invalid input.",
    status: 400,
    detail: "",
    instance: `urn:uuid:${randomUUID()}`,
    invalidParams: [{ name, code, reason }],
  };
}

async function readBody(request) {
  let text = "";
  for await (const chunk of request) text += chunk;
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** The claims of a valid HS256 `Bearer` JWT with `client_id` and `user_id`, or null. */
function verifyJwt(header, secret) {
  const token = header?.startsWith("Bearer ") ? header.slice(7) : "";
  const [head, payload, signature] = token.split(".");
  if (!head || !payload || !signature) return null;
  const expected = createHmac("sha256", secret).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const { alg } = JSON.parse(Buffer.from(head, "base64url"));
  const claims = JSON.parse(Buffer.from(payload, "base64url"));
  if (alg !== "HS256" || !claims.client_id || claims.iss !== claims.client_id || !claims.user_id) return null;
  if (typeof claims.iat !== "number" || Math.abs(claims.iat - Date.now() / 1000) > 300) return null;
  return claims;
}
