//! The body text `build_request` posts, written from a revision's table: the documented
//! fields only, in the table's order, deprecated ones left out (revisions.md: "they have
//! no effect"), whole numbers of Integer fields as integers (`300.0` is sent as `300`).

use crate::prelude::*;

use serde_json::Value;

use super::{table, Kind, Presence, Shape};
use crate::json::{push_string, Json};
use crate::report::Revision;

/// The compact JSON text of a body that `validate` found valid under `revision`, written
/// straight from the body (no second tree of it is built).
pub(crate) fn body_text(body: &Value, revision: Revision) -> String {
    let mut out = String::with_capacity(256);
    object(table(revision), body, &mut out);
    out
}

/// Appends `value` as an object of `shape`.
fn object(shape: &Shape, value: &Value, out: &mut String) {
    out.push('{');
    let mut first = true;
    let members = value.as_object();
    for f in shape.fields.iter().filter(|f| f.presence != Presence::Deprecated) {
        let Some(v) = members.and_then(|m| m.get(f.key)).filter(|v| !v.is_null()) else { continue };
        if !first {
            out.push(',');
        }
        first = false;
        push_string(out, f.key);
        out.push(':');
        match (&f.kind, v.as_f64()) {
            (Kind::Integer(_), Some(x)) if x < 0.0 => (x as i64).write(out),
            (Kind::Integer(_), Some(x)) => (x as u64).write(out),
            (Kind::Number(..), Some(x)) => x.write(out),
            (Kind::Object(inner), _) => object(inner, v, out),
            (Kind::Array(of), _) => match v.as_array() {
                Some(items) => {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        object(of.item, item, out);
                    }
                    out.push(']');
                }
                None => v.write(out),
            },
            _ => v.write(out),
        }
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Map};

    /// The text as the writer before this one wrote it: the body rebuilt as a `Value` of
    /// the documented fields, then serialized by serde_json.
    fn rebuilt(shape: &Shape, value: &Value) -> Value {
        let mut out = Map::new();
        let Some(members) = value.as_object() else { return Value::Object(out) };
        for f in shape.fields.iter().filter(|f| f.presence != Presence::Deprecated) {
            let Some(v) = members.get(f.key).filter(|v| !v.is_null()) else { continue };
            let written = match &f.kind {
                Kind::Integer(_) => match v.as_f64() {
                    Some(x) if x < 0.0 => Value::from(x as i64),
                    Some(x) => Value::from(x as u64),
                    None => v.clone(),
                },
                Kind::Number(..) => v.as_f64().map_or_else(|| v.clone(), Value::from),
                Kind::Object(inner) => rebuilt(inner, v),
                Kind::Array(of) => match v.as_array() {
                    Some(items) => Value::Array(items.iter().map(|i| rebuilt(of.item, i)).collect()),
                    None => v.clone(),
                },
                Kind::Bool | Kind::Str(..) | Kind::Enum(_) => v.clone(),
            };
            out.insert(f.key.to_owned(), written);
        }
        Value::Object(out)
    }

    #[test]
    fn the_text_is_the_documented_fields_rebuilt_and_serialized() {
        let read = |text: &str| serde_json::from_str::<Value>(text).unwrap();
        let bases = read(include_str!("../../tests/cases/bases.json"));
        let mut bodies: Vec<Value> = bases["bodies"].as_object().unwrap().values().cloned().collect();
        bodies.push(read(include_str!("../../benches/bodies/max.json")));
        bodies.push(read(include_str!("../../benches/bodies/max_errors.json")));
        bodies.push(json!({"execute_param": {"timeout": -3.0, "success_rate": "x", "script_params": {}},
            "execute_batches": [1, null, {"target_instances": "no", "batch_index": 2.5}]}));
        bodies.push(json!([]));
        for body in &bodies {
            for revision in Revision::ALL {
                let expected = serde_json::to_string(&rebuilt(table(revision), body)).unwrap();
                assert_eq!(body_text(body, revision), expected);
            }
        }
    }

    #[test]
    fn current_leaves_deprecated_fields_out_in_the_sdk_order() {
        let body = json!({"execute_param": {"success_rate": 100, "resourceful": true, "timeout": 300.0,
            "execute_user": "root", "extra": 1,
            "script_params": [{"param_order": 1, "param_value": "v", "param_name": "a",
                               "param_refer": {"param_id": "x", "refer_type": "PARAM_STORE"}}]},
            "execute_batches": [{"rotation_strategy": "PAUSE", "batch_index": 1, "target_instances": [
                {"type": "CLOUDSERVER", "agent_sn": "s", "region_id": "r", "project_id": "p", "resource_id": "i",
                 "custom_attributes": [{"value": "v", "key": "k"}], "provider": "ECS"}]}]});
        assert_eq!(
            body_text(&body, Revision::Current),
            r#"{"execute_param":{"timeout":300,"success_rate":100.0,"execute_user":"root","script_params":[{"param_name":"a","param_value":"v","param_refer":{"refer_type":"PARAM_STORE","param_id":"x"}}]},"execute_batches":[{"batch_index":1,"target_instances":[{"resource_id":"i","region_id":"r","provider":"ECS","type":"CLOUDSERVER","custom_attributes":[{"key":"k","value":"v"}]}],"rotation_strategy":"PAUSE"}]}"#
        );
        assert_eq!(
            body_text(&body, Revision::Page),
            r#"{"execute_param":{"resourceful":true,"timeout":300,"success_rate":100.0,"execute_user":"root","script_params":[{"param_name":"a","param_value":"v","param_order":1}]},"execute_batches":[{"batch_index":1,"target_instances":[{"resource_id":"i","agent_sn":"s","project_id":"p","region_id":"r"}],"rotation_strategy":"PAUSE"}]}"#
        );
    }
}
