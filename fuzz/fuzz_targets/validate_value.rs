//! `validate` on arbitrary JSON values, shaped like request bodies; the text form must
//! give the same report.
#![no_main]

use coc_script_exec_fuzz::FuzzValue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: FuzzValue| {
    let report = coc_script_exec::validate(&input.0);
    assert!(report.issues.len() <= coc_script_exec::limits::MAX_ISSUES + 1);
    let text = input.0.to_string();
    assert_eq!(coc_script_exec::validate_json(&text), report);
});
