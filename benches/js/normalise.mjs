// One shape for every contestant's answer, so they can be checked against each other:
// a sorted list of "pointer code" strings (RFC 6901 pointers, rules.md codes) and `valid`
// (no issue whose code is an error). Runs outside the timed loop.
//
// Each library has its own vocabulary; the mapping below is the whole normalisation:
//   missing or null value where a type was wanted  -> required   (rules.md: null is missing)
//   any other type failure                          -> type
//   a bound on a string / number / array            -> length / range / count
//   zod `unrecognized_keys`, valibot `never`         -> unknown_field, one per key
//   ajv `const` (execute_user)                       -> must_be_root
//   ajv `pattern` (param_value: S5 and S6 in one)    -> charset and/or consecutive_dots,
//                                                      split by looking at the value
//   custom checks                                    -> the code they were tagged with
import { badChar, hasDots, isWarning } from "./peers/rules.mjs";

const escape = (k) => String(k).replaceAll("~", "~0").replaceAll("/", "~1");
export const pointer = (path) => path.map((k) => "/" + escape(k)).join("");

function at(body, path) {
  let v = body;
  for (const k of path) v = v === null || typeof v !== "object" ? undefined : v[k];
  return v;
}
const missing = (v) => v === undefined || v === null;
const typeOrRequired = (body, path) => (missing(at(body, path)) ? "required" : "type");

function finish(entries) {
  const set = [...new Set(entries.map(([path, code]) => `${path} ${code}`))].sort();
  const valid = !entries.some(([path, code]) => !isWarning(path, code));
  return { valid, issues: set };
}

/** Ours: a Report. `truncated` is left out (peers keep every issue; the bodies stay under 100). */
export function ours(report) {
  const entries = report.issues.filter((i) => i.code !== "truncated").map((i) => [i.path, i.code]);
  const n = finish(entries);
  return { ...n, valid: report.valid };
}

const BOUND = { number: "range", int: "range", string: "length", array: "count" };

export function zod(body, result) {
  const entries = [];
  for (const i of result.success ? [] : result.error.issues) {
    const p = i.path;
    switch (i.code) {
      case "custom":
        entries.push([pointer(p), i.params.code]);
        break;
      case "invalid_type":
        entries.push([pointer(p), typeOrRequired(body, p)]);
        break;
      case "too_small":
      case "too_big":
        entries.push([pointer(p), BOUND[i.origin] ?? i.origin]);
        break;
      case "invalid_value":
        entries.push([pointer(p), typeof at(body, p) === "string" ? "enum" : typeOrRequired(body, p)]);
        break;
      case "unrecognized_keys":
        for (const k of i.keys) entries.push([pointer([...p, k]), "unknown_field"]);
        break;
      default:
        entries.push([pointer(p), `zod:${i.code}`]);
    }
  }
  return finish(entries);
}

export function valibot(body, { result, cross }) {
  const entries = cross.map(({ path, code }) => [pointer(path), code]);
  for (const i of result.issues ?? []) {
    const p = (i.path ?? []).map((s) => s.key);
    const kind = i.type;
    if (kind === "check" || kind === "custom" || kind === "finite") {
      entries.push([pointer(p), i.message === "type" ? typeOrRequired(body, p) : i.message]);
    } else if (kind === "min_value" || kind === "max_value") {
      entries.push([pointer(p), "range"]);
    } else if (kind === "min_length" || kind === "max_length") {
      entries.push([pointer(p), "count"]);
    } else if (kind === "picklist") {
      entries.push([pointer(p), typeof at(body, p) === "string" ? "enum" : typeOrRequired(body, p)]);
    } else if (kind === "never") {
      entries.push([pointer(p), "unknown_field"]);
    } else if (["object", "object_with_rest", "string", "number", "boolean", "array"].includes(kind)) {
      entries.push([pointer(p), typeOrRequired(body, p)]);
    } else {
      entries.push([pointer(p), `valibot:${kind}`]);
    }
  }
  return finish(entries);
}

const AJV = {
  minLength: "length",
  maxLength: "length",
  minimum: "range",
  maximum: "range",
  minItems: "count",
  maxItems: "count",
  enum: "enum",
  const: "must_be_root",
};

export function ajv(body, { errors, extra }) {
  const entries = extra.map(({ path, code }) => [pointer(path), code]);
  for (const e of errors ?? []) {
    const path = e.instancePath;
    const p = path === "" ? [] : path.slice(1).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
    if (e.keyword === "required") {
      entries.push([`${path}/${escape(e.params.missingProperty)}`, "required"]);
    } else if (e.keyword === "type") {
      entries.push([path, typeOrRequired(body, p)]);
    } else if (e.keyword === "pattern") {
      const value = at(body, p);
      if (badChar(value)) entries.push([path, "charset"]);
      if (hasDots(value)) entries.push([path, "consecutive_dots"]);
    } else {
      entries.push([path, AJV[e.keyword] ?? `ajv:${e.keyword}`]);
    }
  }
  return finish(entries);
}

/** Differences between two normalised answers, as lines for a failure message. */
export function differences(name, theirs, ours) {
  const lines = [];
  if (theirs.valid !== ours.valid) lines.push(`${name}: valid ${theirs.valid}, ours ${ours.valid}`);
  const a = new Set(theirs.issues);
  const b = new Set(ours.issues);
  for (const x of b) if (!a.has(x)) lines.push(`${name}: misses ${x}`);
  for (const x of a) if (!b.has(x)) lines.push(`${name}: adds ${x}`);
  return lines;
}
