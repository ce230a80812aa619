// The engine gives identical JSON natively and in wasm32: the native side is checked by
// `cargo test --test vectors` against shared/tests/vectors/*.expected.json; here the worker
// (the same shared crate compiled to WebAssembly, in workerd) must give the very same JSON.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { api } from "./browser.mjs";

const VECTORS = "shared/tests/vectors";
const inputs = readdirSync(VECTORS).filter((name) => name.endsWith(".input.json")).sort();

test("there are test vectors to compare", () => {
  assert.ok(inputs.length >= 4, `expected vectors in ${VECTORS}`);
});

for (const input of inputs) {
  test(`POST /api/v1/evaluate gives the native engine's answer for ${input}`, async () => {
    const situation = readFileSync(join(VECTORS, input), "utf8");
    const expected = JSON.parse(readFileSync(join(VECTORS, input.replace(".input.", ".expected.")), "utf8"));
    const answer = await api("POST", "/api/v1/evaluate", { body: situation });
    assert.equal(answer.status, 200, answer.text.slice(0, 300));
    assert.deepStrictEqual(answer.json, expected);
    // The same keys in the same order, too: the JSON text is identical, not only equivalent.
    assert.equal(answer.text, JSON.stringify(expected));
  });
}

test("an unreadable or inconsistent situation gets a clear 4xx", async () => {
  const unknownField = await api("POST", "/api/v1/evaluate", { body: { aplication_date: "2026-11-02" } });
  assert.equal(unknownField.status, 400);
  assert.match(unknownField.json.message.en, /aplication_date/);
  const badDate = await api("POST", "/api/v1/evaluate", { body: { birth_date: "1984-02-30" } });
  assert.equal(badDate.status, 400);
  assert.match(badDate.json.message.en, /YYYY-MM-DD/);
  const inconsistent = await api("POST", "/api/v1/evaluate", {
    body: { application_date: "2026-11-02", birth_date: "2027-01-01" },
  });
  assert.equal(inconsistent.status, 422);
  assert.equal(inconsistent.json.code, "inconsistent_situation");
  assert.equal(inconsistent.json.field, "birth_date");
  assert.equal((await api("GET", "/api/v1/evaluate")).status, 405);
});
