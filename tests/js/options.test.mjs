// Options read by hand (src/wasm/options.rs, issue #16), not by serde: the same defaults,
// `null` members as absent, unknown members ignored, and a TypeError that names the member
// and says what it must be, never quoting the value (a request option may be a secret).
import assert from "node:assert/strict";
import { test } from "node:test";
import { lib, validBody } from "./helpers.mjs";

const UUID = "0123456789abcdef0123456789abcdef";
const DATE = "2026-12-01T08:30:00Z";
const SECRET = "s3cr3t-value";

/** What each call makes of `options`: its result, or the TypeError's message. */
function outcome(call, options) {
  try {
    return { ok: call(options) };
  } catch (e) {
    assert.ok(e instanceof TypeError, String(e));
    return { threw: e.message };
  }
}

const takesOptions = {
  read_hosts: (o) => lib.read_hosts("i-1", o),
  build_batches: (o) => lib.build_batches([], null, o),
};
const takesRequestOptions = {
  build_request: (o) => lib.build_request(UUID, validBody(), o),
  build_order_request: (o) => lib.build_order_request("u", o),
  build_batches_request: (o) => lib.build_batches_request("u", o),
  build_batch_request: (o) => lib.build_batch_request("u", 0, null, o),
  build_operation_request: (o) => lib.build_operation_request("u", { operation_type: "PAUSE_ORDER" }, o),
};
const every = { ...takesOptions, ...takesRequestOptions };

test("absent options, null members and unknown members are the defaults", () => {
  for (const [name, call] of Object.entries(every)) {
    const defaults = call(undefined);
    for (const same of [null, {}, { locale: null, revision: null }, { other: 1, nested: { x: [1.5] } }, { locale: NaN }]) {
      assert.deepEqual(call(same), defaults, `${name} ${JSON.stringify(same)}`);
    }
    assert.deepEqual(call({ locale: "en", revision: "page" }), defaults, name);
  }
  for (const [name, call] of Object.entries(takesRequestOptions)) {
    const defaults = call(undefined);
    const nulls = { endpoint: null, token: null, credentials: null, date: null, project_id: null, script_source: null };
    assert.deepEqual(call(nulls), defaults, name);
    assert.deepEqual(call({ script_source: "custom" }), defaults, name);
  }
});

test("each member is read into its option", () => {
  const zh = lib.read_hosts("i-1,", { locale: "zh-CN", revision: "current" });
  assert.deepEqual(zh, lib.read_hosts("i-1,", { revision: "current", locale: "zh-CN", unknown: true }));
  assert.notDeepEqual(lib.build_batches([], null, { locale: "zh-CN" }), lib.build_batches([], null));

  const request = lib.build_request(UUID, validBody(), {
    endpoint: "http://127.0.0.1:8080",
    token: "t",
    locale: "zh-CN",
    project_id: "p1",
    script_source: "public",
  }).request;
  assert.equal(request.url, `http://127.0.0.1:8080/v1/job/public-scripts/${UUID}`);
  assert.equal(request.headers["X-Auth-Token"], "t");
  assert.equal(request.headers["X-Language"], "zh-cn");
  assert.equal(request.headers["X-Project-Id"], "p1");

  const credentials = { ak: "AK", sk: "SK", project_id: "p2", security_token: "st", extra: 1 };
  const signed = lib.build_request(UUID, validBody(), { credentials, date: DATE }).request.headers;
  assert.equal(signed["X-Sdk-Date"], "20261201T083000Z");
  assert.equal(signed["X-Project-Id"], "p2");
  assert.equal(signed["X-Security-Token"], "st");
  assert.match(signed.Authorization, /^SDK-HMAC-SHA256 Access=AK, /);
  // Optional members of credentials may be null.
  const bare = lib.build_request(UUID, validBody(), { credentials: { ak: "AK", sk: "SK", project_id: null, security_token: null }, date: DATE });
  assert.deepEqual(bare, lib.build_request(UUID, validBody(), { credentials: { ak: "AK", sk: "SK" }, date: DATE }));
  // Signing with no date takes the clock's.
  assert.match(lib.build_order_request("u", { credentials: { ak: "AK", sk: "SK" } }).request.headers["X-Sdk-Date"], /^\d{8}T\d{6}Z$/);
});

test("options that cannot be read throw a TypeError naming the member", () => {
  const refused = [
    ["locale", { locale: "fr" }, 'options: locale must be "en" or "zh-CN"'],
    ["locale", { locale: 1.5 }, 'options: locale must be "en" or "zh-CN"'],
    ["locale", { locale: { en: null } }, 'options: locale must be "en" or "zh-CN"'],
    ["revision", { revision: "later" }, 'options: revision must be "page" or "current"'],
    ["revision", { revision: 5 }, 'options: revision must be "page" or "current"'],
    ["options", "zh-CN", "options must be an object"],
    ["options", 1.5, "options must be an object"],
    ["options", true, "options must be an object"],
    ["options", ["zh-CN", "current"], "options must be an object"],
  ];
  for (const [name, call] of Object.entries(every)) {
    for (const [, options, message] of refused) {
      assert.deepEqual(outcome(call, options), { threw: message }, `${name} ${JSON.stringify(options)}`);
    }
  }
  const requestRefused = [
    [{ endpoint: 5 }, "options: endpoint must be a string"],
    [{ token: 1.5 }, "options: token must be a string"],
    [{ token: {} }, "options: token must be a string"],
    [{ date: true }, "options: date must be a string"],
    [{ project_id: 1 }, "options: project_id must be a string"],
    [{ script_source: "private" }, 'options: script_source must be "custom" or "public"'],
    [{ script_source: 2 }, 'options: script_source must be "custom" or "public"'],
    [{ credentials: "AK:SK" }, "options: credentials must be an object"],
    [{ credentials: ["AK", "SK"] }, "options: credentials must be an object"],
    [{ credentials: { sk: "SK" } }, "options: credentials.ak must be a string"],
    [{ credentials: { ak: null, sk: "SK" } }, "options: credentials.ak must be a string"],
    [{ credentials: { ak: "AK" } }, "options: credentials.sk must be a string"],
    [{ credentials: { ak: "AK", sk: 5 } }, "options: credentials.sk must be a string"],
    [{ credentials: { ak: "AK", sk: "SK", project_id: 5 } }, "options: credentials.project_id must be a string"],
    [{ credentials: { ak: "AK", sk: "SK", security_token: [] } }, "options: credentials.security_token must be a string"],
  ];
  for (const [name, call] of Object.entries(takesRequestOptions)) {
    for (const [options, message] of requestRefused) {
      assert.deepEqual(outcome(call, options), { threw: message }, `${name} ${JSON.stringify(options)}`);
    }
  }
});

test("a TypeError never quotes the value it could not read", () => {
  const secrets = [
    SECRET,
    { locale: SECRET },
    { revision: SECRET },
  ];
  // Only a call that builds a request reads these (to the others, unknown members).
  const requestSecrets = [
    { script_source: SECRET },
    { credentials: SECRET },
    { credentials: [SECRET, SECRET] },
    { credentials: { ak: SECRET } },
    { token: [SECRET] },
    { endpoint: { host: SECRET } },
  ];
  for (const [name, call] of Object.entries(every)) {
    for (const options of name in takesRequestOptions ? [...secrets, ...requestSecrets] : secrets) {
      const { threw } = outcome(call, options);
      assert.equal(typeof threw, "string", `${name} ${JSON.stringify(options)}`);
      assert.ok(!threw.includes(SECRET), `${name}: ${threw}`);
    }
  }
});

test("validate never throws on its options: what it cannot read is the default", () => {
  const body = { execute_param: {} };
  const en = lib.validate(body);
  for (const options of [{ locale: "fr" }, { locale: 5 }, "zh-CN", 1.5, [], ["zh-CN"], { locale: { "zh-CN": null } }]) {
    assert.deepEqual(lib.validate(body, options), en, JSON.stringify(options));
  }
  const zh = lib.validate(body, { locale: "zh-CN" });
  assert.deepEqual(lib.validate(body, { locale: "zh-CN", other: 1 }), zh);
  // The revision is judged, in the locale given.
  const bad = lib.validate(body, { locale: "zh-CN", revision: "later" });
  assert.deepEqual(bad.issues.map((i) => [i.path, i.code]), [["/options/revision", "enum"]]);
  assert.equal(bad.issues[0].message, lib.validate(body, { locale: "zh-CN", revision: "later", token: 1 }).issues[0].message);
  assert.notEqual(bad.issues[0].message, lib.validate(body, { revision: "later" }).issues[0].message);
});
