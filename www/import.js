// Importing a request body into the form: what a body says, as the form's own fields
// (the same snapshot a draft keeps). No judgement here: the form, once filled, is asked
// of the package like any other, and the body's own issues are the package's (validate),
// each given the path of the field the form shows it at. What the form cannot say (a
// pause pattern it has no choice for) is returned as a note.

import { hostFormat, hostsToRows, rowsToText } from "./read.js";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Hosts as the hosts box shows them: the revision's lines when they survive as lines, else JSON as given. */
export function hostsText(hosts, revision) {
  const { columns } = hostFormat(revision);
  const plain = hosts.every((host) => isObject(host) && Object.entries(host).every(([k, v]) => columns.includes(k) && typeof v === "string"));
  return plain ? rowsToText(hostsToRows(hosts, revision), revision) : JSON.stringify(hosts, null, 2);
}

/** A value as the form's text field shows it: "" for absent, text as typed, else JSON. */
const asText = (v) => (v == null ? "" : typeof v === "string" ? v : JSON.stringify(v));

/**
 * The form fields a parsed body gives: `{fields, notes, hosts, batches, sizes}`, or null when
 * it is not an object. `hostsText(hosts)` writes the hosts as the hosts box shows them.
 */
export function fieldsFromBody(body, hostsText) {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const param = body.execute_param && typeof body.execute_param === "object" ? body.execute_param : {};
  const batches = Array.isArray(body.execute_batches) ? body.execute_batches : [];
  const hosts = batches.flatMap((b) => (b && Array.isArray(b.target_instances) ? b.target_instances : []));
  const params = Array.isArray(param.script_params) ? param.script_params : [];
  // The plan that rebuilds these batches: their sizes as given, and their pauses.
  const sizes = batches.map((b) => (b && Array.isArray(b.target_instances) ? b.target_instances.length : 0));
  const paused = batches.map((b, i) => (b?.rotation_strategy === "PAUSE" ? i + 1 : 0)).filter(Boolean);
  const pause = paused.length === 0 ? "none"
    : paused.length === batches.length && batches.length > 1 ? "every"
    : paused.length === 1 && paused[0] === 1 ? "first" : null;
  const fields = {
    execute_user: asText(param.execute_user),
    timeout: asText(param.timeout),
    success_rate: asText(param.success_rate),
    resourceful: param.resourceful === true,
    params: params.map((p) => ({
      name: asText(p?.param_name), value: asText(p?.param_value),
      param_id: asText(p?.param_refer?.param_id), param_version: asText(p?.param_refer?.param_version),
    })),
    hostsMode: "paste",
    hosts: hostsText(hosts),
    sizes: sizes.join(", "),
    group_by: "",
    canary: false,
    pause: pause ?? (paused.length === batches.length ? "every" : "first"),
  };
  return { fields, notes: pause === null ? [{ key: "import_pauses", values: { list: paused.join(", ") } }] : [],
    hosts: hosts.length, batches: batches.length, sizes };
}

/** A body issue's path as the form holds it: a host of batch i, place j is host k of the hosts box. */
function hostPath(path, sizes) {
  const m = /^\/execute_batches\/(\d+)\/target_instances\/(\d+)(\/.*)?$/.exec(path);
  if (!m) return path;
  const k = sizes.slice(0, Number(m[1])).reduce((n, size) => n + size, 0) + Number(m[2]);
  return `/hosts/${k}${m[3] ?? ""}`;
}

/**
 * Reads a body to import: `source` is its text, or `{bytes}` for a file too large to read
 * (over `max_body_bytes`, so never read). Returns `{fields?, note}`: the form's fields when
 * it is a body; `note.lines` as `{key, values}` of the page's strings; `note.issues` the
 * package's report on the text; `note.pathInForm(path)` where the form shows an issue.
 */
export function readImport(pkg, source, { locale, revision, max_body_bytes }) {
  const asIs = (path) => path;
  const n = (v) => v.toLocaleString(locale);
  if (typeof source !== "string") {
    const values = { bytes: n(source.bytes), max_body_bytes: n(max_body_bytes) };
    return { note: { lines: [{ key: "import_too_large", values }], issues: [], pathInForm: asIs } };
  }
  if (source.trim() === "") return { note: { lines: [{ key: "import_empty" }], issues: [], pathInForm: asIs } };
  const { issues } = pkg.validate(source, { locale, revision });
  let body;
  try {
    body = JSON.parse(source);
  } catch {
    return { note: { lines: [], issues, pathInForm: asIs } }; // the package's syntax issue says where
  }
  const got = fieldsFromBody(body, (hosts) => hostsText(hosts, revision));
  if (!got) return { note: { lines: [{ key: "import_not_object" }], issues, pathInForm: asIs } };
  const done = { key: "import_done", values: { hosts: got.hosts, batches: got.batches, params: got.fields.params.length } };
  return { fields: got.fields, note: { lines: [done, ...got.notes], issues, pathInForm: (path) => hostPath(path, got.sizes) } };
}
