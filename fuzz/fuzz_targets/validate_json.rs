//! `validate_json` on arbitrary bytes (as UTF-8, lossily where they are not).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for revision in coc_script_exec::Revision::ALL {
        let report = coc_script_exec::validate_json_with(&text, &coc_script_exec::Options::revision(revision));
        assert!(report.issues.len() <= coc_script_exec::limits::MAX_ISSUES + 1);
    }
});
