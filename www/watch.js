// The rollout, live: after a post, the order is watched until it ends. Every request is
// built by the package (build_order_request, build_batches_request, build_batch_request,
// build_operation_request) and every answer read by it (parse_*), so the page holds no
// rule of the API: which statuses end an order or a batch is the package's `ended`.
// Polling backs off while nothing changes and stops when the order ends or the page is
// hidden (and starts again when it is shown). The token is read from the form at each
// call and never kept here.

import { t } from "./strings.js";
import { h } from "./ui.js";

/** Milliseconds between polls: the first, and the most once nothing changes for a while. */
const POLL_MIN_MS = 500;
const POLL_MAX_MS = 15000;
/** Characters of an unreadable answer's text shown. */
const TEXT_SHOWN = 300;

export class Watch {
  /**
   * `pkg`: the package's exports. `options()`: build_request's options as the form says
   * now (endpoint, token, locale). `locale()`: the page's language. `box`: the element the
   * rollout is drawn in.
   */
  constructor({ pkg, options, locale, box }) {
    Object.assign(this, { pkg, options, locale, box });
    this.uuid = null;
    this.timer = null;
    document.addEventListener("visibilitychange", () => {
      if (document.hidden) this.pause();
      else if (this.uuid && !this.ended) this.poll();
    });
  }

  /** Watches `uuid` from now on (a new post replaces the order watched before). */
  start(uuid) {
    this.pause();
    Object.assign(this, {
      uuid, order: null, ended: false, batches: null, details: new Map(), error: null, confirm: null,
      delay: POLL_MIN_MS, busy: false, startedAt: Date.now(), actionError: null, wanted: new Set(),
    });
    this.box.hidden = false;
    this.render();
    this.poll();
    // The elapsed time moves on between polls, however far apart they are.
    clearInterval(this.clock);
    this.clock = setInterval(() => {
      const el = this.box.querySelector("#watch-elapsed");
      if (el && !this.ended) el.textContent = t(this.locale(), "watch_elapsed", { time: elapsed(this.order, this.startedAt) });
      if (this.ended) clearInterval(this.clock);
    }, 1000);
  }

  pause() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  /** One call: the package's request, sent; its answer read by `parse`. */
  async call(built, parse) {
    if (!built.valid) return { ok: false, kind: "issues", issues: built.issues };
    const { method, url, headers, body } = built.request;
    try {
      const res = await fetch(url, {
        method, headers, body: body === "" ? undefined : body, cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer",
      });
      return parse(res.status, await res.text());
    } catch (err) {
      return { ok: false, kind: "network", message: String(err?.message ?? err) };
    }
  }

  /** Asks for the order, its batches (once) and the hosts of every batch not yet ended. */
  async poll() {
    this.pause();
    const { pkg, uuid } = this;
    if (!uuid || document.hidden) return;
    const options = this.options();
    const before = JSON.stringify([this.order, [...this.details.values()]]);
    const order = await this.call(pkg.build_order_request(uuid, options), pkg.parse_order);
    if (uuid !== this.uuid) return; // another post started meanwhile
    if (order.ok) {
      this.order = order.data;
      this.ended = order.ended;
      this.error = null;
      if (!this.batches) {
        const batches = await this.call(pkg.build_batches_request(uuid, options), pkg.parse_batches);
        if (batches.ok) this.batches = batches.data;
        else this.error = batches;
      }
      const current = this.order.properties?.current_execute_batch_index ?? 1;
      for (const batch of this.batches ?? []) {
        const known = this.details.get(batch.batch_index);
        const asked = this.wanted.has(batch.batch_index); // an operation named it
        if (batch.batch_index > current && !this.ended && !known && !asked) continue; // not started
        if (known?.ended) continue; // a batch that has ended does not change
        const detail = await this.call(pkg.build_batch_request(uuid, batch.batch_index, null, options), pkg.parse_batch);
        if (uuid !== this.uuid) return;
        if (detail.ok) this.details.set(batch.batch_index, { data: detail.data, ended: detail.ended });
        if (detail.ok) this.wanted.delete(batch.batch_index);
        else this.error = detail;
      }
    } else {
      this.error = order;
    }
    const changed = before !== JSON.stringify([this.order, [...this.details.values()]]);
    this.delay = changed ? POLL_MIN_MS : Math.min(POLL_MAX_MS, this.delay * 2);
    this.render();
    if (!this.ended) this.timer = setTimeout(() => this.poll(), this.delay);
  }

  /** Asks for confirmation of an operation, then sends it. */
  ask(operation) {
    this.confirm = operation;
    this.actionError = null;
    this.render();
    this.box.querySelector("#watch-confirm-yes")?.focus();
  }

  async operate(operation) {
    this.confirm = null;
    this.busy = true;
    this.render();
    const { pkg, uuid } = this;
    const answer = await this.call(pkg.build_operation_request(uuid, operation, this.options()), pkg.parse_operation);
    this.busy = false;
    this.actionError = answer.ok ? null : answer;
    if (answer.ok) this.delay = POLL_MIN_MS;
    if (answer.ok && operation.batch_index != null) this.wanted.add(operation.batch_index);
    this.render();
    if (answer.ok) this.poll();
  }

  // ---------- drawing ----------

  render() {
    if (!this.uuid) return;
    const locale = this.locale();
    const say = (key, values) => t(locale, key, values);
    const order = this.order;
    const status = order?.status ?? null;
    const current = order?.properties?.current_execute_batch_index ?? null;
    const open = order && !this.ended;
    const parts = [
      h("div", { class: "watch-head" },
        h("p", { class: "watch-status", id: "watch-status", "data-status": status ?? "" },
          status ? statusWords(locale, "order", status) : say("watch_loading")),
        h("p", { class: "watch-meta" },
          h("span", { class: "uuid" }, this.uuid),
          current != null ? h("span", { id: "watch-current" }, say("watch_current", { n: current })) : null,
          h("span", { id: "watch-elapsed" }, say("watch_elapsed", { time: elapsed(order, this.startedAt) })))),
    ];
    if (status === "PAUSED" && open) parts.push(this.canary(locale, current));
    if (open) {
      parts.push(h("div", { class: "watch-actions" },
        status === "PAUSED" ? null : this.button(locale, { operation_type: "PAUSE_ORDER" }, "op_pause", "watch-pause"),
        this.button(locale, { operation_type: "CANCEL_ORDER" }, "op_cancel", "watch-cancel", "danger")));
    }
    if (this.confirm) parts.push(this.confirmBar(locale));
    if (this.busy) parts.push(h("p", { class: "hint" }, say("op_sending")));
    for (const failure of [this.actionError, this.error]) if (failure) parts.push(failureView(locale, failure));
    parts.push(h("ol", { class: "watch-batches", "aria-label": say("batches_label") },
      (this.batches ?? []).map((b) => this.batchView(locale, b, current, open))));
    if (!open && order) parts.push(h("p", { class: "hint" }, say("watch_stopped")));
    this.box.replaceChildren(...parts);
  }

  /** Continue, with the results of the batch the order paused after (the canary's). */
  canary(locale, current) {
    const detail = this.details.get(current);
    const hosts = detail?.data.execute_instances ?? [];
    return h("div", { class: "canary", id: "watch-canary" },
      h("p", { class: "canary-title" }, t(locale, "watch_paused_after", { n: current })),
      h("ul", { class: "canary-hosts" }, hosts.map((host) => h("li", { "data-host-status": host.status },
        h("span", { class: "host-id" }, hostName(host)), " ", statusBadge(locale, host.status)))),
      this.button(locale, { operation_type: "CONTINUE_ORDER" }, "op_continue", "watch-continue", "go"));
  }

  batchView(locale, batch, current, open) {
    const detail = this.details.get(batch.batch_index);
    const state = detail?.ended ? "done" : detail ? "running" : "waiting";
    const hosts = detail?.data.execute_instances ?? [];
    const isCurrent = batch.batch_index === current;
    return h("li", { class: `watch-batch ${state}${isCurrent ? " current" : ""}`, "data-batch": batch.batch_index, "data-state": state },
      h("div", { class: "batch-head" },
        h("strong", {}, t(locale, "batch_n", { n: batch.batch_index })),
        h("span", { class: batch.rotation_strategy === "PAUSE" ? "strategy pause" : "strategy" }, batch.rotation_strategy ?? ""),
        h("span", { class: "batch-state" }, t(locale, `batch_${state}`)),
        open && !detail?.ended && (current == null || batch.batch_index >= current)
          ? this.button(locale, { operation_type: "SKIP_BATCH", batch_index: batch.batch_index }, "op_skip", null, "small")
          : null),
      hosts.length ? h("ul", { class: "watch-hosts" }, hosts.map((host) => h("li", { "data-host-status": host.status },
        h("span", { class: "host-id" }, hostName(host)),
        statusBadge(locale, host.status),
        host.message ? h("span", { class: "host-msg" }, host.message) : null,
        open && host.id != null && !host.ended && !detail.ended
          ? this.button(locale, { operation_type: "CANCEL_INSTANCE", instance_id: host.id }, "op_cancel_host", null, "small")
          : null)))
        : h("p", { class: "hint" }, t(locale, "n_hosts", { n: batch.total_instances ?? "?" })));
  }

  button(locale, operation, key, id, cls = "") {
    const label = t(locale, key, { n: operation.batch_index ?? "" });
    const b = h("button", { type: "button", class: `secondary ${cls}`, id, disabled: this.busy || Boolean(this.confirm) }, label);
    b.addEventListener("click", () => this.ask(operation));
    return b;
  }

  confirmBar(locale) {
    const op = this.confirm;
    const what = t(locale, `confirm_${op.operation_type}`, { n: op.batch_index ?? "", id: op.instance_id ?? "" });
    const yes = h("button", { type: "button", class: "secondary go", id: "watch-confirm-yes" }, t(locale, "confirm_yes"));
    const no = h("button", { type: "button", class: "secondary", id: "watch-confirm-no" }, t(locale, "confirm_no"));
    yes.addEventListener("click", () => this.operate(op));
    no.addEventListener("click", () => { this.confirm = null; this.render(); });
    return h("div", { class: "confirm", role: "alertdialog", "aria-label": what }, h("p", {}, what), h("div", { class: "watch-actions" }, yes, no));
  }
}

/** A status in words, or as sent when the page has no words for it. */
function statusWords(locale, kind, status) {
  const key = `${kind}_${status}`;
  const words = t(locale, key);
  return words === key ? status : words;
}

function statusBadge(locale, status) {
  return h("span", { class: `host-status s-${String(status).toLowerCase()}` }, statusWords(locale, "host", status));
}

function hostName(host) {
  const target = host.target_instance;
  return String((target && typeof target === "object" && target.resource_id) || host.id || "?");
}

/** How long the order has run: from its creation to its end (or now), as m:ss. */
function elapsed(order, startedAt) {
  const from = order?.gmt_created ?? startedAt;
  const ms = Math.max(0, (order?.gmt_finished ?? Date.now()) - from);
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** What went wrong with a call: the API's code and message, the status and text, the
 * network, or the package's issues with the request. */
function failureView(locale, f) {
  const lines = f.kind === "api"
    ? [t(locale, "out_api", { status: f.status }), `${f.error_code ?? "?"}: ${f.error_msg ?? ""}`]
    : f.kind === "http" ? [t(locale, "out_http", { status: f.status }), f.text.slice(0, TEXT_SHOWN) || t(locale, "out_empty")]
    : f.kind === "network" ? [t(locale, "out_network", { error: f.message })]
    : f.issues.map((i) => i.message);
  return h("div", { class: "watch-error", role: "alert" }, lines.map((line, i) => h("p", { class: i ? "code" : "" }, line)));
}
