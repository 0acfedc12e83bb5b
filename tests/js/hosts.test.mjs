// read_hosts against the built package: the host list the console pastes, read by the
// package (issue #13, finding 1: a quoted CSV paste must never go through with its header
// as the canary host or quotes kept in its ids), issues at /hosts/k with 1-based line and
// column, a TypeError only where an argument cannot be read, and the real outputs
// type-checked against HostsResult.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPlainJson, lib, typeErrors } from "./helpers.mjs";

const limits = lib.limits();
const QUOTED = [
  '"resource_id","agent_sn","project_id","region_id"',
  '"i-1","sn-1","p1","cn-north-4"',
  '"i-2","sn-2","p1","cn-north-4"',
  '"i-3","sn-3","p1","cn-north-4"',
].join("\n");
const at = (r) => r.issues.map((i) => `${i.path} ${i.code}`);

test("a quoted CSV paste is its hosts, and the canary is the first of them", () => {
  const read = lib.read_hosts(QUOTED);
  assertPlainJson(read);
  assert.deepEqual(Object.keys(read), ["hosts", "lines", "issues"]);
  assert.deepEqual(read.hosts.map((h) => h.resource_id), ["i-1", "i-2", "i-3"]);
  assert.deepEqual(read.hosts[0], { resource_id: "i-1", agent_sn: "sn-1", project_id: "p1", region_id: "cn-north-4" });
  assert.deepEqual([read.lines, read.issues], [[2, 3, 4], []]);
  const built = lib.build_batches(read.hosts, { sizes: [1, 2], pause: "first" });
  assert.deepEqual(built.issues, []);
  assert.equal(built.execute_batches[0].rotation_strategy, "PAUSE");
  assert.deepEqual(built.execute_batches[0].target_instances.map((h) => h.resource_id), ["i-1"]);
  // A BOM, CRLF, spaces after the commas, `;` or a tab: the same.
  for (const text of ["\uFEFF" + QUOTED.replaceAll("\n", "\r\n"), QUOTED.replaceAll('","', '", "'), QUOTED.replaceAll(",", ";"), QUOTED.replaceAll(",", "\t")]) {
    assert.deepEqual(lib.read_hosts(text), read, JSON.stringify(text));
  }
});

test("a fifth column is one warning, never a host; space-separated lines get a hint", () => {
  const lines = Array.from({ length: 37 }, (_, i) => `i-${i},sn-${i},p1,cn-north-4,rack-${i}`).join("\n");
  const read = lib.read_hosts(lines);
  assert.equal(read.hosts.length, 37);
  assert.deepEqual(at(read), ["/hosts unknown_field"]);
  assert.deepEqual(read.issues[0].params, { field: "column_5", line: 1, column: 24 });
  assert.equal(read.issues[0].severity, "warning");
  const spaced = lib.read_hosts("i-1 sn-1 p1 cn-north-4\ni-2 sn-2 p1 cn-north-4");
  assert.deepEqual(at(spaced), ["/hosts/0 syntax", "/hosts/1 syntax"]);
  assert.deepEqual(spaced.issues[1].params, { reason: "separator", found: " ", delimiter: ",", expected: 4, actual: 1, line: 2, column: 1 });
});

test("the revision decides the columns; the locale only the messages", () => {
  const current = lib.read_hosts("i-1,cn-north-4\ni-2,cn-north-4,cloud", { revision: "current" });
  assert.deepEqual(current.hosts, [{ resource_id: "i-1", region_id: "cn-north-4" }, { resource_id: "i-2", region_id: "cn-north-4", provider: "cloud" }]);
  assert.deepEqual(current.issues, []);
  const page = lib.read_hosts("region_id,resource_id\nr,i-1");
  assert.deepEqual(page.issues.map((i) => [i.code, i.params.field]), [["required", "agent_sn"], ["required", "project_id"]]);
  const text = 'resource_id,owner,agent_sn,project_id,region_id\ni-1,me,sn,p1,r\n"i-2,sn';
  const en = lib.read_hosts(text);
  const zh = lib.read_hosts(text, { locale: "zh-CN" });
  assert.deepEqual(at(en), ["/hosts unknown_field", "/hosts/1 syntax"]);
  assert.deepEqual(zh.issues.map((i) => [i.path, i.code, i.params]), en.issues.map((i) => [i.path, i.code, i.params]));
  assert.deepEqual(en.issues[1].params, { reason: "quote", line: 3, column: 1 });
  en.issues.forEach((issue, k) => assert.notEqual(issue.message, zh.issues[k].message));
});

test("a JSON array is read as given, with the line of each item", () => {
  const read = lib.read_hosts('[\n {"resource_id": "i-1"},\n {"resource_id": "i-2", "x": [1]}\n]');
  assert.deepEqual([read.hosts.length, read.lines, read.issues], [2, [2, 3], []]);
  assert.deepEqual(at(lib.read_hosts('{"resource_id": "i-1"}')), ["/hosts type"]);
  assert.deepEqual(at(lib.read_hosts("[{")), ["/hosts syntax"]);
});

test("a text longer than a body is refused without reading it; odd text never throws", () => {
  const long = "i-1,sn,p,r\n".repeat(Math.ceil(limits.max_body_bytes / 11) + 1);
  const refused = lib.read_hosts(long);
  assert.deepEqual([at(refused), refused.hosts], [["/hosts too_large"], []]);
  assert.deepEqual(refused.issues[0].params, { max_bytes: limits.max_body_bytes, actual_bytes: long.length });
  // A lone surrogate reads as U+FFFD, as in every other text the package takes.
  const odd = lib.read_hosts("i-\uD800,sn,p,r");
  assert.equal(odd.hosts[0].resource_id, "i-\uFFFD");
  for (const text of ["", "\n\n", ",,,", '"', "#only a comment", "\uFEFF"]) {
    const r = lib.read_hosts(text);
    assert.equal(r.hosts.length, r.lines.length, JSON.stringify(text));
  }
});

test("a TypeError only where an argument cannot be read", () => {
  for (const text of [undefined, null, 42, { text: "i-1" }, ["i-1"]]) {
    assert.throws(() => lib.read_hosts(text), TypeError, String(text));
  }
  assert.throws(() => lib.read_hosts("i-1", { revision: 5 }), TypeError);
  assert.throws(() => lib.read_hosts("i-1", { locale: "fr" }), TypeError);
  assert.deepEqual(lib.read_hosts("i-1,sn,p,r", null), lib.read_hosts("i-1,sn,p,r"));
});

test("real outputs type-check against HostsResult", () => {
  const samples = [
    lib.read_hosts(QUOTED),
    lib.read_hosts("i-1 sn p r\ni-2,sn,p,r,x", { locale: "zh-CN" }),
    lib.read_hosts("[1, null, {}]"),
    lib.read_hosts("[{"),
  ];
  const lines = [
    'import type { HostsResult } from "coc-script-exec";',
    ...samples.map((value, i) => `export const s${i}: HostsResult = ${JSON.stringify(value)};`),
  ];
  const errors = typeErrors(lines.join("\n") + "\n");
  if (errors) assert.fail(errors);
});
