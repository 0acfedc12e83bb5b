//! `json_schema()`: a JSON Schema (2020-12) of the request body, built from the same
//! constants as `validate` (limits.rs, model.rs, the S5 character rule), for tools that
//! speak JSON Schema (editors, form generators, ajv).
//!
//! The schema is deliberately *looser* than `validate`, never stricter: whatever it
//! rejects, `validate` rejects too. That is why warnings (unknown fields, a missing
//! `resourceful`, a timeout of exactly 5 or 1800) pass it, why `null` is allowed where a
//! field is optional (rules.md: "a field that is null is treated as missing"), and why the
//! rules it cannot state are listed in its `description` instead of approximated.

use serde_json::Value;

use crate::limits::*;
use crate::model::{ExecuteResourceInstance, RotationStrategy};
use crate::validate::rules::is_param_value_char;

/// The schema's shape, as data: every number, list and generated text is a `"{{name}}"`
/// placeholder that [`fill`] replaces from limits.rs, model.rs and the S5 rule, so no
/// constant is written twice. (Data rather than a `json!` literal: the macro compiles to
/// one function of ~20 KB of wasm; this text is a tenth of that, gzipped.)
const TEMPLATE: &str = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "ScriptExecuteRequest",
  "description": "{{description}}",
  "type": "object",
  "required": ["execute_param", "execute_batches"],
  "properties": {
    "execute_param": { "$ref": "#/$defs/ScriptExecuteParam" },
    "execute_batches": {
      "type": "array",
      "minItems": "{{MIN_BATCHES}}",
      "maxItems": "{{MAX_BATCHES}}",
      "items": { "$ref": "#/$defs/ExecuteInstancesBatchInfo" }
    }
  },
  "$defs": {
    "ScriptExecuteParam": {
      "type": "object",
      "required": ["timeout", "success_rate", "execute_user"],
      "properties": {
        "resourceful": { "type": ["boolean", "null"] },
        "timeout": { "type": "integer", "minimum": "{{TIMEOUT_MIN}}", "maximum": "{{TIMEOUT_MAX}}" },
        "success_rate": { "type": "number", "minimum": "{{SUCCESS_RATE_MIN}}", "maximum": "{{SUCCESS_RATE_MAX}}" },
        "execute_user": {
          "type": "string",
          "minLength": "{{EXECUTE_USER_MIN}}",
          "maxLength": "{{EXECUTE_USER_MAX}}",
          "const": "{{EXECUTE_USER_ROOT}}"
        },
        "script_params": {
          "type": ["array", "null"],
          "maxItems": "{{MAX_SCRIPT_PARAMS}}",
          "items": { "$ref": "#/$defs/ScriptExecuteInputParam" }
        }
      }
    },
    "ScriptExecuteInputParam": {
      "type": "object",
      "required": ["param_name", "param_value", "param_order"],
      "properties": {
        "param_name": { "type": "string", "minLength": "{{PARAM_NAME_MIN}}", "maxLength": "{{PARAM_NAME_MAX}}" },
        "param_value": {
          "type": "string",
          "minLength": "{{PARAM_VALUE_MIN}}",
          "maxLength": "{{PARAM_VALUE_MAX}}",
          "pattern": "{{param_value_pattern}}"
        },
        "param_order": { "type": "integer", "minimum": "{{PARAM_ORDER_MIN}}", "maximum": "{{MAX_SCRIPT_PARAMS}}" }
      }
    },
    "ExecuteInstancesBatchInfo": {
      "type": "object",
      "required": ["batch_index", "target_instances", "rotation_strategy"],
      "properties": {
        "batch_index": { "type": "integer", "minimum": "{{BATCH_INDEX_MIN}}", "maximum": "{{MAX_BATCHES}}" },
        "target_instances": {
          "type": "array",
          "minItems": "{{MIN_HOSTS_PER_BATCH}}",
          "maxItems": "{{MAX_HOSTS_PER_BATCH}}",
          "items": { "$ref": "#/$defs/ExecuteResourceInstance" }
        },
        "rotation_strategy": { "type": "string", "enum": "{{rotation_strategies}}" }
      }
    },
    "ExecuteResourceInstance": {
      "type": "object",
      "required": "{{host_fields}}",
      "properties": {
        "resource_id": { "type": "string", "minLength": "{{RESOURCE_ID_MIN}}", "maxLength": "{{RESOURCE_ID_MAX}}" },
        "agent_sn": { "type": "string", "minLength": "{{HOST_FIELD_MIN}}", "maxLength": "{{HOST_FIELD_MAX}}" },
        "project_id": { "type": "string", "minLength": "{{HOST_FIELD_MIN}}", "maxLength": "{{HOST_FIELD_MAX}}" },
        "region_id": { "type": "string", "minLength": "{{HOST_FIELD_MIN}}", "maxLength": "{{HOST_FIELD_MAX}}" }
      }
    }
  }
}"##;

/// The JSON Schema (2020-12) of a request body, with every rule it can express; the
/// rules it cannot express are named (by their rules.md id) in its `description`.
///
/// Shape notes (the template above): P1 `resourceful` is not `required` (missing is only a
/// warning); P2's bounds themselves pass (with a `boundary` warning); optional fields
/// allow `null` (rules.md: "a field that is null is treated as missing").
pub fn json_schema() -> Value {
    let mut schema: Value = serde_json::from_str(TEMPLATE).unwrap_or(Value::Null);
    fill(&mut schema);
    schema
}

/// Replaces every `"{{name}}"` string in `value` with what [`placeholder`] gives.
fn fill(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix("{{").and_then(|s| s.strip_suffix("}}")) {
                *value = placeholder(name);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(fill),
        Value::Object(members) => members.values_mut().for_each(fill),
        _ => {}
    }
}

/// The value of one placeholder of [`TEMPLATE`] (`null` for a name it does not know,
/// which a test rules out).
fn placeholder(name: &str) -> Value {
    let strings = |list: &[&str]| Value::from(list.iter().map(|s| Value::from(*s)).collect::<Vec<_>>());
    match name {
        "description" => description().into(),
        "param_value_pattern" => param_value_pattern().into(),
        "rotation_strategies" => strings(&RotationStrategy::ALLOWED),
        "host_fields" => strings(&ExecuteResourceInstance::FIELDS),
        "EXECUTE_USER_ROOT" => EXECUTE_USER_ROOT.into(),
        "MIN_BATCHES" => MIN_BATCHES.into(),
        "MAX_BATCHES" => MAX_BATCHES.into(),
        "TIMEOUT_MIN" => TIMEOUT_MIN.into(),
        "TIMEOUT_MAX" => TIMEOUT_MAX.into(),
        "SUCCESS_RATE_MIN" => SUCCESS_RATE_MIN.into(),
        "SUCCESS_RATE_MAX" => SUCCESS_RATE_MAX.into(),
        "EXECUTE_USER_MIN" => EXECUTE_USER_MIN.into(),
        "EXECUTE_USER_MAX" => EXECUTE_USER_MAX.into(),
        "MAX_SCRIPT_PARAMS" => MAX_SCRIPT_PARAMS.into(),
        "PARAM_NAME_MIN" => PARAM_NAME_MIN.into(),
        "PARAM_NAME_MAX" => PARAM_NAME_MAX.into(),
        "PARAM_VALUE_MIN" => PARAM_VALUE_MIN.into(),
        "PARAM_VALUE_MAX" => PARAM_VALUE_MAX.into(),
        "PARAM_ORDER_MIN" => PARAM_ORDER_MIN.into(),
        "BATCH_INDEX_MIN" => BATCH_INDEX_MIN.into(),
        "MIN_HOSTS_PER_BATCH" => MIN_HOSTS_PER_BATCH.into(),
        "MAX_HOSTS_PER_BATCH" => MAX_HOSTS_PER_BATCH.into(),
        "RESOURCE_ID_MIN" => RESOURCE_ID_MIN.into(),
        "RESOURCE_ID_MAX" => RESOURCE_ID_MAX.into(),
        "HOST_FIELD_MIN" => HOST_FIELD_MIN.into(),
        "HOST_FIELD_MAX" => HOST_FIELD_MAX.into(),
        _ => Value::Null,
    }
}

/// What the schema leaves to `validate`, by rule id.
fn description() -> String {
    format!(
        "A request body of COC's Executing Customized Scripts API (POST /v1/job/scripts/{{script_uuid}}). \
         This schema is looser than validate(): it rejects nothing that validate() accepts. \
         Rules it cannot express, which validate() checks: \
         S3 param_name unique within script_params; \
         S8 param_order values exactly 1..n; \
         E5 batch_index values exactly 1..m; \
         E2 at most {MAX_HOSTS} hosts across all batches; \
         P4 success_rate with at most {SUCCESS_RATE_DECIMALS} decimal place (multipleOf is inexact in binary floating point); \
         R-SIZE at most {MAX_BODY_BYTES} bytes of JSON text and {MAX_DEPTH} levels of nesting. \
         Warnings that validate() reports and this schema accepts: \
         B4 unknown fields; P1 a missing resourceful; P2 a timeout of exactly {TIMEOUT_MIN} or {TIMEOUT_MAX}; \
         I6 a resource_id repeated across the body; R-LIMIT more than {MAX_ISSUES} issues."
    )
}

/// S5 and S6 as one ECMA-262 pattern (the SDKs' own shape, `^((?!\.{{2,}})[...])*$`),
/// its character class generated from the rule's own predicate so the two cannot drift.
fn param_value_pattern() -> String {
    format!("^(?:(?!\\.\\.)[{}])*$", char_class(is_param_value_char))
}

/// The ASCII characters `allowed` accepts, as the inside of a regex character class, with
/// runs of letters or digits written as ranges (`0-9`, `A-Z`) and the rest one by one, so
/// a reader can check it against rules.md. Only ASCII is scanned: S5 allows nothing else.
fn char_class(allowed: impl Fn(char) -> bool) -> String {
    let chars: Vec<char> = (' '..='~').filter(|&c| allowed(c)).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        let same_run = |a: char, b: char| {
            b as u32 == a as u32 + 1
                && [char::is_ascii_digit, char::is_ascii_uppercase, char::is_ascii_lowercase]
                    .iter()
                    .any(|class| class(&a) && class(&b))
        };
        while j + 1 < chars.len() && same_run(chars[j], chars[j + 1]) {
            j += 1;
        }
        if j - i >= 2 {
            out.push_str(&class_char(chars[i]));
            out.push('-');
            out.push_str(&class_char(chars[j]));
        } else {
            chars[i..=j].iter().for_each(|&c| out.push_str(&class_char(c)));
        }
        i = j + 1;
    }
    out
}

/// One character inside a class, escaped only where a Unicode-mode regex requires it
/// (ajv compiles patterns with the `u` flag, which rejects needless escapes).
fn class_char(c: char) -> String {
    if "^$\\.*+?()[]{}|/-".contains(c) {
        format!("\\{c}")
    } else {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_is_the_s5_class_without_two_dots() {
        // The SDKs' class `[a-zA-Z0-9_\-/\.\x20\?:",=+@\\\[\{\]\}]`, in ASCII order.
        assert_eq!(param_value_pattern(), r#"^(?:(?!\.\.)[ "\+,\-\.\/0-9:=\?@A-Z\[\\\]_a-z\{\}])*$"#);
    }

    #[test]
    fn numbers_come_from_limits() {
        let s = json_schema();
        assert_eq!(s["properties"]["execute_batches"]["maxItems"], MAX_BATCHES);
        assert_eq!(s["$defs"]["ScriptExecuteParam"]["properties"]["timeout"]["maximum"], TIMEOUT_MAX);
        assert_eq!(
            s["$defs"]["ExecuteInstancesBatchInfo"]["properties"]["target_instances"]["maxItems"],
            MAX_HOSTS_PER_BATCH
        );
        assert!(s["description"].as_str().unwrap().contains("S3"));
    }

    /// Every placeholder of the template is one `placeholder` knows, and none is left.
    #[test]
    fn every_placeholder_is_filled() {
        let names: Vec<&str> =
            TEMPLATE.split("\"{{").skip(1).filter_map(|s| s.split_once("}}\"")).map(|(n, _)| n).collect();
        assert!(names.len() > 20);
        for name in names {
            assert!(!placeholder(name).is_null(), "{name}");
        }
        fn no_null(v: &Value) -> bool {
            match v {
                Value::Null => false,
                Value::Array(items) => items.iter().all(no_null),
                Value::Object(members) => members.values().all(no_null),
                _ => true,
            }
        }
        let schema = json_schema();
        assert!(no_null(&schema) && !schema.to_string().contains("{{"), "{schema}");
    }
}
