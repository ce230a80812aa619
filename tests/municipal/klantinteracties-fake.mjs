// The municipality's Klantinteracties API (Open Klant) as a small stateful fake, behind Prism
// (municipality.mjs checks every request and answer against the published specification): partijen
// found by BSN or made, klantcontacten made with their betrokkene and onderwerpobject in one call
// (`POST /maak-klantcontact`), and found again by partij and referentienummer. Like Open Klant it
// asks `Authorization: Token <token>` (403 otherwise) and refuses a second partij with the same BSN.
// Its answers hold exactly what the specification requires, so Prism can check them.
import { randomUUID } from "node:crypto";

/** The Klantinteracties part of the fake's state. */
export function klantinteractiesState() {
  return { partijen: [], klantcontacten: [], betrokkenen: [], onderwerpobjecten: [] };
}

const PATHS = ["/partijen", "/klantcontacten", "/maak-klantcontact", "/betrokkenen", "/onderwerpobjecten"];

/** Whether `pathname` belongs to the Klantinteracties API. */
export function isKlantinteractiesPath(pathname) {
  return PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/**
 * Answers one request of the Klantinteracties API: `state` (see `klantinteractiesState`), `base`
 * (the root the worker calls), `token` (the one Open Klant gave us), `send(status, json)`.
 */
export function answerKlantinteracties({ state, base, token, request, url, body, send, fout, validatieFout }) {
  if (request.headers.authorization !== `Token ${token}`) {
    state.refused.push({ path: url.pathname, why: "token" });
    return send(403, fout(403, "permission_denied", "Het token klopt niet."));
  }
  const route = `${request.method} ${url.pathname}`;
  const ki = state.klantinteracties;
  const query = (name) => url.searchParams.get(name);
  if (route === "GET /partijen") {
    const found = ki.partijen.filter((partij) =>
      partij.partijIdentificatoren.some(
        ({ partijIdentificator: id }) =>
          (!query("partijIdentificator__objectId") || id.objectId === query("partijIdentificator__objectId")) &&
          (!query("partijIdentificator__codeSoortObjectId") || id.codeSoortObjectId === query("partijIdentificator__codeSoortObjectId")) &&
          (!query("partijIdentificator__codeRegister") || id.codeRegister === query("partijIdentificator__codeRegister")),
      ),
    );
    return send(200, page(found));
  }
  if (route === "POST /partijen") {
    const identificatoren = body.partijIdentificatoren ?? [];
    const bsns = identificatoren.map(({ partijIdentificator: id }) => id?.objectId);
    if (ki.partijen.some((partij) => partij.partijIdentificatoren.some(({ partijIdentificator: id }) => bsns.includes(id.objectId)))) {
      state.refused.push({ path: url.pathname, why: "partij-bestaat" });
      return send(400, validatieFout("partijIdentificator", "unique", "Er bestaat al een partij met dit BSN."));
    }
    const uuid = randomUUID();
    const partijUrl = `${base}/partijen/${uuid}`;
    const partij = {
      uuid,
      url: partijUrl,
      betrokkenen: [],
      categorieRelaties: [],
      vertegenwoordigden: [],
      soortPartij: body.soortPartij,
      indicatieActief: body.indicatieActief,
      partijIdentificatie: { volledigeNaam: "" },
      partijIdentificatoren: identificatoren.map(({ partijIdentificator }) => {
        const id = randomUUID();
        return { uuid: id, url: `${base}/partij-identificatoren/${id}`, partijIdentificator };
      }),
    };
    ki.partijen.push(partij);
    return send(201, partij);
  }
  if (route === "GET /klantcontacten") {
    const found = ki.klantcontacten.filter((klantcontact) => {
      const partijen = ki.betrokkenen.filter((b) => b.hadKlantcontact.uuid === klantcontact.uuid).map((b) => b.wasPartij?.uuid);
      return (
        (!query("hadBetrokkene__wasPartij__uuid") || partijen.includes(query("hadBetrokkene__wasPartij__uuid"))) &&
        (!query("referentienummer") || klantcontact.referentienummer === query("referentienummer"))
      );
    });
    return send(200, page(found));
  }
  if (route === "POST /maak-klantcontact") {
    const partij = ki.partijen.find((p) => p.uuid === body.betrokkene?.wasPartij?.uuid);
    if (body.betrokkene?.wasPartij && !partij) {
      return send(400, validatieFout("betrokkene.wasPartij", "does_not_exist", "Deze partij bestaat niet."));
    }
    const uuid = randomUUID();
    const klantcontact = {
      uuid,
      url: `${base}/klantcontacten/${uuid}`,
      gingOverOnderwerpobjecten: [],
      hadBetrokkenActoren: [],
      hadBetrokkenen: [],
      leiddeTotInterneTaken: [],
      omvatteBijlagen: [],
      nummer: String(ki.klantcontacten.length + 1).padStart(10, "0"),
      ...body.klantcontact,
    };
    const answer = { klantcontact };
    const reference = { uuid, url: klantcontact.url };
    if (body.betrokkene) {
      const id = randomUUID();
      const betrokkene = {
        uuid: id,
        url: `${base}/betrokkenen/${id}`,
        digitaleAdressen: [],
        volledigeNaam: "",
        hadKlantcontact: reference,
        ...body.betrokkene,
        ...(partij ? { wasPartij: { uuid: partij.uuid, url: partij.url } } : {}),
      };
      ki.betrokkenen.push(betrokkene);
      klantcontact.hadBetrokkenen.push({ uuid: id, url: betrokkene.url });
      partij?.betrokkenen.push({ uuid: id, url: betrokkene.url });
      answer.betrokkene = betrokkene;
    }
    if (body.onderwerpobject) {
      const id = randomUUID();
      const onderwerpobject = { uuid: id, url: `${base}/onderwerpobjecten/${id}`, klantcontact: reference, ...body.onderwerpobject };
      ki.onderwerpobjecten.push(onderwerpobject);
      klantcontact.gingOverOnderwerpobjecten.push({ uuid: id, url: onderwerpobject.url });
      answer.onderwerpobject = onderwerpobject;
    }
    ki.klantcontacten.push(klantcontact);
    return send(201, answer);
  }
  return send(404, fout(404, "not_found", "Niet gevonden."));
}

function page(results) {
  return { count: results.length, next: null, previous: null, results };
}
