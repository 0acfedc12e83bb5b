// The rollout's exports against the built package: the same requests and answers as the
// Rust core (tests/rollout.rs), issues at their pointers for arguments of the wrong type
// (never a throw), a TypeError only where an argument cannot be read, and every real
// output type-checked against its declared name (RolloutRequestResult, OrderAnswer, ...).
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPlainJson, lib, typeErrors } from "./helpers.mjs";

const UUID = "SCT2023083109562601af694bf";
const at = (r) => r.issues.map((i) => `${i.path} ${i.code}`);

test("each builder makes the SDK's request", () => {
  const o = { token: "t", endpoint: "http://127.0.0.1:8080" };
  const order = lib.build_order_request(UUID, o).request;
  assert.deepEqual([order.method, order.url, order.body], ["GET", `http://127.0.0.1:8080/v1/job/script/orders/${UUID}`, ""]);
  assert.equal(order.headers["X-Auth-Token"], "t");
  assert.match(lib.build_batches_request(UUID, o).request.url, /\/orders\/SCT\w+\/batches$/);
  assert.match(lib.build_batch_request(UUID, 2, { status: "ABNORMAL", limit: 5 }, o).request.url, /\/batches\/2\?status=ABNORMAL&limit=5$/);
  assert.match(lib.build_batch_request(UUID, 2).request.url, /\/batches\/2$/);
  const op = lib.build_operation_request(UUID, { operation_type: "SKIP_BATCH", batch_index: 3 }, o).request;
  assert.deepEqual([op.method, op.body], ["PUT", '{"operation_type":"SKIP_BATCH","batch_index":3}']);
});

test("arguments of the wrong type are issues at their pointers, not throws", () => {
  assert.deepEqual(at(lib.build_order_request(undefined)), ["/execute_uuid required"]);
  assert.deepEqual(at(lib.build_order_request("a/b")), ["/execute_uuid charset"]);
  for (const [index, code] of [[0, "range"], [1.5, "type"], ["1", "type"], [NaN, "type"], [undefined, "required"], [10n, "type"]]) {
    assert.deepEqual(at(lib.build_batch_request(UUID, index)), [`/batch_index ${code}`], String(index));
  }
  assert.deepEqual(at(lib.build_batch_request(UUID, 1, { status: "DONE", limit: Infinity })), ["/query/status enum", "/query/limit type"]);
  assert.deepEqual(at(lib.build_operation_request(UUID, { operation_type: "SKIP_BATCH" })), ["/operation/batch_index required"]);
  assert.deepEqual(at(lib.build_operation_request(UUID, { operation_type: "CANCEL_INSTANCE" })), ["/operation/instance_id required"]);
  assert.deepEqual(at(lib.build_operation_request(UUID, { operation_type: "RESUME" })), ["/operation/operation_type enum"]);
  assert.deepEqual(at(lib.build_operation_request(UUID, undefined)), ["/operation required"]);
  const zh = lib.build_operation_request(UUID, { operation_type: "SKIP_BATCH" }, { locale: "zh-CN" });
  assert.equal(zh.issues[0].message, "SKIP_BATCH 操作必须提供 batch_index");
});

test("a TypeError only where an argument cannot be read", () => {
  assert.throws(() => lib.build_order_request(5), TypeError);
  assert.throws(() => lib.build_batches_request(UUID, { locale: "fr" }), TypeError);
  assert.throws(() => lib.parse_order("200", "{}"), TypeError);
  assert.throws(() => lib.parse_batch(200, 5), TypeError);
});

test("parsers keep unknown statuses, read API errors, and never throw on odd text", () => {
  const order = lib.parse_order(200, '{"data":{"status":"WAITING","creator":"ops"}}');
  assert.deepEqual([order.ok, order.data.status, order.ended, order.data.properties], [true, "WAITING", false, null]);
  assert.equal(lib.parse_order(200, '{"data":{"status":"ROLLBACKED"}}').ended, true);
  const err = lib.parse_batches(400, '{"error_code":"COC.00040709","error_msg":"no such order"}');
  assert.deepEqual([err.kind, err.error_code, err.error_msg], ["api", "COC.00040709", "no such order"]);
  for (const text of ["", "[", '{"data":[1]}', '{"data":7}', "[".repeat(10000)]) {
    for (const parse of [lib.parse_order, lib.parse_batches, lib.parse_batch]) {
      const r = parse(200, text);
      assert.deepEqual([r.ok, r.kind, r.text], [false, "http", text]);
    }
  }
  assert.deepEqual(lib.parse_operation(200, `{"data":"${UUID}"}`), { ok: true, execute_uuid: UUID, request_id: null });
});

test("real outputs type-check against the declared result types", () => {
  const batch = '{"data":{"batch_index":1,"total_instances":1,"execute_instances":[{"id":1,"target_instance":{"resource_id":"a"},"status":"FINISHED","message":"ok"}]}}';
  const samples = [
    ["RolloutRequestResult", lib.build_order_request(UUID, { token: "t" })],
    ["RolloutRequestResult", lib.build_batches_request("", { endpoint: "ftp://x" })],
    ["RolloutRequestResult", lib.build_batch_request(UUID, 1, { status: "READY", limit: 1, marker: 2 })],
    ["RolloutRequestResult", lib.build_operation_request(UUID, { operation_type: "CANCEL_INSTANCE", instance_id: 4 })],
    ["RolloutRequestResult", lib.build_operation_request(UUID, { operation_type: "X", y: 1 })],
    ["OrderAnswer", lib.parse_order(200, '{"data":{"execute_uuid":"e","gmt_created":1,"gmt_finished":null,"execute_costs":3,"creator":"c","status":"PAUSED","properties":{"script_uuid":"s","script_name":"n","script_version_uuid":1,"script_version_name":"v","current_execute_batch_index":1,"execute_param":{}}}}')],
    ["OrderAnswer", lib.parse_order(400, '{"error_code":"COC.1","error_msg":"m"}')],
    ["OrderAnswer", lib.parse_order(200, "nope")],
    ["BatchesAnswer", lib.parse_batches(200, '{"data":[{"batch_index":1,"total_instances":1,"rotation_strategy":"PAUSE","properties":"x"}]}')],
    ["BatchAnswer", lib.parse_batch(200, batch)],
    ["Outcome", lib.parse_operation(200, '{"data":"e"}')],
  ];
  for (const [, value] of samples) assertPlainJson(value);
  const names = [...new Set(samples.map(([type]) => type))];
  const lines = [
    `import type { ${names.join(", ")} } from "coc-script-exec";`,
    ...samples.map(([type, value], i) => `export const s${i}: ${type} = ${JSON.stringify(value)};`),
  ];
  const errors = typeErrors(lines.join("\n") + "\n");
  if (errors) assert.fail(errors);
});
