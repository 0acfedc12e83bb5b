//! What stands in a body where the JS value holds something JSON cannot (`NaN`,
//! `±Infinity`, a BigInt, a member whose getter throws): a JSON value of a type the field
//! does not take, so that `validate` reports a `type` error at exactly that field, with
//! the field's own `expected` (rules.md: "a non-finite number in a JS object is a type
//! error"). The field's type is read from the revision's table; where the table says
//! nothing (an unknown field, or below a value of the wrong type) nothing judges the
//! value, and `null` stands in, as `JSON.stringify` would write.

use crate::prelude::*;

use serde_json::{Map, Value};

use crate::report::Revision;
use crate::rules::{self, Kind, Shape};

/// The stand-in for the slot at `pointer` in a body judged under `revision`.
pub(super) fn for_body(pointer: &str, revision: Revision) -> Value {
    let Some(takes) = slot(rules::table(revision), pointer) else { return Value::Null };
    [Value::Bool(false), Value::String(String::new()), Value::Array(Vec::new()), Value::Object(Map::new())]
        .into_iter()
        .find(|v| !takes(v))
        .unwrap_or(Value::Null)
}

/// What the slot at `pointer` takes: the JSON types of its field's kind (an array's item
/// and the body itself are objects).
fn slot(root: &'static Shape, pointer: &str) -> Option<fn(&Value) -> bool> {
    let object: fn(&Value) -> bool = Value::is_object;
    let mut shape = root;
    let mut takes = object;
    let mut segments = pointer.split('/').skip(1);
    while let Some(segment) = segments.next() {
        let key = crate::report::unescape(segment);
        let field = shape.field(&key)?;
        takes = match &field.kind {
            Kind::Bool => Value::is_boolean,
            Kind::Integer(_) | Kind::Number(..) => Value::is_number,
            Kind::Str(..) | Kind::Enum(_) => Value::is_string,
            Kind::Object(inner) => {
                shape = inner;
                object
            }
            Kind::Array(of) => {
                shape = of.item;
                match segments.next() {
                    None => Value::is_array,
                    Some(index) if index.parse::<usize>().is_ok() => object,
                    Some(_) => return None,
                }
            }
        };
        if !matches!(field.kind, Kind::Object(_) | Kind::Array(_)) && segments.clone().next().is_some() {
            return None;
        }
    }
    Some(takes)
}
