//! `json_schema(revision)`: a JSON Schema (2020-12) of the request body, generated from a
//! revision's table (rules/), the same data `validate` interprets, for tools that speak
//! JSON Schema (editors, form generators, ajv).
//!
//! The schema is deliberately *looser* than `validate`, never stricter: whatever it
//! rejects, `validate` rejects too. That is why warnings (unknown fields, a missing
//! `resourceful`, a timeout of exactly 5 or 1800, deprecated fields) pass it, why `null`
//! is allowed where a field is optional (rules.md: "a field that is null is treated as
//! missing"), and why the rules it cannot state are listed in its `description` instead of
//! approximated.

use crate::prelude::*;

use alloc::format;

use serde_json::{Map, Value};

use crate::limits::{MAX_BODY_BYTES, MAX_DEPTH, MAX_ISSUES};
use crate::messages::field_description;
use crate::report::{params, Revision, Severity};
use crate::rules::{self, Cross, Field, Kind, Presence, SchemaHint, Shape};

/// `json_schema(revision)` as JSON text, generated from the tables and committed
/// (src/schema/*.json; a test holds them to `json_schema` and `UPDATE_SCHEMA=1 cargo test
/// --lib` rewrites them), so the wasm module hands out text and holds none of the builder
/// (issue #16: 16 KB of code for 2 KB of gzipped text).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's, and the test's
pub(crate) fn json_schema_text(revision: Revision) -> &'static str {
    match revision {
        Revision::Page => include_str!("schema/page.json"),
        Revision::Current => include_str!("schema/current.json"),
    }
}

/// The JSON Schema (2020-12) of a request body under `revision`, with every rule it can
/// express; the rules it cannot express are named (by their id) in its `description`.
pub fn json_schema(revision: Revision) -> Value {
    let root = rules::table(revision);
    let mut schema = Map::new();
    schema.insert("$schema".into(), "https://json-schema.org/draft/2020-12/schema".into());
    schema.insert("title".into(), root.name.into());
    schema.insert("description".into(), description(revision).into());
    let Value::Object(body) = object(root) else { return Value::Object(schema) };
    schema.extend(body);
    let defs: Map<String, Value> =
        rules::shapes(root).into_iter().skip(1).map(|s| (s.name.to_owned(), object(s))).collect();
    schema.insert("$defs".into(), Value::Object(defs));
    Value::Object(schema)
}

/// An object of `shape`: its required fields and each field's schema.
fn object(shape: &Shape) -> Value {
    let required: Vec<&str> = shape.fields.iter().filter(|f| f.presence == Presence::Required).map(|f| f.key).collect();
    let properties: Map<String, Value> = shape.fields.iter().map(|f| (f.key.to_owned(), field(f))).collect();
    Value::Object(params([("type", "object".into()), ("required", required.into()), ("properties", properties.into())]))
}

/// One field: what it is (its `description`, from messages.rs, which an editor shows on
/// hover), its type (with `null` when it may be missing), bounds, and the checks a schema
/// can state.
fn field(f: &Field) -> Value {
    let mut out = Map::new();
    out.insert("description".into(), field_description(f.key, expected(&f.kind)).into());
    let optional = f.presence != Presence::Required;
    let typed = |name: &str| if optional { vec![name, "null"].into() } else { Value::from(name) };
    let reference = |s: &Shape| Value::from(format!("#/$defs/{}", s.name));
    match &f.kind {
        Kind::Bool => {
            out.insert("type".into(), typed("boolean"));
        }
        Kind::Integer(range) => {
            out.insert("type".into(), typed("integer"));
            if let Some((min, max)) = range {
                out.insert("minimum".into(), (*min).into());
                out.insert("maximum".into(), (*max).into());
            }
        }
        Kind::Number(min, max) => {
            out.insert("type".into(), typed("number"));
            out.insert("minimum".into(), (*min).into());
            out.insert("maximum".into(), (*max).into());
        }
        Kind::Str(min, max) => {
            out.insert("type".into(), typed("string"));
            // S4 under `current`: empty is fine when `param_refer` is there.
            let min = if matches!(f.presence, Presence::RequiredUnless(_)) { 0 } else { *min };
            out.insert("minLength".into(), min.into());
            if let Some(max) = max {
                out.insert("maxLength".into(), (*max).into());
            }
        }
        Kind::Enum(allowed) => {
            out.insert("type".into(), typed("string"));
            out.insert("enum".into(), allowed.to_vec().into());
        }
        Kind::Object(shape) if optional => {
            let null = params([("type", "null".into())]);
            out.insert(
                "anyOf".into(),
                vec![Value::Object(params([("$ref", reference(shape))])), Value::Object(null)].into(),
            );
        }
        Kind::Object(shape) => {
            out.insert("$ref".into(), reference(shape));
        }
        Kind::Array(of) => {
            out.insert("type".into(), typed("array"));
            if of.min > 0 {
                out.insert("minItems".into(), of.min.into());
            }
            out.insert("maxItems".into(), of.max.into());
            out.insert("items".into(), Value::Object(params([("$ref", reference(of.item))])));
        }
    }
    for check in f.checks.iter().filter(|c| c.severity == Severity::Error) {
        match check.schema {
            Some(SchemaHint::Const(value)) => {
                out.insert("const".into(), value.into());
            }
            Some(SchemaHint::Pattern(allowed)) => {
                out.insert("pattern".into(), param_value_pattern(allowed).into());
            }
            Some(SchemaHint::InPattern) | None => {}
        }
    }
    if f.presence == Presence::Deprecated {
        out.insert("deprecated".into(), true.into());
    }
    Value::Object(out)
}

/// The JSON type a field of this kind takes, as a `type` message names it.
fn expected(kind: &Kind) -> &'static str {
    match kind {
        Kind::Bool => "boolean",
        Kind::Integer(_) => "integer",
        Kind::Number(..) => "number",
        Kind::Str(..) | Kind::Enum(_) => "string",
        Kind::Object(_) => "object",
        Kind::Array(_) => "array",
    }
}

/// What the schema leaves to `validate`, by rule id, from the table.
fn description(revision: Revision) -> String {
    let root = rules::table(revision);
    let (mut errors, mut warnings): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for shape in rules::shapes(root) {
        for f in shape.fields {
            for check in f.checks {
                match (check.severity, check.schema) {
                    (Severity::Error, None) => errors.push(format!("{} {}", check.rule, check.doc)),
                    (Severity::Warning, _) => warnings.push(format!("{} {}", check.rule, check.doc)),
                    _ => {}
                }
            }
            match f.presence {
                Presence::Expected => warnings.push(format!("{} a missing {}", f.rule, f.key)),
                Presence::Deprecated => warnings.push(format!("{} {} (deprecated)", f.rule, f.key)),
                Presence::RequiredUnless(other) => {
                    errors.push(format!("{} {} required and non-empty unless {} is given", f.rule, f.key, other))
                }
                _ => {}
            }
            let Kind::Array(of) = &f.kind else { continue };
            for cross in of.cross {
                let (list, text) = match *cross {
                    Cross::Unique { rule, key } => (&mut errors, format!("{rule} {key} unique within {}", f.key)),
                    Cross::Sequence { rule, key, .. } => (&mut errors, format!("{rule} {key} values exactly 1..n")),
                    Cross::Total { rule, key, max } => {
                        (&mut errors, format!("{rule} at most {max} {key} items across all {}", f.key))
                    }
                    Cross::BodyUnique { rule, key, severity: Severity::Warning, .. } => {
                        (&mut warnings, format!("{rule} a {key} repeated across the body"))
                    }
                    Cross::BodyUnique { rule, key, .. } => {
                        (&mut errors, format!("{rule} {key} unique across the body"))
                    }
                    Cross::BodySame { rule, key, default } => {
                        (&mut errors, format!("{rule} the same {key} (default {default}) on every host"))
                    }
                };
                list.push(text);
            }
        }
    }
    format!(
        "A request body of COC's Executing Customized Scripts API (POST /v1/job/scripts/{{script_uuid}}), \
         revision \"{}\". This schema is looser than validate(): it rejects nothing that validate() accepts. \
         Rules it cannot express, which validate() checks: {}; \
         R-SIZE at most {MAX_BODY_BYTES} bytes of JSON text and {MAX_DEPTH} levels of nesting. \
         Warnings that validate() reports and this schema accepts: B4 unknown fields; {}; R-LIMIT more than {MAX_ISSUES} issues.",
        revision.as_str(),
        errors.join("; "),
        warnings.join("; ")
    )
}

/// S5 and S6 as one ECMA-262 pattern (the SDKs' own shape, `^((?!\.{{2,}})[...])*$`),
/// its character class generated from the rule's own predicate so the two cannot drift.
fn param_value_pattern(allowed: fn(char) -> bool) -> String {
    crate::text::concat(&["^(?:(?!\\.\\.)[", &char_class(allowed), "])*$"])
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
        ['\\', c].iter().collect()
    } else {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::*;
    use crate::rules::checks::{is_current_value_char, is_page_value_char};
    use serde_json::json;

    /// The committed texts the module returns are what the tables generate now.
    #[test]
    fn committed_texts_are_the_generated_schemas() {
        for revision in Revision::ALL {
            let path = format!("{}/src/schema/{}.json", env!("CARGO_MANIFEST_DIR"), revision.as_str());
            let generated = json_schema(revision).to_string();
            if std::env::var_os("UPDATE_SCHEMA").is_some() {
                std::fs::write(&path, &generated).expect("write the schema text");
                continue; // the build holds the old text until the next one
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert_eq!(committed, generated, "{path} is stale: run UPDATE_SCHEMA=1 cargo test --lib");
            assert_eq!(json_schema_text(revision), generated);
        }
    }

    #[test]
    fn pattern_is_the_s5_class_without_two_dots() {
        // The SDKs' class `[a-zA-Z0-9_\-/\.\x20\?:",=+@\\\[\{\]\}]`, in ASCII order.
        assert_eq!(param_value_pattern(is_page_value_char), r#"^(?:(?!\.\.)[ "\+,\-\.\/0-9:=\?@A-Z\[\\\]_a-z\{\}])*$"#);
        assert_eq!(
            param_value_pattern(is_current_value_char),
            r##"^(?:(?!\.\.)[ "#\*\+,\-\.\/0-9:=\?@A-Z\[\\\]_a-z\{\}])*$"##
        );
    }

    #[test]
    fn numbers_come_from_limits() {
        let s = json_schema(Revision::Page);
        assert_eq!(s["properties"]["execute_batches"]["maxItems"], MAX_BATCHES);
        assert_eq!(s["$defs"]["ScriptExecuteParam"]["properties"]["timeout"]["maximum"], TIMEOUT_MAX);
        assert_eq!(
            s["$defs"]["ExecuteInstancesBatchInfo"]["properties"]["target_instances"]["maxItems"],
            MAX_HOSTS_PER_BATCH
        );
        let description = s["description"].as_str().unwrap_or_default();
        for id in ["S3", "S8", "E2", "E5", "P4", "P1", "P2", "I6"] {
            assert!(description.contains(&format!("{id} ")), "{id}: {description}");
        }
        let c = json_schema(Revision::Current);
        let value = &c["$defs"]["ScriptExecuteInputParam"]["properties"]["param_value"];
        assert_eq!((&value["minLength"], &value["maxLength"]), (&0.into(), &PARAM_VALUE_MAX_CURRENT.into()));
        assert_eq!(c["$defs"]["ExecuteResourceInstance"]["required"], json!(["resource_id", "region_id"]));
        assert_eq!(c["$defs"]["ExecuteResourceInstance"]["properties"]["agent_sn"]["deprecated"], true);
        assert!(c["$defs"]["ScriptExecuteParam"]["properties"]["execute_user"].get("const").is_none());
        assert!(!c["description"].as_str().unwrap_or_default().contains("S8 "));
    }

    /// Every property of every object, in both revisions, says what it is: a sentence of
    /// its own, never one of the words a `type` message uses for any field of a type.
    #[test]
    fn every_property_has_a_description() {
        let generic: Vec<String> = ["boolean", "integer", "number", "string", "object", "array"]
            .iter()
            .map(|t| field_description("no such field", t))
            .collect();
        for revision in Revision::ALL {
            let s = json_schema(revision);
            let mut objects = vec![("body".to_owned(), &s)];
            objects.extend(s["$defs"].as_object().into_iter().flatten().map(|(name, d)| (name.clone(), d)));
            let mut seen = 0;
            for (name, object) in objects {
                for (key, property) in object["properties"].as_object().into_iter().flatten() {
                    let text = property["description"].as_str().unwrap_or_default();
                    assert!(
                        !text.is_empty() && !generic.iter().any(|g| g == text),
                        "{revision:?} {name}.{key}: {text:?}"
                    );
                    seen += 1;
                }
            }
            assert!(seen >= 17, "{revision:?}: {seen} properties");
        }
    }
}
