// The console: reads the form into a body, asks the package what is wrong with it, shows
// each issue at its control, and posts the request the package built. It holds no rule:
// numbers come from limits(revision), judgements from validate/build_batches/build_request
// (each told the revision), and the meaning of an answer from parse_response.

import { label, t } from "./strings.js";
import {
  REVISIONS, convertHostsText, hostFormat, hostsToRows, measureText, readHostsText, readNumber, rowsToHosts, rowsToText,
} from "./read.js";
import { batchColumns, curlCommand, h, hostHead, hostRow, outcomeView, paramRow } from "./ui.js";
import { Watch } from "./watch.js";

const $ = (id) => document.getElementById(id);
const form = $("console");

/** Where the chosen revision is kept: the only thing this page ever stores. */
const REVISION_KEY = "coc-script-exec.revision";

function storedRevision() {
  try {
    const stored = localStorage.getItem(REVISION_KEY);
    return REVISIONS.includes(stored) ? stored : REVISIONS[0];
  } catch {
    return REVISIONS[0]; // storage refused (a private window, a policy): the default
  }
}

function storeRevision(revision) {
  try {
    localStorage.setItem(REVISION_KEY, revision);
  } catch { /* not kept across a reload, but still used on this page */ }
}

const state = {
  pkg: null,        // the package's exports, once loaded
  limits: null,     // limits(revision): every number shown
  locale: navigator.language?.toLowerCase().startsWith("zh") ? "zh-CN" : "en",
  revision: storedRevision(), // "page" (the package's default) or "current"
  params: [],       // [{name, value, param_id, param_version}], param_order is the row's place
  hostRows: [],     // rows mode: one {field: text} per host, the revision's columns
  revisionUndo: null, // the hosts as they were before a revision switch rewrote them
  hostsMode: "paste",
  view: null,       // the last evaluation: issues, batches, request
  posted: null,     // the last post's outcome
  refusedPaste: null, // the size of a paste refused as too large, until the hosts change
  inflight: false,
  watch: null,      // the order being watched after a post (watch.js)
  resourceful: false, // the page's resourceful while the revision hides it
};

// ---------- reading the form (read.js; the package judges what is read) ----------

const isCurrent = () => state.revision === "current";

/**
 * execute_param as the form gives it, in the revision's shape. The page: resourceful and
 * param_order (the row's place). Current: neither (both deprecated, not sent), and a
 * param_refer on each row that names a parameter-store entry.
 */
function readParam() {
  const param = isCurrent() ? {} : { resourceful: $("f-resourceful").checked };
  Object.assign(param, {
    timeout: readNumber($("f-timeout").value),
    success_rate: readNumber($("f-rate").value),
    execute_user: $("f-user").value,
  });
  if (state.params.length) {
    param.script_params = state.params.map((p, i) => {
      if (!isCurrent()) return { param_name: p.name, param_value: p.value, param_order: i + 1 };
      const entry = { param_name: p.name, param_value: p.value };
      const id = p.param_id ?? "";
      const version = p.param_version ?? "";
      if (id !== "" || version !== "") {
        entry.param_refer = { refer_type: "PARAM_STORE", param_id: id };
        if (version !== "") entry.param_refer.param_version = version;
      }
      return entry;
    });
  }
  return param;
}

function readHosts() {
  if (state.hostsMode === "rows") return { hosts: rowsToHosts(state.hostRows, state.revision), lines: null };
  return state.refusedPaste ? { tooLarge: state.refusedPaste } : readPasted($("f-hosts").value);
}

/** The last pasted text and what was read from it: a keystroke elsewhere reads nothing again. */
let pasted = { text: null, revision: null, read: null };

/**
 * Pasted hosts, read once per text. Text larger than a whole request may be
 * (limits().max_body_bytes) is not read at all: no body could carry it, and reading
 * megabytes on every keystroke would freeze the page.
 */
function readPasted(text) {
  if (pasted.text === text && pasted.revision === state.revision) return pasted.read;
  const size = tooLarge(text);
  const read = size ? { tooLarge: size } : readHostsText(text, syntaxAt, state.revision);
  pasted = { text, revision: state.revision, read };
  return read;
}

/** The size of a text no request could carry (over limits().max_body_bytes), else null. */
function tooLarge(text) {
  const max = state.limits.max_body_bytes;
  const size = measureText(text);
  return size.bytes > max ? { ...size, max_body_bytes: max } : null;
}

/**
 * A paste that would make the hosts text too large is refused before it reaches the
 * field: the browser would spend seconds laying out megabytes of text on every change.
 * The refusal stays shown until the field changes.
 */
function onHostsPaste(event) {
  if (!state.pkg) return;
  const area = event.target;
  const added = event.clipboardData?.getData("text/plain") ?? "";
  const text = area.value.slice(0, area.selectionStart) + added + area.value.slice(area.selectionEnd);
  const size = tooLarge(text);
  if (!size) return;
  event.preventDefault();
  state.refusedPaste = size;
  evaluate();
}

/** Where pasted JSON breaks, as the package's own parser says: {line, column}. */
function syntaxAt(text) {
  const syntax = state.pkg.validate(text, { revision: state.revision }).issues.find((i) => i.code === "syntax");
  return syntax?.params ?? { line: "?", column: "?" };
}

function readPlan() {
  const plan = { pause: $("f-pause").value };
  const sizes = $("f-sizes").value.split(/[\s,]+/).filter(Boolean).map(readNumber);
  if (sizes.length) plan.sizes = sizes;
  if ($("f-group").value) plan.group_by = $("f-group").value;
  return plan;
}

// ---------- asking the package ----------

const ORDER = ["/options", "/script_uuid", "/endpoint", "/project_id", "/script_source", "/execute_param", "/hosts", "/plan",
  "/execute_batches"];
const rank = (path) => {
  const i = ORDER.findIndex((p) => path === p || path.startsWith(`${p}/`));
  return i < 0 ? ORDER.length : i;
};

/** build_request's options: the endpoint, the token, and the revision's own (x-project-id). */
function requestOptions() {
  const { locale, revision } = state;
  const endpoint = $("f-endpoint").value.trim();
  const options = {
    endpoint: endpoint === "" ? undefined : endpoint,
    token: $("f-token").value || undefined,
    locale,
    revision,
    script_source: $("f-public").checked ? "public" : "custom",
  };
  const project = $("f-project").value;
  if (isCurrent() && project !== "") options.project_id = project;
  return options;
}

function evaluate() {
  const { pkg, locale, revision } = state;
  const read = readHosts();
  const plan = readPlan();
  let built = { execute_batches: [], issues: [] };
  if (read.syntax) {
    const message = t(locale, "hosts_json_syntax", read.syntax);
    built.issues.push({ path: "/hosts", code: "syntax", severity: "error", message, params: read.syntax });
  } else if (read.tooLarge) {
    const n = (v) => v.toLocaleString(locale);
    const { bytes, lines, max_body_bytes } = read.tooLarge;
    const message = t(locale, "hosts_too_large", { bytes: n(bytes), lines: n(lines), max_body_bytes: n(max_body_bytes) });
    built.issues.push({ path: "/hosts", code: "too_large", severity: "error", message, params: read.tooLarge });
  } else {
    built = buildBatches(read, plan, locale);
  }
  // When build_batches refuses, the body has no batches; its issues say why, so the
  // body's own complaint about the empty list would only repeat them.
  const refused = built.issues.some((i) => i.severity === "error");
  const body = { execute_param: readParam(), execute_batches: built.execute_batches };
  const result = pkg.build_request($("f-script-uuid").value, body, requestOptions());
  const issues = [...result.issues.filter((i) => !(refused && i.path.startsWith("/execute_batches"))), ...built.issues]
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => rank(a.issue.path) - rank(b.issue.path) || a.i - b.i)
    .map(({ issue }) => issue);
  state.view = { issues, read, plan, body, batches: built.execute_batches, request: result.valid ? result.request : null };
  render();
}

/** build_batches, asked again only when the hosts read, the plan, the locale or the revision changed. */
let batches = { read: null, key: null, built: null };
function buildBatches(read, plan, locale) {
  const key = JSON.stringify([plan, locale, state.revision]);
  if (batches.read === read && batches.key === key) return batches.built;
  const built = state.pkg.build_batches(read.hosts, plan, { locale, revision: state.revision });
  batches = { read, key, built };
  return built;
}

// ---------- showing issues where they belong ----------

const visible = (el) => !el.closest("[hidden]");

function indexBy(attr) {
  const map = new Map();
  for (const el of form.querySelectorAll(`[${attr}]`)) {
    const key = el.getAttribute(attr);
    if (!map.has(key) && visible(el)) map.set(key, el);
  }
  return map;
}

/** Where an issue is shown: the control at its path, or the nearest enclosing one. */
function place(path, controls) {
  const host = /^\/hosts\/(\d+)(?:\/|$)/.exec(path);
  if (host && state.hostsMode === "paste") {
    const k = Number(host[1]);
    const lines = state.view.read.lines;
    return lines
      ? { path: "/hosts", prefix: t(state.locale, "line_n", { n: lines[k] }), line: lines[k] }
      : { path: "/hosts", prefix: t(state.locale, "host_n", { n: k + 1 }) };
  }
  // A param_refer as a whole (or its fixed refer_type) is shown at its param_id.
  const refer = /^(\/execute_param\/script_params\/\d+\/param_refer)(?:\/refer_type)?$/.exec(path);
  if (refer && controls.has(`${refer[1]}/param_id`)) return { path: `${refer[1]}/param_id`, prefix: "" };
  const size = /^\/plan\/sizes\/(\d+)/.exec(path);
  if (size) return { path: "/plan/sizes", prefix: t(state.locale, "entry_n", { n: Number(size[1]) + 1 }) };
  // The batches are the plan's output: their issues belong to the plan.
  let p = path.startsWith("/execute_batches") ? "/plan" : path;
  while (p) {
    if (controls.has(p)) return { path: p, prefix: "" };
    p = p.slice(0, p.lastIndexOf("/"));
  }
  return { path: null, prefix: "" };
}

function labelOf(control) {
  if (!control) return "";
  if (control.tagName === "FIELDSET") return control.querySelector("legend")?.textContent ?? "";
  return control.labels?.[0]?.textContent ?? control.getAttribute("aria-label") ?? "";
}

function focusAt(at) {
  const control = indexBy("name").get(at.path);
  if (!control) return;
  const target = control.tagName === "FIELDSET"
    ? control.querySelector("input:not([disabled]), select, textarea, button:not([disabled])") ?? control
    : control;
  target.focus();
  target.scrollIntoView({ block: "center", behavior: "smooth" });
  if (at.line && target.tagName === "TEXTAREA") {
    const lines = target.value.split("\n");
    const start = lines.slice(0, at.line - 1).reduce((n, l) => n + l.length + 1, 0);
    target.setSelectionRange(start, start + (lines[at.line - 1] ?? "").length);
  }
}

function renderIssues() {
  const { locale, view } = state;
  const controls = indexBy("name");
  const slots = indexBy("data-path");
  for (const slot of form.querySelectorAll("[data-path]")) slot.replaceChildren();
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const summary = [];
  for (const issue of view.issues) {
    const at = place(issue.path, controls);
    const sev = t(locale, issue.severity);
    const text = at.prefix ? `${at.prefix} · ${issue.message}` : issue.message;
    const slot = at.path && slots.get(at.path);
    if (slot) slot.append(h("p", { class: `msg ${issue.severity}` }, h("span", { class: "sev" }, sev), text));
    if (issue.severity === "error" && at.path) controls.get(at.path)?.setAttribute("aria-invalid", "true");
    const where = [labelOf(controls.get(at.path)), at.prefix].filter(Boolean).join(" · ");
    const link = h("button", { type: "button", class: "issue-link", disabled: !at.path },
      h("span", { class: "sev" }, sev), where ? h("span", { class: "where" }, where) : null,
      h("span", { class: "text" }, issue.message));
    link.addEventListener("click", () => focusAt(at));
    summary.push(h("li", { class: issue.severity }, link));
  }
  $("summary").replaceChildren(...summary);
  const errors = view.issues.filter((i) => i.severity === "error").length;
  const warnings = view.issues.length - errors;
  const stateEl = $("state");
  stateEl.className = `state ${errors ? "blocked" : warnings ? "ready warn" : "ready"}`;
  stateEl.textContent = errors ? t(locale, "not_ready", { errors, warnings })
    : warnings ? t(locale, "ready_warnings", { warnings }) : t(locale, "ready");
}

// ---------- the rest of the page ----------

function renderPicture() {
  const { locale, limits, view } = state;
  const batches = view.batches;
  const hosts = batches.length ? batches.reduce((n, b) => n + b.target_instances.length, 0)
    : Array.isArray(view.read.hosts) ? view.read.hosts.length : 0;
  $("totals").textContent = t(locale, "totals", { ...limits, hosts, batches: batches.length });
  $("batches").replaceChildren(...batchColumns(locale, batches, view.plan.group_by, state.revision));
  $("batches-empty").hidden = batches.length > 0;
  $("params-count").textContent = `${state.params.length} / ${limits.max_script_params}`;
}

function renderPreviews() {
  const { locale, view } = state;
  const exact = Boolean(view.request);
  const body = exact ? view.request.body : JSON.stringify(view.body);
  $("body-text").textContent = body;
  const bytes = (n) => n.toLocaleString(locale);
  $("body-size").textContent = t(locale, "body_size",
    { bytes: bytes(new TextEncoder().encode(body).length), max_body_bytes: bytes(state.limits.max_body_bytes) });
  $("body-badge").textContent = t(locale, exact ? "body_exact" : "body_draft");
  $("body-badge").className = exact ? "badge ok" : "badge draft";
  $("curl-text").textContent = exact ? curlCommand(view.request) : t(locale, "curl_none");
  $("curl-text").classList.toggle("muted", !exact);
  form.querySelector('[data-copy="curl-text"]').disabled = !exact;
}

function renderOutcome() {
  const box = $("outcome");
  const posted = state.posted;
  box.hidden = !posted;
  if (!posted) return;
  const kind = posted.error !== undefined ? "network" : posted.outcome.ok ? "ok" : posted.outcome.kind;
  box.className = `outcome ${kind}`;
  box.replaceChildren(...outcomeView(state.locale, state.limits, posted));
}

function render() {
  renderIssues();
  renderPicture();
  renderPreviews();
  renderOutcome();
  const post = $("post");
  post.disabled = !state.view.request || state.inflight;
  post.textContent = t(state.locale, state.inflight ? "posting" : "post");
  post.setAttribute("aria-busy", String(state.inflight));
}

function renderParamRows(focus) {
  const rows = state.params.map((p, i) => paramRow(state.locale, p, i, state.params.length, { refer: isCurrent() }));
  $("param-rows").replaceChildren(...rows);
  $("params-empty").hidden = rows.length > 0;
  if (focus) form.querySelector(focus)?.focus();
}

function renderHostRows(focus) {
  $("host-head").replaceChildren(...hostHead(state.locale, state.revision));
  $("host-rows").replaceChildren(...state.hostRows.map((r, i) => hostRow(state.locale, r, i, state.revision)));
  $("hosts-empty").hidden = state.hostRows.length > 0;
  if (focus) form.querySelector(focus)?.focus();
}

function applyLabels() {
  const { locale, limits, revision } = state;
  const say = (key) => label(locale, revision, key, limits ?? {});
  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = say(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-aria-label]")) el.setAttribute("aria-label", say(el.dataset.i18nAriaLabel));
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.setAttribute("placeholder", say(el.dataset.i18nPlaceholder));
  $("subtitle").textContent = say($("f-public").checked ? "subtitle_public" : "subtitle");
  // The header's bound, when the package names it (limits().project_id_header_max).
  if (limits && limits.project_id_header_max == null) $("h-project").textContent = say("hint_project_id_plain");
  for (const b of document.querySelectorAll("[data-locale]")) b.setAttribute("aria-pressed", String(b.dataset.locale === locale));
  document.title = `COC · ${t(locale, "title")}`;
}

// ---------- the revision ----------

/**
 * Shows the controls the revision has: the project id (current), resourceful (the page;
 * deprecated under current, so disabled and said why), the group-by choices that name a
 * host field of the revision.
 */
function applyRevision() {
  const current = isCurrent();
  for (const radio of form.querySelectorAll('input[name="revision"]')) radio.checked = radio.value === state.revision;
  document.body.dataset.revision = state.revision;
  $("project-field").hidden = !current;
  // resourceful is deprecated under current: not sent, so not shown as set; kept for the page.
  const box = $("f-resourceful");
  if (current && !box.disabled) [state.resourceful, box.checked] = [box.checked, false];
  if (!current && box.disabled) box.checked = state.resourceful ?? false;
  box.disabled = current;
  const group = $("f-group");
  const fields = hostFormat(state.revision).columns;
  for (const option of group.options) option.hidden = option.disabled = option.value !== "" && !fields.includes(option.value);
  if (group.selectedOptions[0]?.disabled) group.value = "";
}

/**
 * Switches the revision: keeps the choice, re-reads limits(revision), and rewrites host
 * lines (or rows) in the new revision's columns, so each value stays in its field. Going
 * straight back, with the hosts untouched, restores them as they were.
 */
function setRevision(revision) {
  if (!REVISIONS.includes(revision) || revision === state.revision) return;
  const from = state.revision;
  const undo = state.revisionUndo;
  const area = $("f-hosts");
  const back = undo && undo.from === revision && undo.to === from;
  if (state.hostsMode === "paste" && !state.refusedPaste) {
    const before = area.value;
    area.value = back && undo.after === before ? undo.before : convertHostsText(before, from, revision);
    state.revisionUndo = { from, to: revision, before, after: area.value };
  } else if (state.hostsMode === "rows") {
    const before = JSON.stringify(state.hostRows);
    state.hostRows = back && undo.after === before ? JSON.parse(undo.before) : hostsToRows(state.hostRows, revision);
    state.revisionUndo = { from, to: revision, before, after: JSON.stringify(state.hostRows) };
  }
  state.revision = revision;
  storeRevision(revision);
  if (state.pkg) state.limits = state.pkg.limits(revision);
  applyRevision();
  applyLabels();
  renderParamRows();
  if (state.hostsMode === "rows") renderHostRows();
  if (state.pkg) evaluate();
}

// ---------- hosts: paste or rows ----------

function setHostsMode(mode) {
  if (mode === "rows") {
    const read = readHosts();
    if (read.syntax || read.tooLarge) {
      // Nothing to turn into rows: stay on the text, where its issue is shown.
      $("mode-paste").checked = true;
      $("f-hosts").focus();
      return;
    }
    state.hostRows = hostsToRows(read.hosts, state.revision);
    renderHostRows();
  } else {
    $("f-hosts").value = rowsToText(state.hostRows, state.revision);
  }
  state.hostsMode = mode;
  $("hosts-paste").hidden = mode !== "paste";
  $("hosts-rows").hidden = mode !== "rows";
  evaluate();
}

// ---------- posting ----------

async function post() {
  const request = state.view?.request;
  if (!request || state.inflight) return;
  state.inflight = true;
  render();
  const time = new Date().toLocaleTimeString(state.locale);
  try {
    const response = await fetch(request.url, {
      method: request.method, headers: request.headers, body: request.body,
      cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer",
    });
    const text = await response.text();
    // The headers (fetch's Headers) give the outcome its request_id (X-Request-Id).
    state.posted = { outcome: state.pkg.parse_response(response.status, text, response.headers), time, url: request.url };
    if (state.posted.outcome.ok) watchOrder(state.posted.outcome.execute_uuid);
  } catch (err) {
    state.posted = { error: String(err?.message ?? err), time, url: request.url };
  }
  state.inflight = false;
  render();
}

/** Watches the order a post started, on the same endpoint, with the same token. */
function watchOrder(uuid) {
  state.watch ??= new Watch({
    pkg: state.pkg,
    options: () => {
      const { endpoint, token, locale, project_id } = requestOptions();
      return { endpoint, token, locale, project_id };
    },
    locale: () => state.locale,
    box: $("watch"),
  });
  $("watch-card").hidden = false;
  state.watch.start(uuid);
}

// ---------- wiring ----------

/** Which part of a parameter row an input holds. */
const PARAM_KEYS = {
  param_name: "name", param_value: "value", "param_refer/param_id": "param_id", "param_refer/param_version": "param_version",
};

function onInput(event) {
  const el = event.target;
  if (el.dataset.kind === "param") state.params[Number(el.dataset.i)][PARAM_KEYS[el.dataset.field]] = el.value;
  if (el.dataset.kind === "host") state.hostRows[Number(el.dataset.i)][el.dataset.field] = el.value;
  if (el.name === "hosts-mode" || el.name === "revision") return;
  if (el.id === "f-public") applyLabels();
  if (el.id === "f-hosts") state.refusedPaste = null;
  if (state.pkg) evaluate();
}

function onClick(event) {
  const button = event.target.closest("button");
  if (!button) return;
  const i = Number(button.dataset.i);
  const ps = state.params;
  switch (button.dataset.act ?? button.id) {
    case "add-param":
      ps.push({ name: "", value: "", param_id: "", param_version: "" });
      renderParamRows(`[name="/execute_param/script_params/${ps.length - 1}/param_name"]`);
      break;
    case "param-up":
    case "param-down": {
      const j = button.dataset.act === "param-up" ? i - 1 : i + 1;
      [ps[i], ps[j]] = [ps[j], ps[i]];
      const act = j === 0 ? "param-down" : j === ps.length - 1 ? "param-up" : button.dataset.act;
      renderParamRows(`[data-act="${act}"][data-i="${j}"]`);
      break;
    }
    case "param-remove":
      ps.splice(i, 1);
      renderParamRows(ps.length ? `[data-act="param-remove"][data-i="${Math.min(i, ps.length - 1)}"]` : "#add-param");
      break;
    case "add-host":
      state.hostRows.push(hostsToRows([{}], state.revision)[0]);
      renderHostRows(`[name="/hosts/${state.hostRows.length - 1}/resource_id"]`);
      break;
    case "host-remove":
      state.hostRows.splice(i, 1);
      renderHostRows(state.hostRows.length ? `[data-act="host-remove"][data-i="${Math.min(i, state.hostRows.length - 1)}"]` : "#add-host");
      break;
    default:
      if (button.dataset.copy) copy(button);
      return;
  }
  evaluate();
}

async function copy(button) {
  const source = $(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(source.textContent);
    button.textContent = t(state.locale, "copied");
    setTimeout(() => { button.textContent = t(state.locale, "copy"); }, 1500);
  } catch {
    // No clipboard permission: select the text so Ctrl+C copies it.
    getSelection().selectAllChildren(source);
  }
}

function setLocale(locale) {
  state.locale = locale;
  applyLabels();
  state.watch?.render();
  renderParamRows();
  if (state.hostsMode === "rows") renderHostRows();
  if (state.pkg) evaluate();
}

async function start() {
  applyRevision();
  applyLabels();
  for (const b of document.querySelectorAll("[data-locale]")) b.addEventListener("click", () => setLocale(b.dataset.locale));
  form.addEventListener("change", (e) => {
    if (e.target.name === "revision") setRevision(e.target.value);
    else if (e.target.name === "hosts-mode" && state.pkg) setHostsMode(e.target.value);
  });
  try {
    // The module's bytes are fetched alongside its glue, not after it (one round trip
    // less before the first check; the wasm is most of what there is to load).
    const wasm = fetch(new URL("../pkg/coc_script_exec_bg.wasm", import.meta.url));
    const pkg = await import("../pkg/coc_script_exec.js");
    await pkg.default({ module_or_path: wasm });
    state.pkg = pkg;
    state.limits = pkg.limits(state.revision);
  } catch (err) {
    $("state").textContent = t(state.locale, "load_failed", { error: String(err?.message ?? err) });
    $("state").className = "state blocked";
    return;
  }
  $("state").removeAttribute("data-i18n");
  $("f-user").value = state.limits.execute_user_root;
  $("f-rate").value = String(state.limits.success_rate_max);
  if (location.protocol === "http:" || location.protocol === "https:") $("f-endpoint").value = location.origin;
  form.addEventListener("input", onInput);
  form.addEventListener("click", onClick);
  $("f-hosts").addEventListener("paste", onHostsPaste);
  form.addEventListener("submit", (e) => e.preventDefault());
  $("post").addEventListener("click", post);
  applyLabels();
  renderParamRows();
  if (state.hostsMode === "rows") renderHostRows();
  evaluate();
}

start();
