// Issue 7: what clients do in the app becomes zaken, rollen and statussen in the municipality's
// zaak system, exactly once, checked against the published Zaken API (Prism validates every
// request and every answer; any violation fails these tests), and nothing is lost while the system
// is down, hangs or refuses a call.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { accessTokenFor, clientFileFor, testClock } from "./login.mjs";
import { api } from "./browser.mjs";
import {
  MUNICIPAL_API,
  control,
  deliverUntil,
  dutchTime,
  municipality,
  outboxView,
  pulledFromTheMunicipality,
  pushRecords,
  runCron,
  submitAanvraag,
  testBsn,
  triedAndFailed,
} from "./municipality.mjs";

let sanne;
before(async () => {
  sanne = await accessTokenFor("consulent-sanne");
});

const settled = (view) => view.pending === 0 && view.parked === 0;

/** No request or answer so far broke the specification. */
async function assertNoViolations() {
  const { violations } = await municipality();
  assert.deepEqual(violations, [], "Prism found requests or answers that do not fit the Zaken API");
}

test("Prism really checks: requests that break the Zaken or the Documenten API are refused with 422 (so the tests below can fail)", async () => {
  const before = (await municipality()).violations.length;
  const invalid = [
    [`${MUNICIPAL_API.zaken_api}/rollen`, { zaak: "not a url", betrokkeneType: "natuurlijk_persoon", roltype: "x", betrokkeneIdentificatie: { inpBsn: 999993653 } }],
    [`${MUNICIPAL_API.documenten_api}/enkelvoudiginformatieobjecten`, { titel: "Klantfoto", taal: "nederlands", inhoud: 5 }],
  ];
  for (const [url, body] of invalid) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer x.y.z" },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 422, url);
  }
  // Prism logs a violation just after it answers.
  let after = await municipality();
  for (let wait = 0; wait < 40 && after.violations.length < before + 2; wait += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    after = await municipality();
  }
  assert.equal(after.violations.length, before + 2);
  assert.match(after.violations.at(-1), /UNPROCESSABLE_ENTITY|Invalid request/);
  // These deliberate violations are counted; the other tests expect none.
  await control("forget-violations?count=2");
  await assertNoViolations();
});

test("an aanvraag becomes one zaak of the configured zaaktype with the client as rol (BSN), by a JWT of the person acting", async () => {
  const clientId = await clientFileFor("client-jan", "Jan");
  const jan = await accessTokenFor("client-jan");
  const aanvraag = await submitAanvraag(jan, "client-jan", clientId, "999993653");
  await deliverUntil(sanne, (view) => view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag) && settled(view));
  const state = await municipality();
  const zaken = state.zaken.filter((zaak) => zaak.identificatie === `NV-${aanvraag}`);
  assert.equal(zaken.length, 1);
  assert.equal(zaken[0].zaaktype, MUNICIPAL_API.zaaktype);
  assert.equal(zaken[0].bronorganisatie, MUNICIPAL_API.organisation_rsin);
  assert.equal(zaken[0].acted_by, "client-jan", "the JWT's user_id is the person who acted");
  const rollen = state.rollen.filter((rol) => rol.zaak === zaken[0].url);
  assert.equal(rollen.length, 1);
  assert.equal(rollen[0].betrokkeneType, "natuurlijk_persoon");
  assert.equal(rollen[0].betrokkeneIdentificatie.inpBsn, "999993653");
  assert.equal(rollen[0].roltype, MUNICIPAL_API.roltype_applicant);
  // The BSN leaving for the zaak system is in the file's audit trail.
  const trail = await api("GET", `/api/v1/client-files/${clientId}/audit`, { token: sanne });
  assert.ok(
    trail.json.some((entry) => entry.actor_subject === "gemeente" && entry.actor_role === "municipality" && entry.action === "read" && entry.what === "details"),
    JSON.stringify(trail.json.slice(0, 5)),
  );
  await assertNoViolations();
});

test("the answers are lost after the zaak and the rol were made: the retries find them, and nothing is made twice", async () => {
  const clientId = await clientFileFor("client-jan", "Jan");
  const jan = await accessTokenFor("client-jan");
  await control("lose-answers?count=2");
  const aanvraag = await submitAanvraag(jan, "client-jan", clientId, "111222333");
  const view = await deliverUntil(sanne, (view) => view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag) && settled(view));
  const state = await municipality();
  const zaken = state.zaken.filter((zaak) => zaak.identificatie === `NV-${aanvraag}`);
  assert.equal(zaken.length, 1, "one zaak, though its creation was answered by a broken connection");
  assert.equal(state.rollen.filter((rol) => rol.zaak === zaken[0].url).length, 1, "one rol");
  assert.ok(view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag && zaak.zaak_url === zaken[0].url));
  await assertNoViolations();
});

test("the zaak's number, and the municipality closing the zaak, reach the client's device through the normal sync; devices cannot write them", async () => {
  const clientId = await clientFileFor("client-jan", "Jan");
  const jan = await accessTokenFor("client-jan");
  const aanvraag = await submitAanvraag(jan, "client-jan", clientId, "123456782");
  await deliverUntil(sanne, (view) => view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag) && settled(view));
  await control(`close?identificatie=NV-${aanvraag}&explanation=${encodeURIComponent("Aanvraag toegekend")}`);
  const view = await deliverUntil(sanne, (view) => view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag && zaak.closed_on));
  assert.match(view.zaken.find((zaak) => zaak.aanvraag_id === aanvraag).closed_on, /^\d{4}-\d{2}-\d{2}$/);
  // Jan's device pulls as usual.
  const seen = await pulledFromTheMunicipality(jan, aanvraag);
  assert.equal(seen.zaak_identificatie, `NV-${aanvraag}`);
  assert.equal(seen.zaak_status, "Aanvraag toegekend");
  assert.match(seen.zaak_closed_on ?? "", /^\d{4}-\d{2}-\d{2}$/);
  // A device cannot set them itself.
  const forged = await api("POST", "/api/v1/sync/push", {
    token: jan,
    body: { operations: [{ op_id: randomUUID(), record: { kind: "aanvraag", id: aanvraag, owner: { kind: "client", client_id: clientId } }, field: "zaak_status", value: "Toegekend", hlc: testClock(), author: "client-jan" }] },
  });
  assert.equal(forged.status, 422);
  assert.equal(forged.json.code, "set_by_the_municipality");
  await assertNoViolations();
});

test("a BSN that fails the 11-proof is refused at the push, and nothing is stored or sent", async () => {
  const clientId = await clientFileFor("client-jan", "Jan");
  const jan = await accessTokenFor("client-jan");
  const zakenBefore = (await municipality()).zaken.length;
  const pendingBefore = (await outboxView(sanne)).pending;
  await assert.rejects(submitAanvraag(jan, "client-jan", clientId, "999993654"), /422.*bsn|422.*elfproef/s);
  assert.equal((await outboxView(sanne)).pending, pendingBefore);
  assert.equal((await municipality()).zaken.length, zakenBefore);
});

test("the zaak system is down while clients submit 100 aanvragen; when it is back, exactly 100 zaken are made, no duplicates, in order per client, and nothing waits", async () => {
  const clients = ["client-fenna", "client-lotte", "client-sem", "client-noah"];
  const files = {};
  const tokens = {};
  for (const [i, subject] of clients.entries()) {
    files[subject] = await clientFileFor(subject, ["Fenna", "Lotte", "Sem", "Noah"][i]);
    tokens[subject] = await accessTokenFor(subject);
  }
  await control("down");
  const submitted = Object.fromEntries(clients.map((subject) => [subject, []]));
  try {
    // Interleaved: 25 rounds of one aanvraag per client.
    for (let round = 0; round < 25; round += 1) {
      for (const [i, subject] of clients.entries()) {
        const id = await submitAanvraag(tokens[subject], subject, files[subject], testBsn(1000 + i));
        submitted[subject].push(id);
      }
    }
    const waiting = await outboxView(sanne);
    assert.ok(waiting.pending >= 200, `zaak and rol of each aanvraag wait: ${waiting.pending}`);
    assert.equal(waiting.parked, 0, "no answer is not a refusal");
  } finally {
    await control("up");
  }
  const started = Date.now();
  const view = await deliverUntil(sanne, settled, { seconds: 90 });
  const seconds = (Date.now() - started) / 1000;
  const state = await municipality();
  const ours = new Set(Object.values(submitted).flat().map((id) => `NV-${id}`));
  const made = state.zaken.filter((zaak) => ours.has(zaak.identificatie));
  assert.equal(made.length, 100, "exactly 100 zaken");
  assert.equal(new Set(made.map((zaak) => zaak.identificatie)).size, 100, "no duplicates");
  for (const subject of clients) {
    const order = made.filter((zaak) => submitted[subject].includes(zaak.identificatie.slice(3))).map((zaak) => zaak.identificatie.slice(3));
    assert.deepEqual(order, submitted[subject], `the zaken of ${subject} in the order of the aanvragen`);
  }
  const rollen = state.rollen.filter((rol) => made.some((zaak) => zaak.url === rol.zaak));
  assert.equal(rollen.length, 100, "one rol per zaak");
  assert.equal(view.pending + view.parked, 0, "the outbox is empty");
  await assertNoViolations();
  console.log(`# back up: 200 calls delivered in ${seconds.toFixed(1)} s (incl. the backoff of the calls tried while down)`);
});

test("a call the zaak system refuses (zaaktype not published) is parked with its reason, shown to the team's consulent only, and goes through when sent again after the fix", async () => {
  const clientId = await clientFileFor("client-mila", "Mila");
  const mila = await accessTokenFor("client-mila");
  await control(`unpublish?zaaktype=${encodeURIComponent(MUNICIPAL_API.zaaktype)}`);
  let parkedCall;
  try {
    await submitAanvraag(mila, "client-mila", clientId, testBsn(2001));
    const view = await deliverUntil(
      sanne,
      (view) => view.calls.some((call) => call.client_id === clientId && call.state === "parked"),
      { parkedIsFailure: false },
    );
    parkedCall = view.calls.find((call) => call.client_id === clientId && call.state === "parked");
    assert.equal(parkedCall.action, "create_zaak");
    assert.match(parkedCall.last_error, /HTTP 400/);
    assert.match(parkedCall.last_error, /zaaktype/);
    const rolCall = view.calls.find((call) => call.client_id === clientId && call.action === "create_rol");
    assert.equal(rolCall.state, "pending", "the rol waits behind the refused zaak, in order");
    // Only the team's consulents see it.
    for (const subject of ["client-mila", "outreach-fatima", "trainer-pieter", "beleid-ahmed", "consulent-bram"]) {
      const token = await accessTokenFor(subject);
      const shown = await api("GET", "/api/v1/municipal-outbox", { token });
      if (subject === "consulent-bram") {
        assert.equal(shown.status, 200);
        assert.ok(!shown.json.calls.some((call) => call.client_id === clientId), "another team sees nothing of it");
      } else {
        assert.equal(shown.status, 403, subject);
      }
      const retried = await api("POST", `/api/v1/municipal-outbox/${parkedCall.id}/retry`, { token });
      assert.ok([403, 404].includes(retried.status), `${subject} cannot send it again`);
    }
    // Sending it again before the fix parks it again, with the reason.
    assert.equal((await api("POST", `/api/v1/municipal-outbox/${parkedCall.id}/retry`, { token: sanne })).status, 202);
    await deliverUntil(
      sanne,
      (view) => view.calls.some((call) => call.id === parkedCall.id && call.state === "parked" && call.attempts >= 2),
      { parkedIsFailure: false },
    );
  } finally {
    await control(`publish?zaaktype=${encodeURIComponent(MUNICIPAL_API.zaaktype)}`);
  }
  const retried = await api("POST", `/api/v1/municipal-outbox/${parkedCall.id}/retry`, { token: sanne });
  assert.equal(retried.status, 202);
  const view = await deliverUntil(sanne, (view) => !view.calls.some((call) => call.client_id === clientId));
  assert.ok(view.zaken.some((zaak) => zaak.client_id === clientId));
  assert.equal((await api("POST", `/api/v1/municipal-outbox/${parkedCall.id}/retry`, { token: sanne })).status, 404, "nothing left to retry");
  assert.equal((await api("POST", "/api/v1/municipal-outbox/abc/retry", { token: sanne })).status, 400);
  await assertNoViolations();
});

test("a municipality that takes a call and never answers holds it only for the call's time limit: the cron run returns, the call waits with the reason, and goes out once", async () => {
  const clientId = await clientFileFor("client-jan", "Jan");
  const jan = await accessTokenFor("client-jan");
  // Enqueued while the zaak system is down (the push's own run finds nobody there).
  await control("down");
  let aanvraag;
  try {
    aanvraag = await submitAanvraag(jan, "client-jan", clientId, testBsn(4001));
    await triedAndFailed(sanne, clientId, "create_zaak");
  } finally {
    await control("up");
  }
  // Only the call that makes the zaak hangs, not a run's look at another zaak's status.
  const { hung } = await control(`hang?count=1&only=${encodeURIComponent("POST /zaken")}`);
  // The cron, until the run that tries the call again (once its first backoff has passed): that run
  // waits for the call that hangs.
  let seconds;
  for (const deadline = Date.now() + 60_000; (await municipality()).hung === hung; ) {
    assert.ok(Date.now() < deadline, "the call was not tried again within a minute");
    const started = Date.now();
    await runCron();
    seconds = (Date.now() - started) / 1000;
  }
  const limit = MUNICIPAL_API.call_timeout_ms / 1000;
  assert.equal((await municipality()).hung, hung + 1, "the zaak system took the call and did not answer");
  assert.ok(seconds >= limit - 0.5 && seconds < limit + 10, `the run gave up after the call's time limit of ${limit} s: ${seconds.toFixed(1)} s`);
  const waiting = (await outboxView(sanne)).calls.find((call) => call.client_id === clientId && call.action === "create_zaak");
  assert.equal(waiting.state, "pending", "no answer is not a refusal");
  assert.match(waiting.last_error, new RegExp(`antwoordde niet binnen ${limit} seconden`));
  await deliverUntil(sanne, (view) => view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag) && settled(view));
  assert.equal((await municipality()).zaken.filter((zaak) => zaak.identificatie === `NV-${aanvraag}`).length, 1);
  await assertNoViolations();
});

test("a status whose answer was lost is not set twice, even when the municipality set another status before the retry", async () => {
  const clientId = await clientFileFor("client-jan", "Jan");
  const jan = await accessTokenFor("client-jan");
  const aanvraag = await submitAanvraag(jan, "client-jan", clientId, testBsn(4002));
  await deliverUntil(sanne, (view) => view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag) && settled(view));
  // Sanne decides the route; the zaak system sets the status but the answer is lost.
  await control("lose-answers?count=1");
  await pushRecords(sanne, "consulent-sanne", clientId, [{ kind: "decision", id: randomUUID(), fields: { route_id: "werk", reason: "Jan wil snel aan het werk." } }]);
  const tried = (view) => view.calls.some((call) => call.client_id === clientId && call.action === "set_status" && call.attempts >= 1);
  // The push's run sends it, or (while an earlier run still holds the lease) the next cron run; a
  // retry waits 2 s after it, long enough for the municipality's own status below to come first.
  let view = await outboxView(sanne);
  for (let wait = 0; wait < 100 && !tried(view); wait += 1) {
    await runCron();
    view = await outboxView(sanne);
  }
  assert.ok(tried(view), "a run tried the status and heard nothing");
  const zaak = (await municipality()).zaken.find((candidate) => candidate.identificatie === `NV-${aanvraag}`);
  const statussen = async () => (await municipality()).statussen.filter((status) => status.zaak === zaak.url);
  assert.equal((await statussen()).length, 1, "the status was set, though its answer was lost");
  // Before the retry, a case worker at the municipality sets a status of their own.
  await control(`set-status?identificatie=NV-${aanvraag}&explanation=${encodeURIComponent("In behandeling")}`);
  await deliverUntil(sanne, (view) => settled(view) && view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag && zaak.statuses.includes("route_decided")));
  const types = (await statussen()).map((status) => status.statustype);
  assert.deepEqual(
    types,
    [MUNICIPAL_API.statustypes.route_decided, "https://catalogi.gemeente.example/catalogi/api/v1/statustypen/in-behandeling"],
    "ours once, then the municipality's: the retry found ours",
  );
  await assertNoViolations();
});

test("a rechtmatigheidsgesprek becomes the zaak's status once, when the consulent marks it held, not when its time has passed", async () => {
  const clientId = await clientFileFor("client-jan", "Jan");
  const jan = await accessTokenFor("client-jan");
  const aanvraag = await submitAanvraag(jan, "client-jan", clientId, testBsn(4003));
  await deliverUntil(sanne, (view) => view.zaken.some((zaak) => zaak.aanvraag_id === aanvraag) && settled(view));
  const statuses = (view) => view.zaken.find((zaak) => zaak.aanvraag_id === aanvraag)?.statuses ?? [];
  const interview = { kind: "appointment", id: randomUUID(), fields: { starts_at: dutchTime(-105), duration_minutes: 45, kind: "rechtmatigheidsgesprek", status: "planned" } };
  await pushRecords(sanne, "consulent-sanne", clientId, [interview]);
  await runCron();
  assert.deepEqual(statuses(await outboxView(sanne)), [], "its time has passed, but Jan may not have come: not held");
  await pushRecords(sanne, "consulent-sanne", clientId, [{ ...interview, fields: { held: true } }]);
  const view = await deliverUntil(sanne, (view) => statuses(view).length > 0 && settled(view));
  assert.deepEqual(statuses(view), ["rechtmatigheidsgesprek_held"]);
  await pushRecords(sanne, "consulent-sanne", clientId, [{ ...interview, fields: { place: "Stadskantoor" } }]);
  await runCron();
  assert.deepEqual(statuses(await outboxView(sanne)), ["rechtmatigheidsgesprek_held"], "once");
  const zaak = (await municipality()).zaken.find((candidate) => candidate.identificatie === `NV-${aanvraag}`);
  const set = (await municipality()).statussen.filter((status) => status.zaak === zaak.url);
  assert.deepEqual(set.map((status) => status.statustype), [MUNICIPAL_API.statustypes.rechtmatigheidsgesprek_held]);
  await assertNoViolations();
});
