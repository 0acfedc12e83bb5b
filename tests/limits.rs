//! `limits(revision)`: every documented number, as the page states it, in one serializable value.

use coc_script_exec::{limits, Revision};
use serde_json::json;

#[test]
fn the_documented_numbers() {
    let l = serde_json::to_value(limits(Revision::Page)).unwrap();
    // "A maximum of 200 hosts ... The maximum number of hosts in a batch is 10. The
    // maximum number of batches is 20." and the parameter tables.
    for (key, value) in [
        ("max_hosts", json!(200)),
        ("max_batches", json!(20)),
        ("min_batches", json!(1)),
        ("max_hosts_per_batch", json!(10)),
        ("min_hosts_per_batch", json!(1)),
        ("max_script_params", json!(20)),
        ("timeout_min", json!(5)),
        ("timeout_max", json!(1800)),
        ("success_rate_min", json!(1.0)),
        ("success_rate_max", json!(100.0)),
        ("success_rate_decimals", json!(1)),
        ("execute_user_max", json!(32)),
        ("execute_user_root", json!("root")),
        ("param_name_max", json!(64)),
        ("param_value_min", json!(0)),
        ("param_value_max", json!(1024)),
        ("resource_id_max", json!(64)),
        ("host_field_max", json!(32)),
        ("max_body_bytes", json!(1_048_576)),
        ("max_depth", json!(128)),
        ("max_issues", json!(100)),
        ("script_uuid_max", json!(64)),
        ("max_log_bytes", json!(1_048_576)),
    ] {
        assert_eq!(l[key], value, "{key}");
    }
    assert!(l.as_object().unwrap().values().all(|v| v.is_number() || v.is_string()));
}

#[test]
fn report_helpers_filter_by_code_and_count_errors() {
    let r = coc_script_exec::validate(&json!({"execute_param": {"timeout": 4}, "x": 1}));
    assert_eq!(r.with_code("unknown_field").count(), 1);
    assert_eq!(r.error_count(), r.issues.iter().filter(|i| i.severity == coc_script_exec::Severity::Error).count());
    assert!(r.error_count() >= 4);
}
