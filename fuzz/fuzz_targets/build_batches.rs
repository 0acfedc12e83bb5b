//! `build_batches` on arbitrary hosts and plans: when it refuses nothing, its batches
//! must pass `validate` inside a valid body.
#![no_main]

use coc_script_exec::{build_batches, validate_with, Options, Revision, Severity};
use coc_script_exec_fuzz::FuzzValue;
use libfuzzer_sys::fuzz_target;
use serde_json::json;

fuzz_target!(|input: (FuzzValue, FuzzValue)| {
    let (hosts, plan) = input;
    for revision in Revision::ALL {
        let options = Options::revision(revision);
        let result = build_batches(&hosts.0, &plan.0, &options);
        if result.issues.iter().all(|i| i.severity != Severity::Error) {
            let body = json!({
                "execute_param": {"resourceful": true, "timeout": 300, "success_rate": 100, "execute_user": "root"},
                "execute_batches": result.execute_batches,
            });
            let report = validate_with(&body, &options);
            assert!(report.valid, "{:?}", report.issues);
        } else {
            assert!(result.execute_batches.is_empty());
        }
    }
});
