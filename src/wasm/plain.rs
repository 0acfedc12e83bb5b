//! A JS value as the JSON text `JSON.stringify` makes of it: what is posted, so what is
//! judged (issue #12). `toJSON` anywhere (the root included, called with its key), boxed
//! numbers, strings and booleans, Dates, class instances, own enumerable string keys only,
//! `undefined`, functions and symbols left out of objects and `null` in arrays, `-0` as
//! `0`, lone surrogates escaped: so `validate(x)` and `validate(JSON.stringify(x))` judge
//! the same text. One exception, by rules.md (lines 16 and 35): `NaN` and `±Infinity`,
//! which `JSON.stringify` writes as `null`, are a `type` error at their field (a named slot,
//! below), so an operator's `Number("5m")` is told it is no number, not that it is missing.
//!
//! The value is read once, by a walk that follows `JSON.stringify`'s own algorithm
//! (SerializeJSONProperty: `toJSON`, then a box's primitive, then the array or the object's
//! own enumerable string keys) into a copy of plain data, which `JSON.stringify` then
//! writes natively: no getter, trap or `toJSON` runs twice, so one that answers
//! differently when asked again changes nothing, and the text is exact by construction.
//!
//! Bounded by the work done, not only by the size of what comes out, each bound R-SIZE's
//! (`too_large`): the strings, keys and literals copied are more than R-SIZE's bytes of
//! text; an array or typed array whose length alone says so (a Proxy reporting a length of
//! 2^32 - 1 costs two traps, not 2^32); the members read come to more than R-SIZE's bytes,
//! each counting one byte and its key, and one left out of an object as much as if it were
//! `null` (so getters that leave their members out cost no more than getters that answer);
//! nesting past R-SIZE's depth (which also ends a cycle). A member written takes more bytes
//! of text than it counts, so a body whose text is within R-SIZE is stopped only when what
//! it leaves out is about as large. (What no count sees: the one question per key that V8
//! asks a Proxy while listing the keys its `ownKeys` trap returned, a list the Proxy made
//! itself.)
//!
//! Where `JSON.stringify` would throw (a BigInt, a getter, trap or `toJSON` that throws, a
//! revoked Proxy), the copy holds `null` and the slot's JSON Pointer is named, so the issue
//! is a `type` error at that field (stand_in.rs), as before; so is a non-finite number.
//! Arguments that are not a body (options, hosts, plans) are read the same way, except that
//! lone surrogates are U+FFFD, so their text always parses.

use js_sys::{Array, JsString};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::limits::{MAX_BODY_BYTES, MAX_DEPTH};
use crate::report::TooLarge;

#[wasm_bindgen(inline_js = r#"
const { keys, defineProperty } = Object;
const { apply } = Reflect;
const { isArray } = Array;
const { isView } = ArrayBuffer;
const stringify = JSON.stringify;
const tagOf = Function.prototype.call.bind(Object.prototype.toString);
const typedLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "length").get;
const toWellFormed = String.prototype.toWellFormed;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SURROGATE = /[\ud800-\udfff]/;
// A boxed primitive's [[...Data]], read by its own valueOf (which throws on anything else).
const UNBOX = new Map([
  ["[object Number]", Number.prototype.valueOf],
  ["[object String]", String.prototype.valueOf],
  ["[object Boolean]", Boolean.prototype.valueOf],
  ["[object BigInt]", BigInt.prototype.valueOf],
]);
// What a member left out of an object counts beyond its key: `"":null,` less the key.
const LEFT_OUT_READ = 7;

// Thrown to end a call over R-SIZE; `stopped` says by how much: bytes (at least), or 0 for
// its depth. A sentinel compared by identity, as anything else thrown may be a Proxy.
const STOP = Object.freeze({});
let stopped = 0;
function stop(size) {
  stopped = Math.min(size, Number.MAX_SAFE_INTEGER);
  throw STOP;
}

// The call under way (a getter may call validate again: posted_text saves and restores
// it). `read`: one per member read plus its key; `bytes`: a lower bound of the text.
let read = 0, bytes = 0, max = 0, maxDepth = 0, args = false, holes = null, path = [], active = 0;

// The slot at `depth` (its keys in `path`) holds what JSON cannot say: named, `null` here.
function hole(depth) {
  let p = "";
  for (let d = 1; d <= depth; d++) p += "/" + String(path[d]).replaceAll("~", "~0").replaceAll("/", "~1");
  (holes ??= []).push(p);
  return null;
}

function text(s) {
  return args && SURROGATE.test(s) ? (toWellFormed ? apply(toWellFormed, s, []) : s.replace(LONE, "\ufffd")) : s;
}

// holder[key], copied as JSON.stringify reads it; `undefined` when it leaves it out.
function member(holder, key, depth) {
  path[depth] = key;
  let v;
  try { v = holder[key]; } catch { return hole(depth); }
  return copy(v, key, depth);
}

function copy(v, key, depth) {
  let t = typeof v;
  if (t === "object" ? v !== null : t === "function" || t === "bigint") {
    // A lookup that throws is read as no toJSON (and below, no box): JSON.stringify refuses
    // the value anyway, and its members are then judged each at its own pointer.
    let f;
    try { f = v.toJSON; } catch { /* none */ }
    if (typeof f === "function") {
      try { v = apply(f, v, [typeof key === "number" ? "" + key : key]); } catch { return hole(depth); }
      t = typeof v;
    }
    if (t === "object" && v !== null) {
      let tag;
      try { tag = tagOf(v); } catch { /* not a box */ }
      const unbox = tag === "[object Object]" || tag === "[object Array]" ? undefined : UNBOX.get(tag);
      if (unbox !== undefined) {
        let data, boxed = true;
        try { data = apply(unbox, v, []); } catch { boxed = false; }
        if (boxed) {
          try { v = typeof data === "number" ? +v : typeof data === "string" ? `${v}` : data; } catch { return hole(depth); }
          t = typeof v;
        }
      }
    }
  }
  switch (t) {
    case "string":
      if ((bytes += v.length + 2) > max) stop(bytes);
      return text(v);
    case "number":
      // NaN and ±Infinity: JSON.stringify writes null, but rules.md (lines 16 and 35) makes
      // them a `type` error at their field, which says more than "missing" does.
      if (v - v !== 0) return hole(depth);
      if (++bytes > max) stop(bytes);
      return v; // -0: JSON.stringify writes 0
    case "boolean":
      if ((bytes += 4) > max) stop(bytes);
      return v;
    case "bigint":
      return hole(depth);
    case "object": {
      if (v === null) {
        if ((bytes += 4) > max) stop(bytes);
        return null;
      }
      if (depth >= maxDepth) stop(0);
      let array;
      try { array = isArray(v); } catch { return hole(depth); }
      return array ? copyArray(v, depth) : copyObject(v, depth);
    }
    default:
      return undefined;
  }
}

function copyArray(v, depth) {
  let n;
  try { n = +v.length; } catch { return hole(depth); }
  n = n > 0 ? Math.min(Math.floor(n), Number.MAX_SAFE_INTEGER) : 0;
  // Each item is at least one byte and a comma: refused on the length alone.
  if (n > 0 && bytes + 2 * n + 1 > max) stop(bytes + 2 * n + 1);
  bytes += 2;
  const c = new Array(n);
  for (let i = 0; i < n; i++) {
    if (++read > max) stop(read);
    const m = member(v, i, depth + 1);
    if (m === undefined && (bytes += 4) > max) stop(bytes); // written null
    c[i] = m === undefined ? null : m;
  }
  return c;
}

function copyObject(v, depth) {
  if (isView(v)) {
    // A typed array lists one key per element: refused by its length before they are.
    let n = 0;
    try { n = apply(typedLength, v, []); } catch { /* a DataView: no elements */ }
    if (n > 0 && bytes + 6 * n > max) stop(bytes + 6 * n); // each at least `"0":0,`
  }
  let names;
  try { names = keys(v); } catch { return hole(depth); }
  if (read + names.length > max) stop(read + names.length);
  bytes += 2;
  const c = {};
  for (let i = 0; i < names.length; i++) {
    const k = names[i];
    if ((read += k.length + 1) > max) stop(read);
    const m = member(v, k, depth + 1);
    if (m === undefined) {
      if ((read += LEFT_OUT_READ) > max) stop(read);
      continue;
    }
    if ((bytes += k.length + 3) > max) stop(bytes);
    // `c.__proto__ = m` would set the prototype instead of adding the key.
    if (k === "__proto__") defineProperty(c, k, { value: m, enumerable: true, writable: true, configurable: true });
    else c[text(k)] = m;
  }
  return c;
}

// The JSON text of `v` (a string); or [text, pointer...] naming the slots that hold `null`
// in place of what JSON cannot say; or a number: over R-SIZE, by at least that many bytes,
// or 0 for its depth. The value is read once, into a copy of plain data, which
// JSON.stringify then writes: no getter or trap runs twice.
export function posted_text(v, max_depth, max_bytes, as_argument) {
  const r = read, b = bytes, m = max, d = maxDepth, a = args, h = holes, p = path;
  if (active++ > 0) path = []; // called again from a getter: a path of its own
  read = 1; bytes = 0; max = max_bytes; maxDepth = max_depth; args = as_argument; holes = null;
  try {
    const written = stringify(copy(v, "", 0));
    if (written === undefined) return ["null", ""]; // the root left out
    return holes === null ? written : [written, ...holes];
  } catch (e) {
    // The walk's own stack running out is depth too.
    return e === STOP ? stopped : 0;
  } finally {
    read = r; bytes = b; max = m; maxDepth = d; args = a; holes = h; path = p;
    active--;
  }
}
"#)]
extern "C" {
    fn posted_text(v: &JsValue, max_depth: u32, max_bytes: u32, as_argument: bool) -> JsValue;
}

/// The JSON text of a JS value, and the JSON Pointers of the slots in it where `null`
/// stands for something JSON cannot say (a BigInt, a member whose reading threw, the root
/// when it is left out, a non-finite number).
pub(super) struct Posted {
    pub(super) text: JsString,
    pub(super) holes: Vec<String>,
}

/// `js` as posted (`JSON.stringify`), or as read for an argument (`as_argument`); R-SIZE
/// when it is too large or too deep to read.
pub(super) fn posted(js: &JsValue, as_argument: bool) -> Result<Posted, TooLarge> {
    let answer = match posted_text(js, MAX_DEPTH as u32, MAX_BODY_BYTES as u32, as_argument).dyn_into::<JsString>() {
        Ok(text) => return Ok(Posted { text, holes: Vec::new() }),
        Err(answer) => answer,
    };
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
