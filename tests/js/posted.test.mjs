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
import { readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import { corpus, lib, root } from "./helpers.mjs";

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
