//! Reading a JavaScript value into a `serde_json::Value` as `JSON.stringify` would see it
//! (own enumerable string keys; `undefined`, functions and symbols dropped from objects and
//! `null` in arrays; `-0` is `0`), but bounded, and never throwing.
//!
//! Why not `JSON.stringify` itself: it throws on cycles, BigInt and throwing getters, turns
//! `NaN` into `null` (rules.md wants a `type` error at that field), and builds the whole
//! text before anything can be bounded. Here every JS operation that can run user code
//! (a getter, a Proxy trap) is called through a `catch` import, so it returns a `Result`
//! instead of unwinding through Rust frames, and the walk stops at R-SIZE's bounds: more
//! than [`MAX_DEPTH`] levels (which also ends any cycle), or more than [`MAX_BODY_BYTES`]
//! of the JSON text the value would make.

use std::fmt::Write;

use js_sys::{JsString, Reflect};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::limits::{MAX_BODY_BYTES, MAX_DEPTH};
use crate::report::{params, Pointer};

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws on a revoked Proxy.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Object.keys`: the own enumerable string keys, in the order `JSON.stringify` uses.
    /// Runs Proxy traps, so it may throw.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;
}

/// Why a value was not read whole (R-SIZE), as `validate_json` says it of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TooLarge {
    /// Nested deeper than [`MAX_DEPTH`] (every cycle ends here).
    Depth,
    /// Its JSON text would pass [`MAX_BODY_BYTES`]; the walk stopped at this many bytes,
    /// so the number is a lower bound.
    Bytes(usize),
}

impl TooLarge {
    /// The params of the `too_large` issue.
    pub(crate) fn params(self) -> Map<String, Value> {
        match self {
            TooLarge::Depth => params([("max_depth", MAX_DEPTH.into())]),
            TooLarge::Bytes(actual) => {
                params([("max_bytes", MAX_BODY_BYTES.into()), ("actual_bytes", actual.into())])
            }
        }
    }
}

/// Reads `js`. Where it holds something JSON cannot say (a non-finite number, a BigInt, a
/// member whose getter throws, or `undefined` at the top), `stand_in` is given the slot's
/// JSON Pointer and returns the value to put there.
pub(crate) fn read(js: &JsValue, stand_in: &dyn Fn(&str) -> Value) -> Result<Value, TooLarge> {
    let mut r = Reader { at: Pointer::root(), bytes: 0, scratch: String::new(), stand_in };
    Ok(match r.value(js, 0)? {
        Some(v) => v,
        None => r.not_json()?,
    })
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
        if js.is_undefined() || js.is_function() || js.is_symbol() {
            return Ok(None);
        }
        let v = if js.is_null() {
            self.spend(4)?;
            Value::Null
        } else if let Some(b) = js.as_bool() {
            self.spend(if b { 4 } else { 5 })?;
            Value::Bool(b)
        } else if let Some(f) = js.as_f64() {
            self.number(f)?
        } else if let Some(s) = js.dyn_ref::<JsString>() {
            let s = self.string(s)?;
            Value::String(s)
        } else if js.is_bigint() {
            self.not_json()?
        } else if depth >= MAX_DEPTH {
            return Err(TooLarge::Depth);
        } else {
            match is_array(js) {
                Ok(true) => self.array(js, depth + 1)?,
                Ok(false) => self.object(js, depth + 1)?,
                Err(_) => self.not_json()?,
            }
        };
        Ok(Some(v))
    }

    /// A number as `JSON.parse` of its `JSON.stringify` text would give it to serde_json:
    /// whole numbers as integers where they fit, so `300` and `300.0` read alike.
    fn number(&mut self, f: f64) -> Result<Value, TooLarge> {
        if !f.is_finite() {
            return self.not_json();
        }
        const TWO_63: f64 = 9_223_372_036_854_775_808.0;
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
        let units = s.length() as usize;
        if self.bytes.saturating_add(units + 2) > MAX_BODY_BYTES {
            return Err(TooLarge::Bytes(self.bytes.saturating_add(units + 2)));
        }
        let text = JsValue::from(s).as_string().unwrap_or_default();
        self.spend(quoted_len(&text))?;
        Ok(text)
    }

    fn array(&mut self, js: &JsValue, depth: usize) -> Result<Value, TooLarge> {
        let length = match Reflect::get(js, &JsValue::from_str("length")) {
            Ok(n) => n.as_f64().filter(|n| *n >= 0.0).map_or(0, |n| n.min(u32::MAX as f64) as u32),
            Err(_) => return self.not_json(),
        };
        self.spend(2)?;
        let mut items = Vec::new();
        for i in 0..length {
            if i > 0 {
                self.spend(1)?;
            }
            let mark = self.at.index(i as usize);
            let item = match Reflect::get_u32(js, i) {
                Ok(item) => self.value(&item, depth)?,
                Err(_) => Some(self.not_json()?),
            };
            self.at.pop(mark);
            items.push(item.unwrap_or(Value::Null));
        }
        Ok(Value::Array(items))
    }

    fn object(&mut self, js: &JsValue, depth: usize) -> Result<Value, TooLarge> {
        self.bound_indexed(js)?;
        let Ok(keys) = object_keys(js) else {
            return self.not_json();
        };
        self.spend(2)?;
        let mut members = Map::new();
        for key in keys.iter() {
            let Some(key_str) = key.dyn_ref::<JsString>() else { continue };
            let name = self.string(key_str)?;
            let mark = self.at.key(&name);
            let member = match Reflect::get(js, &key) {
                Ok(v) => self.value(&v, depth)?,
                Err(_) => Some(self.not_json()?),
            };
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
        if !(js_sys::ArrayBuffer::is_view(js) || js.is_instance_of::<js_sys::JsString>()) {
            return Ok(());
        }
        let length = Reflect::get(js, &JsValue::from_str("length")).ok().and_then(|n| n.as_f64()).unwrap_or(0.0);
        // Each element is at least `"0":0,` in the text.
        let at_least = (length.max(0.0) * 6.0).min(usize::MAX as f64) as usize;
        if self.bytes.saturating_add(at_least) > MAX_BODY_BYTES {
            return Err(TooLarge::Bytes(self.bytes.saturating_add(at_least)));
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
