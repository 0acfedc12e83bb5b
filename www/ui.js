// DOM building for the console: rows, the rollout picture, the previews and the outcome.
// Every piece of user data goes in as text (textContent, setAttribute), never as markup.

import { hostFormat } from "./read.js";
import { t } from "./strings.js";

/** An element with attributes and children; strings become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return el;
}

/**
 * One script-parameter row: its order (the row's place), name, value, and move/remove
 * buttons. With `refer` (revisions with `param_refer`), a second line takes the parameter
 * store's param_id and param_version; refer_type is always PARAM_STORE.
 */
export function paramRow(locale, param, i, count, { refer = false } = {}) {
  const n = i + 1;
  const at = `/execute_param/script_params/${i}`;
  const cell = (field, key, extra = {}) => {
    const id = `p${i}-${field.replace("/", "-")}`;
    return h("div", { class: "cell" },
      h("label", { class: "sr-only", for: id }, t(locale, `${key}_n`, { n })),
      h("input", { id, name: `${at}/${field}`, type: "text", spellcheck: "false", autocapitalize: "off",
        placeholder: t(locale, key), "data-kind": "param", "data-i": i, "data-field": field,
        "aria-describedby": `m-${id}`, ...extra }),
      h("div", { class: "msgs", id: `m-${id}`, "data-path": `${at}/${field}` }));
  };
  const row = h("li", { class: refer ? "row param-grid refer" : "row param-grid" },
    h("span", { class: "order", "aria-hidden": "true" }, n),
    cell("param_name", "param_name"),
    cell("param_value", "param_value"),
    h("div", { class: "row-actions" },
      h("button", { type: "button", class: "icon", "data-act": "param-up", "data-i": i, disabled: i === 0,
        "aria-label": t(locale, "move_up_n", { n }), title: t(locale, "move_up_n", { n }) }, "↑"),
      h("button", { type: "button", class: "icon", "data-act": "param-down", "data-i": i, disabled: i === count - 1,
        "aria-label": t(locale, "move_down_n", { n }), title: t(locale, "move_down_n", { n }) }, "↓"),
      h("button", { type: "button", class: "icon danger", "data-act": "param-remove", "data-i": i,
        "aria-label": t(locale, "remove_param_n", { n }), title: t(locale, "remove_param_n", { n }) }, "×")),
    refer ? h("div", { class: "refer-line" },
      h("span", { class: "refer-label", "aria-hidden": "true" }, t(locale, "param_refer")),
      cell("param_refer/param_id", "param_id"),
      cell("param_refer/param_version", "param_version")) : null);
  row.querySelector(`[data-field="param_name"]`).value = param.name;
  row.querySelector(`[data-field="param_value"]`).value = param.value;
  if (refer) {
    row.querySelector(`[data-field="param_refer/param_id"]`).value = param.param_id ?? "";
    row.querySelector(`[data-field="param_refer/param_version"]`).value = param.param_version ?? "";
  }
  return row;
}

/** The head of the host rows: the revision's columns, optional ones marked. */
export function hostHead(locale, revision) {
  const { columns, optional } = hostFormat(revision);
  return [h("span", {}, "#"),
    ...columns.map((f) => h("span", {}, optional.includes(f) ? t(locale, "optional_field", { field: f }) : f)),
    h("span", {})];
}

/** One host row: the revision's fields (the page: four) and a remove button. */
export function hostRow(locale, host, i, revision) {
  const n = i + 1;
  const { columns, optional } = hostFormat(revision);
  const cells = columns.map((field) => {
    const id = `host${i}-${field}`;
    const input = h("input", { id, name: `/hosts/${i}/${field}`, type: "text", spellcheck: "false",
      autocapitalize: "off", placeholder: optional.includes(field) ? t(locale, "optional_field", { field }) : field, "data-kind": "host", "data-i": i, "data-field": field,
      "aria-describedby": `m-${id}` });
    input.value = host[field] ?? "";
    return h("div", { class: "cell" },
      h("label", { class: "sr-only", for: id }, t(locale, "host_field_n", { field, n })),
      input,
      h("div", { class: "msgs", id: `m-${id}`, "data-path": `/hosts/${i}/${field}` }));
  });
  return h("li", { class: "row host-grid" },
    h("span", { class: "order", "aria-hidden": "true" }, n),
    cells,
    h("div", { class: "row-actions" },
      h("button", { type: "button", class: "icon danger", "data-act": "host-remove", "data-i": i,
        "aria-label": t(locale, "remove_host_n", { n }), title: t(locale, "remove_host_n", { n }) }, "×")));
}

/** The rollout picture: one column per batch, its hosts as chips (titled with their other
 * fields of the revision), PAUSE batches marked. */
export function batchColumns(locale, batches, groupBy, revision) {
  const others = hostFormat(revision).columns.slice(1);
  return batches.map((batch) => {
    const pause = batch.rotation_strategy === "PAUSE";
    const hosts = batch.target_instances;
    const groups = groupBy ? [...new Set(hosts.map((host) => host[groupBy]))] : [];
    return h("li", { class: pause ? "batch pause" : "batch" },
      h("div", { class: "batch-head" },
        h("strong", {}, t(locale, "batch_n", { n: batch.batch_index })),
        h("span", { class: pause ? "strategy pause" : "strategy" }, batch.rotation_strategy)),
      h("p", { class: "batch-meta" },
        hosts.length === 1 ? t(locale, "one_host") : t(locale, "n_hosts", { n: hosts.length }),
        groups.length ? h("span", { class: "group" }, groups.join(", ")) : null),
      h("ul", { class: "chips" }, hosts.map((host) =>
        h("li", { class: "chip", title: others.filter((f) => host[f] != null).map((f) => String(host[f])).join(" · ") },
          String(host.resource_id)))),
      pause ? h("p", { class: "pause-note" }, t(locale, "pause_after")) : null);
  });
}

/**
 * The confirmation before a post: "Run script X on 37 hosts in 7 batches, pausing after
 * batch 1, under revision R, to ENDPOINT?" — every part read from the request's batches.
 */
export function confirmText(locale, { script, batches, revision, endpoint }) {
  const count = batches.reduce((n, b) => n + b.target_instances.length, 0);
  const pauses = batches.filter((b) => b.rotation_strategy === "PAUSE").map((b) => b.batch_index);
  return t(locale, "confirm_summary", {
    script,
    hosts: count === 1 ? t(locale, "one_host") : t(locale, "n_hosts", { n: count }),
    batches: batches.length === 1 ? t(locale, "one_batch") : t(locale, "n_batches", { n: batches.length }),
    pauses: pauses.length === 0 ? t(locale, "no_pausing")
      : t(locale, pauses.length === 1 ? "pausing_after" : "pausing_after_many", { list: pauses.join(", ") }),
    revision,
    endpoint,
  });
}

/** A shell word in single quotes. */
const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The request as a curl command; the token is never written, only read from $COC_TOKEN. */
export function curlCommand(request) {
  const lines = [`curl -X ${request.method} ${quote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    lines.push(name.toLowerCase() === "x-auth-token" ? `-H "${name}: $COC_TOKEN"` : `-H ${quote(`${name}: ${value}`)}`);
  }
  lines.push(`--data-raw ${quote(request.body)}`);
  return lines.join(" \\\n  ");
}

/** What a post came to, from parse_response's outcome (or a network failure). */
export function outcomeView(locale, limits, posted) {
  const { outcome, error, time, url, standIn } = posted;
  const when = [standIn ? h("p", {}, h("span", { class: "badge standin", id: "outcome-standin" }, t(locale, "stand_in"))) : null,
    h("p", { class: "out-at" }, t(locale, "out_at", { time, url })),
    outcome?.request_id ? h("p", { class: "out-at", id: "request-id" }, t(locale, "out_request_id", { id: outcome.request_id })) : null]
    .filter(Boolean);
  const dl = (pairs) => h("dl", {}, pairs.flatMap(([k, v, cls]) => [h("dt", {}, k), h("dd", { class: cls }, v)]));
  if (error !== undefined) {
    return [h("p", { class: "out-title" }, t(locale, "out_network", { error })),
      h("p", { class: "hint" }, t(locale, "out_network_hint")), ...when];
  }
  if (outcome.ok) {
    return [h("p", { class: "out-title" }, t(locale, "out_ok")),
      h("p", { class: "uuid", id: "execute-uuid" }, outcome.execute_uuid),
      h("p", { class: "hint" }, t(locale, "out_log", { max_log_mib: limits.max_log_bytes / (1024 * 1024) })), ...when];
  }
  if (outcome.kind === "api") {
    // Only a 204 cannot carry the code and message; any other status simply left them out.
    // Both missing is said once (finding 9), not once per field.
    const title = h("p", { class: "out-title" }, t(locale, "out_api", { status: outcome.status }));
    if (outcome.error_code == null && outcome.error_msg == null && outcome.status === 204) {
      return [title, h("p", { class: "unknown" }, t(locale, "out_unknown_both")), ...when];
    }
    const unknown = t(locale, outcome.status === 204 ? "out_unknown" : "out_unknown_other");
    return [title,
      dl([["error_code", outcome.error_code ?? unknown, outcome.error_code == null ? "unknown" : "code"],
        ["error_msg", outcome.error_msg ?? unknown, outcome.error_msg == null ? "unknown" : ""]]), ...when];
  }
  return [h("p", { class: "out-title" }, t(locale, "out_http", { status: outcome.status })),
    h("pre", { class: "code small" }, outcome.text === "" ? t(locale, "out_empty") : outcome.text), ...when];
}
