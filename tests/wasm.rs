//! The shared rule cases (tests/cases/*.json, the same ones tests/rules.rs runs natively and
//! tests/js/cases.test.mjs against pkg/), each under its revision (`{revision}` in the
//! options), as WebAssembly, through the exported `validate` with JS values in and out, in Node
//! (`wasm-pack test --node`) and in headless Chromium (`WASM_BINDGEN_USE_BROWSER=1
//! wasm-pack test --headless --chrome`; scripts/test-wasm.sh runs both). No
//! `wasm_bindgen_test_configure!` here, so one file serves both runtimes.
#![cfg(target_arch = "wasm32")]

#[path = "cases/mod.rs"]
mod cases;

use cases::{cases, text_cases, Case};
use coc_script_exec::{wasm, Locale, Options, Report, Revision};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// A JSON value as the plain JS value `JSON.parse` makes of it.
fn to_js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&serde_json::to_string(value).unwrap()).unwrap()
}

/// A body as JS passes it. A JS string given to `validate` is always JSON text, so a body
/// that *is* a JSON string (B1) travels as its own text, `"\"...\""`.
fn body_js(body: &Value) -> JsValue {
    match body {
        Value::String(_) => JsValue::from_str(&serde_json::to_string(body).unwrap()),
        _ => to_js(body),
    }
}

/// `JSON.stringify` of a JS value.
fn js_text(js: &JsValue) -> String {
    js_sys::JSON::stringify(js).unwrap().into()
}

/// A report the export returned, read back by way of `JSON.stringify`.
fn report(js: &JsValue) -> Report {
    serde_json::from_str(&js_text(js)).unwrap()
}

/// The export's result, and the report read back from it (`revision` in the options as JS
/// passes it).
fn validate_under(body: JsValue, revision: Revision) -> (String, Report) {
    let options = to_js(&serde_json::json!({"revision": revision.as_str()}));
    let js = wasm::validate(body, options);
    (js_text(&js), report(&js))
}

/// The export's result with no options (the default revision, page).
fn validate(body: JsValue) -> (String, Report) {
    let js = wasm::validate(body, JsValue::UNDEFINED);
    (js_text(&js), report(&js))
}

fn options(revision: Revision) -> Options {
    Options { revision, ..Options::default() }
}

/// What JS receives when Rust serializes `report`: `JSON.parse` of serde_json's text
/// (so `5.0` arrives as `5`), written back as text to compare.
fn as_js_receives(report: &Report) -> String {
    js_text(&js_sys::JSON::parse(&serde_json::to_string(report).unwrap()).unwrap())
}

#[wasm_bindgen_test]
fn every_rule_case_as_a_js_object() {
    let all = cases();
    assert!(all.len() > 150, "the case table shrank to {}", all.len());
    for case in &all {
        let Case { rule, body, revision, .. } = case;
        let js = body_js(body);
        let (text, got) = validate_under(js.clone(), *revision);
        case.check(&got);
        // Byte for byte what the core says of the value as JS holds it (one number type:
        // Rust's `5.0` is `5` there).
        let held: Value = serde_json::from_str(&js_text(&js)).unwrap();
        let core = match &held {
            Value::String(text) => coc_script_exec::validate_json_with(text, &options(*revision)),
            _ => coc_script_exec::validate_with(&held, &options(*revision)),
        };
        assert_eq!(text, as_js_receives(&core), "{rule} {}: the export and the core differ", case.label());
        if *revision == Revision::Page {
            assert_eq!(validate(js).0, text, "{rule} {}: page is not the default", case.label());
        }
    }
}

#[wasm_bindgen_test]
fn every_rule_case_as_json_text() {
    for case in &cases() {
        let body_text = serde_json::to_string(&case.body).unwrap();
        let (text, got) = validate_under(JsValue::from_str(&body_text), case.revision);
        case.check(&got);
        let core = coc_script_exec::validate_json_with(&body_text, &options(case.revision));
        assert_eq!(text, as_js_receives(&core), "{} {}: the export and the core differ", case.rule, case.label());
    }
}

#[wasm_bindgen_test]
fn every_text_case() {
    for c in text_cases() {
        let (text, got) = validate_under(JsValue::from_str(&c.text), c.revision);
        c.check(&got);
        let core = coc_script_exec::validate_json_with(&c.text, &options(c.revision));
        assert_eq!(text, as_js_receives(&core), "{} {}", c.rule, c.label());
    }
}

/// `validate`'s report reaches JS as `JSON.parse` of its JSON text would make it, also where
/// a string of it holds a NUL (src/wasm/report.rs then hands over the JSON text instead of
/// its strings split at NULs) and where params hold numbers, arrays and objects.
#[wasm_bindgen_test]
fn reports_with_nuls_and_every_kind_of_param_reach_js_as_json_gives_them() {
    let bodies = [
        // An unknown field whose name holds a NUL: in the path, the message and a param.
        r#"{"execute_param":{"timeout":300,"execute_user":"root","success_rate":100,"a\u0000b":1},"execute_batches":[]}"#,
        // A NUL in a value a param quotes (an enum's `actual`), and one only in the body.
        r#"{"execute_param":{"timeout":"x\u0000","execute_user":"ro\u0000ot","success_rate":100.5},"execute_batches":[{"batch_index":1,"rotation_strategy":"GO\u0000","target_instances":[]}]}"#,
        // Numbers, arrays and nested params, no NUL.
        r#"{"execute_param":{"timeout":1e300,"execute_user":"","success_rate":-0.0,"script_params":[{"param_name":"a","param_value":"b","param_order":7}]},"execute_batches":[{"batch_index":2,"rotation_strategy":"X","target_instances":[{"resource_id":"r"},{"resource_id":"r"}]}]}"#,
        "x",
        "",
    ];
    for text in bodies {
        for (locale, id) in [(Locale::En, "en"), (Locale::ZhCn, "zh-CN")] {
            let options = to_js(&serde_json::json!({"locale": id}));
            let js = wasm::validate(JsValue::from_str(text), options);
            let core = coc_script_exec::validate_json_with(text, &Options { locale, ..Options::default() });
            assert!(!core.issues.is_empty(), "{text}: no issue to hand over");
            assert_eq!(js_text(&js), as_js_receives(&core), "{text} ({id})");
        }
    }
}

/// The cases expand in wasm as they do natively (tests/cases/expanded.txt, which the native
/// and the JS expansions are held to as well).
#[wasm_bindgen_test]
fn the_expansion_is_the_recorded_one() {
    assert!(cases::digest() == cases::EXPANDED, "tests/cases/expanded.txt differs from the wasm expansion");
}

/// rules.md (lines 16 and 35): a non-finite number in a JS object is a `type` error at its
/// field, although `JSON.stringify` would post it as `null` (the one place where an object
/// and its posted text are judged apart, issue #12).
#[wasm_bindgen_test]
fn non_finite_numbers_are_type_errors_at_their_field() {
    for (pointer, expected) in [
        ("/execute_param/timeout", "integer"),
        ("/execute_param/success_rate", "number"),
        ("/execute_param/resourceful", "boolean"),
        ("/execute_param/execute_user", "string"),
        ("/execute_batches/0/batch_index", "integer"),
        ("/execute_batches/0/target_instances/0", "object"),
    ] {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let body = to_js(&cases::valid_body());
            set(&body, pointer, &JsValue::from_f64(bad));
            let (_, got) = validate(body);
            assert!(!got.valid, "{pointer} = {bad}");
            let issue = got.issues.iter().find(|i| i.path == pointer).unwrap_or_else(|| panic!("{pointer}: {got:#?}"));
            assert_eq!((issue.code.as_str(), &issue.params["expected"]), ("type", &Value::from(expected)));
        }
    }
}

/// Every rule case, as an object whose `toJSON` gives the body (beside a member that would
/// be judged if it were not called), and with every number and string boxed: judged as
/// the text `JSON.stringify` posts, which is the case's own body's (issue #12).
#[wasm_bindgen_test]
fn every_rule_case_behind_to_json_and_boxes_is_judged_as_posted() {
    let boxed = js_sys::Function::new_with_args(
        "v",
        "const box = (v) => typeof v === 'number' ? new Number(v) : typeof v === 'string' ? new String(v) \
         : Array.isArray(v) ? v.map(box) : v !== null && typeof v === 'object' \
         ? Object.fromEntries(Object.entries(v).map(([k, m]) => [k, box(m)])) : v; return box(v);",
    );
    for case in cases().iter().filter(|c| !c.body.is_string()) {
        // The text JS posts of the body (`5.0` is `5` there).
        let text = js_text(&to_js(&case.body));
        let (posted, _) = validate_under(JsValue::from_str(&text), case.revision);
        let wrapper = to_js(&serde_json::json!({"execute_param": 1}));
        let to_json =
            js_sys::Function::new_no_args(&format!("return JSON.parse({})", serde_json::to_string(&text).unwrap()));
        js_sys::Reflect::set(&wrapper, &JsValue::from_str("toJSON"), &to_json).unwrap();
        assert_eq!(validate_under(wrapper, case.revision).0, posted, "{} {}: behind toJSON", case.rule, case.label());
        let boxes = boxed.call1(&JsValue::NULL, &to_js(&case.body)).unwrap();
        assert_eq!(validate_under(boxes, case.revision).0, posted, "{} {}: boxed", case.rule, case.label());
    }
}

/// Sets the member at `pointer` (every segment but the last must exist).
fn set(root: &JsValue, pointer: &str, value: &JsValue) {
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    let (last, path) = segments.split_last().unwrap();
    let parent =
        path.iter().fold(root.clone(), |node, key| js_sys::Reflect::get(&node, &JsValue::from_str(key)).unwrap());
    js_sys::Reflect::set(&parent, &JsValue::from_str(last), value).unwrap();
}

/// Text long enough for the copy that Chromium does by `btoa` and `setFromBase64`
/// (src/wasm/text.rs), and short, holding every kind of character: ASCII, Latin-1 (which
/// that copy would get wrong, so it must notice and copy again), the rest of the BMP,
/// astral, and a lone surrogate (U+FFFD, as it would be sent). The export reads each as
/// the core reads the same text, and S5's `char` names the character itself.
#[wasm_bindgen_test]
fn text_of_every_kind_of_character_reads_as_the_core_reads_it() {
    let body = |value: &str, filler: usize| {
        format!(
            r#"{{"execute_param":{{"resourceful":true,"timeout":300,"success_rate":100,"execute_user":"root",
            "script_params":[{{"param_name":"p","param_value":"a{value}","param_order":1}}]}},
            "execute_batches":[],"filler":"{}"}}"#,
            "x".repeat(filler)
        )
    };
    for filler in [10, 2000, 100_000] {
        for value in ["plain", "é", "ÿ\u{80}", "中", "😀"] {
            let text = body(value, filler);
            let (got_text, got) = validate(JsValue::from_str(&text));
            assert_eq!(got_text, as_js_receives(&coc_script_exec::validate_json(&text)), "{value} {filler}");
            let charset = got.issues.iter().find(|i| i.code == "charset");
            let first = value.chars().next().filter(|c| !c.is_ascii_alphanumeric()).map(String::from);
            assert_eq!(charset.map(|i| i.params["char"].clone()), first.map(Value::from), "{value} {filler}");
        }
        let units: Vec<u16> =
            body("\u{fffd}", filler).encode_utf16().map(|u| if u == 0xfffd { 0xd800 } else { u }).collect();
        let js = js_sys::JsString::from_char_code(&units);
        let (got_text, _) = validate(js.into());
        assert_eq!(got_text, as_js_receives(&coc_script_exec::validate_json(&body("\u{fffd}", filler))), "{filler}");
    }
}

/// The scanner's string runs, sixteen bytes at a time as WebAssembly SIMD (scan.rs
/// `wide_plain_run`), end at the first `"`, `\` or control character wherever it falls in
/// or across a chunk: each kind at every offset of three chunks, read as serde_json (which
/// shares no code with the scanner) reads the same text, or refused where it refuses it.
#[wasm_bindgen_test]
fn string_runs_end_at_every_offset_of_a_chunk() {
    for special in ["\\\"", "\\\\", "\\n", "\\u00e9", "\u{1}", "\u{1f}", "é", "\u{7f}", "\""] {
        for at in 0..48 {
            let value = format!("{}{special}{}", "a".repeat(at), "b".repeat(20));
            let text = format!(r#"{{"execute_param":{{"execute_user":"{value}"}},"x":"{value}"}}"#);
            let got = coc_script_exec::validate_json(&text);
            match serde_json::from_str::<Value>(&text) {
                Ok(parsed) => assert_eq!(got, coc_script_exec::validate(&parsed), "{special:?} at {at}"),
                Err(_) => assert!(got.issues.iter().any(|i| i.code == "syntax"), "{special:?} at {at}"),
            }
        }
    }
}

/// S5's screen, sixteen bytes at a time as WebAssembly SIMD (rules/checks.rs
/// `first_outside`, by nibble tables), finds the first character outside the set at every
/// offset of three chunks: an ASCII one of each row of the table, a non-ASCII one, none.
#[wasm_bindgen_test]
fn charset_finds_the_first_character_outside_at_every_offset() {
    let body = |value: &str| {
        format!(
            r#"{{"execute_param":{{"resourceful":true,"timeout":300,"success_rate":100,"execute_user":"root",
            "script_params":[{{"param_name":"p","param_value":"{value}","param_order":1}}]}},"execute_batches":[]}}"#
        )
    };
    for outside in ["\\u0001", "#", "<", "`", "|", "\\u007f", "é", "中"] {
        let c: String = serde_json::from_str(&format!("\"{outside}\"")).unwrap();
        for at in 0..48 {
            let value = format!(
                "{}{outside}{}",
                "aZ9_-/. ?:,=+@[{]}".chars().cycle().take(at).collect::<String>(),
                "b".repeat(20)
            );
            let report = coc_script_exec::validate_json(&body(&value));
            let charset = report
                .issues
                .iter()
                .find(|i| i.code == "charset")
                .map(|i| (i.params["char"].clone(), i.params["index"].clone()));
            assert_eq!(charset, Some((Value::from(c.clone()), Value::from(at))), "{outside} at {at}");
        }
    }
    let allowed = "aZ9_-/. ?:,=+@[{]}".repeat(4);
    assert!(coc_script_exec::validate_json(&body(&allowed)).issues.iter().all(|i| i.code != "charset"));
}
