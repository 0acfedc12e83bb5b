// The console: reads the form into a body, asks the package what is wrong with it, shows
// each issue at its control, and posts the request the package built. It holds no rule:
// numbers come from limits(revision), judgements from validate/build_batches/build_request
// (each told the revision), and the meaning of an answer from parse_response.

import { Draft } from "./draft.js";
import { readForm, writeForm } from "./form.js";
import { readImport } from "./import.js";
import { drawGutter, followScroll } from "./lines.js";
import { indexBy, issueLink, lineOf, place } from "./place.js";
import { label, t } from "./strings.js";
import {
  REVISIONS, convertHostsText, hostFormat, hostsToRows, learnFormats, measureText, readNumber, rowsToHosts, rowsToText,
} from "./read.js";
import { batchColumns, confirmText, curlCommand, h, hostHead, hostRow, outcomeView, paramRow } from "./ui.js";
import { Watch } from "./watch.js";

const $ = (id) => document.getElementById(id);
const form = $("console");

/** Where the chosen revision is kept (the form itself is kept by draft.js; never the token). */
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
  confirming: false, // the confirmation step is shown, for the request of view.key
  watch: null,      // the order being watched after a post (watch.js)
  resourceful: false, // the page's resourceful while the revision hides it
  defaultEndpoint: null, // the package's own endpoint, as its requests name it
  importNote: null, // what the last import said: {key, values} lines
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
let pasted = { text: null, key: null, read: null };

/**
 * Pasted hosts, read by the package (read_hosts: CSV with a header, the line format or
 * JSON), once per text. Text larger than a whole request may be (limits().max_body_bytes)
 * is not read at all: no body could carry it, and reading megabytes on every keystroke
 * would freeze the page.
 */
function readPasted(text) {
  const key = `${state.revision}|${state.locale}`;
  if (pasted.text === text && pasted.key === key) return pasted.read;
  const size = tooLarge(text);
  const read = size ? { tooLarge: size } : state.pkg.read_hosts(text, { locale: state.locale, revision: state.revision });
  pasted = { text, key, read };
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

function readPlan() {
  const plan = { pause: $("f-pause").value };
  const sizes = $("f-sizes").value.split(/[\s,]+/).filter(Boolean).map(readNumber);
  if (sizes.length) plan.sizes = sizes;
  if ($("f-group").value) plan.group_by = $("f-group").value;
  if ($("f-canary").checked) plan.canary = "per_group";
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

const isError = (i) => i.severity === "error";

function evaluate() {
  const { pkg, locale } = state;
  const read = readHosts();
  const plan = readPlan();
  let built = { execute_batches: [], issues: [] };
  let readIssues = [];
  if (read.tooLarge) {
    const n = (v) => v.toLocaleString(locale);
    const { bytes, lines, max_body_bytes } = read.tooLarge;
    const message = t(locale, "hosts_too_large", { bytes: n(bytes), lines: n(lines), max_body_bytes: n(max_body_bytes) });
    readIssues = [{ path: "/hosts", code: "too_large", severity: "error", message, params: read.tooLarge }];
  } else {
    readIssues = read.issues ?? [];
    built = buildBatches(read, plan, locale);
  }
  // A host list the package could not read whole, or hosts build_batches refuses: the
  // body has no batches (a line left out must never go unnoticed); their issues say why,
  // so the body's own complaint about the empty list would only repeat them.
  const refused = readIssues.some(isError) || built.issues.some(isError);
  const batches = refused ? [] : built.execute_batches;
  const body = { execute_param: readParam(), execute_batches: batches };
  const result = pkg.build_request($("f-script-uuid").value, body, requestOptions());
  const issues = [...result.issues.filter((i) => !(refused && i.path.startsWith("/execute_batches"))), ...readIssues, ...built.issues]
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => rank(a.issue.path) - rank(b.issue.path) || a.i - b.i)
    .map(({ issue }) => issue);
  const request = result.valid ? result.request : null;
  const key = request ? requestKey(request) : null;
  // An edited form clears the old result, and the confirmation asked for another request.
  if (state.posted && !state.inflight && state.posted.key !== key) state.posted = null;
  if (state.confirming && state.confirming !== key) state.confirming = false;
  const partial = refused ? partialPicture(read, plan, [...readIssues, ...built.issues]) : null;
  state.view = { issues, read, plan, body, batches, partial, request, key };
  render();
  draft?.schedule();
}

/** What makes two requests the same run: where it goes, what it carries, who asks (not its language). */
function requestKey(request) {
  const headers = Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== "x-language");
  return JSON.stringify([request.method, request.url, headers, request.body]);
}

/**
 * The rollout of the hosts that are fine, while others are refused (finding 8: one bad
 * line must not hide the whole picture): build_batches asked again without the hosts
 * the package named in an error. Only drawn, never posted. Null when nothing is left out
 * by host, or the rest is refused too.
 */
function partialPicture(read, plan, issues) {
  if (!Array.isArray(read.hosts) || read.hosts.length === 0) return null;
  const bad = new Map(); // host index -> line
  const badLines = new Set();
  for (const issue of issues.filter(isError)) {
    const m = /^\/hosts\/(\d+)(?:\/|$)/.exec(issue.path);
    if (!m) continue;
    const k = Number(m[1]);
    const line = lineOf(issue, read);
    if (line != null) badLines.add(line);
    if (k < read.hosts.length) bad.set(k, line);
  }
  if (badLines.size === 0) return null;
  const good = read.hosts.filter((_, k) => !bad.has(k));
  if (good.length === 0) return null;
  const built = state.pkg.build_batches(good, plan, { locale: state.locale, revision: state.revision });
  if (built.issues.some(isError)) return null;
  return { batches: built.execute_batches, lines: [...badLines].sort((a, b) => a - b) };
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

/** What place() needs to know of the page now. */
const placing = () => ({ hostsMode: state.hostsMode, read: state.view.read, locale: state.locale });

function renderIssues() {
  const { locale, view } = state;
  const controls = indexBy(form, "name");
  const slots = indexBy(form, "data-path");
  for (const slot of form.querySelectorAll("[data-path]")) slot.replaceChildren();
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const summary = [];
  for (const issue of view.issues) {
    const at = place(issue, controls, placing());
    const sev = t(locale, issue.severity);
    const text = at.prefix ? `${at.prefix} · ${issue.message}` : issue.message;
    const slot = at.path && slots.get(at.path);
    if (slot) slot.append(h("p", { class: `msg ${issue.severity}` }, h("span", { class: "sev" }, sev), text));
    if (issue.severity === "error" && at.path) controls.get(at.path)?.setAttribute("aria-invalid", "true");
    summary.push(issueLink(form, locale, issue, at, controls));
  }
  $("summary").replaceChildren(...summary);
  const errors = view.issues.filter((i) => i.severity === "error").length;
  const warnings = view.issues.length - errors;
  // Without a token the API answers 401 (finding 9): checked, but not "ready to post".
  const noToken = !errors && $("f-token").value === "";
  const stateEl = $("state");
  stateEl.className = `state ${errors ? "blocked" : warnings || noToken ? "ready warn" : "ready"}`;
  stateEl.textContent = errors ? t(locale, "not_ready", { errors, warnings })
    : noToken ? t(locale, warnings ? "no_token_warnings" : "no_token", { warnings })
    : warnings ? t(locale, "ready_warnings", { warnings }) : t(locale, "ready");
  renderGutter();
}

/** The hosts box's line numbers, each line an error or warning names marked. */
function renderGutter() {
  const gutter = $("hosts-gutter");
  const { read, issues } = state.view;
  if (state.hostsMode !== "paste" || read.tooLarge) return drawGutter(gutter, 0, new Map());
  const marks = new Map();
  for (const issue of issues) {
    const line = /^\/hosts(?:\/|$)/.test(issue.path) ? lineOf(issue, read) : null;
    if (line != null && marks.get(line) !== "error") marks.set(line, issue.severity);
  }
  return drawGutter(gutter, Math.max(1, measureText($("f-hosts").value).lines), marks);
}

// ---------- the rest of the page ----------

function renderPicture() {
  const { locale, limits, view } = state;
  const partial = view.partial;
  const batches = partial ? partial.batches : view.batches;
  const hosts = view.batches.length ? view.batches.reduce((n, b) => n + b.target_instances.length, 0)
    : Array.isArray(view.read.hosts) ? view.read.hosts.length : 0;
  $("totals").textContent = t(locale, "totals", { ...limits, hosts, batches: view.batches.length });
  $("batches").replaceChildren(...batchColumns(locale, batches, view.plan.group_by, state.revision));
  $("batches").classList.toggle("is-partial", Boolean(partial));
  $("batches-empty").hidden = batches.length > 0;
  $("partial").hidden = !partial;
  if (partial) {
    const list = partial.lines.join(", ");
    const lines = t(locale, partial.lines.length === 1 ? "lines_list" : "lines_list_many", { list });
    $("partial").textContent = t(locale, "partial", { lines });
  }
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

/** The URL's origin, or null when it has none. */
function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Is this the local stand-in? The page's own server is the stand-in (www/serve.mjs): COC
 * never serves this console, so an endpoint at the page's own origin is never COC.
 */
const isStandIn = (url) => (location.protocol === "http:" || location.protocol === "https:") && originOf(url) === location.origin;

/** The endpoint the form posts to: as typed, or the package's own default. */
const endpointNow = () => $("f-endpoint").value.trim() || state.defaultEndpoint || "";

function renderEndpoint() {
  const standIn = isStandIn(endpointNow());
  $("endpoint-standin").hidden = !standIn;
  $("h-endpoint-standin").hidden = !standIn;
  if (state.defaultEndpoint) $("f-endpoint").placeholder = state.defaultEndpoint;
}

/** Post, or the confirmation step (what will run, where), or neither while in flight. */
function renderPost() {
  const { locale, view } = state;
  const post = $("post");
  const done = Boolean(state.posted?.outcome?.ok && state.posted.key === view.key);
  post.hidden = Boolean(state.confirming);
  post.disabled = !view.request || state.inflight || done;
  post.textContent = t(locale, state.inflight ? "posting" : done ? "posted" : "post");
  post.setAttribute("aria-busy", String(state.inflight));
  const box = $("confirm-run");
  box.hidden = !state.confirming;
  if (state.confirming) {
    const revision = `${label(locale, state.revision, `revision_${state.revision}`)} (${state.revision})`;
    const endpoint = originOf(view.request.url) ?? view.request.url;
    $("confirm-text").textContent = confirmText(locale, {
      script: $("f-script-uuid").value, batches: view.batches, revision,
      endpoint: isStandIn(view.request.url) ? `${endpoint} (${t(locale, "stand_in")})` : endpoint,
    });
  }
}

function render() {
  renderIssues();
  renderPicture();
  renderPreviews();
  renderOutcome();
  renderEndpoint();
  renderPost();
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

/** A placeholder a label writes as it is: the API's own path parameter. */
const LITERAL = { script_uuid: "{script_uuid}" };

function applyLabels() {
  const { locale, limits, revision } = state;
  const values = { ...(limits ?? {}), default_endpoint: state.defaultEndpoint ?? undefined, ...LITERAL };
  const say = (key) => label(locale, revision, key, values);
  // Until the package has given its numbers, a hint that needs one says nothing (finding
  // 11: never a raw "{timeout_min}" on a slow link).
  const unfilled = (text) => /\{\w+\}/.test(text.replaceAll(LITERAL.script_uuid, ""));
  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    const text = say(el.dataset.i18n);
    el.textContent = unfilled(text) ? "" : text;
  }
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
  const format = hostFormat(state.revision);
  if (format.unknown) return; // the package has not said yet which fields a host has
  const fields = format.columns;
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
  // The columns come from the package: before it loads, the hosts stay as they are.
  if (!state.pkg) {
    state.revisionUndo = null;
  } else if (state.hostsMode === "paste" && !state.refusedPaste) {
    const before = area.value;
    area.value = back && undo.after === before ? undo.before : convertHostsText(before, from, revision, state.pkg.read_hosts);
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
    if (read.tooLarge || !Array.isArray(read.hosts) || read.issues?.some((i) => i.code === "syntax")) {
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

/** Post asks first: what will run, on how many hosts, where (finding 2). */
function askToPost() {
  const { view } = state;
  if (!view?.request || state.inflight || state.confirming) return;
  state.confirming = view.key;
  renderPost();
  $("confirm-yes").focus();
}

function cancelPost() {
  state.confirming = false;
  renderPost();
  $("post").focus();
}

/** The one POST of a confirmed request: never two at once, never again after a success. */
async function post() {
  const { request, key } = state.view ?? {};
  if (!request || state.inflight || state.confirming !== key) return;
  state.confirming = false;
  state.inflight = true;
  render();
  const time = new Date().toLocaleTimeString(state.locale);
  const standIn = isStandIn(request.url);
  try {
    const response = await fetch(request.url, {
      method: request.method, headers: request.headers, body: request.body,
      cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer",
    });
    const text = await response.text();
    // The headers (fetch's Headers) give the outcome its request_id (X-Request-Id).
    state.posted = { outcome: state.pkg.parse_response(response.status, text, response.headers), time, url: request.url, standIn };
    if (state.posted.outcome.ok) watchOrder(state.posted.outcome.execute_uuid);
  } catch (err) {
    state.posted = { error: String(err?.message ?? err), time, url: request.url, standIn };
  }
  // The result belongs to the form as it is now: the next edit clears it.
  state.inflight = false;
  state.posted.key = state.view.key;
  render();
  $("outcome").focus();
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
  if (el.id === "import-text") return;
  if (el.dataset.kind === "param") state.params[Number(el.dataset.i)][PARAM_KEYS[el.dataset.field]] = el.value;
  if (el.dataset.kind === "host") state.hostRows[Number(el.dataset.i)][el.dataset.field] = el.value;
  if (el.name === "hosts-mode" || el.name === "revision") return;
  if (el.id === "f-public") applyLabels();
  if (el.id === "f-hosts") state.refusedPaste = null;
  if (state.pkg) evaluate();
  else draft.schedule();
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
  renderImportNote(); // its lines in the new language (the issues stay as the package gave them)
}

// ---------- the draft: the form kept across reloads (draft.js), never the token ----------

/** The form as a draft keeps it (form.js): every field but the token. */
const snapshot = () => readForm(state, isCurrent());

/** Puts a snapshot's fields (a draft, an imported body, the defaults) into the form, and draws it. */
function applyFields(d) {
  writeForm(state, isCurrent(), d);
  applyRevision();
  applyLabels();
  renderParamRows();
  renderHostRows();
}

/**
 * The values the package gives the form, where the operator has typed nothing (finding
 * 11) and a restored draft (`kept`) says nothing: an endpoint left empty on purpose (the
 * package's default, COC itself) stays empty.
 */
function fillDefaults(kept = null) {
  const fill = (id, key, value) => {
    if ($(id).value === "" && typeof kept?.[key] !== "string") $(id).value = value;
  };
  fill("f-user", "execute_user", state.limits.execute_user_root);
  fill("f-rate", "success_rate", String(state.limits.success_rate_max));
  if (location.protocol === "http:" || location.protocol === "https:") fill("f-endpoint", "endpoint", location.origin);
}

/** Says under Post whether the form is kept: storage may refuse it (a private window, a quota). */
function showDraftState(ok) {
  const note = $("draft-note");
  note.dataset.i18n = ok ? "draft_note" : "draft_unsaved";
  note.classList.toggle("unsaved", !ok);
  note.textContent = t(state.locale, note.dataset.i18n);
}

const draft = new Draft(snapshot, showDraftState);
/** The form as the page opens it, before a draft is restored: what "Clear the form" brings back. */
let pristine = null;

function clearDraft() {
  applyFields(pristine);
  if (state.pkg) fillDefaults();
  state.importNote = null;
  renderImportNote();
  draft.clear(snapshot());
  if (state.pkg) evaluate();
}

// ---------- importing a body (import.js) ----------

/** Fills the form from a pasted, dropped or opened body (import.js reads it); its issues are listed at the import. */
function importBody(source) {
  const { pkg, locale, revision, limits } = state;
  if (!pkg) return;
  const got = readImport(pkg, source, { locale, revision, max_body_bytes: limits.max_body_bytes });
  if (got.fields) {
    applyFields(got.fields);
    evaluate();
  }
  state.importNote = got.note;
  renderImportNote();
}

/**
 * The body's own issues (validate of the text as imported), each with the field the form
 * shows it at (a host's by its line in the hosts box); a click goes there.
 */
function renderImportNote() {
  const box = $("m-import");
  const note = state.importNote;
  if (!note) return box.replaceChildren();
  const controls = indexBy(form, "name");
  const items = note.issues.map((issue) => {
    const at = place({ ...issue, path: note.pathInForm(issue.path) }, controls, placing());
    return issueLink(form, state.locale, issue, at, controls);
  });
  return box.replaceChildren(...note.lines.map(({ key, values }) => h("p", { class: "import-line" }, t(state.locale, key, values))),
    items.length ? h("ul", { class: "summary" }, items) : null);
}

async function importFile(file) {
  if (!file || !state.pkg) return;
  // A body is at most limits().max_body_bytes: a larger file is not read at all (readImport says so).
  const source = file.size > state.limits.max_body_bytes ? { bytes: file.size } : await file.text();
  if (typeof source === "string") $("import-text").value = source;
  importBody(source);
}

async function start() {
  pristine = snapshot();
  const kept = draft.load();
  if (kept) applyFields(kept);
  applyRevision();
  applyLabels();
  for (const b of document.querySelectorAll("[data-locale]")) b.addEventListener("click", () => setLocale(b.dataset.locale));
  form.addEventListener("change", (e) => {
    if (e.target.name === "revision") setRevision(e.target.value);
    else if (e.target.name === "hosts-mode" && state.pkg) setHostsMode(e.target.value);
  });
  // What is typed while the package loads is kept (and saved), never overwritten.
  form.addEventListener("input", onInput);
  form.addEventListener("submit", (e) => e.preventDefault());
  $("clear-draft").addEventListener("click", clearDraft);
  try {
    // The module's bytes are fetched alongside its glue, not after it (one round trip
    // less before the first check; the wasm is most of what there is to load).
    const wasm = fetch(new URL("../pkg/coc_script_exec_bg.wasm", import.meta.url));
    const pkg = await import("../pkg/coc_script_exec.js");
    await pkg.default({ module_or_path: wasm });
    state.pkg = pkg;
    state.limits = pkg.limits(state.revision);
    learnFormats(pkg);
  } catch (err) {
    $("state").textContent = t(state.locale, "load_failed", { error: String(err?.message ?? err) });
    $("state").className = "state blocked";
    return;
  }
  $("state").removeAttribute("data-i18n");
  // The package's default endpoint, as its own requests name it (it exports no constant).
  state.defaultEndpoint = originOf(state.pkg.build_order_request("SCT0", {}).request?.url ?? "");
  fillDefaults(kept);
  draft.baseline();
  form.addEventListener("click", onClick);
  $("f-hosts").addEventListener("paste", onHostsPaste);
  followScroll($("f-hosts"), $("hosts-gutter"));
  $("post").addEventListener("click", askToPost);
  $("confirm-yes").addEventListener("click", post);
  $("confirm-no").addEventListener("click", cancelPost);
  $("import-fill").addEventListener("click", () => importBody($("import-text").value));
  $("import-file").addEventListener("change", (e) => importFile(e.target.files?.[0]));
  $("import-text").addEventListener("drop", (e) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file) return; // dropped text lands in the box as typed; Fill the form reads it
    e.preventDefault();
    importFile(file);
  });
  applyRevision(); // the group-by choices of the revision's host fields, now known
  applyLabels();
  renderParamRows();
  if (state.hostsMode === "rows") renderHostRows();
  evaluate();
}

start();
