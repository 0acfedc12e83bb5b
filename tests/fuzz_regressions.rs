//! The fuzz corpora and every input the fuzzers ever flagged, replayed on every test run
//! with the same checks as the fuzz targets (fuzz/fuzz_targets/). Regressions are stored
//! as JSON so they read without the fuzz crate: `validate_json/*` is the raw text,
//! `validate_value/*.json` a body, `build_batches/*.json` `{"hosts", "plan"}`,
//! `parse_response/*.json` `{"status", "text"}`.

use std::fs;
use std::path::{Path, PathBuf};

use coc_script_exec::limits::MAX_ISSUES;
use coc_script_exec::{
    build_batches, parse_response, validate_json_with, validate_with, Options, Outcome, Revision, Severity,
};
use serde_json::{json, Value};

fn files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(dir);
    let mut found: Vec<PathBuf> = fs::read_dir(&root)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

/// The options of each revision: every input is replayed under both.
fn revisions() -> impl Iterator<Item = Options> {
    Revision::ALL.into_iter().map(Options::revision)
}

fn json_file(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn validate_json_corpus_and_regressions() {
    let inputs: Vec<PathBuf> = [files("corpus/validate_json"), files("regressions/validate_json")].concat();
    assert!(inputs.len() >= 5, "the seed corpus is missing");
    for path in inputs {
        // A running fuzzer may replace corpus files as this reads them.
        let Ok(bytes) = fs::read(&path) else { continue };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        for options in revisions() {
            let report = validate_json_with(&text, &options);
            assert!(report.issues.len() <= MAX_ISSUES + 1, "{}", path.display());
        }
    }
}

#[test]
fn validate_value_regressions() {
    for path in files("regressions/validate_value") {
        let body = json_file(&path);
        for options in revisions() {
            let report = validate_with(&body, &options);
            assert!(report.issues.len() <= MAX_ISSUES + 1, "{}", path.display());
            assert_eq!(validate_json_with(&body.to_string(), &options), report, "{}", path.display());
        }
    }
}

#[test]
fn build_batches_regressions() {
    for path in files("regressions/build_batches") {
        let input = json_file(&path);
        for options in revisions() {
            let result = build_batches(&input["hosts"], &input["plan"], &options);
            if result.issues.iter().all(|i| i.severity != Severity::Error) {
                let body = json!({
                    "execute_param": {"resourceful": true, "timeout": 300, "success_rate": 100, "execute_user": "root"},
                    "execute_batches": result.execute_batches,
                });
                assert!(validate_with(&body, &options).valid, "{}", path.display());
            } else {
                assert!(result.execute_batches.is_empty(), "{}", path.display());
            }
        }
    }
}

#[test]
fn parse_response_regressions() {
    for path in files("regressions/parse_response") {
        let input = json_file(&path);
        let status = input["status"].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap();
        let text = input["text"].as_str().unwrap();
        match parse_response(status, text, None) {
            Outcome::Executed { execute_uuid, .. } => assert!(status == 200 && !execute_uuid.is_empty()),
            Outcome::Api { status: s, .. } => assert!(s == 204 || (s == status && s != 200)),
            Outcome::Http { status: s, text: t, .. } => assert!(s == status && t == text),
        }
    }
}

/// Found by the validate_value fuzzer: serde_json's default float reading is off by one
/// unit in the last place for some numbers, so a body and its own text disagreed (P3/P4
/// params). The crate reads floats exactly (`float_roundtrip`).
#[test]
fn floats_read_back_exactly() {
    for x in [1.9286002397100731e-168, 99.9, 0.1 + 0.2, f64::MIN_POSITIVE, 1e308] {
        let body = json!({"execute_param": {"success_rate": x}});
        let options = Options::default();
        assert_eq!(validate_with(&body, &options), validate_json_with(&body.to_string(), &options), "{x:e}");
    }
}
