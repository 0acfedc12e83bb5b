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
    [[200, '{"data":"e-1"}'], { ok: true, execute_uuid: "e-1", request_id: null }],
    [[204, ""], { ok: false, kind: "api", status: 204, error_code: null, error_msg: null, request_id: null }],
    [[204, '{"error_code":"COC.00040701","error_msg":"bad"}'], { ok: false, kind: "api", status: 204, error_code: "COC.00040701", error_msg: "bad", request_id: null }],
    [[500, "oops"], { ok: false, kind: "http", status: 500, text: "oops", request_id: null }],
    [[200, "{}"], { ok: false, kind: "http", status: 200, text: "{}", request_id: null }],
    // Both revisions: a 4xx with the API's error body is an API error; X-Request-Id is kept.
    [[400, '{"error_code":"COC.00040701","error_msg":"bad"}', { "X-Request-Id": "r-1" }], { ok: false, kind: "api", status: 400, error_code: "COC.00040701", error_msg: "bad", request_id: "r-1" }],
    [[200, '{"data":"e-2"}', new Headers({ "x-request-id": "r-2" })], { ok: true, execute_uuid: "e-2", request_id: "r-2" }],
    [[500, '{"error_code":1}', { "x-request-id": 5 }], { ok: false, kind: "http", status: 500, text: '{"error_code":1}', request_id: null }],
  ];
  for (const [[status, text, headers], expected] of cases) {
    const got = lib.parse_response(status, text, headers);
    assertPlainJson(got);
    assert.deepEqual(got, expected);
    assert.deepEqual(Object.keys(got), Object.keys(expected));
  }
  for (const status of [-1, 70000, 200.5, NaN, "200", undefined]) {
    assert.throws(() => lib.parse_response(status, ""), TypeError, String(status));
  }
  assert.throws(() => lib.parse_response(200, undefined), TypeError);
  assert.throws(() => lib.parse_response(200, "", "x-request-id: 1"), TypeError);
});

test("every function takes a revision; an unknown one is an issue from validate, a TypeError elsewhere", () => {
  const page = lib.limits();
  const current = lib.limits("current");
  assert.deepEqual(Object.keys(current), Object.keys(page));
  assert.deepEqual([page.param_value_min, page.param_value_max], [0, 1024]);
  assert.deepEqual([current.param_value_min, current.param_value_max], [1, 4096]);
  assert.deepEqual(lib.limits("page"), page);
  assert.deepEqual(lib.json_schema("current").$defs.ExecuteResourceInstance.required, ["resource_id", "region_id"]);
  for (const bad of ["Page", "latest", 1, {}]) {
    assert.throws(() => lib.limits(bad), TypeError, String(bad));
    assert.throws(() => lib.json_schema(bad), TypeError, String(bad));
    assert.throws(() => lib.build_batches([], null, { revision: bad }), TypeError, String(bad));
    assert.throws(() => lib.build_request("s", {}, { revision: bad }), TypeError, String(bad));
    const report = lib.validate({}, { revision: bad, locale: "zh-CN" });
    assertPlainJson(report);
    assert.equal(report.valid, false);
    assert.deepEqual(report.issues.map((i) => [i.path, i.code, i.severity]), [["/options/revision", typeof bad === "string" ? "enum" : "type", "error"]]);
    assert.match(report.issues[0].message, /revision/);
  }
  const host = { resource_id: "i-1", region_id: "cn-north-4" };
  const body = { execute_param: { timeout: 300, success_rate: 100, execute_user: "root" }, execute_batches: [{ batch_index: 1, target_instances: [host], rotation_strategy: "PAUSE" }] };
  assert.equal(lib.validate(body).valid, false);
  assert.equal(lib.validate(body, { revision: "current" }).valid, true);
  assert.equal(lib.validate(JSON.stringify(body), { revision: "current" }).valid, true);
  assert.equal(lib.build_batches([host], null, { revision: "current" }).execute_batches.length, 1);
  const built = lib.build_request("s-1", body, { revision: "current", script_source: "public", project_id: "p-1" });
  assert.equal(built.request.url, "https://coc.myhuaweicloud.com/v1/job/public-scripts/s-1");
  assert.equal(built.request.headers["X-Project-Id"], "p-1");
  // A body that cannot be read at all: the core still judges the uuid and the project id.
  const refused = lib.build_request("a/b", "{", { revision: "current", project_id: "x y" });
  assert.deepEqual(refused.issues.map((i) => [i.path, i.code]), [["/script_uuid", "charset"], ["/project_id", "charset"], ["", "syntax"]]);
  const zh = lib.create_standard_schema({ locale: "zh-CN", revision: "current" });
  assert.deepEqual(zh["~standard"].validate(body), { value: body });
  assert.throws(() => lib.create_standard_schema({ revision: "later" }), TypeError);
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
