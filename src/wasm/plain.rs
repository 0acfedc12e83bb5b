//! The fast way in for a plain JS object: `JSON.stringify` (one native call) and the core's
//! text path, instead of one boundary crossing per value through the reader (read.rs).
//!
//! Taken only when the text is exactly what the reader would have read, so `validate`
//! answers the same either way: a JS check first walks the value and declines anything
//! where `JSON.stringify` and the reader could differ: a non-finite number or a BigInt
//! (the reader's stand-ins); an object that is not a plain Object or Array, or has a
//! `toJSON` (Dates, boxed primitives, typed arrays); text holding a lone surrogate (the
//! reader makes U+FFFD of one, `JSON.stringify` an escape that serde_json refuses); nesting
//! at R-SIZE's depth; more values than R-SIZE's bytes can hold; anything that throws
//! (cycles, getters, revoked Proxies). Values `JSON.stringify` leaves out (`undefined`,
//! functions, symbols) are left out, or `null` in arrays, by both. Declined values go to
//! the reader as before. (A getter is called twice on this path, by the check and by
//! `JSON.stringify`: a getter that answers differently each time is not a body.)

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::limits::{MAX_BODY_BYTES, MAX_DEPTH};

#[wasm_bindgen(inline_js = r#"
let budget = 0;
function plain(v, depth, max_depth) {
  if (--budget < 0) return false;
  const t = typeof v;
  if (t === "string" || t === "boolean" || t === "undefined" || t === "function" || t === "symbol") return true;
  if (t === "number") return v - v === 0; // finite
  if (t !== "object") return false; // bigint
  if (v === null) return true;
  if (depth >= max_depth || v.toJSON !== undefined) return false;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return false;
    for (let i = 0; i < v.length; i++) if (!plain(v[i], depth + 1, max_depth)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  // for-in also visits inherited enumerable keys: a stricter check, never a looser one.
  for (const k in v) if (!plain(v[k], depth + 1, max_depth)) return false;
  return true;
}
export function plain_json(v, max_depth, max_values) {
  try {
    budget = max_values;
    if (!plain(v, 0, max_depth)) return undefined;
    const text = JSON.stringify(v);
    // A lone surrogate, in a key or a value, is escaped as \udXXX: leave it to the reader.
    return typeof text === "string" && !text.includes("\\ud") ? text : undefined;
  } catch {
    return undefined;
  }
}
"#)]
extern "C" {
    /// The JSON text of `v` when it is a plain value (above), else `undefined`.
    fn plain_json(v: &JsValue, max_depth: u32, max_values: u32) -> JsValue;
}

/// The JSON text of a plain value, the reader's equal; `None` to use the reader.
pub(super) fn json_text(body: &JsValue) -> Option<JsString> {
    // The check stops after this many values, so a sparse array with a length of 2^32 - 1
    // costs no more than a dense one: each value is at least two bytes of text (itself
    // and a comma), so more than half R-SIZE's bytes of them cannot be within it, and the
    // reader, declined to, says how large.
    let max_values = (MAX_BODY_BYTES / 2) as u32;
    plain_json(body, MAX_DEPTH as u32, max_values).dyn_into::<JsString>().ok()
}
