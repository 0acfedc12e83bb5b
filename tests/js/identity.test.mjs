// A body given as an object and the same body given as the JSON text a JS caller would
// post (JSON.stringify) get identical reports, over the whole corpus.
import assert from "node:assert/strict";
import { test } from "node:test";
import { corpus, lib } from "./helpers.mjs";

// In JS a string given to validate is always JSON text, so a corpus body that is itself a
// string (B1-string) has no object form; the last test covers it.
const objects = () => corpus().filter((c) => typeof c.body !== "string");

test("object and JSON text give identical reports", () => {
  for (const { name, body } of objects()) {
    for (const options of [undefined, { locale: "zh-CN" }]) {
      const fromObject = lib.validate(body, options);
      const fromText = lib.validate(JSON.stringify(body), options);
      assert.deepEqual(fromObject, fromText, name);
    }
  }
});

test("the file's own text gives the same verdict and issues as its parsed object", () => {
  for (const { name, text, body } of objects()) {
    const a = lib.validate(text);
    const b = lib.validate(body);
    assert.equal(a.valid, b.valid, name);
    assert.deepEqual(
      a.issues.map((i) => [i.path, i.code, i.severity]),
      b.issues.map((i) => [i.path, i.code, i.severity]),
      name,
    );
  }
});

test("the corpus is what its names say: valid-* pass, the rest fail", () => {
  for (const { name, body } of corpus()) {
    assert.equal(lib.validate(typeof body === "string" ? JSON.stringify(body) : body).valid, name.startsWith("valid-"), name);
  }
});

test("a body that is a JSON string is judged as one when sent as text", () => {
  const r = lib.validate(JSON.stringify("{}"));
  assert.deepEqual(r.issues.map((i) => [i.path, i.code]), [["", "type"]]);
});
