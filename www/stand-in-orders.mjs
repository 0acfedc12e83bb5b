// The stand-in's script orders (api.md "The rollout after the post"): every order the
// stand-in takes is kept in memory and run, so that a console or an SDK pointed at it can
// watch, pause, continue, skip and cancel as against the service. Node built-ins only; no
// rule of the API lives here (the bodies were judged by the package before they came).
//
// How an order runs, one step every `stepMs`:
//   - batches run one after another; in a batch, each step moves every READY host to
//     PROCESSING and every PROCESSING host to FINISHED, or ABNORMAL for a host whose
//     resource_id ends in "-fail" (the rule tests drive);
//   - after a batch whose rotation_strategy is PAUSE (but the last), the order is PAUSED
//     until CONTINUE_ORDER; PAUSE_ORDER pauses it anywhere;
//   - SKIP_BATCH cancels a batch's hosts that have not ended (the current batch's, or a
//     later one's, which the order then passes over); CANCEL_INSTANCE cancels one host;
//     CANCEL_ORDER cancels every host that has not ended and ends the order CANCELED;
//   - once every batch has ended, the share of hosts that ran and FINISHED (canceled
//     hosts do not count) decides: at least success_rate, FINISHED; else ABNORMAL.
// The number of orders is bounded (the oldest ended order goes first, then the oldest),
// and each order is bounded by what the package accepted (at most 200 hosts).

/** Host statuses (the SDK's list) and the ones a host never leaves. */
export const HOST_STATUSES = ["READY", "PROCESSING", "ABNORMAL", "CANCELED", "FINISHED"];
const HOST_ENDED = new Set(["ABNORMAL", "CANCELED", "FINISHED"]);
/** Order statuses a watcher stops at (Huawei's Terraform provider's list). */
const ORDER_ENDED = new Set(["FINISHED", "CANCELED", "ABNORMAL", "ERROR", "ROLLBACKED"]);

/** The stand-in's own error codes (the service's are not all documented). */
export const ERRORS = {
  // Huawei's provider takes this code for an order that does not exist.
  notFound: ["COC.00040709", 400],
  badRequest: ["COC.00040001", 400],
  batchNotFound: ["COC.00040711", 400],
  instanceNotFound: ["COC.00040712", 400],
  wrongState: ["COC.00040720", 400],
};

/** A failure: `{status, error_code, error_msg}`, as the service answers. */
const fail = ([error_code, status], error_msg) => ({ status, error_code, error_msg });

export class Orders {
  /**
   * `stepMs`: the pace (null: never on its own; tests call `step`). `maxOrders`: how many
   * orders are kept. `now`: the clock, in milliseconds.
   */
  constructor({ stepMs = 2000, maxOrders = 100, now = Date.now } = {}) {
    Object.assign(this, { stepMs, maxOrders, now });
    this.orders = new Map(); // execute_uuid -> order, oldest first
    this.nextId = 1; // instance ids: unique across orders, as a primary key is
  }

  get size() {
    return this.orders.size;
  }

  /** Takes a body the package accepted, under the id the post answered with. */
  create(uuid, body) {
    while (this.orders.size >= this.maxOrders) this.evict();
    const at = this.now();
    const order = {
      uuid, created: at, finished: null, status: "PROCESSING", current: 0, pausedAfterBatch: false,
      script_uuid: body.script_uuid ?? null, execute_param: body.execute_param ?? null, timer: null,
      batches: (body.execute_batches ?? []).map((b) => ({
        index: b.batch_index,
        rotation: b.rotation_strategy,
        hosts: (b.target_instances ?? []).map((target) => ({
          id: this.nextId++, target, status: "READY", created: at, finished: null, message: null,
        })),
      })).sort((a, b) => a.index - b.index),
    };
    this.orders.set(uuid, order);
    this.schedule(order);
    return order;
  }

  /** Drops the oldest ended order, or the oldest of all. */
  evict() {
    const victim = [...this.orders.values()].find((o) => ORDER_ENDED.has(o.status)) ?? this.orders.values().next().value;
    clearTimeout(victim.timer);
    this.orders.delete(victim.uuid);
  }

  /** Stops every timer (the server is closing). */
  close() {
    for (const order of this.orders.values()) clearTimeout(order.timer);
  }

  schedule(order) {
    clearTimeout(order.timer);
    order.timer = null;
    if (this.stepMs == null || order.status !== "PROCESSING") return;
    order.timer = setTimeout(() => { this.step(order.uuid); }, this.stepMs);
    order.timer.unref?.();
  }

  /** One step of an order that is running. */
  step(uuid) {
    const order = this.orders.get(uuid);
    if (!order || order.status !== "PROCESSING") return;
    const batch = order.batches[order.current];
    if (batch) {
      for (const host of batch.hosts) {
        if (host.status === "PROCESSING") this.endHost(host, /-fail$/.test(String(host.target?.resource_id ?? "")) ? "ABNORMAL" : "FINISHED");
        else if (host.status === "READY") host.status = "PROCESSING";
      }
    }
    if (!batch || batch.hosts.every((h) => HOST_ENDED.has(h.status))) this.batchEnded(order);
    this.schedule(order);
  }

  endHost(host, status) {
    host.status = status;
    host.finished = this.now();
    host.message = status === "FINISHED" ? "exit code 0"
      : status === "ABNORMAL" ? "exit code 1 (the stand-in fails a host whose resource_id ends in -fail)"
      : "canceled";
  }

  /** The current batch has ended: pause after a PAUSE batch, go on, or end the order. */
  batchEnded(order) {
    const batch = order.batches[order.current];
    const last = order.current >= order.batches.length - 1;
    if (last) return this.endOrder(order);
    if (batch?.rotation === "PAUSE" && !batch.skipped) {
      order.status = "PAUSED";
      order.pausedAfterBatch = true;
      return undefined;
    }
    order.current += 1;
    return undefined;
  }

  endOrder(order) {
    const hosts = order.batches.flatMap((b) => b.hosts);
    const ran = hosts.filter((h) => h.status === "FINISHED" || h.status === "ABNORMAL");
    const finished = ran.filter((h) => h.status === "FINISHED").length;
    const rate = ran.length ? (finished * 100) / ran.length : 100;
    order.status = rate >= Number(order.execute_param?.success_rate ?? 100) ? "FINISHED" : "ABNORMAL";
    order.finished = this.now();
    order.current = Math.max(0, order.batches.length - 1);
  }

  // ---------- the four calls ----------

  /** GetScriptJobInfo's data, or a failure. */
  info(uuid) {
    const order = this.orders.get(uuid);
    if (!order) return fail(ERRORS.notFound, `script order ${String(uuid).slice(0, 80)} does not exist`);
    const end = order.finished ?? this.now();
    return {
      data: {
        execute_uuid: order.uuid,
        gmt_created: order.created,
        gmt_finished: order.finished,
        execute_costs: Math.round((end - order.created) / 1000),
        creator: "stand-in",
        status: order.status,
        properties: {
          script_uuid: order.script_uuid,
          script_name: order.script_uuid,
          script_version_uuid: 1,
          script_version_name: "v1",
          current_execute_batch_index: order.batches[order.current]?.index ?? null,
          execute_param: order.execute_param,
        },
      },
    };
  }

  /** ListScriptJobBatches's data, or a failure. */
  batchList(uuid) {
    const order = this.orders.get(uuid);
    if (!order) return fail(ERRORS.notFound, `script order ${String(uuid).slice(0, 80)} does not exist`);
    return {
      data: order.batches.map((b) => ({
        batch_index: b.index, total_instances: b.hosts.length, rotation_strategy: b.rotation, properties: null,
      })),
    };
  }

  /** GetScriptJobBatch's data (a page of hosts: status, limit, marker), or a failure. */
  batch(uuid, index, { status = null, limit = null, marker = null } = {}) {
    const order = this.orders.get(uuid);
    if (!order) return fail(ERRORS.notFound, `script order ${String(uuid).slice(0, 80)} does not exist`);
    const batch = order.batches.find((b) => b.index === index);
    if (!batch) return fail(ERRORS.batchNotFound, `batch ${index} does not exist in this order`);
    if (status != null && !HOST_STATUSES.includes(status)) return fail(ERRORS.badRequest, `status must be one of ${HOST_STATUSES.join(", ")}`);
    let hosts = batch.hosts.filter((h) => (status == null || h.status === status) && (marker == null || h.id > marker));
    if (limit != null) hosts = hosts.slice(0, limit);
    const end = (h) => h.finished ?? this.now();
    return {
      data: {
        batch_index: batch.index,
        total_instances: batch.hosts.length,
        execute_instances: hosts.map((h) => ({
          id: h.id, target_instance: h.target, gmt_created: h.created, gmt_finished: h.finished,
          execute_costs: Math.round((end(h) - h.created) / 1000), status: h.status, message: h.message,
        })),
      },
    };
  }

  /** OperateScriptJob: `{data: execute_uuid}`, or a failure. */
  operate(uuid, { operation_type, batch_index, instance_id } = {}) {
    const order = this.orders.get(uuid);
    if (!order) return fail(ERRORS.notFound, `script order ${String(uuid).slice(0, 80)} does not exist`);
    if (ORDER_ENDED.has(order.status)) return fail(ERRORS.wrongState, `the order has ended (${order.status})`);
    const ok = { data: order.uuid };
    switch (operation_type) {
      case "CONTINUE_ORDER":
        if (order.status !== "PAUSED") return fail(ERRORS.wrongState, "only a PAUSED order can be continued");
        order.status = "PROCESSING";
        if (order.pausedAfterBatch) order.current += 1;
        order.pausedAfterBatch = false;
        break;
      case "PAUSE_ORDER":
        if (order.status !== "PROCESSING") return fail(ERRORS.wrongState, "only a PROCESSING order can be paused");
        order.status = "PAUSED";
        break;
      case "CANCEL_ORDER":
        for (const host of order.batches.flatMap((b) => b.hosts)) if (!HOST_ENDED.has(host.status)) this.endHost(host, "CANCELED");
        order.status = "CANCELED";
        order.finished = this.now();
        break;
      case "SKIP_BATCH": {
        const at = order.batches.findIndex((b) => b.index === batch_index);
        if (at < 0) return fail(ERRORS.batchNotFound, `batch ${batch_index} does not exist in this order`);
        const batch = order.batches[at];
        const open = batch.hosts.filter((h) => !HOST_ENDED.has(h.status));
        if (at < order.current || open.length === 0) return fail(ERRORS.wrongState, `batch ${batch_index} has already ended`);
        for (const host of open) this.endHost(host, "CANCELED");
        batch.skipped = true;
        // The batch the order is at (and not paused after): the order goes on at once.
        if (at === order.current && !order.pausedAfterBatch && order.status === "PROCESSING") this.batchEnded(order);
        break;
      }
      case "CANCEL_INSTANCE": {
        const host = order.batches.flatMap((b) => b.hosts).find((h) => h.id === instance_id);
        if (!host) return fail(ERRORS.instanceNotFound, `instance ${instance_id} does not exist in this order`);
        if (HOST_ENDED.has(host.status)) return fail(ERRORS.wrongState, `instance ${instance_id} has already ended (${host.status})`);
        this.endHost(host, "CANCELED");
        break;
      }
      default:
        return fail(ERRORS.badRequest, "operation_type must be one of CONTINUE_ORDER, PAUSE_ORDER, CANCEL_ORDER, SKIP_BATCH, CANCEL_INSTANCE");
    }
    this.schedule(order);
    return ok;
  }
}
