//! Every rule of rules.md and revisions.md, natively: the shared cases (tests/cases, data
//! read by every layer) under their revisions, the spec's tables they must cover, the
//! page's own example, and what every report must look like.

mod cases;

use std::collections::BTreeSet;

use cases::{cases, text_cases, valid_body, Case, TextCase, PAGE_EXAMPLE};
use coc_script_exec::{
    rule_ids, validate, validate_json, validate_json_with, validate_with, Locale, Options, Revision, Severity,
};

fn options(revision: Revision) -> Options {
    Options { revision, ..Options::default() }
}

#[test]
fn every_rule_case() {
    let all = cases();
    assert!(all.len() > 150, "the case table shrank to {}", all.len());
    for case in &all {
        let Case { rule, body, revision, .. } = case;
        let report = validate_with(body, &options(*revision));
        case.check(&report);
        // The same body as text gives the same report.
        let text = serde_json::to_string(body).unwrap();
        assert_eq!(
            report,
            validate_json_with(&text, &options(*revision)),
            "{rule} {}: text and value differ",
            case.label()
        );
        // The page is the default revision.
        if *revision == Revision::Page {
            assert_eq!(report, validate(body), "{rule} {}: page is not the default", case.label());
        }
    }
}

#[test]
fn every_text_case() {
    for case in text_cases() {
        let TextCase { text, revision, .. } = &case;
        let report = validate_json_with(text, &options(*revision));
        case.check(&report);
        if *revision == Revision::Page {
            assert_eq!(report, validate_json(text), "{} {}: page is not the default", case.rule, case.label());
        }
    }
}

/// tests/cases/expanded.txt records every expanded case; tests/js/cases.test.mjs holds its
/// own expansion of the same files to it, so the two expansions are the same.
/// `COC_UPDATE_CASES=1 cargo test --test rules` rewrites it after a change to the cases.
#[test]
fn the_expansion_is_the_recorded_one() {
    let digest = cases::digest();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/expanded.txt");
    if std::env::var_os("COC_UPDATE_CASES").is_some() {
        std::fs::write(path, &digest).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(path).unwrap();
    let (got, want): (Vec<&str>, Vec<&str>) = (digest.lines().collect(), recorded.lines().collect());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "tests/cases/expanded.txt is stale: COC_UPDATE_CASES=1 cargo test --test rules");
    }
    assert_eq!(got.len(), want.len(), "tests/cases/expanded.txt is stale: COC_UPDATE_CASES=1 cargo test --test rules");
}

/// tests/spec holds copies of the spec (CI clones this repository alone); where the shared
/// spec is at hand, they must be the same text.
#[test]
fn the_vendored_spec_is_the_shared_one() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec");
    if !shared.is_dir() {
        eprintln!("skipped: {} is not here", shared.display());
        return;
    }
    for (file, vendored) in [("rules.md", cases::SPEC_RULES), ("revisions.md", cases::SPEC_REVISIONS)] {
        let text = std::fs::read_to_string(shared.join(file)).unwrap();
        assert!(text == vendored, "tests/spec/{file} differs from ../shared/spec/{file}: copy it again");
    }
}

/// The ids come from the spec's tables, not from a list here: rules.md's body and input-limit
/// tables under `page`; revisions.md's rows and the page ids they leave as written under
/// `current`. Each has a failing and a passing case (a row that is not judged, only a
/// passing one, and no failing one).
#[test]
fn every_spec_id_has_a_failing_and_a_passing_case() {
    let page = cases::page_ids();
    for id in ["B1", "P1", "S8", "E7", "I6", "R-SYNTAX", "R-SIZE", "R-LIMIT"] {
        assert!(page.iter().any(|p| p == id), "rules.md's tables lost {id}: {page:?}");
    }
    assert!(!page.iter().any(|p| p == "U1" || p == "A1"), "the response table is not validate's");
    let rows = cases::current_rows();
    assert!(rows.iter().any(|(id, not_judged)| id == "S8" && *not_judged), "{rows:?}");
    assert!(rows.iter().any(|(id, _)| id == "I10"), "{rows:?}");
    let (body, text) = (cases(), text_cases());
    for revision in Revision::ALL {
        let ids = cases::spec_ids(revision);
        // (expect, absent) of every case of the revision, body and text alike.
        let said: Vec<(&str, bool, bool)> = body
            .iter()
            .filter(|c| c.revision == revision)
            .map(|c| (c.rule, !c.expect.is_empty(), !c.absent.is_empty()))
            .chain(
                text.iter()
                    .filter(|c| c.revision == revision)
                    .map(|c| (c.rule, !c.expect.is_empty(), !c.absent.is_empty())),
            )
            .collect();
        let r = revision.as_str();
        for (id, judged) in &ids {
            let failing = said.iter().any(|(rule, expect, _)| rule == id && *expect);
            let passing = said.iter().any(|(rule, _, absent)| rule == id && *absent);
            assert!(passing, "{id} has no passing case under {r}");
            if *judged {
                assert!(failing, "{id} has no failing case under {r}");
            } else {
                assert!(!failing, "{id} is not judged under {r}, yet a case expects an issue of it");
            }
        }
        // And no case names an id its revision's tables do not have.
        let known: BTreeSet<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
        for (rule, _, _) in &said {
            assert!(known.contains(rule), "a {r} case names {rule}, not an id of the spec's tables");
        }
    }
}

/// Every id the core's tables judge by is an id of the spec's tables for that revision, and
/// a row the revision does not judge is not in its table.
#[test]
fn the_cores_rule_ids_are_the_specs() {
    for revision in Revision::ALL {
        let spec = cases::spec_ids(revision);
        for id in rule_ids(revision) {
            let row = spec.iter().find(|(s, _)| s == id);
            assert!(row.is_some(), "{id} (rule_ids {}) is not in the spec's tables", revision.as_str());
            assert!(
                row.unwrap().1,
                "{id} is not judged under {} (revisions.md), yet rule_ids has it",
                revision.as_str()
            );
        }
    }
}

#[test]
fn the_valid_body_has_no_issue() {
    let report = validate(&valid_body());
    assert!(report.valid);
    assert!(report.issues.is_empty(), "{:#?}", report.issues);
}

#[test]
fn each_base_has_no_issue_under_its_revision() {
    for revision in Revision::ALL {
        let body = cases::base(&cases::default_base(revision));
        let report = validate_with(&body, &options(revision));
        assert!(report.valid && report.issues.is_empty(), "{}: {:#?}", revision.as_str(), report.issues);
    }
    assert_eq!(cases::base(&cases::default_base(Revision::Page)), valid_body());
    assert_eq!(cases::base(&cases::default_base(Revision::Current)), cases::valid_current_body());
}

#[test]
fn the_page_example_as_printed() {
    let report = validate_json(PAGE_EXAMPLE);
    let found: Vec<(&str, &str, Severity)> =
        report.issues.iter().map(|i| (i.path.as_str(), i.code.as_str(), i.severity)).collect();
    assert_eq!(
        found,
        vec![
            ("/execute_param/resourceful", "required", Severity::Warning),
            ("/execute_param/success_rate", "type", Severity::Error),
            ("/execute_batches/0/target_instances/0/agent_status", "unknown_field", Severity::Warning),
        ]
    );
    assert!(!report.valid);
    assert_eq!(report.issues[1].params["expected"], "number");
}

#[test]
fn params_are_as_rules_md_lists_them() {
    let p = |body: serde_json::Value, code: &str| {
        let r = validate(&body);
        r.issues.into_iter().find(|i| i.code == code).map(|i| serde_json::Value::Object(i.params)).unwrap()
    };
    use serde_json::json;
    assert_eq!(p(cases::set("/execute_param/timeout", json!(4)), "range"), json!({"min": 5, "max": 1800, "actual": 4}));
    assert_eq!(
        p(cases::set("/execute_param/timeout", json!(1800)), "boundary"),
        json!({"min": 5, "max": 1800, "actual": 1800})
    );
    assert_eq!(
        p(cases::set("/execute_param/success_rate", json!(0.5)), "range"),
        json!({"min": 1.0, "max": 100.0, "actual": 0.5})
    );
    assert_eq!(
        p(cases::set("/execute_param/success_rate", json!(99.55)), "decimal_places"),
        json!({"max": 1, "actual": 2})
    );
    assert_eq!(
        p(cases::set("/execute_param/execute_user", json!("")), "length"),
        json!({"min": 1, "max": 32, "actual": 0})
    );
    assert_eq!(
        p(cases::set("/execute_param/execute_user", json!("admin")), "must_be_root"),
        json!({"actual": "admin"})
    );
    assert_eq!(
        p(cases::set("/execute_param/script_params", cases::params_n(21)), "count"),
        json!({"min": 0, "max": 20, "actual": 21})
    );
    assert_eq!(
        p(cases::set("/execute_param/script_params/1/param_name", json!("a")), "duplicate"),
        json!({"value": "a", "first": "/execute_param/script_params/0/param_name"})
    );
    assert_eq!(
        p(cases::set("/execute_param/script_params/0/param_value", json!("ab;")), "charset"),
        json!({"char": ";", "index": 2})
    );
    assert_eq!(
        p(cases::set("/execute_param/script_params/0/param_value", json!("é..")), "consecutive_dots"),
        json!({"index": 1})
    );
    assert_eq!(
        p(cases::set("/execute_param/script_params/1/param_order", json!(3)), "sequence"),
        json!({"expected": 2, "actual": 3})
    );
    assert_eq!(p(cases::set("/execute_batches", json!([])), "count"), json!({"min": 1, "max": 20, "actual": 0}));
    assert_eq!(
        p(cases::set("/execute_batches/0/rotation_strategy", json!("pause")), "enum"),
        json!({"allowed": ["CONTINUE", "PAUSE"], "actual": "pause"})
    );
    assert_eq!(
        p(cases::set("/execute_batches/1/target_instances/0/resource_id", json!("i-1")), "duplicate_host"),
        json!({"value": "i-1", "first": "/execute_batches/0/target_instances/0/resource_id"})
    );
    assert_eq!(p(cases::set("/x", json!(1)), "unknown_field"), json!({"field": "x"}));
    assert_eq!(p(json!([]), "type"), json!({"expected": "object"}));
    assert_eq!(p(cases::drop("/execute_param"), "required"), json!({}));
    assert_eq!(
        p(cases::set("/execute_batches", cases::batches_n(21, 10)), "total_hosts"),
        json!({"max": 200, "actual": 210})
    );
}

#[test]
fn all_issues_at_once_in_document_order() {
    use serde_json::json;
    // A type error at one field does not hide a range error at another, nor a broken
    // batch a broken parameter.
    let body = json!({
        "execute_param": {"resourceful": "x", "timeout": 4, "success_rate": 100, "execute_user": "root",
            "script_params": [{"param_name": "a", "param_value": "..", "param_order": 1}]},
        "execute_batches": [{"batch_index": 0, "target_instances": [], "rotation_strategy": "GO"}],
        "zz": 1
    });
    let r = validate(&body);
    let found: Vec<(&str, &str)> = r.issues.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect();
    assert_eq!(
        found,
        vec![
            ("/execute_param/resourceful", "type"),
            ("/execute_param/timeout", "range"),
            ("/execute_param/script_params/0/param_value", "consecutive_dots"),
            ("/execute_batches/0/batch_index", "range"),
            ("/execute_batches/0/target_instances", "count"),
            ("/execute_batches/0/rotation_strategy", "enum"),
            ("/zz", "unknown_field"),
        ]
    );
    // Two rules on one value are both reported (rules.md: execute_user "").
    let r = validate(&cases::set("/execute_param/execute_user", json!("")));
    let codes: Vec<&str> = r.issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, vec!["length", "must_be_root"]);
}

#[test]
fn r_limit_keeps_100_and_counts_every_error() {
    use serde_json::json;
    // 30 batches of one host with 4 errors each: 120 errors + E1.
    let batches: Vec<serde_json::Value> = (0..30)
        .map(|i| json!({"batch_index": i + 1, "target_instances": [{"resource_id": 1, "agent_sn": 1, "project_id": 1, "region_id": 1}], "rotation_strategy": "PAUSE"}))
        .collect();
    let r = validate(&cases::set("/execute_batches", json!(batches)));
    assert_eq!(r.issues.len(), 101);
    let last = r.issues.last().unwrap();
    assert_eq!((last.path.as_str(), last.code.as_str(), last.severity), ("", "truncated", Severity::Warning));
    let total_errors = 1 + 10 + 30 * 4; // E1, E4 range for 21..30, four type errors per host
    assert_eq!(last.params["dropped"], total_errors - 100);
    assert_eq!(last.params["dropped_errors"], total_errors - 100);
    assert!(!r.valid);
    // Only warnings dropped: still valid.
    let mut body = valid_body();
    for i in 0..150 {
        body["execute_param"][format!("x{i}")] = json!(i);
    }
    let r = validate(&body);
    assert!(r.valid);
    assert_eq!(r.issues.last().unwrap().params["dropped_errors"], 0);
}

#[test]
fn syntax_positions_are_one_based_characters() {
    let r = validate_json("{\n  \"é\": ,\n}");
    let i = &r.issues[0];
    assert_eq!(i.code, "syntax");
    assert_eq!((i.params["line"].as_u64(), i.params["column"].as_u64()), (Some(2), Some(8)));
    let r = validate_json("");
    assert_eq!(r.issues[0].params["line"], 1);
    assert_eq!(r.issues[0].params["column"], 1);
}

#[test]
fn messages_follow_the_locale() {
    let body = cases::set("/execute_param/timeout", serde_json::json!(4));
    let en = validate(&body);
    assert_eq!(en.issues[0].message, "timeout must be between 5 seconds and 1800 seconds; got 4");
    let zh = validate_with(&body, &Options::locale(Locale::ZhCn));
    assert!(zh.issues[0].message.contains("秒"), "{}", zh.issues[0].message);
    assert_eq!(en.issues[0].code, zh.issues[0].code);
    assert_eq!(en.issues[0].params, zh.issues[0].params);
    let zh_text = validate_json_with("[", &Options::locale(Locale::ZhCn));
    assert!(zh_text.issues[0].message.contains("JSON"));
}

#[test]
fn every_code_has_a_message_in_both_locales() {
    use coc_script_exec::messages::CODES;
    let codes: BTreeSet<&str> = CODES.iter().copied().collect();
    assert_eq!(codes.len(), CODES.len(), "a code is listed twice");
    // Every code the cases produce is a listed code.
    for c in cases() {
        for i in validate_with(&c.body, &options(c.revision)).issues {
            assert!(codes.contains(i.code.as_str()), "{} raised unlisted code {}", c.rule, i.code);
        }
    }
    for locale in [Locale::En, Locale::ZhCn] {
        for &code in coc_script_exec::Code::ALL {
            let m = coc_script_exec::messages::render(locale, code, "/execute_param/timeout", &serde_json::Map::new());
            assert!(!m.trim().is_empty(), "{code} has no {locale:?} message");
            assert!(
                !m.contains(&format!(": {code}")) && !m.contains(&format!("：{code}")),
                "{code} falls back to the generic {locale:?} message: {m}"
            );
        }
    }
}
