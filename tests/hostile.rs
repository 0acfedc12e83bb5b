//! Hostile text: a report with the right issue, in bounded time, never a panic or a
//! stack overflow (rules R-SYNTAX, R-SIZE, R-LIMIT).

mod cases;

use std::time::{Duration, Instant};

use coc_script_exec::{validate, validate_json, Report, Severity};
use serde_json::json;

/// Runs `f` and checks it took less than a generous bound (these are not benchmarks:
/// the bound only catches quadratic or unbounded work).
fn bounded(f: impl FnOnce() -> Report) -> Report {
    let start = Instant::now();
    let r = f();
    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
    r
}

fn only(r: &Report) -> (&str, &str, Severity) {
    let i = &r.issues[0];
    (i.path.as_str(), i.code.as_str(), i.severity)
}

#[test]
fn r_size_100000_nested_brackets() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let r = bounded(|| validate_json(&text));
    assert_eq!(only(&r), ("", "too_large", Severity::Error));
    assert_eq!(r.issues[0].params["max_depth"], 128);
    let unclosed = "{\"a\":".repeat(100_000);
    let r = bounded(|| validate_json(&unclosed));
    assert_eq!(only(&r), ("", "too_large", Severity::Error));
}

#[test]
fn r_size_2_mib_of_text() {
    let text = format!("\"{}\"", "é".repeat(1024 * 1024));
    let r = bounded(|| validate_json(&text));
    assert_eq!(only(&r), ("", "too_large", Severity::Error));
    assert_eq!(r.issues[0].params["actual_bytes"], text.len());
    assert_eq!(r.issues[0].params["max_bytes"], 1_048_576);
}

#[test]
fn r_limit_10000_unknown_keys() {
    let mut body = cases::valid_body();
    for i in 0..10_000 {
        body[format!("k{i}")] = json!(i);
    }
    let text = body.to_string();
    let r = bounded(|| validate_json(&text));
    assert!(r.valid, "unknown keys are warnings");
    assert_eq!(r.issues.len(), 101);
    assert_eq!(r.issues[0].path, "/k0");
    assert_eq!(r.issues[100].code, "truncated");
    assert_eq!(r.issues[100].params["dropped"], 9_900);
}

#[test]
fn r_syntax_lone_surrogate_escapes() {
    let body = cases::valid_body().to_string().replace("\"key1\"", "\"\\ud800\"");
    let r = bounded(|| validate_json(&body));
    assert_eq!(only(&r), ("", "syntax", Severity::Error));
    // A valid surrogate pair is one character, which S5 refuses.
    let body = cases::valid_body().to_string().replace("\"key1\"", "\"\\ud83d\\ude00\"");
    let r = validate_json(&body);
    assert_eq!(r.issues[0].code, "charset");
    assert_eq!(r.issues[0].params["char"], "😀");
}

#[test]
fn numbers_1e400_and_minus_zero() {
    let base = cases::valid_body().to_string();
    let r = validate_json(&base.replace("\"timeout\":300", "\"timeout\":1e400"));
    assert_eq!(only(&r), ("", "syntax", Severity::Error));
    let r = validate_json(&base.replace("\"timeout\":300", "\"timeout\":-0"));
    assert_eq!(only(&r), ("/execute_param/timeout", "range", Severity::Error));
    let r = validate_json(&base.replace("\"success_rate\":100", "\"success_rate\":-0.0"));
    assert_eq!(only(&r), ("/execute_param/success_rate", "range", Severity::Error));
    let r = validate_json(&base.replace("\"timeout\":300", "\"timeout\":1e300"));
    assert_eq!(only(&r), ("/execute_param/timeout", "range", Severity::Error));
    let r = validate_json(&base.replace("\"timeout\":300", "\"timeout\":18446744073709551616"));
    assert_eq!(only(&r), ("/execute_param/timeout", "range", Severity::Error));
}

#[test]
fn huge_arrays_of_broken_items_stay_cheap() {
    // ~1 MiB of empty host objects: four errors each, most of them only counted.
    let hosts = vec!["{}"; 300_000].join(",");
    let text = format!(
        "{{\"execute_param\":{{\"timeout\":300,\"success_rate\":100,\"execute_user\":\"root\"}},\"execute_batches\":[{{\"batch_index\":1,\"rotation_strategy\":\"PAUSE\",\"target_instances\":[{hosts}]}}]}}"
    );
    assert!(text.len() < 1024 * 1024);
    let r = bounded(|| validate_json(&text));
    assert_eq!(r.issues.len(), 101);
    assert!(!r.valid);
    let dropped = r.issues[100].params["dropped_errors"].as_u64().unwrap();
    assert!(dropped > 1_000_000, "{dropped}");
}

#[test]
fn deep_values_outside_the_walk_are_not_descended() {
    // A deep value built in Rust (not from text) under an unknown key. Building, cloning
    // and dropping such a Value recurses in serde_json itself, so give this test a big
    // stack; validate must not need one.
    let run = || {
        let mut deep = json!(1);
        for _ in 0..10_000 {
            deep = serde_json::Value::Array(vec![deep]);
        }
        let mut body = cases::valid_body();
        body["deep"] = deep;
        let r = bounded(|| validate(&body));
        assert_eq!(only(&r), ("/deep", "unknown_field", Severity::Warning));
    };
    std::thread::Builder::new().stack_size(256 << 20).spawn(run).unwrap().join().unwrap();
}
