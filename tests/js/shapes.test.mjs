// Every export returns plain JSON data of the shape api.md documents. (The exact field
// lists are held to the .d.ts by types.test.mjs; this checks the values at run time.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPlainJson, corpus, lib, validBody } from "./helpers.mjs";

const hosts = validBody().execute_batches.flatMap((b) => b.target_instances);

function assertIssue(issue) {
  assert.deepEqual(Object.keys(issue), ["path", "code", "severity", "message", "params"]);
  assert.equal(typeof issue.path, "string");
  assert.ok(issue.path === "" || issue.path.startsWith("/"), issue.path);
  assert.match(issue.code, /^[a-z_]+$/);
  assert.ok(["error", "warning"].includes(issue.severity));
  assert.equal(typeof issue.message, "string");
  assert.ok(issue.message.length > 0);
  assert.equal(typeof issue.params, "object");
}

function assertReport(report) {
  assertPlainJson(report);
  assert.deepEqual(Object.keys(report), ["valid", "issues"]);
  assert.equal(typeof report.valid, "boolean");
  report.issues.forEach(assertIssue);
  assert.equal(report.valid, !report.issues.some((i) => i.severity === "error") && !report.issues.some((i) => i.code === "truncated" && i.params.dropped_errors > 0));
}

test("validate returns a Report", () => {
  for (const { body } of corpus()) assertReport(lib.validate(body));
  assertReport(lib.validate("{"));
  assert.deepEqual(lib.validate("{").issues.map((i) => i.code), ["syntax"]);
});

test("validate writes messages in the requested locale, codes unchanged", () => {
  const body = { execute_param: {} };
  const en = lib.validate(body);
  const zh = lib.validate(body, { locale: "zh-CN" });
  assert.deepEqual(zh.issues.map((i) => [i.path, i.code]), en.issues.map((i) => [i.path, i.code]));
  assert.notDeepEqual(zh.issues.map((i) => i.message), en.issues.map((i) => i.message));
  // Options validate cannot read are the defaults: validate never throws.
  assert.deepEqual(lib.validate(body, { locale: "fr" }), en);
  assert.deepEqual(lib.validate(body, 42), en);
});

test("build_batches returns a BatchesResult", () => {
  const r = lib.build_batches(hosts);
  assertPlainJson(r);
  assert.deepEqual(Object.keys(r), ["execute_batches", "issues"]);
  assert.deepEqual(r.issues, []);
  for (const [i, b] of r.execute_batches.entries()) {
    assert.deepEqual(Object.keys(b), ["batch_index", "target_instances", "rotation_strategy"]);
    assert.equal(b.batch_index, i + 1);
    assert.ok(["CONTINUE", "PAUSE"].includes(b.rotation_strategy));
    for (const h of b.target_instances) assert.deepEqual(Object.keys(h), ["resource_id", "agent_sn", "project_id", "region_id"]);
  }
  const body = { ...validBody(), execute_batches: r.execute_batches };
  assert.equal(lib.validate(body).valid, true);

  const paused = lib.build_batches(hosts, { sizes: [1], pause: "first" }, { locale: "en" });
  assert.deepEqual(paused.execute_batches.map((b) => b.rotation_strategy), ["PAUSE", "CONTINUE", "CONTINUE"]);

  const refused = lib.build_batches([{ resource_id: "" }], { sizes: ["0%"] });
  assert.deepEqual(refused.execute_batches, []);
  refused.issues.forEach(assertIssue);
  assert.ok(refused.issues.some((i) => i.path.startsWith("/hosts/0/")));
  assert.ok(refused.issues.some((i) => i.path === "/plan/sizes/0"));
  assert.deepEqual(lib.build_batches("x").issues.map((i) => [i.path, i.code]), [["/hosts", "type"]]);
  assert.throws(() => lib.build_batches(hosts, undefined, { locale: "fr" }), TypeError);
});

test("build_request returns a RequestResult", () => {
  const ok = lib.build_request("uuid-1", validBody(), { token: "t", locale: "zh-CN" });
  assertPlainJson(ok);
  assert.deepEqual(Object.keys(ok), ["valid", "issues", "request"]);
  assert.equal(ok.valid, true);
  assert.deepEqual(Object.keys(ok.request), ["method", "url", "headers", "body"]);
  assert.equal(ok.request.method, "POST");
  assert.equal(ok.request.url, "https://coc.myhuaweicloud.com/v1/job/scripts/uuid-1");
  assert.equal(ok.request.headers["X-Auth-Token"], "t");
  assert.equal(ok.request.headers["X-Language"], "zh-cn");
  assert.deepEqual(JSON.parse(ok.request.body).execute_batches, validBody().execute_batches);
  // Text in, the same request out.
  assert.deepEqual(lib.build_request("uuid-1", JSON.stringify(validBody()), { token: "t", locale: "zh-CN" }), ok);

  const bad = lib.build_request("a/b", { execute_param: {} }, { endpoint: "http://example.com" });
  assertPlainJson(bad);
  assert.deepEqual(Object.keys(bad), ["valid", "issues"]);
  assert.equal(bad.valid, false);
  assert.deepEqual(bad.issues.slice(0, 2).map((i) => [i.path, i.code]), [["/script_uuid", "charset"], ["/endpoint", "endpoint"]]);
  assert.deepEqual(lib.build_request(undefined, validBody()).issues.map((i) => [i.path, i.code]), [["/script_uuid", "required"]]);

  // A body that cannot be read still reports the uuid, then why.
  const unreadable = lib.build_request("", "{");
  assert.deepEqual(unreadable.issues.map((i) => [i.path, i.code]), [["/script_uuid", "required"], ["", "syntax"]]);
  assert.throws(() => lib.build_request(42, validBody()), TypeError);
  assert.throws(() => lib.build_request("u", validBody(), { endpoint: 5 }), TypeError);
});

test("parse_response returns an Outcome", () => {
  const cases = [
    [[200, '{"data":"e-1"}'], { ok: true, execute_uuid: "e-1" }],
    [[204, ""], { ok: false, kind: "api", status: 204, error_code: null, error_msg: null }],
    [[204, '{"error_code":"COC.00040701","error_msg":"bad"}'], { ok: false, kind: "api", status: 204, error_code: "COC.00040701", error_msg: "bad" }],
    [[500, "oops"], { ok: false, kind: "http", status: 500, text: "oops" }],
    [[200, "{}"], { ok: false, kind: "http", status: 200, text: "{}" }],
  ];
  for (const [[status, text], expected] of cases) {
    const got = lib.parse_response(status, text);
    assertPlainJson(got);
    assert.deepEqual(got, expected);
    assert.deepEqual(Object.keys(got), Object.keys(expected));
  }
  for (const status of [-1, 70000, 200.5, NaN, "200", undefined]) {
    assert.throws(() => lib.parse_response(status, ""), TypeError, String(status));
  }
  assert.throws(() => lib.parse_response(200, undefined), TypeError);
});

test("limits returns every documented number", () => {
  const l = lib.limits();
  assertPlainJson(l);
  for (const [k, v] of Object.entries(l)) {
    assert.ok(typeof v === "number" || k === "execute_user_root", k);
  }
  assert.equal(l.execute_user_root, "root");
  assert.ok(l.max_hosts === l.max_batches * l.max_hosts_per_batch);
});

test("json_schema returns a 2020-12 schema naming what it cannot express", () => {
  const s = lib.json_schema();
  assertPlainJson(s);
  assert.equal(s.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.equal(s.type, "object");
  assert.match(s.description, /S3/);
});
