//! The one JSON writer: every result the wasm module hands to JS, and every text the crate
//! writes (the posted body, a rollout call's body, a `Value` param in a message), compact
//! and byte for byte what `serde_json::to_string` writes of the same value (the tests
//! below and in `results` hold it to serde_json). serde's derived `Serialize` stays on the
//! public types for Rust callers; the module keeps none of it (issue #16: serde_json's
//! serializer, monomorphized once per result type, cost the module 10 KB more than this).

use crate::prelude::*;

use alloc::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::text::push_decimal;

#[cfg(any(target_arch = "wasm32", test))]
mod results;

/// A value with one JSON text.
pub(crate) trait Json {
    /// Appends the value's compact JSON text to `out`.
    fn write(&self, out: &mut String);
}

/// The compact JSON text of `value`.
pub(crate) fn to_json<T: Json + ?Sized>(value: &T) -> String {
    // serde_json's starting room: most results fit, or grow from it a few times.
    let mut out = String::with_capacity(128);
    value.write(&mut out);
    out
}

/// Appends `s` as a JSON string, escaped as serde_json escapes: `\"`, `\\`, the five
/// controls that have a letter, any other control as `\u00xx` (lower-case hex); DEL and
/// every non-ASCII character as they are.
pub(crate) fn push_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let letter = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x09 => b't',
            0x0A => b'n',
            0x0C => b'f',
            0x0D => b'r',
            0x00..=0x1F => b'u',
            _ => continue,
        };
        // `i` is at an ASCII byte, so both ends are character boundaries.
        out.push_str(s.get(start..i).unwrap_or_default());
        out.push('\\');
        out.push(char::from(letter));
        if letter == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Appends the items of `items` as a JSON array.
fn push_array<T: Json>(out: &mut String, items: &[T]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item.write(out);
    }
    out.push(']');
}

impl<T: Json + ?Sized> Json for &T {
    fn write(&self, out: &mut String) {
        (**self).write(out);
    }
}

impl Json for str {
    fn write(&self, out: &mut String) {
        push_string(out, self);
    }
}

impl Json for String {
    fn write(&self, out: &mut String) {
        push_string(out, self);
    }
}

impl Json for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl Json for u64 {
    fn write(&self, out: &mut String) {
        push_decimal(out, *self);
    }
}

impl Json for usize {
    fn write(&self, out: &mut String) {
        push_decimal(out, *self as u64);
    }
}

impl Json for u16 {
    fn write(&self, out: &mut String) {
        push_decimal(out, u64::from(*self));
    }
}

impl Json for i64 {
    fn write(&self, out: &mut String) {
        if *self < 0 {
            out.push('-');
        }
        push_decimal(out, self.unsigned_abs());
    }
}

/// serde_json's: `null` for NaN and the infinities, else zmij's shortest digits (`100.0`,
/// `1e-7`, `1.5e300`).
impl Json for f64 {
    fn write(&self, out: &mut String) {
        if self.is_finite() {
            out.push_str(zmij::Buffer::new().format_finite(*self));
        } else {
            out.push_str("null");
        }
    }
}

impl<T: Json> Json for [T] {
    fn write(&self, out: &mut String) {
        push_array(out, self);
    }
}

impl<T: Json> Json for Vec<T> {
    fn write(&self, out: &mut String) {
        push_array(out, self);
    }
}

/// `null` for `None` (a member that is never left out).
impl<T: Json> Json for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(v) => v.write(out),
            None => out.push_str("null"),
        }
    }
}

/// Appends `members` as a JSON object, keys escaped.
fn push_members<'a, V: Json + 'a>(out: &mut String, members: impl Iterator<Item = (&'a String, &'a V)>) {
    out.push('{');
    for (i, (key, value)) in members.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_string(out, key);
        out.push(':');
        value.write(out);
    }
    out.push('}');
}

/// Members in the map's order (insertion order: serde_json's `preserve_order`).
impl Json for Map<String, Value> {
    fn write(&self, out: &mut String) {
        push_members(out, self.iter());
    }
}

impl Json for BTreeMap<String, String> {
    fn write(&self, out: &mut String) {
        push_members(out, self.iter());
    }
}

/// A number as serde_json keeps it: a `u64`, else an `i64`, else a (finite) double.
impl Json for Value {
    fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write(out),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => u.write(out),
                (None, Some(i), _) => i.write(out),
                (None, None, x) => x.unwrap_or(f64::NAN).write(out),
            },
            Value::String(s) => push_string(out, s),
            Value::Array(items) => push_array(out, items),
            Value::Object(members) => members.write(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// serde_json's text of `value`, the oracle.
    fn serde(value: &Value) -> String {
        serde_json::to_string(value).unwrap()
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let cases = [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(-1),
            json!(0.5),
            json!(100.0),
            json!(-0.0),
            json!(1e-7),
            json!(1.5e300),
            json!(f64::MIN_POSITIVE),
            json!(""),
            json!("\"\\\u{0}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f} é 中 😀"),
            json!([]),
            json!({}),
            json!({"b": [1, {"a": null}], "a": "x", "\n": {"": []}}),
        ];
        for value in &cases {
            assert_eq!(to_json(value), serde(value), "{value:?}");
        }
    }

    #[test]
    fn typed_values_are_written_as_serde_json_writes_them() {
        for x in [0.0, -0.0, 1.0, 0.1, 1e21, 1e-7, f64::MAX, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(to_json(&x), serde_json::to_string(&x).unwrap(), "{x}");
        }
        for n in [0i64, 1, -1, i64::MIN, i64::MAX] {
            assert_eq!(to_json(&n), serde_json::to_string(&n).unwrap());
        }
        assert_eq!(to_json(&u16::MAX), "65535");
        assert_eq!(to_json(&usize::MAX), serde_json::to_string(&usize::MAX).unwrap());
        let headers: BTreeMap<String, String> =
            [("b\"".to_owned(), "\u{1}".to_owned()), ("a".to_owned(), "x".to_owned())].into();
        assert_eq!(to_json(&headers), serde_json::to_string(&headers).unwrap());
        let items: Vec<Option<&str>> = vec![Some("a"), None];
        assert_eq!(to_json(&items), serde_json::to_string(&items).unwrap());
        assert_eq!(to_json(&items[..]), serde_json::to_string(&items[..]).unwrap());
    }

    /// Any JSON value: strings of any characters (controls, quotes, astral), numbers of
    /// each of serde_json's three kinds.
    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<u64>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(|bits| Value::from(f64::from_bits(bits))),
            any::<String>().prop_map(Value::String),
            "[\\x00-\\x7f]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..6)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_value_is_written_as_serde_json_writes_it(value in any_value()) {
            prop_assert_eq!(to_json(&value), serde(&value));
        }
    }
}
