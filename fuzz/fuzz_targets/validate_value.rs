//! `validate` on arbitrary JSON values, shaped like request bodies, under every revision;
//! the text form must give the same report.
#![no_main]

use coc_script_exec_fuzz::FuzzValue;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: FuzzValue| {
    let text = input.0.to_string();
    for revision in coc_script_exec::Revision::ALL {
        let options = coc_script_exec::Options::revision(revision);
        let report = coc_script_exec::validate_with(&input.0, &options);
        assert!(report.issues.len() <= coc_script_exec::limits::MAX_ISSUES + 1);
        assert_eq!(coc_script_exec::validate_json_with(&text, &options), report);
    }
});
