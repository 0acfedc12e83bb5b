// standard_schema is a Standard Schema V1 validator: checked against the spec's shape here,
// against its TypeScript types in types.test.mjs, and by a real consumer, TanStack Form's
// FormApi, which must refuse a bad body (errors on the right field) and submit a good one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { FieldApi, FormApi } from "@tanstack/form-core";
import { lib, validBody } from "./helpers.mjs";

const { standard_schema } = lib;
const std = standard_schema["~standard"];

/** The valid body with `execute_param.timeout` set to `t`. */
const withTimeout = (t) => ({ ...validBody(), execute_param: { ...validBody().execute_param, timeout: t } });

test("~standard has version 1, the vendor, and a synchronous validate", () => {
  assert.equal(std.version, 1);
  assert.equal(std.vendor, "coc-script-exec");
  assert.equal(typeof std.validate, "function");
  assert.ok(Object.isFrozen(standard_schema) && Object.isFrozen(std));
  const ok = std.validate(validBody());
  assert.ok(!(ok instanceof Promise));
  assert.deepEqual(ok, { value: validBody() });
  assert.equal(ok.issues, undefined);
});

test("issues carry the message and the path as key segments", () => {
  const body = validBody();
  body.execute_batches[1].target_instances[0].agent_sn = "";
  body.unknown = 1; // a warning: not an issue
  const result = std.validate(body);
  const report = lib.validate(body);
  assert.deepEqual(result.issues, [
    { message: report.issues.find((i) => i.code === "length").message, path: ["execute_batches", 1, "target_instances", 0, "agent_sn"] },
  ]);
  // The body as a whole has no path; locale comes through libraryOptions.
  const root = std.validate(42, { libraryOptions: { locale: "zh-CN" } });
  assert.deepEqual(root.issues, [{ message: lib.validate(42, { locale: "zh-CN" }).issues[0].message, path: undefined }]);
});

test("JSON text is judged as the body it parses to, which is the output", () => {
  assert.deepEqual(std.validate(JSON.stringify(validBody())), { value: validBody() });
  assert.equal(std.validate("{").issues.length, 1);
});

test("every error is an issue, and only errors", () => {
  for (const t of [4, "300", null, 1801]) {
    const report = lib.validate(withTimeout(t));
    const errors = report.issues.filter((i) => i.severity === "error");
    assert.equal(std.validate(withTimeout(t)).issues.length, errors.length);
  }
  assert.deepEqual(std.validate(withTimeout(5)), { value: withTimeout(5) }); // a boundary warning only
});

test("jsonSchema hands out json_schema() for draft 2020-12 and refuses other targets", () => {
  assert.deepEqual(std.jsonSchema.input({ target: "draft-2020-12" }), lib.json_schema());
  assert.deepEqual(std.jsonSchema.output({ target: "draft-2020-12" }), lib.json_schema());
  assert.throws(() => std.jsonSchema.input({ target: "draft-07" }));
});

/** Submits `body` through a TanStack FormApi validated by standard_schema. */
async function submit(body) {
  let submitted = null;
  const form = new FormApi({
    defaultValues: body,
    validators: { onSubmit: standard_schema },
    onSubmit: ({ value }) => {
      submitted = value;
    },
  });
  form.mount();
  const timeout = new FieldApi({ form, name: "execute_param.timeout" });
  timeout.mount();
  await form.handleSubmit();
  return { form, timeout, submitted };
}

test("TanStack Form refuses a bad body, with the error on its field", async () => {
  const { form, timeout, submitted } = await submit(withTimeout(lib.limits().timeout_min - 1));
  assert.equal(submitted, null);
  assert.equal(form.state.isValid, false);
  assert.deepEqual(
    timeout.state.meta.errors.map((e) => e.path),
    [["execute_param", "timeout"]],
  );
  assert.match(timeout.state.meta.errors[0].message, /timeout/);
});

test("TanStack Form submits a good body", async () => {
  const { form, timeout, submitted } = await submit(validBody());
  assert.equal(form.state.isValid, true);
  assert.deepEqual(timeout.state.meta.errors, []);
  assert.deepEqual(submitted, validBody());
});

// create_standard_schema({locale, revision}) (api.md): a resolver gets Chinese messages or
// today's rules from the schema itself, with no libraryOptions to pass.
const { create_standard_schema } = lib;

test("create_standard_schema: locale zh-CN gives Chinese messages, through TanStack Form too", async () => {
  const zh = create_standard_schema({ locale: "zh-CN" });
  const bad = withTimeout(lib.limits().timeout_min - 1);
  const expected = lib.validate(bad, { locale: "zh-CN" }).issues.find((i) => i.severity === "error").message;
  assert.notEqual(expected, lib.validate(bad).issues.find((i) => i.severity === "error").message);
  assert.deepEqual(zh["~standard"].validate(bad).issues, [{ message: expected, path: ["execute_param", "timeout"] }]);
  // A call's own libraryOptions.locale still wins over the schema's.
  assert.equal(zh["~standard"].validate(bad, { libraryOptions: { locale: "en" } }).issues[0].message, std.validate(bad).issues[0].message);
  const form = new FormApi({ defaultValues: bad, validators: { onSubmit: zh } });
  form.mount();
  const timeout = new FieldApi({ form, name: "execute_param.timeout" });
  timeout.mount();
  await form.handleSubmit();
  assert.deepEqual(timeout.state.meta.errors.map((e) => e.message), [expected]);
  assert.match(expected, /[\u4e00-\u9fff]/);
});

test("create_standard_schema: revision current judges by today's rules, and hands out its JSON Schema", () => {
  const current = create_standard_schema({ revision: "current" });
  // P6: a user other than root is an error on the page, a warning today.
  const admin = { ...validBody(), execute_param: { ...validBody().execute_param, execute_user: "admin" } };
  assert.deepEqual(std.validate(admin).issues.map((i) => i.path), [["execute_param", "execute_user"]]);
  assert.deepEqual(current["~standard"].validate(admin), { value: admin });
  assert.deepEqual(current["~standard"].jsonSchema.input({ target: "draft-2020-12" }), lib.json_schema("current"));
  const both = create_standard_schema({ locale: "zh-CN", revision: "current" });
  const bad = withTimeout(0);
  assert.deepEqual(both["~standard"].validate(bad).issues[0].message, lib.validate(bad, { locale: "zh-CN", revision: "current" }).issues.find((i) => i.severity === "error").message);
  assert.ok(Object.isFrozen(current) && Object.isFrozen(current["~standard"]));
});

test("create_standard_schema: no options is standard_schema; an unknown revision throws once, a TypeError", () => {
  const plain = create_standard_schema();
  const bad = withTimeout(0);
  assert.deepEqual(plain["~standard"].validate(bad), std.validate(bad));
  assert.deepEqual(create_standard_schema({})["~standard"].validate(validBody()), { value: validBody() });
  assert.throws(() => create_standard_schema({ revision: "tomorrow" }), TypeError);
});
