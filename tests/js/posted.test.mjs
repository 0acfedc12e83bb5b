// What is posted is JSON.stringify(body), so that is what is judged (issue #12): for every
// value JSON.stringify accepts, validate(x) deep-equals validate(JSON.stringify(x)), and
// build_request(x) is build_request(JSON.stringify(x)). Proved over bodies derived from the
// shared corpus (valid and invalid ones) and the case bases, each dressed at random places
// in what JSON.stringify reads through: toJSON (the root too, and with its key), boxed
// numbers, strings and booleans, Dates, class instances, inherited, non-enumerable and
// symbol keys, accessors, Proxies, members left out, holes and -0. (NaN and ±Infinity, which
// JSON.stringify posts as null, are the one exception: rules.md makes them a type error at
// their field; tests/js/hostile.test.mjs proves that.)
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import { corpus, lib, pkgDir, root } from "./helpers.mjs";

const BASES = JSON.parse(readFileSync(`${root}tests/cases/bases.json`, "utf8")).bodies;
const PAGE = JSON.parse(readFileSync(`${root}tests/fixtures/page_example.json`, "utf8"));
// A string given to validate is the posted text itself, so a body that is one is left out.
const BODIES = [...corpus().map((c) => c.body), ...Object.values(BASES), PAGE].filter((b) => typeof b !== "string");
const OPTIONS = [undefined, { locale: "zh-CN" }, { revision: "current" }, { locale: "zh-CN", revision: "current" }];
const RUNS = 300;

/** A small seeded generator (mulberry32): the disguises below follow from fast-check's seed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Host {
  constructor(members) {
    Object.assign(this, members);
  }
  get inherited() {
    return "a prototype getter: not an own key";
  }
  method() {}
}

/** Ways to dress a value so JSON.stringify still writes something (maybe something else). */
const DRESSES = {
  any: [
    (v) => ({ toJSON: () => v, ignored: 1 }),
    (v) => ({ toJSON: (key) => (typeof key === "string" ? v : "the key is always a string") }),
    (v) => Object.assign(() => 0, { toJSON: () => v }), // a function with toJSON is written
    (v) => new Proxy({ toJSON: () => v }, {}),
    (v) => Object.assign(new Date(0), { toJSON: () => v }),
  ],
  number: [
    (n) => new Number(n),
    (n) => Object.assign(new Number(n + 1), { valueOf: () => n }),
    (n) => (n === 0 ? -0 : n),
  ],
  string: [(s) => new String(s), (s) => Object.assign(new String("other"), { toString: () => s }), () => new Date(86_400_000)],
  boolean: [(b) => new Boolean(b)],
  object: [
    (o) => new Host(o),
    (o) => Object.assign(Object.create({ inherited: 1, execute_param: "inherited keys are not read" }), o),
    (o) => Object.assign(Object.create(null), o),
    (o) => Object.defineProperty(o, "hidden", { value: 1, enumerable: false }),
    (o) => Object.assign(o, { [Symbol("s")]: 1, left_out: undefined, f() {}, s: Symbol("s") }),
    (o) => {
      for (const k of Object.keys(o)) {
        const v = o[k];
        Object.defineProperty(o, k, { enumerable: true, configurable: true, get: () => v });
      }
      return o;
    },
    (o) => new Proxy(o, {}),
    (o) => new Proxy(o, { get: (t, k, r) => Reflect.get(t, k, r) }),
    () => new Date(NaN), // toJSON: null
    () => new Map([["timeout", 300]]), // no own keys: {}
  ],
  array: [
    (a) => Object.assign(a, { extra: "not an index" }),
    (a) => {
      a.length += 1; // a hole: null
      return a;
    },
    (a) => [...a, undefined, () => 0, Symbol("s")], // null each
    (a) => new Proxy(a, {}),
    (a) => Object.assign(a, { toJSON: () => a.slice().reverse() }),
    (a) => new Uint8Array(a.length), // {"0":0,...}
  ],
};

/** `value` (plain JSON data) dressed at random places, at rate `rate`, the root included. */
function dress(value, next, rate) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const visit = (v) => {
    let out = v;
    if (Array.isArray(v)) out = v.map(visit);
    else if (v !== null && typeof v === "object") out = Object.fromEntries(Object.entries(v).map(([k, m]) => [k, visit(m)]));
    if (next() >= rate) return out;
    const kind = Array.isArray(v) ? "array" : v === null ? "any" : typeof v;
    return pick(next() < 0.3 || !DRESSES[kind] ? DRESSES.any : DRESSES[kind])(out);
  };
  return visit(value);
}

const dressed = fc
  .record({
    body: fc.constantFrom(...BODIES),
    seed: fc.integer(),
    rate: fc.constantFrom(0.02, 0.1, 0.3),
    options: fc.constantFrom(...OPTIONS),
  })
  .map(({ body, seed, rate, options }) => ({ value: dress(structuredClone(body), random(seed), rate), options }));

test("validate(x) is validate(JSON.stringify(x)), for bodies dressed at random", () => {
  fc.assert(
    fc.property(dressed, ({ value, options }) => {
      const text = JSON.stringify(value);
      assert.deepEqual(lib.validate(value, options), lib.validate(text, options), text);
    }),
    { numRuns: RUNS },
  );
});

test("build_request(x) posts and judges JSON.stringify(x)", () => {
  fc.assert(
    fc.property(dressed, ({ value, options }) => {
      const text = JSON.stringify(value);
      const request = lib.build_request("script-1", value, options);
      assert.deepEqual(request, lib.build_request("script-1", text, options), text);
      assert.deepEqual(request.issues, lib.validate(text, options).issues);
      if (request.valid) assert.deepEqual(lib.validate(request.request.body, options).valid, true);
    }),
    { numRuns: RUNS },
  );
});

test("the cases the issue names, each where the object and its text used to disagree", () => {
  const valid = corpus().find((c) => c.name === "valid-full").body;
  const invalid = corpus().find((c) => c.name === "P2-above").body;
  const same = (x) => assert.deepEqual(lib.validate(x), lib.validate(JSON.stringify(x)), JSON.stringify(x));
  // A root toJSON: the posted text is the invalid body, whatever the object holds.
  const root = { ...valid, toJSON: () => invalid };
  assert.equal(lib.validate(root).valid, false);
  same(root);
  // And the other way round: an invalid object that posts a valid body.
  assert.equal(lib.validate({ ...invalid, toJSON: () => valid }).valid, true);
  // Boxed values, a Date, a class instance, inherited keys.
  const p = structuredClone(valid);
  p.execute_param.timeout = new Number(300);
  p.execute_param.execute_user = new String("root");
  p.execute_param.resourceful = new Boolean(false);
  p.execute_batches[0].target_instances[0] = new Host(p.execute_batches[0].target_instances[0]);
  assert.equal(lib.validate(p).valid, true);
  same(p);
  const dated = structuredClone(valid);
  dated.execute_param.execute_user = new Date(0); // its ISO string: not root
  assert.deepEqual(lib.validate(dated).issues.map((i) => [i.path, i.code, i.params.actual]), [
    ["/execute_param/execute_user", "must_be_root", "1970-01-01T00:00:00.000Z"],
  ]);
  same(dated);
  // -0 is written 0, and judged so.
  const zero = structuredClone(valid);
  zero.execute_param.timeout = -0;
  same(zero);
});

// plain.rs writes a small body's posted text itself, as UTF-8 with JSON.stringify's escapes
// (issue #12's speed clause: no JS string of the text, no copy of it), and a larger one as
// native JSON.stringify writes a copy of what it read, the two meeting where the first
// stops: byte for byte what TextEncoder makes of JSON.stringify's text either way, for
// strings and keys of every kind (controls, `"` and `\`, 2-, 3- and 4-byte characters, lone
// surrogates), boxes, Dates, sparse arrays, -0 and members left out, before, across and
// after that point. An argument (not a body) has its lone surrogates as U+FFFD instead.
const UNIT = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(..."abcxyzABC0189 -_/:.,{}[]") },
  fc.constantFrom('"', "\\", "\n", "\t", "\b", "\f", "\r", "\u0000", "\u0001", "\u001f", "\u007f"),
  fc.constantFrom("é", "ÿ", "\u0080", "\u07ff", "\u0800", "中", "\u2028", "\ufffd", "\uffff", "😀", "\u{10ffff}"),
  fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff"),
);
const STRING = fc.oneof(fc.string({ unit: UNIT, maxLength: 12 }), fc.string({ unit: UNIT, minLength: 20, maxLength: 90 }));
const VALUES = [STRING, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0)];
const ANY = fc.anything({ key: STRING, values: VALUES, maxDepth: 3, maxKeys: 6, withBoxedValues: true, withDate: true, withNullPrototype: true, withSparseArray: true });
const PLAIN = fc.anything({ key: STRING, values: VALUES, maxDepth: 3, maxKeys: 6 });
const writer = await import(
  readdirSync(`${pkgDir}snippets`, { recursive: true })
    .filter((f) => f.endsWith(".js"))
    .map((f) => `${pkgDir}snippets/${f}`)
    .find((f) => readFileSync(f, "utf8").includes("export function take_text"))
);
const memory = new WebAssembly.Memory({ initial: 1 });
const limits = lib.limits();

/** The bytes plain.rs writes for `value`, given `capacity` bytes of room in wasm memory. */
function written(value, asArgument, capacity) {
  const answer = writer.posted_text(value, limits.max_depth, limits.max_body_bytes, asArgument, memory, 16, capacity);
  const text = Array.isArray(answer) ? answer[0] : answer;
  if (typeof text === "string") return Buffer.from(text, "utf8"); // JSON.stringify's, copied by text.rs
  assert.ok(text >= 0, `refused: ${answer}`);
  if (text > capacity) writer.take_text(memory, 16);
  return Buffer.from(new Uint8Array(memory.buffer, 16, text));
}

/** `value` with every string and key well-formed, as an argument's text has them. */
function wellFormed(value) {
  if (typeof value === "string") return value.toWellFormed();
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toWellFormed(), wellFormed(v)]));
  }
  return value;
}

test("the text written is JSON.stringify's, byte for byte, whatever the strings hold", () => {
  fc.assert(
    fc.property(ANY, fc.constantFrom(0, 8, 60000), fc.nat(1300), (value, capacity, pad) => {
      const text = JSON.stringify(value) ?? "null"; // the root left out: a null, and a hole
      assert.deepEqual(written(value, false, capacity), Buffer.from(text, "utf8"), text);
      // After text of any length up to past where the writing stops.
      const padded = [{ pad: "p".repeat(pad) }, value, [value, { value }]];
      assert.deepEqual(written(padded, false, capacity), Buffer.from(JSON.stringify(padded), "utf8"));
    }),
    { numRuns: 2 * RUNS },
  );
  fc.assert(
    fc.property(PLAIN, fc.nat(1300), (value, pad) => {
      const text = JSON.stringify(wellFormed(value)) ?? "null";
      assert.deepEqual(written(value, true, 60000), Buffer.from(text, "utf8"), text);
      const padded = ["p".repeat(pad), value, { value }];
      assert.deepEqual(written(padded, true, 60000), Buffer.from(JSON.stringify(wellFormed(padded)), "utf8"));
    }),
    { numRuns: RUNS },
  );
});

// Past the first KB, plain.rs copies an object by a spread (one native read of its own
// enumerable members) and makes each member what JSON.stringify writes of it, in place.
test("past the first KB an object is read once by a spread, and a member that throws is named", () => {
  const pad = "p".repeat(1500);
  const raw = (value) => writer.posted_text(value, limits.max_depth, limits.max_body_bytes, false, memory, 16, 0);
  let gets = 0;
  let traps = 0;
  const counted = (o) => {
    for (const k of Object.keys(o)) {
      const v = o[k];
      Object.defineProperty(o, k, { enumerable: true, configurable: true, get: () => (gets++, v) });
    }
    return o;
  };
  const value = [
    pad,
    counted({ a: 1, b: "x", c: { d: new Number(2) } }),
    new Proxy({ e: 3 }, { get: (t, k, r) => (k === "e" && traps++, Reflect.get(t, k, r)) }),
    { keep: 1, gone: { toJSON: () => undefined }, f() {}, u: undefined, date: new Date(0) },
    JSON.parse('{"__proto__": 5, "x": [1, {"__proto__": null}]}'),
  ];
  const text = JSON.stringify(value);
  assert.equal(gets, 3);
  assert.equal(traps, 1);
  assert.equal(raw(value), text); // past BY_BYTES: JSON.stringify's own text of the copy
  assert.equal(gets, 6, "each getter asked once more, by the one walk");
  assert.equal(traps, 2);
  assert.deepEqual(written(value, false, 60000), Buffer.from(text, "utf8"));
  // NaN and a getter that throws: null in the text, and named; the members before the one
  // that threw are asked again, to find it.
  gets = 0;
  const throwing = counted({ a: 1 });
  Object.defineProperty(throwing, "t", { enumerable: true, get: () => { throw new Error("boom"); } });
  throwing.after = "z";
  assert.deepEqual(raw([pad, { n: NaN }, throwing]), [JSON.stringify([pad, { n: null }, { a: 1, t: null, after: "z" }]), "/1/n", "/2/t"]);
  assert.equal(gets, 2);
  // Object.prototype with an enumerable key, from the start or from a getter partway:
  // never a member, as for JSON.stringify.
  try {
    Object.prototype.polluted = { x: 1 };
    const polluted = [pad, { a: { b: 1 } }];
    assert.equal(raw(polluted), JSON.stringify(polluted));
    delete Object.prototype.polluted;
    const partway = [pad, { get a() { Object.prototype.polluted = { x: 1 }; return 1; } }, { b: { c: 2 } }, [{ d: 3 }]];
    assert.equal(raw(partway), '["' + pad + '",{"a":1},{"b":{"c":2}},[{"d":3}]]');
  } finally {
    delete Object.prototype.polluted;
  }
  // And judged so: a type error at that field, as within the first KB.
  const valid = corpus().find((c) => c.name === "valid-full").body;
  const body = structuredClone(valid);
  body.execute_param.script_params = [{ param_name: "p", param_value: pad, param_order: 1 }];
  const host = body.execute_batches[0].target_instances[0];
  Object.defineProperty(host, "region_id", { enumerable: true, get: () => { throw new Error("boom"); } });
  const report = lib.validate(body);
  assert.ok(
    report.issues.some((i) => i.path === "/execute_batches/0/target_instances/0/region_id" && i.code === "type"),
    JSON.stringify(report.issues),
  );
});

test("validate(x) is validate(JSON.stringify(x)), whatever the strings and keys hold", () => {
  const valid = corpus().find((c) => c.name === "valid-full").body;
  fc.assert(
    fc.property(STRING, STRING, fc.constantFrom(...OPTIONS), (s, k, options) => {
      const body = structuredClone(valid);
      body.execute_param.execute_user = s;
      body.execute_param.script_params = [{ param_name: s, param_value: s + s, param_order: 1 }];
      body.execute_batches[0].target_instances[0].resource_id = s;
      body.execute_param[k] = s;
      const text = JSON.stringify(body);
      assert.deepEqual(lib.validate(body, options), lib.validate(text, options), text);
    }),
    { numRuns: RUNS },
  );
});
