// What a developer using ajv, zod or valibot would write beside their schema to cover the
// rules of rules.md that a per-field schema cannot state: counting characters as Unicode
// scalar values, the shortest decimal form of a number, the S5 character set, and the
// cross-field rules (S3, S8, E2, E5, I6) plus the warnings (B4, P1, P2 bounds, I6).
// Plain JavaScript, shared by the three peers so each pays the same for the same rule.
//
// Every finding is `report(path, code)` with `path` an array of keys and indexes, the
// shape zod and valibot use; the peers turn it into their own issue type.

/** Characters (scalar values) of `s`, counted only when its UTF-16 length cannot decide. */
export function lengthOutside(s, min, max) {
  const units = s.length;
  // Scalar values lie in [ceil(units / 2), units].
  if (units <= max && (units + 1) >> 1 >= min) return false;
  let n = 0;
  for (let i = 0; i < units; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < units) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) i++;
    }
    n++;
  }
  return n < min || n > max;
}

/** P4: digits after the point in the shortest round-trip form of `x`. */
export function decimalPlaces(x) {
  const s = String(Math.abs(x));
  const e = s.indexOf("e");
  const mantissa = e < 0 ? s : s.slice(0, e);
  const dot = mantissa.indexOf(".");
  const frac = dot < 0 ? 0 : mantissa.length - dot - 1;
  return e < 0 ? frac : Math.max(0, frac - Number(s.slice(e + 1)));
}

/** S5: the characters a param_value may hold (the SDKs' pattern). */
const CHARSET = /[^a-zA-Z0-9_\-/. ?:",=+@\\[{\]}]/;
/** S5 */
export const badChar = (s) => CHARSET.test(s);
/** S6 */
export const hasDots = (s) => s.includes("..");

/** Whole number, as an Integer field takes it. */
const isInt = (v) => typeof v === "number" && Number.isInteger(v);
const present = (v) => v !== undefined && v !== null;
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** S8 / E5 over items whose `key` passed its range rule (1..max). */
function orders(items, key, max, base, report) {
  const first = new Array(max + 1);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isObject(item)) continue;
    const v = item[key];
    if (!isInt(v) || v < 1 || v > max) continue;
    if (first[v] === undefined) first[v] = i;
    else report([...base, i, key], "duplicate");
  }
  let rank = 0;
  for (let v = 1; v <= max; v++) {
    if (first[v] === undefined) continue;
    rank++;
    if (v !== rank) report([...base, first[v], key], "sequence");
  }
}

function unknownKeys(obj, known, base, report) {
  for (const k in obj) if (!known.includes(k)) report([...base, k], "unknown_field");
}

const PARAM_KEYS = ["resourceful", "timeout", "success_rate", "execute_user", "script_params"];
const ITEM_KEYS = ["param_name", "param_value", "param_order"];
const BATCH_KEYS = ["batch_index", "target_instances", "rotation_strategy"];
const HOST_KEYS = ["resource_id", "agent_sn", "project_id", "region_id"];

/**
 * The cross-field rules and warnings, over the raw input (which may be anything).
 * `withUnknown`: also B4 (for peers whose schema lets unknown keys through).
 */
export function crossRules(body, report, withUnknown) {
  if (!isObject(body)) return;
  if (withUnknown) unknownKeys(body, ["execute_param", "execute_batches"], [], report);
  const p = body.execute_param;
  if (isObject(p)) {
    if (!present(p.resourceful)) report(["execute_param", "resourceful"], "required"); // P1 warning
    if (p.timeout === 5 || p.timeout === 1800) report(["execute_param", "timeout"], "boundary"); // P2 warning
    if (withUnknown) unknownKeys(p, PARAM_KEYS, ["execute_param"], report);
    const items = p.script_params;
    if (Array.isArray(items)) {
      const base = ["execute_param", "script_params"];
      const names = new Map(); // S3
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (!isObject(item)) continue;
        const name = item.param_name;
        if (typeof name === "string") {
          if (names.has(name)) report([...base, i, "param_name"], "duplicate");
          else names.set(name, i);
        }
        if (withUnknown) unknownKeys(item, ITEM_KEYS, [...base, i], report);
      }
      orders(items, "param_order", 20, base, report); // S8
    }
  }
  const batches = body.execute_batches;
  if (!Array.isArray(batches)) return;
  const base = ["execute_batches"];
  let total = 0; // E2
  const seen = new Set(); // I6
  for (let j = 0; j < batches.length; j++) {
    const b = batches[j];
    if (!isObject(b)) continue;
    if (withUnknown) unknownKeys(b, BATCH_KEYS, [...base, j], report);
    const hosts = b.target_instances;
    if (!Array.isArray(hosts)) continue;
    total += hosts.length;
    for (let k = 0; k < hosts.length; k++) {
      const h = hosts[k];
      if (!isObject(h)) continue;
      const id = h.resource_id;
      if (typeof id === "string") {
        if (seen.has(id)) report([...base, j, "target_instances", k, "resource_id"], "duplicate_host");
        else seen.add(id);
      }
      if (withUnknown) unknownKeys(h, HOST_KEYS, [...base, j, "target_instances", k], report);
    }
  }
  if (total > 200) report(base, "total_hosts");
  orders(batches, "batch_index", 20, base, report); // E5
}

/** The codes that are warnings (every other one is an error). */
export function isWarning(pointer, code) {
  return (
    code === "unknown_field" ||
    code === "boundary" ||
    code === "duplicate_host" ||
    code === "truncated" ||
    (code === "required" && pointer === "/execute_param/resourceful")
  );
}
