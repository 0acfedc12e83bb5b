// The shared rule cases (tests/cases/*.json, the DSL in tests/cases/README.md) against pkg/:
// the same files tests/rules.rs runs natively and tests/wasm.rs as wasm, expanded here by a
// JS reading of the same DSL, each case under its revision, as a JS object and as JSON text.
// The expansion is held to tests/cases/expanded.txt, which the Rust expansion is held to as
// well: the two readings of the DSL make the same bodies and texts, byte for byte.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { isDeepStrictEqual } from "node:util";
import { lib, root } from "./helpers.mjs";

const dir = `${root}tests/cases/`;
const read = (f) => JSON.parse(readFileSync(dir + f, "utf8"));
const BASES = read("bases.json");
const FILES = ["page.json", "current.json"];
const REVISIONS = ["page", "current"];

// ---- The DSL, as tests/cases/mod.rs reads it.

/** A host with the page's four fields (`$host`). */
const host = (id) => ({ resource_id: id, agent_sn: `sn-${id}`, project_id: "p1", region_id: "cn-north-4" });

/** `count` parameters, orders 1..=count (`$params`). */
const paramsN = (count) =>
  Array.from({ length: count }, (_, i) => ({ param_name: `p${i + 1}`, param_value: "v", param_order: i + 1 }));

/** `batches` batches of `per` hosts (`$batches`). */
const batchesN = (batches, per) =>
  Array.from({ length: batches }, (_, i) => ({
    batch_index: i + 1,
    target_instances: Array.from({ length: per }, (_, h) => host(`i-${i + 1}-${h}`)),
    rotation_strategy: "CONTINUE",
  }));

const clone = (v) => structuredClone(v);
const base = (name) => {
  assert.ok(Object.hasOwn(BASES.bodies, name), `bases.json has no body ${name}`);
  return clone(BASES.bodies[name]);
};

const count = (name, v) => {
  assert.ok(Number.isInteger(v) && v >= 0, `${name}: ${JSON.stringify(v)} is not a count`);
  return v;
};
const str = (name, v) => {
  assert.equal(typeof v, "string", `${name}: ${JSON.stringify(v)} is not a string`);
  return v;
};
const pair = (name, v) => {
  assert.ok(Array.isArray(v) && v.length === 2, `${name} takes [a, b], not ${JSON.stringify(v)}`);
  return v;
};

function generate(name, args) {
  switch (name) {
    case "$repeat": {
      const [s, n] = pair(name, args);
      return str(name, s).repeat(count(name, n));
    }
    case "$concat":
      assert.ok(Array.isArray(args), "$concat takes an array");
      return args.map((a) => str(name, a)).join("");
    case "$list": {
      const [v, n] = pair(name, args);
      return Array.from({ length: count(name, n) }, () => clone(v));
    }
    case "$host":
      return host(str(name, args));
    case "$hosts":
      return Array.from({ length: count(name, args) }, (_, i) => host(`h${i}`));
    case "$params":
      return paramsN(count(name, args));
    case "$batches": {
      const [b, per] = pair(name, args);
      return batchesN(count(name, b), count(name, per));
    }
    case "$unknown_keys":
      return Object.fromEntries(Array.from({ length: count(name, args) }, (_, i) => [`x${i}`, i]));
    case "$deep": {
      const n = count(name, args);
      return "[".repeat(n) + "]".repeat(n);
    }
    default:
      throw new Error(`unknown generator ${name}`);
  }
}

/** A value of the DSL with its generators replaced by what they make. */
function expand(value) {
  if (Array.isArray(value)) return value.map(expand);
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0].startsWith("$")) return generate(keys[0], expand(value[keys[0]]));
    return Object.fromEntries(keys.map((k) => [k, expand(value[k])]));
  }
  return value;
}

/** `body` with the value at `pointer` set (or, with `drop`, removed); `-` appends. */
function withValue(body, pointer, value, drop = false) {
  const at = pointer.lastIndexOf("/");
  assert.ok(at >= 0, `${pointer}: a pointer below the root`);
  const parentPointer = pointer.slice(0, at);
  const key = pointer.slice(at + 1).replaceAll("~1", "/").replaceAll("~0", "~");
  const parent = resolve(body, parentPointer);
  assert.ok(parent !== null && typeof parent === "object", `the parent of ${pointer} is a container`);
  if (Array.isArray(parent)) {
    const i = key === "-" ? parent.length : Number(key);
    assert.ok(Number.isInteger(i) && i <= parent.length, `${pointer}: an index`);
    if (drop) parent.splice(i, 1);
    else parent[i] = value;
  } else if (drop) {
    delete parent[key];
  } else {
    parent[key] = value;
  }
  return body;
}

function resolve(body, pointer) {
  if (pointer === "") return body;
  return pointer
    .slice(1)
    .split("/")
    .map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((node, k) => {
      assert.ok(node !== null && typeof node === "object" && Object.hasOwn(node, k), `${pointer} exists`);
      return node[k];
    }, body);
}

const BODY_KEYS = ["$comment", "rule", "name", "revisions", "base", "body", "set", "merge", "drop", "expect", "absent", "valid"];
const TEXT_KEYS = ["$comment", "rule", "name", "revisions", "base", "text", "chop", "replace", "append", "expect", "absent", "valid"];

function common(file, c, keys) {
  const at = `${file}: ${c.rule} ${c.name}`;
  assert.equal(typeof c.rule, "string", `${file}: a case without rule`);
  assert.equal(typeof c.name, "string", `${file}: ${c.rule}: a case without name`);
  for (const k of Object.keys(c)) assert.ok(keys.includes(k), `${at}: unknown key ${k}`);
  const expect = [];
  const params = [];
  for (const e of c.expect ?? []) {
    assert.ok(Array.isArray(e) && (e.length === 3 || e.length === 4), `${at}: expect items are [path, code, severity, params?]`);
    assert.ok(["error", "warning"].includes(e[2]), `${at}: severity ${e[2]}`);
    if (e.length === 4) params.push([e[0], e[1], e[3]]);
    expect.push([e[0], e[1], e[2]]);
  }
  const absent = (c.absent ?? []).map((a) => {
    assert.ok(Array.isArray(a) && a.length === 2, `${at}: absent items are [path, code]`);
    return [a[0], a[1]];
  });
  assert.ok(expect.length > 0 || absent.length > 0, `${at}: a case expects nothing`);
  if ("valid" in c) assert.equal(typeof c.valid, "boolean", `${at}: valid is not a boolean`);
  return { rule: c.rule, name: c.name, expect, absent, params, valid: "valid" in c ? c.valid : null };
}

const baseOf = (c, revision) => base("base" in c ? c.base : BASES.default[revision]);

function bodyCase(file, c, revision) {
  const common_ = common(file, c, BODY_KEYS);
  let body;
  if ("body" in c) {
    assert.ok(!("base" in c), `${file}: ${c.rule} ${c.name}: body and base together`);
    body = expand(c.body);
  } else {
    body = baseOf(c, revision);
  }
  for (const [pointer, value] of Object.entries(c.set ?? {})) body = withValue(body, pointer, expand(value));
  for (const [pointer, members] of Object.entries(c.merge ?? {})) Object.assign(resolve(body, pointer), expand(members));
  for (const pointer of c.drop ?? []) body = withValue(body, pointer, undefined, true);
  return { ...common_, revision, kind: "body", body };
}

function textCase(file, c, revision) {
  const common_ = common(file, c, TEXT_KEYS);
  const at = `${file}: ${c.rule} ${c.name}`;
  let text;
  if ("text" in c) {
    assert.ok(!("base" in c), `${at}: text and base together`);
    text = str("text", expand(c.text));
  } else {
    text = JSON.stringify(baseOf(c, revision));
  }
  if ("chop" in c) {
    const chars = Array.from(text);
    assert.ok(chars.length >= c.chop, `${at}: chop past the start`);
    text = chars.slice(0, chars.length - c.chop).join("");
  }
  for (const [from, to] of c.replace ?? []) {
    const i = text.indexOf(from);
    assert.ok(i >= 0, `${at}: the text has no ${from} to replace`);
    text = text.slice(0, i) + to + text.slice(i + from.length);
  }
  if ("append" in c) text += str("append", expand(c.append));
  return { ...common_, revision, kind: "text", text };
}

function revisionsOf(file, doc, c) {
  const ids = c.revisions ?? [doc.revision];
  assert.ok(Array.isArray(ids), `${file}: revisions must be an array of ids`);
  for (const id of ids) assert.ok(REVISIONS.includes(id), `${file}: ${id} is not a revision id`);
  return ids;
}

/** Every case of every file, once per revision, body cases first (as mod.rs orders them). */
function allCases() {
  const docs = FILES.map((f) => [f, read(f)]);
  const out = [];
  for (const [file, doc] of docs)
    for (const c of doc.cases) for (const r of revisionsOf(file, doc, c)) out.push(bodyCase(file, c, r));
  for (const [file, doc] of docs)
    for (const c of doc.text_cases ?? []) for (const r of revisionsOf(file, doc, c)) out.push(textCase(file, c, r));
  return out;
}

// ---- The digest (tests/cases/mod.rs `digest`).

function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text, "utf8")) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

function digestLine(c) {
  const input = c.kind === "body" ? JSON.stringify(c.body) : c.text;
  const says = JSON.stringify({ expect: c.expect, absent: c.absent, params: c.params, valid: c.valid });
  return [c.revision, c.kind, c.rule, c.name, Buffer.byteLength(input, "utf8"), fnv1a(input), fnv1a(says)].join("\t");
}

// ---- The checks (tests/cases/mod.rs `check_all`).

function check(c, report) {
  const label = `${c.rule} ${c.name} [${c.revision}] (${c.kind})`;
  const got = () => JSON.stringify(report.issues.map((i) => [i.path, i.code, i.severity, i.params]));
  for (const [path, code, severity] of c.expect) {
    assert.ok(
      report.issues.some((i) => i.path === path && i.code === code && i.severity === severity),
      `${label}: expected ${code} (${severity}) at ${JSON.stringify(path)}; got ${got()}`,
    );
    if (severity === "error") assert.equal(report.valid, false, `${label}: an error must make the report invalid`);
  }
  for (const [path, code] of c.absent) {
    assert.ok(!report.issues.some((i) => i.path === path && i.code === code), `${label}: unexpected ${code} at ${JSON.stringify(path)}; got ${got()}`);
  }
  for (const [path, code, params] of c.params) {
    assert.ok(
      report.issues.some((i) => i.path === path && i.code === code && isDeepStrictEqual(i.params, params)),
      `${label}: expected ${code} at ${JSON.stringify(path)} with params ${JSON.stringify(params)}; got ${got()}`,
    );
  }
  if (c.valid !== null) assert.equal(report.valid, c.valid, `${label}: valid; got ${got()}`);
}

const ALL = allCases();

test("the JS expansion of the cases is the recorded one (tests/cases/expanded.txt), as Rust's is", () => {
  const recorded = readFileSync(`${dir}expanded.txt`, "utf8").split("\n").filter(Boolean);
  const lines = ALL.map(digestLine);
  for (let i = 0; i < Math.min(lines.length, recorded.length); i++) assert.equal(lines[i], recorded[i], `case ${i}`);
  assert.equal(lines.length, recorded.length);
  // Both revisions have cases; the page ones outnumber rules.md's rows.
  for (const r of REVISIONS) assert.ok(ALL.filter((c) => c.revision === r).length > 150, r);
});

test("the bases are valid, without an issue, under their revision", () => {
  for (const r of REVISIONS) assert.deepEqual(lib.validate(base(BASES.default[r]), { revision: r }), { valid: true, issues: [] });
});

for (const revision of REVISIONS) {
  test(`every body case under ${revision}, as a JS object and as JSON text`, () => {
    for (const c of ALL.filter((c) => c.kind === "body" && c.revision === revision)) {
      // A JS string given to validate is JSON text, so a body that is a string (B1)
      // travels as its own text.
      const asObject = typeof c.body === "string" ? JSON.stringify(c.body) : c.body;
      const fromObject = lib.validate(asObject, { revision });
      check(c, fromObject);
      const fromText = lib.validate(JSON.stringify(c.body), { revision });
      check(c, fromText);
      assert.deepEqual(fromObject, fromText, `${c.rule} ${c.name} [${revision}]: object and text differ`);
      if (revision === "page") assert.deepEqual(lib.validate(asObject), fromObject, `${c.rule} ${c.name}: page is not the default`);
    }
  });

  test(`every text case under ${revision}`, () => {
    for (const c of ALL.filter((c) => c.kind === "text" && c.revision === revision)) check(c, lib.validate(c.text, { revision }));
  });
}
