// validate never throws and never traps, whatever it is given, and the module keeps
// working afterwards. Numbers come from limits(), never typed here.
import assert from "node:assert/strict";
import { test } from "node:test";
import { corpus, lib, validBody } from "./helpers.mjs";

const limits = lib.limits();

/** validate(value) returns a report with an error, and the module still works. */
function refused(value, ...codes) {
  let report;
  assert.doesNotThrow(() => {
    report = lib.validate(value);
  });
  assert.equal(report.valid, false);
  for (const code of codes) assert.ok(report.issues.some((i) => i.code === code), `${code}: ${JSON.stringify(report)}`);
  assert.equal(lib.validate(validBody()).valid, true, "the module still works");
  return report;
}

const at = (report, path) => report.issues.filter((i) => i.path === path).map((i) => [i.code, i.params.expected]);

/** The valid body with `value` set at the member `path` names. */
function withValue(path, value) {
  const body = validBody();
  const keys = path.split("/").slice(1);
  const last = keys.pop();
  keys.reduce((node, k) => node[k], body)[last] = value;
  return body;
}

test("values that are not a body at all", () => {
  for (const v of [undefined, null, 0, -0, NaN, true, 10n, Symbol("s"), () => 1, [], "", "null"]) {
    const r = refused(v);
    assert.ok(r.issues.some((i) => i.path === "" && ["type", "syntax"].includes(i.code)), String(v?.toString?.()));
  }
});

// rules.md lines 16 and 35: a non-finite number in a JS object is a type error at its field,
// although JSON.stringify would post null there (the one documented exception to issue #12's
// "judge what is posted"; the text is refused either way).
test("NaN and ±Infinity are type errors at their field, boxed or raw", () => {
  for (const bad of [NaN, Infinity, -Infinity, new Number(NaN), { toJSON: () => Infinity }]) {
    for (const [path, expected] of [
      ["/execute_param/timeout", "integer"],
      ["/execute_param/success_rate", "number"],
      ["/execute_batches/1/target_instances/0/agent_sn", "string"],
    ]) {
      const body = withValue(path, bad);
      assert.deepEqual(at(refused(body), path), [["type", expected]]);
      assert.equal(lib.validate(JSON.stringify(body)).valid, false, "its posted text is refused too");
    }
  }
  // In an unknown field nothing judges it: the field is only a warning, as for any value.
  const r = lib.validate({ ...validBody(), extra: NaN });
  assert.equal(r.valid, true);
  assert.deepEqual(at(r, "/extra"), [["unknown_field", undefined]]);
});

test("a BigInt field is a type error; -0 is 0", () => {
  assert.deepEqual(at(refused(withValue("/execute_param/timeout", 300n)), "/execute_param/timeout"), [["type", "integer"]]);
  const r = lib.validate(withValue("/execute_param/timeout", -0));
  assert.deepEqual(r.issues.find((i) => i.path === "/execute_param/timeout").params.actual, 0);
  assert.ok(Object.is(r.issues.find((i) => i.path === "/execute_param/timeout").params.actual, 0));
});

test("undefined, functions and symbols as members are left out, as JSON.stringify does", () => {
  for (const v of [undefined, () => 1, Symbol("s")]) {
    const r = refused(withValue("/execute_param/timeout", v), "required");
    assert.deepEqual(at(r, "/execute_param/timeout"), [["required", undefined]]);
    assert.deepEqual(lib.validate({ ...validBody(), extra: v }), lib.validate(validBody()));
  }
  // In an array they are null, as JSON.stringify writes them.
  const r = refused(withValue("/execute_param/script_params/1", undefined));
  assert.deepEqual(r, lib.validate(withValue("/execute_param/script_params/1", null)));
});

test("cycles and deep nesting stop at the depth limit", () => {
  const cyclic = validBody();
  cyclic.extra = cyclic;
  const r = refused(cyclic, "too_large");
  assert.deepEqual(r.issues.map((i) => [i.path, i.code, i.params]), [["", "too_large", { max_depth: limits.max_depth }]]);
  let deep = {};
  for (let i = 0; i < 100000; i++) deep = { d: deep };
  refused(deep, "too_large");
  // Exactly the limit is fine, one more is not: as for the text (R-SIZE).
  const nest = (n) => { let v = []; for (let i = 1; i < n; i++) v = [v]; return v; };
  assert.equal(lib.validate({ ...validBody(), extra: nest(limits.max_depth - 1) }).valid, true);
  refused({ ...validBody(), extra: nest(limits.max_depth) }, "too_large");
  assert.deepEqual(lib.validate(JSON.stringify({ ...validBody(), extra: nest(limits.max_depth) })).issues.map((i) => i.code), ["too_large"]);
});

test("a Proxy whose traps throw", () => {
  const boom = () => { throw new Error("boom"); };
  const getter = new Proxy({ execute_param: 1, execute_batches: 2 }, { get: boom });
  const r = refused(getter);
  assert.deepEqual(at(r, "/execute_param"), [["type", "object"]]);
  assert.deepEqual(at(r, "/execute_batches"), [["type", "array"]]);
  refused(new Proxy({}, { ownKeys: boom }), "type");
  refused(new Proxy([], { get: boom }), "type");
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  refused(proxy, "type");
  refused({ ...validBody(), execute_param: proxy }, "type");
  // A getter that throws something that is not an Error, and one that re-enters validate.
  const body = validBody();
  Object.defineProperty(body.execute_param, "timeout", { enumerable: true, get() { throw 7; } });
  assert.deepEqual(at(refused(body), "/execute_param/timeout"), [["type", "integer"]]);
  const reentrant = validBody();
  Object.defineProperty(reentrant.execute_param, "timeout", { enumerable: true, get: () => (lib.validate(validBody()).valid ? 300 : 0) });
  assert.equal(lib.validate(reentrant).valid, true);
});

test("an array of a million items, and other large values, stop at the size limit", () => {
  const r = refused(new Array(1_000_000).fill(0), "too_large");
  assert.equal(r.issues[0].params.max_bytes, limits.max_body_bytes);
  assert.ok(r.issues[0].params.actual_bytes > limits.max_body_bytes);
  refused({ ...validBody(), extra: new Array(2 ** 32 - 1) }, "too_large");
  refused({ ...validBody(), extra: "x".repeat(limits.max_body_bytes) }, "too_large");
  refused({ ...validBody(), extra: new Uint8Array(limits.max_body_bytes) }, "too_large");
  refused({ ...validBody(), extra: new String("x".repeat(limits.max_body_bytes)) }, "too_large");
  const huge = new Proxy([], { get: (t, k) => (k === "length" ? 2 ** 32 - 1 : 1) });
  refused(huge, "too_large");
});

/** validate(value), with the calls `count` says were made and the time, as a diagnostic. */
function measured(t, name, value, count) {
  const start = performance.now();
  const report = lib.validate(value);
  t.diagnostic(`${name}: ${count()} calls, ${(performance.now() - start).toFixed(1)} ms`);
  return report;
}

test("the work is bounded by what is read, not by what a value claims (R-SIZE)", (t) => {
  const max = limits.max_body_bytes;
  const tooLarge = (r) => assert.deepEqual(r.issues.map((i) => [i.code, i.params.max_bytes]), [["too_large", max]]);
  // A Proxy reporting a huge length: refused on its length alone, before any element.
  let calls = 0;
  const huge = new Proxy([], { get: (_, k) => (calls++, k === "length" ? 2 ** 32 - 1 : 1) });
  tooLarge(measured(t, "a length of 2^32 - 1", huge, () => calls));
  assert.ok(calls <= 4, `${calls} traps`);
  // One whose length grows once it has been asked: it is asked once, so it is the array
  // of one item it first said (B1: not an object).
  calls = 0;
  let asked = 0;
  const growing = new Proxy([], { get: (_, k) => (calls++, k === "length" ? (asked++ ? 2 ** 32 - 1 : 1) : undefined) });
  const once = measured(t, "a length that grows when asked again", growing, () => calls);
  assert.deepEqual(once.issues.map((i) => [i.path, i.code]), [["", "type"]]);
  assert.equal(asked, 1);
  assert.ok(calls <= 4, `${calls} traps`);
  // A getter per member, each leaving its member out: the members read are bounded (each
  // counts one byte and its key), without and with a BigInt first that sends the value to
  // the walk. (Small objects: listing the keys of one Proxy of half a million keys takes
  // V8 itself seconds, as it would for the JSON.stringify that posts it.)
  let gets = 0;
  const heavy = () => new Proxy({ a: 0, b: 0, c: 0, d: 0, e: 0, f: 0, g: 0, h: 0 }, { get: () => (gets++, undefined) });
  const many = Array.from({ length: max / 8 }, heavy);
  tooLarge(measured(t, "a getter per member, each left out", many, () => gets));
  assert.ok(gets <= max, `${gets} getters`);
  gets = 0;
  tooLarge(measured(t, "the same after a BigInt (the walk)", [10n, ...many], () => gets));
  assert.ok(gets <= max, `${gets} getters`);
  // The most a body within R-SIZE can ask for: a getter per item of the longest array.
  calls = 0;
  const zeros = new Proxy(new Array(max / 2 - 1), { get: (tg, k) => (calls++, k === "length" ? tg.length : 0) });
  const worst = measured(t, "an element getter per item of the longest array", zeros, () => calls);
  assert.deepEqual(worst.issues.map((i) => [i.path, i.code]), [["", "type"]]); // read whole: B1
  assert.ok(calls <= max / 2 + 4, `${calls} traps`);
});

test("text over the size limit is measured without being copied", () => {
  const text = "é".repeat(limits.max_body_bytes); // 2 bytes each in UTF-8
  const r = refused(text, "too_large");
  assert.deepEqual(r.issues[0].params, { max_bytes: limits.max_body_bytes, actual_bytes: 2 * limits.max_body_bytes });
  const emoji = "😀".repeat(limits.max_body_bytes); // a surrogate pair each: 4 bytes
  assert.equal(refused(emoji, "too_large").issues[0].params.actual_bytes, 4 * limits.max_body_bytes);
});

test("a lone surrogate is judged as posted: JSON.stringify escapes it, which R-SYNTAX refuses", () => {
  const body = withValue("/execute_param/script_params/0/param_value", "a\uD800b");
  const r = refused(body, "syntax");
  assert.deepEqual(r, lib.validate(JSON.stringify(body)));
  assert.doesNotThrow(() => lib.validate(`{"x": "\uDC00"}`));
  refused('{"x": "\\uDC00"}', "syntax");
  // An argument that is not a body is read with U+FFFD in its place.
  const host = { resource_id: "r\uD800", agent_sn: "a", project_id: "p", region_id: "cn-north-4" };
  assert.equal(lib.build_batches([host]).execute_batches[0].target_instances[0].resource_id, "r\uFFFD");
});

test("odd objects read as JSON.stringify reads them", () => {
  // Own enumerable keys only; a Date or a Map has none.
  const proto = Object.create({ execute_param: validBody().execute_param });
  refused(Object.assign(proto, { execute_batches: validBody().execute_batches }), "required");
  refused({ ...validBody(), execute_param: new Map([["timeout", 300]]) }, "required");
  const sparse = validBody();
  sparse.execute_batches.length = 3; // a hole is null
  assert.deepEqual(at(refused(sparse), "/execute_batches/2"), [["type", "object"]]);
});

test("after every export is given wrong types and huge inputs, validate still answers right", () => {
  const bad = corpus().find((c) => c.name === "E2-201-hosts").body;
  const expectBad = lib.validate(bad);
  const attempts = [
    () => lib.build_batches(Symbol("s"), 10n),
    () => lib.build_batches(new Array(1_000_000).fill({ resource_id: "r" }), { sizes: [Symbol("s")] }),
    () => lib.build_batches(new Proxy([], { get() { throw new Error("boom"); } })),
    () => lib.build_request(123, Symbol("s"), { endpoint: 1n }),
    () => lib.build_request("u".repeat(limits.max_body_bytes), "x".repeat(limits.max_body_bytes * 2), { token: {} }),
    () => lib.parse_response("200", {}),
    () => lib.parse_response(2 ** 53, Symbol("s")),
    () => lib.parse_response(200, "{".repeat(limits.max_body_bytes)),
    () => lib.json_schema(Symbol("s")),
    () => lib.limits(() => { throw new Error("x"); }),
    () => lib.validate(validBody(), { locale: Symbol("s") }),
    () => lib.validate(validBody(), new Proxy({}, { get() { throw new Error("boom"); } })),
  ];
  for (const attempt of attempts) {
    try { attempt(); } catch (err) { assert.ok(err instanceof Error, `${attempt}: threw ${String(err)}`); }
    assert.equal(lib.validate(validBody()).valid, true, `after ${attempt}`);
    assert.deepEqual(lib.validate(JSON.stringify(validBody())), { valid: true, issues: lib.validate(validBody()).issues });
    assert.deepEqual(lib.validate(bad), expectBad, `after ${attempt}`);
  }
});
