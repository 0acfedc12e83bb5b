//! A JS value as the JSON text `JSON.stringify` makes of it: what is posted, so what is
//! judged (issue #12). `toJSON` anywhere (the root included, called with its key), boxed
//! numbers, strings and booleans, Dates, class instances, own enumerable string keys only,
//! `undefined`, functions and symbols left out of objects and `null` in arrays, `-0` as
//! `0`, `NaN` and `±Infinity` as `null`, lone surrogates escaped: all by `JSON.stringify`
//! itself, so `validate(x)` and `validate(JSON.stringify(x))` judge the same text.
//!
//! Bounded by the work done, not only by the size of what comes out. `JSON.stringify` runs
//! with a replacer that sees every member it reads (after its `toJSON`), so it can stop the
//! call: after R-SIZE's count of bytes of members read (each at least one byte, so
//! members left out count too), when the strings, keys and literals so far are more than
//! R-SIZE's bytes of text, or before an array or typed array whose length alone says so
//! (a Proxy reporting a length of 2^32 - 1 costs one trap). One pass: a getter or trap is
//! asked once, so one that answers differently the second time changes nothing. (What no
//! replacer sees: the one question per key that V8 asks a Proxy's `getOwnPropertyDescriptor`
//! trap while listing the keys its `ownKeys` trap returned; that list is the Proxy's own.)
//!
//! Where `JSON.stringify` throws (a BigInt, a cycle, a getter, trap or `toJSON` that
//! throws, a revoked Proxy), a walk of the same algorithm, under the same bounds, writes
//! `null` at each slot that threw and names its JSON Pointer, so the issue is a `type`
//! error at that field (stand_in.rs), as before; a cycle is R-SIZE's depth. Arguments that
//! are not a body (options, hosts, plans) take the walk too, where `NaN` and `±Infinity`
//! also name their slot (a `type` error, not a silent `null`) and lone surrogates are
//! U+FFFD, so the text always parses.

use js_sys::{Array, JsString};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::limits::{MAX_BODY_BYTES, MAX_DEPTH};
use crate::report::TooLarge;

#[wasm_bindgen(inline_js = r#"
const { keys } = Object;
const { apply } = Reflect;
const { isArray } = Array;
const { isView } = ArrayBuffer;
const stringify = JSON.stringify;
const tagOf = Function.prototype.call.bind(Object.prototype.toString);
const typedLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "length").get;
const toWellFormed = String.prototype.toWellFormed;
// A boxed primitive's [[...Data]] read by its own valueOf (which throws on anything else).
const UNBOX = new Map([
  ["[object Number]", Number.prototype.valueOf],
  ["[object String]", String.prototype.valueOf],
  ["[object Boolean]", Boolean.prototype.valueOf],
  ["[object BigInt]", BigInt.prototype.valueOf],
]);
// A character JSON.stringify escapes, or a surrogate (maybe lone).
const SPECIAL = /[\u0000-\u001f"\\\ud800-\udfff]/;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Keys repeat from body to body: the JSON text of short plain ones is kept, up to a bound.
const QUOTED = new Map();
const QUOTED_KEYS = 4096, QUOTED_LENGTH = 64;

// Thrown to end a call over R-SIZE; `stopped` says by how much: bytes (at least), or 0 for
// its depth. A sentinel compared by identity, as anything else thrown may be a Proxy.
const STOP = Object.freeze({});
let stopped = 0;
const LEFT_OUT = 0, HOLE = 1, WRITTEN = 2;

// The call under way. Saved and restored around each call: a getter may call validate.
let steps = 0, bytes = 0, maxSteps = 0, maxBytes = 0, maxDepth = 0, first = true;
let args = false, holes = [], path = [], out = "";

function stop(size) {
  stopped = Math.min(size, Number.MAX_SAFE_INTEGER);
  throw STOP;
}

// The replacer: one call per member JSON.stringify reads. Counts a lower bound of the text.
function guard(key, v) {
  if (++steps > maxSteps) stop(steps);
  // A member's key is in the text unless it is the root or an array index.
  const keyed = first ? ((first = false), false) : !isArray(this);
  switch (typeof v) {
    case "string": bytes += v.length + 2; break;
    case "number": bytes += 1; break;
    case "boolean": bytes += 4; break;
    case "object":
      if (v === null) bytes += 4;
      else if (isArray(v)) {
        if (++steps > maxSteps) stop(steps);
        const n = v.length;
        if (typeof n === "number" && n > 0 && bytes + 2 * n + 1 > maxBytes) stop(bytes + 2 * n + 1);
        bytes += 2;
      } else {
        if (isView(v)) typed(v);
        bytes += 1; // a boxed number may be one digit
      }
      break;
    default: return v; // left out (or a BigInt, which JSON.stringify refuses)
  }
  if (keyed) bytes += key.length + 3;
  if (bytes > maxBytes) stop(bytes);
  return v;
}

// A typed array lists one key per element: refused by its length before they are listed.
function typed(v) {
  let n = 0;
  try { n = apply(typedLength, v, []); } catch { /* a DataView: no elements */ }
  if (n > 0 && bytes + 6 * n > maxBytes) stop(bytes + 6 * n); // each at least `"0":0,`
}

// The walk, for what JSON.stringify refuses and for arguments.
function hole(depth) {
  let p = "";
  for (let d = 1; d <= depth; d++) p += "/" + String(path[d]).replaceAll("~", "~0").replaceAll("/", "~1");
  holes.push(p);
  return HOLE;
}

function quote(s) {
  if (!SPECIAL.test(s)) return '"' + s + '"';
  if (args) s = toWellFormed ? apply(toWellFormed, s, []) : s.replace(LONE, "\ufffd");
  return stringify(s);
}

function quoteKey(k) {
  let q = QUOTED.get(k);
  if (q !== undefined) return q;
  if (SPECIAL.test(k)) return quote(k);
  q = '"' + k + '"';
  if (QUOTED.size < QUOTED_KEYS && k.length <= QUOTED_LENGTH) QUOTED.set(k, q);
  return q;
}

// Writes `prefix` then holder[key], unless it is left out.
function member(holder, key, depth, prefix) {
  if (++steps > maxSteps) stop(steps);
  path[depth] = key;
  let v;
  try { v = holder[key]; } catch { return hole(depth); }
  return write(v, key, depth, prefix);
}

function write(v, key, depth, prefix) {
  let t = typeof v;
  if (t === "object" ? v !== null : t === "function" || t === "bigint") {
    let f;
    try { f = v.toJSON; } catch { return hole(depth); }
    if (typeof f === "function") {
      try { v = apply(f, v, [typeof key === "number" ? String(key) : key]); } catch { return hole(depth); }
      t = typeof v;
    }
    if (t === "object" && v !== null) {
      let tag;
      try { tag = tagOf(v); } catch { return hole(depth); }
      const unbox = UNBOX.get(tag);
      if (unbox !== undefined) {
        let data, boxed = true;
        try { data = apply(unbox, v, []); } catch { boxed = false; }
        if (boxed) {
          try {
            v = typeof data === "number" ? +v : typeof data === "string" ? `${v}` : data;
          } catch { return hole(depth); }
          t = typeof v;
        }
      }
    }
  }
  let s;
  switch (t) {
    case "string":
      if (bytes + prefix.length + v.length + 2 > maxBytes) stop(bytes + prefix.length + v.length + 2);
      s = quote(v);
      break;
    case "number":
      if (v - v !== 0 && args) return hole(depth);
      s = v - v === 0 ? "" + v : "null";
      break;
    case "boolean": s = v ? "true" : "false"; break;
    case "bigint": return hole(depth);
    case "object": {
      if (v === null) { s = "null"; break; }
      if (depth >= maxDepth) stop(0);
      let array;
      try { array = isArray(v); } catch { return hole(depth); }
      return array ? writeArray(v, depth, prefix) : writeObject(v, depth, prefix);
    }
    default: return LEFT_OUT;
  }
  add(prefix.length + s.length);
  out += prefix + s;
  return WRITTEN;
}

function add(n) {
  bytes += n;
  if (bytes > maxBytes) stop(bytes);
}

function writeArray(v, depth, prefix) {
  let n;
  try { n = +v.length; } catch { return hole(depth); }
  n = n > 0 ? Math.min(Math.floor(n), Number.MAX_SAFE_INTEGER) : 0;
  if (n > 0 && bytes + prefix.length + 2 * n + 1 > maxBytes) stop(bytes + prefix.length + 2 * n + 1);
  add(prefix.length + 2);
  out += prefix + "[";
  for (let i = 0; i < n; i++) {
    const sep = i > 0 ? "," : "";
    if (member(v, i, depth + 1, sep) !== WRITTEN) {
      add(sep.length + 4);
      out += sep + "null";
    }
  }
  out += "]";
  return WRITTEN;
}

function writeObject(v, depth, prefix) {
  if (isView(v)) typed(v);
  let names;
  try { names = keys(v); } catch { return hole(depth); }
  if (steps + names.length > maxSteps) stop(steps + names.length);
  add(prefix.length + 2);
  out += prefix + "{";
  let sep = "";
  for (let i = 0; i < names.length; i++) {
    const head = sep + quoteKey(names[i]) + ":";
    const r = member(v, names[i], depth + 1, head);
    if (r === HOLE) {
      add(head.length + 4);
      out += head + "null";
    }
    if (r !== LEFT_OUT) sep = ",";
  }
  out += "}";
  return WRITTEN;
}

function walk(v) {
  steps = 0; bytes = 0; holes = []; path = [""]; out = "";
  const r = write(v, "", 0, "");
  if (r !== WRITTEN) {
    if (r === LEFT_OUT) holes.push("");
    out = "null";
  }
  return holes.length ? [out, ...holes] : out;
}

// The JSON text of `v` (a string); or [text, pointer...] naming the slots that hold `null`
// in place of what JSON cannot say; or a number: over R-SIZE, by at least that many bytes,
// or 0 for its depth.
export function posted_text(v, max_depth, max_bytes, max_steps, as_argument) {
  const saved = [steps, bytes, maxSteps, maxBytes, maxDepth, first, args, holes, path, out];
  maxSteps = max_steps; maxBytes = max_bytes; maxDepth = max_depth; args = as_argument;
  try {
    if (!args) {
      steps = 0; bytes = 0; first = true;
      try {
        const text = stringify(v, guard);
        if (typeof text === "string") return text;
      } catch (e) {
        if (e === STOP) return stopped;
        // Refused by JSON.stringify: the walk finds the slots.
      }
    }
    return walk(v);
  } catch (e) {
    // The walk's own stack running out is depth too.
    return e === STOP ? stopped : 0;
  } finally {
    [steps, bytes, maxSteps, maxBytes, maxDepth, first, args, holes, path, out] = saved;
  }
}
"#)]
extern "C" {
    fn posted_text(v: &JsValue, max_depth: u32, max_bytes: u32, max_steps: u32, as_argument: bool) -> JsValue;
}

/// The JSON text of a JS value, and the JSON Pointers of the slots in it where `null`
/// stands for something JSON cannot say (a BigInt, a member whose reading threw, the root
/// when it is left out; and for an argument a non-finite number).
pub(super) struct Posted {
    pub(super) text: JsString,
    pub(super) holes: Vec<String>,
}

/// `js` as posted (`JSON.stringify`), or as read for an argument (`as_argument`); R-SIZE
/// when it is too large or too deep to read.
pub(super) fn posted(js: &JsValue, as_argument: bool) -> Result<Posted, TooLarge> {
    // Each member read counts at least one byte, so R-SIZE's bytes bound the members read.
    let bytes = MAX_BODY_BYTES as u32;
    let answer = posted_text(js, MAX_DEPTH as u32, bytes, bytes, as_argument);
    if let Some(text) = answer.dyn_ref::<JsString>() {
        return Ok(Posted { text: text.clone(), holes: Vec::new() });
    }
    if let Some(parts) = answer.dyn_ref::<Array>() {
        let text = parts.get(0).dyn_into::<JsString>().unwrap_or_else(|_| JsString::from("null"));
        let holes = parts.iter().skip(1).filter_map(|p| p.as_string()).collect();
        return Ok(Posted { text, holes });
    }
    match answer.as_f64() {
        Some(size) if size > 0.0 => Err(TooLarge::Bytes(size as usize)),
        _ => Err(TooLarge::Depth),
    }
}
