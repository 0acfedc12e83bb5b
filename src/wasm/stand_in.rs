//! What stands in a body where the JS value holds something JSON cannot (`NaN`,
//! `±Infinity`, a BigInt, a member whose getter throws): a JSON value of a type the field
//! does not take, so that `validate` reports a `type` error at exactly that field, with
//! the field's own `expected` (rules.md: "a non-finite number in a JS object is a type
//! error"). The field's types are read from `json_schema()`, which states the type of
//! every field `validate` judges; where it states none (an unknown field, or below a
//! value of the wrong type) nothing judges the value, and `null` stands in, as
//! `JSON.stringify` would write.

use std::sync::OnceLock;

use serde_json::{Map, Value};

/// The stand-in for the slot at `pointer` in a body.
pub(super) fn for_body(pointer: &str) -> Value {
    // Built once: it is the same document every time.
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    let schema = SCHEMA.get_or_init(crate::json_schema);
    let Some(types) = schema_at(schema, pointer).map(types) else {
        return Value::Null;
    };
    [
        ("boolean", Value::Bool(false)),
        ("string", Value::String(String::new())),
        ("array", Value::Array(Vec::new())),
        ("object", Value::Object(Map::new())),
    ]
    .into_iter()
    .find(|(name, _)| !types.contains(name))
    .map_or(Value::Null, |(_, v)| v)
}

/// The subschema that judges the value at `pointer`, following `properties`, `items`
/// and local `$ref`s.
fn schema_at<'s>(root: &'s Value, pointer: &str) -> Option<&'s Value> {
    let mut node = resolve(root, root)?;
    for segment in pointer.split('/').skip(1) {
        let key = segment.replace("~1", "/").replace("~0", "~");
        node = match node.get("properties").and_then(|p| p.get(&key)) {
            Some(member) => member,
            None if key.parse::<usize>().is_ok() => node.get("items")?,
            None => return None,
        };
        node = resolve(root, node)?;
    }
    Some(node)
}

fn resolve<'s>(root: &'s Value, node: &'s Value) -> Option<&'s Value> {
    match node.get("$ref").and_then(Value::as_str) {
        Some(target) => root.pointer(target.strip_prefix('#')?),
        None => Some(node),
    }
}

/// The JSON types a subschema names (`"type": "x"` or `"type": [...]`).
fn types(node: &Value) -> Vec<&str> {
    match node.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}
