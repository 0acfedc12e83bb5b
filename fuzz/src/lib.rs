//! Structure-aware input for the fuzz targets: JSON values whose keys are mostly the
//! API's own field names, so the fuzzer reaches the rules instead of stopping at B1.

use arbitrary::{Arbitrary, Result, Unstructured};
use serde_json::{Map, Number, Value};

/// Keys the generator prefers: every documented field, a few plan keys, and neighbours.
const KEYS: &[&str] = &[
    "execute_param", "execute_batches", "resourceful", "timeout", "success_rate", "execute_user",
    "script_params", "param_name", "param_value", "param_order", "batch_index", "target_instances",
    "rotation_strategy", "resource_id", "agent_sn", "project_id", "region_id", "sizes", "group_by",
    "pause", "agent_status", "a/b~c", "",
];

/// Strings the generator prefers: enum values, edge values, tricky characters.
const STRINGS: &[&str] = &[
    "root", "CONTINUE", "PAUSE", "region_id", "project_id", "none", "first", "every", "25%", "100%",
    "0%", "101%", "x%", "100.0", "i-1", "cn-north-4", "..", "a;b", "😀", "\u{0}", "",
];

/// Depth the generator stops at (the text limit is 128; deeper adds nothing here).
const MAX_DEPTH: usize = 8;

/// A JSON value for `validate` and `build_batches`.
#[derive(Debug)]
pub struct FuzzValue(pub Value);

impl<'a> Arbitrary<'a> for FuzzValue {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        value(u, 0).map(FuzzValue)
    }
}

fn value(u: &mut Unstructured<'_>, depth: usize) -> Result<Value> {
    let kinds = if depth >= MAX_DEPTH { 5 } else { 7 };
    Ok(match u.choose_index(kinds)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => number(u)?,
        3 => Value::String(string(u)?),
        4 => Value::String(STRINGS[u.choose_index(STRINGS.len())?].to_owned()),
        5 => {
            let n = u.int_in_range(0..=24)?;
            Value::Array((0..n).map(|_| value(u, depth + 1)).collect::<Result<_>>()?)
        }
        _ => {
            let n = u.int_in_range(0..=6)?;
            let mut map = Map::new();
            for _ in 0..n {
                let key = if u.ratio(7, 8)? { KEYS[u.choose_index(KEYS.len())?].to_owned() } else { string(u)? };
                map.insert(key, value(u, depth + 1)?);
            }
            Value::Object(map)
        }
    })
}

fn number(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.choose_index(4)? {
        0 => Value::from(u.int_in_range(-2i64..=25)?),
        1 => Value::from(u.arbitrary::<i64>()?),
        2 => Value::from(u.arbitrary::<u64>()?),
        _ => Number::from_f64(u.arbitrary::<f64>()?).map_or(Value::Null, Value::Number),
    })
}

fn string(u: &mut Unstructured<'_>) -> Result<String> {
    let s: String = u.arbitrary()?;
    Ok(s)
}
