//! Reading a JavaScript value into a `serde_json::Value` as `JSON.stringify` would see it
//! (own enumerable string keys; `undefined`, functions and symbols dropped from objects and
//! `null` in arrays; `-0` is `0`), but bounded, and never throwing.
//!
//! Why not `JSON.stringify` itself: it throws on cycles, BigInt and throwing getters, turns
//! `NaN` into `null` (rules.md wants a `type` error at that field), and builds the whole
//! text before anything can be bounded. Here the walk stops at R-SIZE's bounds: more than
//! [`MAX_DEPTH`] levels (which also ends any cycle), or more than [`MAX_BODY_BYTES`] of
//! the JSON text the value would make.
//!
//! Every JS operation that can run user code (a getter, a Proxy trap) goes through the
//! small functions below, which catch what it throws and return a marker instead. Not
//! wasm-bindgen's `catch` imports: for an import that returns a JS value, their exception
//! path leaks one externref table slot per throw (wasm-bindgen 0.2.130 never drops the
//! unconverted return), which 100,000 hostile calls turn into megabytes.

use std::fmt::Write;

use js_sys::JsString;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::limits::{MAX_BODY_BYTES, MAX_DEPTH};
use crate::report::{Pointer, TooLarge};

#[wasm_bindgen(inline_js = r#"
const THREW = Symbol("threw");
export function kind(v) {
  switch (typeof v) {
    case "undefined": case "function": return 0;
    case "symbol": return v === THREW ? 9 : 0;
    case "boolean": return v ? 3 : 2;
    case "number": return 4;
    case "string": return 5;
    case "bigint": return 6;
  }
  if (v === null) return 1;
  try { return Array.isArray(v) ? 7 : 8; } catch { return 9; }
}
export function get(o, k) { try { return o[k]; } catch { return THREW; } }
export function keys(o) { try { return Object.keys(o); } catch { return THREW; } }
"#)]
extern "C" {
    /// What `v` is, as one of the numbers in [`kinds`]: one call instead of one per test.
    fn kind(v: &JsValue) -> u32;
    /// `o[k]`, or the marker (of kind 9) when a getter or trap threw.
    fn get(o: &JsValue, k: &JsValue) -> JsValue;
    /// `Object.keys(o)`: the own enumerable string keys, in `JSON.stringify`'s order; or
    /// the marker when a trap threw (or `Array.isArray` did, on a revoked Proxy).
    fn keys(o: &JsValue) -> JsValue;
}

/// The numbers `kind` returns.
mod kinds {
    pub(super) const LEFT_OUT: u32 = 0;
    pub(super) const NULL: u32 = 1;
    pub(super) const FALSE: u32 = 2;
    pub(super) const TRUE: u32 = 3;
    pub(super) const NUMBER: u32 = 4;
    pub(super) const STRING: u32 = 5;
    pub(super) const ARRAY: u32 = 7;
    pub(super) const OBJECT: u32 = 8;
    // 6: a BigInt; 9: a getter or trap threw reading it. Neither is JSON.
}

/// Reads `js`. Where it holds something JSON cannot say (a non-finite number, a BigInt, a
/// member whose getter throws, or `undefined` at the top), `stand_in` is given the slot's
/// JSON Pointer and returns the value to put there.
pub(crate) fn read(js: &JsValue, stand_in: &dyn Fn(&str) -> Value) -> Result<Value, TooLarge> {
    let mut r = Reader { at: Pointer::root(), bytes: 0, scratch: String::new(), stand_in };
    match r.value(js, 0)? {
        Some(v) => Ok(v),
        None => r.not_json(),
    }
}

/// The walk's state.
struct Reader<'a> {
    at: Pointer,
    /// Bytes of compact JSON text the values read so far make.
    bytes: usize,
    /// Reused to measure numbers.
    scratch: String,
    stand_in: &'a dyn Fn(&str) -> Value,
}

impl Reader<'_> {
    /// Counts `n` more bytes of text, failing past the bound.
    fn spend(&mut self, n: usize) -> Result<(), TooLarge> {
        self.bytes = self.bytes.saturating_add(n);
        if self.bytes > MAX_BODY_BYTES {
            return Err(TooLarge::Bytes(self.bytes));
        }
        Ok(())
    }

    /// The stand-in for a value JSON cannot hold, at the current pointer.
    fn not_json(&mut self) -> Result<Value, TooLarge> {
        let v = (self.stand_in)(self.at.as_str());
        self.spend(4)?;
        Ok(v)
    }

    /// One value `depth` containers down; `None` for what `JSON.stringify` leaves out.
    fn value(&mut self, js: &JsValue, depth: usize) -> Result<Option<Value>, TooLarge> {
        let v = match kind(js) {
            kinds::LEFT_OUT => return Ok(None),
            kinds::NULL => {
                self.spend(4)?;
                Value::Null
            }
            kinds::FALSE => {
                self.spend(5)?;
                Value::Bool(false)
            }
            kinds::TRUE => {
                self.spend(4)?;
                Value::Bool(true)
            }
            kinds::NUMBER => self.number(js.as_f64().unwrap_or(f64::NAN))?,
            kinds::STRING => Value::String(self.string(js.unchecked_ref())?),
            kinds::ARRAY | kinds::OBJECT if depth >= MAX_DEPTH => return Err(TooLarge::Depth),
            kinds::ARRAY => self.array(js, depth + 1)?,
            kinds::OBJECT => self.object(js, depth + 1)?,
            // A BigInt, or a value whose reading threw.
            _ => self.not_json()?,
        };
        Ok(Some(v))
    }

    /// A number as `JSON.parse` of its `JSON.stringify` text would give it to serde_json:
    /// whole numbers as integers where they fit, so `300` and `300.0` read alike.
    fn number(&mut self, f: f64) -> Result<Value, TooLarge> {
        const TWO_63: f64 = 9_223_372_036_854_775_808.0;
        if !f.is_finite() {
            return self.not_json();
        }
        let n = if f.fract() == 0.0 && (0.0..2.0 * TWO_63).contains(&f) {
            Number::from(f as u64) // also turns -0 into 0, as JSON.stringify does
        } else if f.fract() == 0.0 && (-TWO_63..0.0).contains(&f) {
            Number::from(f as i64)
        } else {
            match Number::from_f64(f) {
                Some(n) => n,
                None => return self.not_json(),
            }
        };
        self.scratch.clear();
        let _ = write!(self.scratch, "{n}");
        self.spend(self.scratch.len())?;
        Ok(Value::Number(n))
    }

    /// A string, refused before it is copied when even its UTF-16 length (never more
    /// than its UTF-8 length) would pass the bound. Lone surrogates become U+FFFD, as
    /// they would when the text is sent.
    fn string(&mut self, s: &JsString) -> Result<String, TooLarge> {
        let at_least = self.bytes.saturating_add(s.length() as usize + 2);
        if at_least > MAX_BODY_BYTES {
            return Err(TooLarge::Bytes(at_least));
        }
        let text = s.as_string().unwrap_or_default();
        self.spend(quoted_len(&text))?;
        Ok(text)
    }

    fn array(&mut self, js: &JsValue, depth: usize) -> Result<Value, TooLarge> {
        let length = get(js, &JsValue::from_str("length")).as_f64().filter(|n| *n >= 0.0).unwrap_or(0.0);
        let length = length.min(f64::from(u32::MAX)) as u32;
        self.spend(2)?;
        let mut items = Vec::new();
        for i in 0..length {
            if i > 0 {
                self.spend(1)?;
            }
            let mark = self.at.index(i as usize);
            let item = match self.value(&get(js, &JsValue::from(i)), depth)? {
                Some(item) => item,
                // `null` in the text, as JSON.stringify writes a hole or an `undefined`.
                None => {
                    self.spend(4)?;
                    Value::Null
                }
            };
            self.at.pop(mark);
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn object(&mut self, js: &JsValue, depth: usize) -> Result<Value, TooLarge> {
        self.bound_indexed(js)?;
        let names = keys(js);
        if kind(&names) != kinds::ARRAY {
            return self.not_json();
        }
        self.spend(2)?;
        let mut members = Map::new();
        for key in names.unchecked_into::<js_sys::Array>().iter() {
            let name = self.string(key.unchecked_ref())?;
            let mark = self.at.key(&name);
            let member = self.value(&get(js, &key), depth)?;
            self.at.pop(mark);
            match member {
                // Left out, as JSON.stringify does; its key's bytes are not in the text.
                None => self.bytes -= quoted_len(&name),
                Some(v) => {
                    self.spend(if members.is_empty() { 1 } else { 2 })?;
                    members.insert(name, v);
                }
            }
        }
        Ok(Value::Object(members))
    }

    /// Typed arrays and String objects have one key per element, which `Object.keys`
    /// would build all at once: refuse those too long for the bound before asking.
    fn bound_indexed(&mut self, js: &JsValue) -> Result<(), TooLarge> {
        if !(js_sys::ArrayBuffer::is_view(js) || js.is_instance_of::<JsString>()) {
            return Ok(());
        }
        let length = get(js, &JsValue::from_str("length")).as_f64().unwrap_or(0.0);
        // Each element is at least `"0":0,` in the text.
        let at_least = self.bytes.saturating_add((length.max(0.0) * 6.0).min(usize::MAX as f64) as usize);
        if at_least > MAX_BODY_BYTES {
            return Err(TooLarge::Bytes(at_least));
        }
        Ok(())
    }
}

/// Bytes of `s` as a JSON string, quotes and escapes included, as serde_json writes it.
fn quoted_len(s: &str) -> usize {
    let escapes: usize = s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
            0..=0x1f => 5,
            _ => 0,
        })
        .sum();
    s.len() + 2 + escapes
}
