//! Reading a JavaScript value into a `serde_json::Value`: its JSON text (plain.rs), parsed,
//! with a stand-in at each slot JSON cannot say.
//!
//! One crossing for the whole value instead of one per member, and the same reading of
//! it everywhere: a body (`build_request`), and the arguments that are not one (options,
//! hosts, plans, headers), which differ only in what plain.rs makes of a lone surrogate
//! (U+FFFD, where a body posts an escape that the reader refuses, as serde_json does).

use crate::prelude::*;

use serde_json::Value;
use wasm_bindgen::JsValue;

use super::plain::posted;
use crate::limits::MAX_BODY_BYTES;
use crate::report::TooLarge;

/// Reads an argument. Where it holds something JSON cannot say (a non-finite number, a
/// BigInt, a member whose getter throws, or `undefined` at the top), `stand_in` is given
/// the slot's JSON Pointer and returns the value to put there.
pub(crate) fn read(js: &JsValue, stand_in: &dyn Fn(&str) -> Value) -> Result<Value, TooLarge> {
    posted(js, true, |text, holes| {
        let mut value = parse(text)?;
        fill(&mut value, holes, stand_in);
        Ok(value)
    })?
}

/// Puts `stand_in`'s value at each of `holes`, the slots of `value` where `null` stands
/// for what JSON cannot say.
pub(super) fn fill(value: &mut Value, holes: &[String], stand_in: &dyn Fn(&str) -> Value) {
    for pointer in holes {
        if let Some(slot) = pointer_mut(value, pointer) {
            *slot = stand_in(pointer);
        }
    }
}

/// The value `pointer` (RFC 6901) names in `value`, as serde_json's `Value::pointer_mut`
/// finds it, with the crate's own unescaping (serde_json's is a substring search, 2 KB of
/// the module): `""` is the value itself, an index is a decimal without a sign or a
/// leading zero.
fn pointer_mut<'a>(value: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    let mut target = value;
    for segment in pointer.strip_prefix('/')?.split('/') {
        target = match target {
            Value::Object(members) => members.get_mut(crate::report::unescape(segment).as_ref())?,
            Value::Array(items) => {
                let plain = !segment.starts_with('+') && (segment.len() == 1 || !segment.starts_with('0'));
                items.get_mut(segment.parse::<usize>().ok().filter(|_| plain)?)?
            }
            _ => return None,
        };
    }
    Some(target)
}

/// The text plain.rs wrote for an argument, within R-SIZE. It always parses (its writer
/// makes lone surrogates U+FFFD); were it not to, nothing could be read, as when too deep.
fn parse(text: &str) -> Result<Value, TooLarge> {
    if text.len() > MAX_BODY_BYTES {
        return Err(TooLarge::Bytes(text.len()));
    }
    // The crate's one reader (validate/scan.rs), whose depth bound is R-SIZE's.
    crate::validate::node::parse(text).map(|n| n.to_value()).map_err(|_| TooLarge::Depth)
}
