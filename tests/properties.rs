//! Property: arbitrary mutations of a valid body (delete, retype, stretch, duplicate any
//! field or item) never panic; every code is one of rules.md; every path is a JSON Pointer
//! that resolves in the input (for `required`: its parent does).

mod cases;

use coc_script_exec::messages::CODES;
use coc_script_exec::{validate_json, validate_json_with, validate_with, Options, Revision};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Every pointer in `v`, parents before children.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                pointers(child, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The values a field may be retyped to.
fn retyped(variant: u8) -> Value {
    match variant % 14 {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(0),
        3 => json!(-1),
        4 => json!(5.5),
        5 => json!(1e300),
        6 => json!(""),
        7 => json!("100.0"),
        8 => json!([]),
        9 => json!({}),
        10 => json!("a..b;😀"),
        11 => json!(u64::MAX),
        12 => json!([{}]),
        _ => json!(-0.0),
    }
}

fn mutate(body: &mut Value, pick: usize, op: u8, variant: u8) {
    let mut all = Vec::new();
    pointers(body, String::new(), &mut all);
    let at = &all[pick % all.len()];
    let (parent, key) = match at.rsplit_once('/') {
        Some((p, k)) => (p.to_owned(), k.replace("~1", "/").replace("~0", "~")),
        None => {
            *body = retyped(variant);
            return;
        }
    };
    let target = body.pointer(at).cloned().unwrap_or(Value::Null);
    let Some(container) = body.pointer_mut(&parent) else { return };
    match (op % 4, container) {
        // delete
        (0, Value::Object(map)) => {
            map.shift_remove(&key);
        }
        (0, Value::Array(items)) => {
            if let Ok(i) = key.parse::<usize>() {
                items.remove(i);
            }
        }
        // retype
        (1, c) => {
            if let Some(slot) = slot(c, &key) {
                *slot = retyped(variant);
            }
        }
        // stretch
        (2, c) => {
            let stretched = match target {
                Value::String(s) => Value::String(s.repeat(usize::from(variant % 40) + 2)),
                Value::Array(items) if !items.is_empty() => Value::Array(
                    items.iter().cycle().take(items.len() * (usize::from(variant % 12) + 2)).cloned().collect(),
                ),
                Value::Number(_) => json!(f64::from(variant) * 1000.5),
                other => other,
            };
            if let Some(slot) = slot(c, &key) {
                *slot = stretched;
            }
        }
        // duplicate: an item is repeated; a field is copied under a new name
        (_, Value::Array(items)) => {
            if let Ok(i) = key.parse::<usize>() {
                items.insert(i, target);
            }
        }
        (_, Value::Object(map)) => {
            map.insert(format!("{key}~/copy"), target);
        }
        _ => {}
    }
}

fn slot<'a>(c: &'a mut Value, key: &str) -> Option<&'a mut Value> {
    match c {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    }
}

fn check(body: &Value) {
    check_under(body, Revision::Page);
    check_under(body, Revision::Current);
}

/// Every report, in either revision: known codes, pointers that resolve (a missing member's
/// parent), `valid` as the errors say, and the text form saying the same.
fn check_under(body: &Value, revision: Revision) {
    let options = Options { revision, ..Options::default() };
    let report = validate_with(body, &options);
    for issue in &report.issues {
        assert!(CODES.contains(&issue.code.as_str()), "unknown code {}", issue.code);
        assert!(issue.path.is_empty() || issue.path.starts_with('/'), "not a pointer: {}", issue.path);
        // `required` is about a missing member; so may `mixed` be (a default provider or type).
        let resolves = if issue.code == "required" || issue.code == "mixed" {
            let parent = issue.path.rsplit_once('/').map_or("", |(p, _)| p);
            body.pointer(parent).is_some()
        } else {
            body.pointer(&issue.path).is_some()
        };
        assert!(resolves, "{} at {} does not resolve in {body}", issue.code, issue.path);
        assert!(!issue.message.is_empty());
    }
    let dropped_errors = report
        .issues
        .iter()
        .find(|i| i.code == "truncated")
        .map_or(0, |i| i.params["dropped_errors"].as_u64().unwrap_or(0));
    let listed_errors = report.issues.iter().any(|i| i.severity == coc_script_exec::Severity::Error);
    assert_eq!(report.valid, !listed_errors && dropped_errors == 0);
    // The text form of the same body says the same.
    assert_eq!(validate_json_with(&body.to_string(), &options), report);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn mutations_never_panic_and_paths_resolve(steps in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6)) {
        let mut body = cases::valid_body();
        for (pick, op, variant) in steps {
            mutate(&mut body, pick, op, variant);
        }
        check(&body);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let report = validate_json(&text);
        prop_assert!(report.issues.iter().all(|i| CODES.contains(&i.code.as_str())));
    }
}
