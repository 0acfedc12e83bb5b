// The stand-in's orders (www/stand-in-orders.mjs): the state machine step by step (pause,
// continue, skip, cancel, failures against success_rate, the bound on orders), then the
// same calls over HTTP through www/serve.mjs, on the SDK's paths, with the API's errors.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { ERRORS, Orders } from "../../www/stand-in-orders.mjs";
import { startServer } from "./helpers.mjs";

const host = (id) => ({ resource_id: id, agent_sn: `sn-${id}`, project_id: "p1", region_id: "cn-north-4" });
const body = (batches, success_rate = 100) => ({
  execute_param: { resourceful: false, timeout: 300, success_rate, execute_user: "root" },
  execute_batches: batches.map(([rotation_strategy, ids], i) => ({ batch_index: i + 1, rotation_strategy, target_instances: ids.map(host) })),
});

/** An order run by hand: `steps(n)` moves it n steps. */
function manual(batches, success_rate) {
  const orders = new Orders({ stepMs: null });
  orders.create("SCT1", body(batches, success_rate));
  const status = () => orders.info("SCT1").data.status;
  const hosts = (i) => orders.batch("SCT1", i).data.execute_instances.map((h) => h.status);
  const steps = (n) => { for (let k = 0; k < n; k++) orders.step("SCT1"); };
  return { orders, status, hosts, steps, current: () => orders.info("SCT1").data.properties.current_execute_batch_index };
}

describe("the state machine", () => {
  test("hosts go READY, PROCESSING, FINISHED; a PAUSE batch pauses until CONTINUE_ORDER", () => {
    const o = manual([["PAUSE", ["a"]], ["CONTINUE", ["b", "c"]]]);
    assert.deepEqual([o.status(), o.hosts(1), o.hosts(2)], ["PROCESSING", ["READY"], ["READY", "READY"]]);
    o.steps(1);
    assert.deepEqual(o.hosts(1), ["PROCESSING"]);
    o.steps(1);
    assert.deepEqual([o.status(), o.hosts(1), o.current()], ["PAUSED", ["FINISHED"], 1]);
    o.steps(5);
    assert.deepEqual([o.status(), o.hosts(2)], ["PAUSED", ["READY", "READY"]], "a paused order does not move");
    assert.equal(o.orders.operate("SCT1", { operation_type: "CONTINUE_ORDER" }).data, "SCT1");
    assert.deepEqual([o.status(), o.current()], ["PROCESSING", 2]);
    o.steps(2);
    assert.deepEqual([o.status(), o.hosts(2)], ["FINISHED", ["FINISHED", "FINISHED"]]);
    assert.ok(o.orders.info("SCT1").data.gmt_finished >= o.orders.info("SCT1").data.gmt_created);
    assert.equal(o.orders.operate("SCT1", { operation_type: "CANCEL_ORDER" }).error_code, ERRORS.wrongState[0], "an ended order takes no operation");
  });

  test("a -fail host is ABNORMAL; success_rate decides FINISHED or ABNORMAL", () => {
    const strict = manual([["CONTINUE", ["a", "b-fail"]]], 100);
    strict.steps(2);
    assert.deepEqual([strict.status(), strict.hosts(1)], ["ABNORMAL", ["FINISHED", "ABNORMAL"]]);
    assert.match(strict.orders.batch("SCT1", 1).data.execute_instances[1].message, /-fail/);
    const lenient = manual([["CONTINUE", ["a", "b-fail"]]], 50);
    lenient.steps(2);
    assert.equal(lenient.status(), "FINISHED");
  });

  test("PAUSE_ORDER stops anywhere; CONTINUE_ORDER goes on in the same batch", () => {
    const o = manual([["CONTINUE", ["a"]], ["CONTINUE", ["b"]]]);
    o.steps(1);
    assert.equal(o.orders.operate("SCT1", { operation_type: "PAUSE_ORDER" }).data, "SCT1");
    o.steps(3);
    assert.deepEqual([o.status(), o.hosts(1)], ["PAUSED", ["PROCESSING"]]);
    assert.equal(o.orders.operate("SCT1", { operation_type: "PAUSE_ORDER" }).error_code, ERRORS.wrongState[0]);
    o.orders.operate("SCT1", { operation_type: "CONTINUE_ORDER" });
    o.steps(1);
    assert.deepEqual([o.hosts(1), o.current()], [["FINISHED"], 2]);
    assert.equal(o.orders.operate("SCT1", { operation_type: "CONTINUE_ORDER" }).error_code, ERRORS.wrongState[0]);
  });

  test("SKIP_BATCH cancels a batch's hosts; the order passes over it without pausing", () => {
    const o = manual([["PAUSE", ["a"]], ["PAUSE", ["b", "c"]], ["CONTINUE", ["d"]]]);
    o.steps(2);
    assert.equal(o.status(), "PAUSED");
    assert.equal(o.orders.operate("SCT1", { operation_type: "SKIP_BATCH", batch_index: 2 }).data, "SCT1");
    assert.deepEqual(o.hosts(2), ["CANCELED", "CANCELED"]);
    assert.equal(o.orders.operate("SCT1", { operation_type: "SKIP_BATCH", batch_index: 2 }).error_code, ERRORS.wrongState[0]);
    assert.equal(o.orders.operate("SCT1", { operation_type: "SKIP_BATCH", batch_index: 9 }).error_code, ERRORS.batchNotFound[0]);
    o.orders.operate("SCT1", { operation_type: "CONTINUE_ORDER" });
    o.steps(3);
    assert.deepEqual([o.status(), o.hosts(3)], ["FINISHED", ["FINISHED"]], "canceled hosts do not count against success_rate");
  });

  test("SKIP_BATCH of the running batch moves the order on at once", () => {
    const o = manual([["CONTINUE", ["a"]], ["CONTINUE", ["b"]]]);
    o.steps(1);
    o.orders.operate("SCT1", { operation_type: "SKIP_BATCH", batch_index: 1 });
    assert.deepEqual([o.hosts(1), o.current()], [["CANCELED"], 2]);
  });

  test("CANCEL_INSTANCE cancels one host; CANCEL_ORDER every host that has not ended", () => {
    const o = manual([["PAUSE", ["a"]], ["CONTINUE", ["b", "c"]]]);
    const [b, c] = o.orders.batch("SCT1", 2).data.execute_instances.map((h) => h.id);
    assert.equal(o.orders.operate("SCT1", { operation_type: "CANCEL_INSTANCE", instance_id: b }).data, "SCT1");
    assert.equal(o.orders.operate("SCT1", { operation_type: "CANCEL_INSTANCE", instance_id: b }).error_code, ERRORS.wrongState[0]);
    assert.equal(o.orders.operate("SCT1", { operation_type: "CANCEL_INSTANCE", instance_id: 999 }).error_code, ERRORS.instanceNotFound[0]);
    assert.deepEqual(o.hosts(2), ["CANCELED", "READY"]);
    assert.ok(c > b, "ids are unique, in order");
    o.orders.operate("SCT1", { operation_type: "CANCEL_ORDER" });
    assert.deepEqual([o.status(), o.hosts(1), o.hosts(2)], ["CANCELED", ["CANCELED"], ["CANCELED", "CANCELED"]]);
    assert.equal(o.orders.operate("SCT1", { operation_type: "RESUME" }).error_code, ERRORS.wrongState[0]);
  });

  test("a batch's page: status, limit, marker", () => {
    const o = manual([["CONTINUE", ["a", "b-fail", "c"]]]);
    o.steps(2);
    const page = (q) => o.orders.batch("SCT1", 1, q).data.execute_instances.map((h) => h.target_instance.resource_id);
    assert.deepEqual(page({ status: "FINISHED" }), ["a", "c"]);
    assert.deepEqual(page({ limit: 2 }), ["a", "b-fail"]);
    const first = o.orders.batch("SCT1", 1).data.execute_instances[0].id;
    assert.deepEqual(page({ marker: first, limit: 1 }), ["b-fail"]);
    assert.equal(o.orders.batch("SCT1", 1).data.total_instances, 3);
    assert.equal(o.orders.batch("SCT1", 2).error_code, ERRORS.batchNotFound[0]);
  });

  test("orders are bounded: the oldest ended order goes first, then the oldest", () => {
    const orders = new Orders({ stepMs: null, maxOrders: 3 });
    for (const id of ["A", "B", "C"]) orders.create(id, body([["CONTINUE", ["a"]]]));
    orders.step("B");
    orders.step("B");
    assert.equal(orders.info("B").data.status, "FINISHED");
    orders.create("D", body([["CONTINUE", ["a"]]]));
    assert.deepEqual([orders.size, orders.info("B").error_code], [3, ERRORS.notFound[0]]);
    orders.create("E", body([["CONTINUE", ["a"]]]));
    assert.deepEqual([orders.size, orders.info("A").status], [3, 400]);
    assert.equal(orders.info("E").data.status, "PROCESSING");
  });
});

describe("over HTTP", () => {
  let server;
  before(async () => { server = await startServer(["--step-ms", "20", "--error-status", "400"]); });
  after(() => server?.stop());

  const call = async (method, path, { body, token = "t" } = {}) => {
    const headers = { ...(token ? { "X-Auth-Token": token } : {}), ...(body ? { "Content-Type": "application/json" } : {}) };
    const res = await fetch(new URL(path, server.url), { method, headers, body });
    return { status: res.status, json: await res.json().catch(() => null), requestId: res.headers.get("x-request-id") };
  };
  const until = async (what, ok) => {
    for (let i = 0; i < 200; i++) {
      const value = await what();
      if (ok(value)) return value;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail("never reached");
  };

  test("a posted canary pauses, continues on PUT .../operation, and finishes", async () => {
    const posted = await call("POST", "/v1/job/scripts/demo-restart-nginx", { body: JSON.stringify(body([["PAUSE", ["a"]], ["CONTINUE", ["b"]]])) });
    assert.equal(posted.status, 200);
    const orders = `/v1/job/script/orders/${posted.json.data}`;
    const paused = await until(() => call("GET", orders), (r) => r.json.data.status === "PAUSED");
    assert.equal(paused.json.data.properties.current_execute_batch_index, 1);
    assert.match(paused.requestId, /^[0-9a-f]{32}$/);
    assert.deepEqual((await call("GET", `${orders}/batches`)).json.data.map((b) => b.rotation_strategy), ["PAUSE", "CONTINUE"]);
    assert.equal((await call("GET", `${orders}/batches/1?status=FINISHED&limit=5`)).json.data.execute_instances.length, 1);
    const op = await call("PUT", `${orders}/operation`, { body: '{"operation_type":"CONTINUE_ORDER"}' });
    assert.deepEqual([op.status, op.json], [200, { data: posted.json.data }]);
    await until(() => call("GET", orders), (r) => r.json.data.status === "FINISHED");
  });

  test("unknown orders, bad queries, bodies and methods get the API's error shape", async () => {
    const shape = (r, status) => {
      assert.equal(r.status, status);
      assert.deepEqual(Object.keys(r.json), ["error_code", "error_msg"]);
    };
    for (const path of ["/v1/job/script/orders/SCT0", "/v1/job/script/orders/SCT0/batches", "/v1/job/script/orders/SCT0/batches/1"]) {
      shape(await call("GET", path), 400);
    }
    shape(await call("PUT", "/v1/job/script/orders/SCT0/operation", { body: '{"operation_type":"CANCEL_ORDER"}' }), 400);
    shape(await call("PUT", "/v1/job/script/orders/SCT0/operation", { body: "[" }), 400);
    shape(await call("GET", "/v1/job/script/orders/SCT0/batches/x"), 400);
    shape(await call("GET", "/v1/job/script/orders/SCT0/batches/1?limit=ten"), 400);
    shape(await call("GET", "/v1/job/script/orders/SCT0/batches/1?status=DONE"), 400);
    shape(await call("GET", "/v1/job/script/orders/SCT0", { token: "" }), 401);
    assert.equal((await call("POST", "/v1/job/script/orders/SCT0/operation")).status, 405);
    assert.equal((await call("PUT", "/v1/job/script/orders/SCT0")).status, 405);
  });
});
