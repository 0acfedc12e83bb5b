// json_schema() compiled by ajv (draft 2020-12) over the shared corpus: whatever the
// schema rejects, validate rejects too (and so whatever validate accepts, the schema
// accepts); and the rules the schema misses are exactly those its description names.
import assert from "node:assert/strict";
import { test } from "node:test";
import Ajv2020 from "ajv/dist/2020.js";
import { corpus, lib } from "./helpers.mjs";

const schema = lib.json_schema();
const ajv = new Ajv2020({ allErrors: true, strict: true });
const check = ajv.compile(schema);

/** Rule ids the description says the schema cannot express ("S3", "R-SIZE", ...). */
const unexpressed = new Set(schema.description.match(/\b(?:[BPSEIU]\d+|R-[A-Z]+)\b/g));

test("the schema compiles in strict mode", () => {
  assert.equal(typeof check, "function");
  assert.ok(unexpressed.has("S3") && unexpressed.has("E2"), schema.description);
});

test("whatever the schema rejects, validate rejects", () => {
  for (const { name, text } of corpus()) {
    const schemaAccepts = check(JSON.parse(text));
    const report = lib.validate(text);
    if (!schemaAccepts) assert.equal(report.valid, false, `${name}: the schema rejects it, validate accepts it`);
    if (report.valid) assert.ok(schemaAccepts, `${name}: ${JSON.stringify(check.errors)}`);
  }
});

test("the schema rejects every body whose broken rule it can express", () => {
  for (const { name, text } of corpus().filter((c) => !c.name.startsWith("valid-"))) {
    const rule = name.split("-")[0];
    // A body named for a rule the schema cannot state may still break another one
    // (more than 200 hosts needs more than 20 batches or a batch over 10: E2-201-hosts).
    if (!unexpressed.has(rule)) assert.equal(check(JSON.parse(text)), false, `${name} passes the schema`);
  }
  // And the description is honest: a body breaking only S3 passes the schema.
  assert.equal(check(corpus().find((c) => c.name === "S3-duplicate-name").body), true);
});

test("numbers in the schema come from limits()", () => {
  const l = lib.limits();
  assert.equal(schema.properties.execute_batches.maxItems, l.max_batches);
  assert.equal(schema.$defs.ScriptExecuteParam.properties.timeout.minimum, l.timeout_min);
  assert.equal(schema.$defs.ExecuteInstancesBatchInfo.properties.target_instances.maxItems, l.max_hosts_per_batch);
  assert.equal(schema.$defs.ScriptExecuteInputParam.properties.param_value.maxLength, l.param_value_max);
});

test("every property says what it is: an English description, for an editor's hover", () => {
  const l = lib.limits();
  for (const revision of ["page", "current"]) {
    const s = lib.json_schema(revision);
    new Ajv2020({ allErrors: true, strict: true }).compile(s); // description is no stray keyword
    let properties = 0;
    for (const [name, object] of [["body", s], ...Object.entries(s.$defs)]) {
      for (const [key, property] of Object.entries(object.properties)) {
        assert.equal(typeof property.description, "string", `${revision} ${name}.${key}`);
        assert.match(property.description, /^[A-Z][\x20-\x7e]{8,}$/, `${revision} ${name}.${key}`);
        properties++;
      }
    }
    assert.ok(properties >= 17, `${revision}: ${properties}`);
  }
  // From the messages module, whose numbers come from limits(): the type message's words.
  const timeout = schema.$defs.ScriptExecuteParam.properties.timeout.description;
  assert.ok(timeout.includes(String(l.timeout_min)) && timeout.includes(String(l.timeout_max)), timeout);
  const wrong = lib.validate({ execute_param: { timeout: "300" }, execute_batches: [] }).issues.find((i) => i.path === "/execute_param/timeout");
  assert.ok(wrong.message.toLowerCase().includes(timeout.toLowerCase()), `${wrong.message} / ${timeout}`);
});
