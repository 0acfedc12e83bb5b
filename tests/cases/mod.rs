//! The rule cases: one set, run natively (tests/rules.rs) and as wasm in Chromium and
//! Node (tests/wasm.rs). For every rule id of rules.md, bodies that break it (`expect`:
//! the issues that must be present) and bodies that pass it (`absent`: the issues that
//! must not be). Tests match on path, code and severity, never on message text.
#![allow(dead_code)]

use coc_script_exec::Report;
use coc_script_exec::Severity::{self, Error, Warning};
use serde_json::{json, Value};

/// One body and what `validate` must say of it.
pub struct Case {
    /// The rule id in rules.md.
    pub rule: &'static str,
    /// What the body does.
    pub name: String,
    /// The body.
    pub body: Value,
    /// (path, code, severity) that must be in the report.
    pub expect: Vec<(String, &'static str, Severity)>,
    /// (path, code) that must not be in the report.
    pub absent: Vec<(String, &'static str)>,
}

/// One JSON text and what `validate_json` must say of it.
pub struct TextCase {
    /// The rule id in rules.md.
    pub rule: &'static str,
    /// What the text does.
    pub name: String,
    /// The text.
    pub text: String,
    /// (path, code, severity) that must be in the report.
    pub expect: Vec<(String, &'static str, Severity)>,
    /// (path, code) that must not be in the report.
    pub absent: Vec<(String, &'static str)>,
}

/// A host with the four documented fields.
pub fn host(id: &str) -> Value {
    json!({"resource_id": id, "agent_sn": format!("sn-{id}"), "project_id": "p1", "region_id": "cn-north-4"})
}

/// A valid body exercising every member: two parameters, two batches, three hosts.
pub fn valid_body() -> Value {
    json!({
        "execute_param": {
            "resourceful": true,
            "timeout": 300,
            "success_rate": 100,
            "execute_user": "root",
            "script_params": [
                {"param_name": "a", "param_value": "key1", "param_order": 1},
                {"param_name": "b", "param_value": "x", "param_order": 2}
            ]
        },
        "execute_batches": [
            {"batch_index": 1, "target_instances": [host("i-1")], "rotation_strategy": "PAUSE"},
            {"batch_index": 2, "target_instances": [host("i-2"), host("i-3")], "rotation_strategy": "CONTINUE"}
        ]
    })
}

/// `count` parameters with unique names and orders 1..=count.
pub fn params_n(count: usize) -> Value {
    Value::Array(
        (1..=count).map(|i| json!({"param_name": format!("p{i}"), "param_value": "v", "param_order": i})).collect(),
    )
}

/// `batches` batches of `per` hosts each, indexes 1..=batches, distinct hosts.
pub fn batches_n(batches: usize, per: usize) -> Value {
    Value::Array(
        (1..=batches)
            .map(|b| {
                let hosts: Vec<Value> = (0..per).map(|h| host(&format!("i-{b}-{h}"))).collect();
                json!({"batch_index": b, "target_instances": hosts, "rotation_strategy": "CONTINUE"})
            })
            .collect(),
    )
}

/// `body` with the value at `pointer` replaced (or `None`: removed). The parent must exist.
pub fn with(mut body: Value, pointer: &str, value: Option<Value>) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer below the root");
    let key = key.replace("~1", "/").replace("~0", "~");
    match body.pointer_mut(parent).expect("the parent exists") {
        Value::Object(map) => match value {
            Some(v) => {
                map.insert(key, v);
            }
            None => {
                map.shift_remove(&key);
            }
        },
        Value::Array(items) => {
            let i: usize = key.parse().expect("an index");
            match value {
                Some(v) => items[i] = v,
                None => {
                    items.remove(i);
                }
            }
        }
        _ => panic!("parent is not a container"),
    }
    body
}

/// The valid body with one value set.
pub fn set(pointer: &str, value: Value) -> Value {
    with(valid_body(), pointer, Some(value))
}

/// The valid body with one member removed.
pub fn drop(pointer: &str) -> Value {
    with(valid_body(), pointer, None)
}

struct Builder(Vec<Case>);

impl Builder {
    /// `body` must raise `code` with `severity` at `path`.
    fn fails(
        &mut self,
        rule: &'static str,
        name: &str,
        body: Value,
        path: &str,
        code: &'static str,
        severity: Severity,
    ) {
        self.0.push(Case {
            rule,
            name: name.to_owned(),
            body,
            expect: vec![(path.to_owned(), code, severity)],
            absent: vec![],
        });
    }

    /// `body` must not raise `code` at `path`.
    fn passes(&mut self, rule: &'static str, name: &str, body: Value, path: &str, code: &'static str) {
        self.0.push(Case { rule, name: name.to_owned(), body, expect: vec![], absent: vec![(path.to_owned(), code)] });
    }

    /// A required string member: missing, wrong type, too short, too long; at the limits it passes.
    fn string_rule(&mut self, rule: &'static str, path: &str, min: usize, max: usize) {
        self.fails(rule, "missing", drop(path), path, "required", Error);
        self.fails(rule, "null is missing", set(path, Value::Null), path, "required", Error);
        self.fails(rule, "a number", set(path, json!(1)), path, "type", Error);
        if min > 0 {
            self.fails(rule, "too short", set(path, json!("")), path, "length", Error);
        }
        self.fails(rule, "too long", set(path, json!("x".repeat(max + 1))), path, "length", Error);
        // Lengths count characters: max emoji pass although JS .length says twice as many.
        let at_max = if path.ends_with("param_value") { "x".repeat(max) } else { "😀".repeat(max) };
        self.passes(rule, "max characters", set(path, json!(at_max)), path, "length");
        if min > 0 {
            self.passes(rule, "min characters", set(path, json!("r".repeat(min))), path, "length");
        }
    }

    /// A required Integer member with a range.
    fn integer_rule(&mut self, rule: &'static str, path: &str, min: u64, max: u64) {
        self.fails(rule, "missing", drop(path), path, "required", Error);
        self.fails(rule, "a numeric string", set(path, json!(min.to_string())), path, "type", Error);
        self.fails(rule, "a fraction", set(path, json!(min as f64 + 0.5)), path, "type", Error);
        self.fails(rule, "a boolean", set(path, json!(true)), path, "type", Error);
        self.fails(rule, "below min", set(path, json!(min - 1)), path, "range", Error);
        self.fails(rule, "above max", set(path, json!(max + 1)), path, "range", Error);
        self.fails(rule, "negative", set(path, json!(-1)), path, "range", Error);
        self.passes(rule, "a whole float", set(path, json!(min as f64)), path, "type");
    }
}

/// Every rule case.
pub fn cases() -> Vec<Case> {
    let mut b = Builder(Vec::new());
    let p = "/execute_param";
    let sp = "/execute_param/script_params";
    let eb = "/execute_batches";
    let h = "/execute_batches/1/target_instances/1";

    // Body
    b.fails("B1", "an array", json!([]), "", "type", Error);
    b.fails("B1", "a string", json!("{}"), "", "type", Error);
    b.fails("B1", "null", Value::Null, "", "type", Error);
    b.passes("B1", "an object", valid_body(), "", "type");
    b.fails("B2", "missing", drop(p), p, "required", Error);
    b.fails("B2", "null", set(p, Value::Null), p, "required", Error);
    b.fails("B2", "an array", set(p, json!([])), p, "type", Error);
    b.passes("B2", "an object", valid_body(), p, "required");
    b.fails("B3", "missing", drop(eb), eb, "required", Error);
    b.fails("B3", "an object", set(eb, json!({})), eb, "type", Error);
    b.passes("B3", "an array", valid_body(), eb, "type");
    b.fails("B4", "top-level key", set("/extra", json!(1)), "/extra", "unknown_field", Warning);
    b.fails("B4", "null member", set("/extra", Value::Null), "/extra", "unknown_field", Warning);
    b.fails(
        "B4",
        "escaped key",
        set("/execute_param/a~1b~0c", json!(1)),
        "/execute_param/a~1b~0c",
        "unknown_field",
        Warning,
    );
    b.fails(
        "B4",
        "host key",
        set(&format!("{h}/agent_status"), json!("ONLINE")),
        &format!("{h}/agent_status"),
        "unknown_field",
        Warning,
    );
    b.fails("B4", "param key", set(&format!("{sp}/0/x"), json!(1)), &format!("{sp}/0/x"), "unknown_field", Warning);
    b.fails("B4", "batch key", set(&format!("{eb}/0/x"), json!(1)), &format!("{eb}/0/x"), "unknown_field", Warning);
    b.passes("B4", "documented keys only", valid_body(), "/execute_param/resourceful", "unknown_field");

    // execute_param
    let r = "/execute_param/resourceful";
    b.fails("P1", "missing is a warning", drop(r), r, "required", Warning);
    b.fails("P1", "a string", set(r, json!("true")), r, "type", Error);
    b.passes("P1", "false", set(r, json!(false)), r, "type");
    let t = "/execute_param/timeout";
    b.integer_rule("P2", t, 5, 1800);
    b.fails("P2", "exactly 5", set(t, json!(5)), t, "boundary", Warning);
    b.fails("P2", "exactly 1800", set(t, json!(1800)), t, "boundary", Warning);
    b.passes("P2", "5 is in range", set(t, json!(5)), t, "range");
    b.passes("P2", "6 is not at the edge", set(t, json!(6)), t, "boundary");
    b.passes("P2", "1799 is in range", set(t, json!(1799)), t, "range");
    let s = "/execute_param/success_rate";
    b.fails("P3", "missing", drop(s), s, "required", Error);
    b.fails("P3", "a numeric string", set(s, json!("100.0")), s, "type", Error);
    b.fails("P3", "below 1", set(s, json!(0.5)), s, "range", Error);
    b.fails("P3", "above 100", set(s, json!(100.5)), s, "range", Error);
    b.passes("P3", "1", set(s, json!(1)), s, "range");
    b.passes("P3", "100.0", set(s, json!(100.0)), s, "range");
    b.fails("P4", "two places", set(s, json!(99.55)), s, "decimal_places", Error);
    b.fails("P4", "range and places", set(s, json!(100.05)), s, "decimal_places", Error);
    b.fails("P4", "range and places", set(s, json!(100.05)), s, "range", Error);
    b.passes("P4", "99.9 in binary", set(s, json!(99.9)), s, "decimal_places");
    b.passes("P4", "one place", set(s, json!(99.5)), s, "decimal_places");
    let u = "/execute_param/execute_user";
    b.string_rule("P5", u, 1, 32);
    b.fails("P6", "admin", set(u, json!("admin")), u, "must_be_root", Error);
    b.fails("P6", "empty is length and root", set(u, json!("")), u, "must_be_root", Error);
    b.fails("P6", "Root", set(u, json!("Root")), u, "must_be_root", Error);
    b.passes("P6", "root", valid_body(), u, "must_be_root");
    b.fails("P7", "an object", set(sp, json!({})), sp, "type", Error);
    b.fails("P7", "21 parameters", set(sp, params_n(21)), sp, "count", Error);
    b.passes("P7", "20 parameters", set(sp, params_n(20)), sp, "count");
    b.passes("P7", "absent", drop(sp), sp, "required");
    b.passes("P7", "empty", set(sp, json!([])), sp, "count");

    // script_params[i]
    b.fails("S1", "a string item", set(&format!("{sp}/0"), json!("a=1")), &format!("{sp}/0"), "type", Error);
    b.passes("S1", "object items", valid_body(), &format!("{sp}/0"), "type");
    b.string_rule("S2", &format!("{sp}/0/param_name"), 1, 64);
    b.fails(
        "S3",
        "same name",
        set(&format!("{sp}/1/param_name"), json!("a")),
        &format!("{sp}/1/param_name"),
        "duplicate",
        Error,
    );
    b.passes(
        "S3",
        "names are case-sensitive",
        set(&format!("{sp}/1/param_name"), json!("A")),
        &format!("{sp}/1/param_name"),
        "duplicate",
    );
    b.passes(
        "S3",
        "the first copy is fine",
        set(&format!("{sp}/1/param_name"), json!("a")),
        &format!("{sp}/0/param_name"),
        "duplicate",
    );
    b.string_rule("S4", &format!("{sp}/0/param_value"), 0, 1024);
    b.passes(
        "S4",
        "empty value",
        set(&format!("{sp}/0/param_value"), json!("")),
        &format!("{sp}/0/param_value"),
        "length",
    );
    let v = format!("{sp}/0/param_value");
    b.fails("S5", "a semicolon", set(&v, json!("a;b")), &v, "charset", Error);
    b.fails("S5", "a non-ASCII letter", set(&v, json!("café")), &v, "charset", Error);
    b.fails("S5", "a newline", set(&v, json!("a\nb")), &v, "charset", Error);
    b.passes("S5", "every allowed character", set(&v, json!("aZ09_-/. ?:\",=+@\\[{]}")), &v, "charset");
    b.fails("S6", "two dots", set(&v, json!("../etc")), &v, "consecutive_dots", Error);
    b.fails("S6", "three dots", set(&v, json!("a...b")), &v, "consecutive_dots", Error);
    b.passes("S6", "single dots", set(&v, json!("a.b.c")), &v, "consecutive_dots");
    b.integer_rule("S7", &format!("{sp}/0/param_order"), 1, 20);
    let o1 = format!("{sp}/1/param_order");
    b.fails("S8", "a repeated order", set(&o1, json!(1)), &o1, "duplicate", Error);
    b.fails("S8", "a gap", set(&o1, json!(3)), &o1, "sequence", Error);
    b.fails(
        "S8",
        "not from 1",
        with(set(&o1, json!(3)), &format!("{sp}/0/param_order"), Some(json!(2))),
        &format!("{sp}/0/param_order"),
        "sequence",
        Error,
    );
    b.passes(
        "S8",
        "any array order",
        with(set(&o1, json!(1)), &format!("{sp}/0/param_order"), Some(json!(2))),
        &o1,
        "sequence",
    );
    b.passes(
        "S8",
        "any array order",
        with(set(&o1, json!(1)), &format!("{sp}/0/param_order"), Some(json!(2))),
        &o1,
        "duplicate",
    );

    // execute_batches[j]
    b.fails("E1", "no batches", set(eb, json!([])), eb, "count", Error);
    b.fails("E1", "21 batches", set(eb, batches_n(21, 1)), eb, "count", Error);
    b.passes("E1", "20 batches", set(eb, batches_n(20, 1)), eb, "count");
    b.fails("E2", "201 hosts", set(eb, batches_n(21, 10).as_array().map(|a| Value::Array(a[..20].iter().cloned().chain([json!({"batch_index": 21, "target_instances": [host("x")], "rotation_strategy": "CONTINUE"})]).collect())).unwrap_or_default()), eb, "total_hosts", Error);
    b.fails(
        "E2",
        "one batch of 201",
        set(eb, json!([{"batch_index": 1, "target_instances": vec![json!(1); 201], "rotation_strategy": "PAUSE"}])),
        eb,
        "total_hosts",
        Error,
    );
    b.passes("E2", "200 hosts", set(eb, batches_n(20, 10)), eb, "total_hosts");
    b.fails("E3", "a number", set(&format!("{eb}/0"), json!(1)), &format!("{eb}/0"), "type", Error);
    b.passes("E3", "objects", valid_body(), &format!("{eb}/0"), "type");
    b.integer_rule("E4", &format!("{eb}/0/batch_index"), 1, 20);
    let i1 = format!("{eb}/1/batch_index");
    b.fails("E5", "a repeated index", set(&i1, json!(1)), &i1, "duplicate", Error);
    b.fails("E5", "a gap", set(&i1, json!(3)), &i1, "sequence", Error);
    b.passes(
        "E5",
        "any array order",
        with(set(&i1, json!(1)), &format!("{eb}/0/batch_index"), Some(json!(2))),
        &i1,
        "sequence",
    );
    let ti = format!("{eb}/0/target_instances");
    b.fails("E6", "missing", drop(&ti), &ti, "required", Error);
    b.fails("E6", "an object", set(&ti, host("i-9")), &ti, "type", Error);
    b.fails("E6", "empty", set(&ti, json!([])), &ti, "count", Error);
    b.fails(
        "E6",
        "11 hosts",
        set(&ti, Value::Array((0..11).map(|i| host(&format!("h{i}"))).collect())),
        &ti,
        "count",
        Error,
    );
    b.passes("E6", "10 hosts", set(&ti, Value::Array((0..10).map(|i| host(&format!("h{i}"))).collect())), &ti, "count");
    let rs = format!("{eb}/0/rotation_strategy");
    b.fails("E7", "missing", drop(&rs), &rs, "required", Error);
    b.fails("E7", "a number", set(&rs, json!(0)), &rs, "type", Error);
    b.fails("E7", "lower case", set(&rs, json!("continue")), &rs, "enum", Error);
    b.fails("E7", "another word", set(&rs, json!("STOP")), &rs, "enum", Error);
    b.passes("E7", "PAUSE", valid_body(), &rs, "enum");

    // target_instances[k]
    b.fails("I1", "a string", set(h, json!("i-3")), h, "type", Error);
    b.fails("I1", "null", set(h, Value::Null), h, "type", Error);
    b.passes("I1", "an object", valid_body(), h, "type");
    b.string_rule("I2", &format!("{h}/resource_id"), 1, 64);
    b.string_rule("I3", &format!("{h}/agent_sn"), 1, 32);
    b.string_rule("I4", &format!("{h}/project_id"), 1, 32);
    b.string_rule("I5", &format!("{h}/region_id"), 1, 32);
    let rid = format!("{h}/resource_id");
    b.fails("I6", "same host in two batches", set(&rid, json!("i-1")), &rid, "duplicate_host", Warning);
    b.fails("I6", "same host in one batch", set(&rid, json!("i-2")), &rid, "duplicate_host", Warning);
    b.passes(
        "I6",
        "the first copy is fine",
        set(&rid, json!("i-1")),
        "/execute_batches/0/target_instances/0/resource_id",
        "duplicate_host",
    );
    b.passes("I6", "distinct hosts", valid_body(), &rid, "duplicate_host");

    // R-LIMIT
    let mut many = valid_body();
    for i in 0..150 {
        many = with(many, &format!("/x{i}"), Some(json!(i)));
    }
    b.fails("R-LIMIT", "150 unknown keys", many, "", "truncated", Warning);
    b.passes("R-LIMIT", "few issues", valid_body(), "", "truncated");
    b.0
}

/// The page's own example body, exactly as printed.
pub const PAGE_EXAMPLE: &str = include_str!("../fixtures/page_example.json");

/// Cases on JSON text (R-SYNTAX, R-SIZE, and text-only readings).
pub fn text_cases() -> Vec<TextCase> {
    let valid = valid_body().to_string();
    let case = |rule,
                name: &str,
                text: String,
                expect: Vec<(&str, &'static str, Severity)>,
                absent: Vec<(&str, &'static str)>| TextCase {
        rule,
        name: name.to_owned(),
        text,
        expect: expect.into_iter().map(|(p, c, s)| (p.to_owned(), c, s)).collect(),
        absent: absent.into_iter().map(|(p, c)| (p.to_owned(), c)).collect(),
    };
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    vec![
        case("R-SYNTAX", "truncated text", valid[..valid.len() - 1].to_owned(), vec![("", "syntax", Error)], vec![]),
        case("R-SYNTAX", "empty text", String::new(), vec![("", "syntax", Error)], vec![]),
        case("R-SYNTAX", "trailing garbage", format!("{valid} x"), vec![("", "syntax", Error)], vec![]),
        case(
            "R-SYNTAX",
            "1e400 is out of range",
            valid.replace("\"timeout\":300", "\"timeout\":1e400"),
            vec![("", "syntax", Error)],
            vec![],
        ),
        case("R-SYNTAX", "valid text", valid.clone(), vec![], vec![("", "syntax")]),
        case(
            "R-SIZE",
            "over 1 MiB",
            format!("{valid}{}", " ".repeat(1024 * 1024)),
            vec![("", "too_large", Error)],
            vec![("", "syntax")],
        ),
        case("R-SIZE", "129 levels", deep(129), vec![("", "too_large", Error)], vec![]),
        case("R-SIZE", "128 levels parse", deep(128), vec![("", "type", Error)], vec![("", "too_large")]),
        case(
            "R-SIZE",
            "brackets in strings do not count",
            format!("{{\"x\":\"{}\"}}", "[".repeat(500)),
            vec![],
            vec![("", "too_large")],
        ),
        case(
            "B4",
            "a duplicate key keeps the last value",
            valid.replacen("\"timeout\":300", "\"timeout\":4,\"timeout\":300", 1),
            vec![],
            vec![("/execute_param/timeout", "range")],
        ),
        case(
            "P2",
            "a whole float in text",
            valid.replace("\"timeout\":300", "\"timeout\":300.0"),
            vec![],
            vec![("/execute_param/timeout", "type")],
        ),
        case(
            "P2",
            "-0 in text",
            valid.replace("\"timeout\":300", "\"timeout\":-0"),
            vec![("/execute_param/timeout", "range", Error)],
            vec![],
        ),
    ]
}

/// What every layer asserts of a case: the `expect` issues present (an error making the
/// report invalid), the `absent` ones not.
pub fn check(rule: &str, name: &str, report: &Report, expect: &[(String, &str, Severity)], absent: &[(String, &str)]) {
    for (path, code, severity) in expect {
        assert!(
            report.issues.iter().any(|i| &i.path == path && i.code == *code && i.severity == *severity),
            "{rule} {name}: expected {code} ({severity:?}) at {path:?}; got {:#?}",
            report.issues
        );
        if *severity == Error {
            assert!(!report.valid, "{rule} {name}: an error must make the report invalid");
        }
    }
    for (path, code) in absent {
        assert!(
            !report.issues.iter().any(|i| &i.path == path && i.code == *code),
            "{rule} {name}: unexpected {code} at {path:?}; got {:#?}",
            report.issues
        );
    }
}
