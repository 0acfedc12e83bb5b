//! What messages say, in both locales, where a reading of them was a choice (issue #13):
//! the U1 identifier messages name the identifier character set; positions in a message
//! count from 1 while the params keep api.md's 0-based pointers and indexes; a type
//! message says what the field wants in an operator's words, with limits.rs' numbers.

mod cases;

use coc_script_exec::limits::{
    MAX_HOSTS_PER_BATCH, SCRIPT_UUID_MAX, SCRIPT_UUID_MIN, SUCCESS_RATE_MAX, SUCCESS_RATE_MIN, TIMEOUT_MAX, TIMEOUT_MIN,
};
use coc_script_exec::{
    build_batches, build_order_request, build_request, validate_with, Issue, Locale, Options, RequestOptions, Revision,
};
use serde_json::{json, Value};

const LOCALES: [Locale; 2] = [Locale::En, Locale::ZhCn];

/// The one issue at `path` with `code`.
fn issue<'a>(issues: &'a [Issue], path: &str, code: &str) -> &'a Issue {
    let found: Vec<&Issue> = issues.iter().filter(|i| i.path == path && i.code == code).collect();
    assert_eq!(found.len(), 1, "{path} {code} in {issues:#?}");
    found[0]
}

fn request_options(locale: Locale, revision: Revision) -> RequestOptions {
    RequestOptions { locale, revision, ..RequestOptions::default() }
}

/// The identifier set as each locale's message names it, and the body's parameter-value
/// set (whose messages list "space" and "* #") it must never be confused with.
fn identifier_set(locale: Locale) -> (&'static str, [&'static str; 2]) {
    match locale {
        Locale::En => ("letters, digits, - or _", ["space", "* #"]),
        Locale::ZhCn => ("字母、数字、- 或 _", ["空格", "* #"]),
    }
}

#[test]
fn every_u1_reason_in_both_locales() {
    let too_long = "a".repeat(SCRIPT_UUID_MAX + 1);
    for locale in LOCALES {
        for revision in [Revision::Page, Revision::Current] {
            let uuid_issues =
                |uuid: &str| build_request(uuid, &cases::valid_body(), &request_options(locale, revision)).issues;
            // required
            let required = uuid_issues("");
            let m = &issue(&required, "/script_uuid", "required").message;
            assert!(m.starts_with("script_uuid") && (m.contains("required") || m.contains("必填")), "{m}");
            // length: the bounds of limits.rs, and what was given
            let length = uuid_issues(&too_long);
            let m = &issue(&length, "/script_uuid", "length").message;
            for n in [SCRIPT_UUID_MIN, SCRIPT_UUID_MAX, SCRIPT_UUID_MAX + 1] {
                assert!(m.contains(&n.to_string()), "{m} lacks {n}");
            }
            // charset: the identifier set, never the parameter-value set, and the place from 1
            let (set, never) = identifier_set(locale);
            for (bad, char, index) in [("ab/c", "/", 2), ("a b", " ", 1), ("é", "é", 0), ("a*", "*", 1)] {
                let issues = uuid_issues(bad);
                let i = issue(&issues, "/script_uuid", "charset");
                assert_eq!((i.params["char"].as_str(), i.params["index"].as_u64()), (Some(char), Some(index)));
                assert!(i.message.contains(set), "{}", i.message);
                assert!(never.iter().all(|n| !i.message.contains(n)), "{}", i.message);
                let place = match locale {
                    Locale::En => format!("(character {})", index + 1),
                    Locale::ZhCn => format!("（第 {} 个字符）", index + 1),
                };
                assert!(i.message.contains(&place), "{} lacks {place}", i.message);
            }
        }
        // The rollout's execute_uuid and the project id header are the same kind of identifier.
        let r = build_order_request("a/b", &request_options(locale, Revision::Page));
        assert!(issue(&r.issues, "/execute_uuid", "charset").message.contains(identifier_set(locale).0));
        let options = RequestOptions { project_id: Some("p/1".into()), ..request_options(locale, Revision::Current) };
        let r = build_request("s-1", &cases::valid_body(), &options);
        assert!(issue(&r.issues, "/project_id", "charset").message.contains(identifier_set(locale).0));
    }
}

#[test]
fn messages_count_from_one_params_from_zero() {
    for locale in LOCALES {
        let options = Options::locale(locale);
        // A character index: `;` is the third character of "ab;".
        let body = cases::set("/execute_param/script_params/0/param_value", json!("ab;"));
        let r = validate_with(&body, &options);
        let i = issue(&r.issues, "/execute_param/script_params/0/param_value", "charset");
        assert_eq!(i.params["index"], 2);
        assert!(i.message.contains(match locale {
            Locale::En => "(character 3)",
            Locale::ZhCn => "（第 3 个字符）",
        }));
        // A pointer param: the host first targeted in batch 1, as host 1.
        let body = cases::set("/execute_batches/1/target_instances/0/resource_id", json!("i-1"));
        let r = validate_with(&body, &options);
        let i = issue(&r.issues, "/execute_batches/1/target_instances/0/resource_id", "duplicate_host");
        assert_eq!(i.params["first"], "/execute_batches/0/target_instances/0/resource_id");
        let (first, here) = match locale {
            Locale::En => ("batch 1, host 1", "batch 2, host 1"),
            Locale::ZhCn => ("第 1 批第 1 台主机", "第 2 批第 1 台主机"),
        };
        assert!(i.message.contains(first) && !i.message.contains('/'), "{}", i.message);
        // A label ending in an item: the third host of batch 2, not `target_instances[0]`.
        let body = cases::set("/execute_batches/1/target_instances/0", json!("i-9"));
        let r = validate_with(&body, &options);
        let i = issue(&r.issues, "/execute_batches/1/target_instances/0", "type");
        assert!(i.message.starts_with(here) && !i.message.contains('['), "{}", i.message);
        // build_batches: a repeated host is "listed as host 1"; a plan size is "size 2".
        let hosts = json!([cases::host("i-1"), cases::host("i-1")]);
        let r = build_batches(&hosts, &json!({"sizes": [1, true]}), &options);
        let dup = issue(&r.issues, "/hosts/1/resource_id", "duplicate_host");
        assert_eq!(dup.params["first"], "/hosts/0/resource_id");
        let host_one = if locale == Locale::En { "as host 1;" } else { "作为第 1 台主机列出" };
        assert!(dup.message.contains(host_one), "{}", dup.message);
        let size = issue(&r.issues, "/plan/sizes/1", "type");
        let size_two = if locale == Locale::En { "size 2 " } else { "第 2 个批次大小" };
        assert!(size.message.starts_with(size_two), "{}", size.message);
    }
}

#[test]
fn type_messages_speak_to_an_operator() {
    for locale in LOCALES {
        let options = Options::locale(locale);
        let message = |pointer: &str, value: Value| {
            let r = validate_with(&cases::set(pointer, value), &options);
            let i = issue(&r.issues, pointer, "type");
            assert!(!i.message.contains("send") && !i.message.contains("应写"), "{}", i.message);
            assert!(!i.message.contains("\"300\"") && !i.message.contains("{...}"), "{}", i.message);
            i.message.clone()
        };
        let timeout = message("/execute_param/timeout", json!("5m"));
        for n in [TIMEOUT_MIN, TIMEOUT_MAX] {
            assert!(timeout.contains(&n.to_string()), "{timeout}");
        }
        assert!(
            timeout.contains(if locale == Locale::En { "whole number of seconds" } else { "整数秒数" }),
            "{timeout}"
        );
        let rate = message("/execute_param/success_rate", json!("99%"));
        for n in [SUCCESS_RATE_MIN, SUCCESS_RATE_MAX] {
            assert!(rate.contains(&n.to_string()), "{rate}");
        }
        let batches = message("/execute_batches", json!({}));
        assert!(batches.contains(if locale == Locale::En { "a list of batches" } else { "批次" }), "{batches}");
        let host = message("/execute_batches/0/target_instances/0", json!([]));
        assert!(host.contains("resource_id"), "{host}");
    }
}

#[test]
fn plan_messages_take_the_batch_limit_from_limits() {
    // 200 hosts behind a 1-host canary: no repeating size fits (issue #13).
    let hosts: Vec<Value> = (0..200).map(|i| cases::host(&format!("h{i}"))).collect();
    for locale in LOCALES {
        let r = build_batches(&Value::Array(hosts.clone()), &json!({"sizes": [1, 10]}), &Options::locale(locale));
        let m = &issue(&r.issues, "/plan", "count").message;
        assert!(m.contains(&MAX_HOSTS_PER_BATCH.to_string()), "{m}");
    }
}

/// Every code, in each of its variants, in both locales: the table's placeholders are
/// all filled (a `{` and a lower case letter is one left over; the charset messages list
/// `{` alone), and no text is left untranslated.
#[test]
fn every_message_fills_its_placeholders() {
    use coc_script_exec::messages::render;
    use coc_script_exec::Code;

    let paths = [
        "",
        "/execute_param/timeout",
        "/execute_param/success_rate",
        "/execute_param/script_params/0/param_value",
        "/execute_batches",
        "/execute_batches/0",
        "/execute_batches/1/target_instances/2",
        "/execute_batches/1/target_instances/0/resource_id",
        "/plan",
        "/plan/sizes/1",
        "/hosts",
        "/hosts/0",
        "/hosts/2/resource_id",
        "/script_uuid",
        "/credentials/ak",
        "/endpoint",
        "/date",
        "/a~1b/0/1",
    ];
    let base = json!({
        "expected": "integer", "line": 3, "field": "region_id", "column": 4, "min": 5, "max": 1800, "actual": 4,
        "value": "i-1", "first": "/execute_batches/0/target_instances/0/resource_id", "char": ";", "index": 2,
        "dropped": 12, "dropped_errors": 10, "actual_bytes": 2000000, "max_bytes": 1048576, "found": ";",
        "delimiter": ",", "allowed": ["CONTINUE", "PAUSE"]
    });
    // Each variant's param: the reasons, the kinds a field wants, the plan's sizes.
    let mut variants: Vec<(&str, Value)> = [
        "quote",
        "separator",
        "canaries",
        "first_sizes",
        "required",
        "with_token",
        "empty",
        "conflict",
        "ascii",
        "scheme",
        "path",
        "query",
        "fragment",
        "credentials",
        "host",
    ]
    .into_iter()
    .map(|r| ("reason", json!(r)))
    .collect();
    for kind in ["object", "array", "integer", "number", "string", "boolean", "null"] {
        variants.push(("expected", json!(kind)));
    }
    variants.extend([
        ("smallest_size", json!(7)),
        ("smallest_size", json!(null)),
        ("operation_type", json!("PAUSE")),
        ("max_depth", json!(128)),
        ("field", json!("column_3")),
        ("first", json!("/hosts/0/resource_id")),
        ("actual", json!("150%")),
    ]);
    let mut seen = std::collections::BTreeSet::new();
    for &code in Code::ALL {
        for path in paths {
            for (name, value) in &variants {
                let mut params = base.as_object().cloned().unwrap_or_default();
                params.insert((*name).to_owned(), value.clone());
                let [en, zh] = LOCALES.map(|locale| render(locale, code, path, &params));
                for m in [&en, &zh] {
                    let left =
                        m.match_indices('{').find(|(i, _)| m[i + 1..].starts_with(|c: char| c.is_ascii_lowercase()));
                    assert!(left.is_none(), "{code} {path} {params:?}: {m}");
                }
                assert_ne!(en, zh, "{code} {path} {params:?}");
                seen.insert(en);
            }
        }
    }
    // Many distinct texts, so the variants above were reached (the table has 51 messages).
    assert!(seen.len() > 300, "{}", seen.len());
}
