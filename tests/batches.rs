//! `build_batches` (api.md, "build_batches"; issue #3): a property over any host list and
//! plan, then example tables for each plan option and each refusal. Tests match on
//! codes, paths and params, never on message text. Hosts are judged by rules I1-I6.

use coc_script_exec::{build_batches, validate, BatchesResult, Locale, Options, Severity};
use proptest::prelude::*;
use serde_json::{json, Value};

const REGIONS: [&str; 4] = ["cn-north-4", "cn-east-3", "ap-southeast-3", "la-south-2"];
const PROJECTS: [&str; 3] = ["proj-a", "proj-b", "proj-c"];

fn host(id: &str, region: &str) -> Value {
    json!({"resource_id": id, "agent_sn": format!("sn-{id}"), "project_id": "proj-a", "region_id": region})
}

/// `n` distinct hosts in one region.
fn host_vec(n: usize) -> Vec<Value> {
    (0..n).map(|i| host(&format!("ecs-{i:03}"), "cn-north-4")).collect()
}

fn hosts(n: usize) -> Value {
    Value::Array(host_vec(n))
}

/// Hosts with the given regions, in order.
fn hosts_in(regions: &[&str]) -> Value {
    Value::Array(regions.iter().enumerate().map(|(i, r)| host(&format!("ecs-{i:03}"), r)).collect())
}

fn run(hosts: &Value, plan: Value) -> BatchesResult {
    build_batches(hosts, &plan, &Options::default())
}

fn sizes(r: &BatchesResult) -> Vec<usize> {
    r.execute_batches.iter().map(|b| b.target_instances.len()).collect()
}

fn strategies(r: &BatchesResult) -> Vec<&'static str> {
    r.execute_batches.iter().map(|b| b.rotation_strategy.as_str()).collect()
}

fn ids(r: &BatchesResult) -> Vec<&str> {
    r.execute_batches.iter().flat_map(|b| &b.target_instances).map(|h| h.resource_id.as_str()).collect()
}

/// (path, code) of every issue of this severity.
fn found(r: &BatchesResult, severity: Severity) -> Vec<(&str, &str)> {
    r.issues.iter().filter(|i| i.severity == severity).map(|i| (i.path.as_str(), i.code.as_str())).collect()
}

fn errors(r: &BatchesResult) -> Vec<(&str, &str)> {
    found(r, Severity::Error)
}

fn warnings(r: &BatchesResult) -> Vec<(&str, &str)> {
    found(r, Severity::Warning)
}

/// The params of the one issue at `path` with `code`.
fn params_of(r: &BatchesResult, path: &str, code: &str) -> Value {
    let hits: Vec<_> = r.issues.iter().filter(|i| i.path == path && i.code == code).collect();
    assert_eq!(hits.len(), 1, "one {code} at {path} in {:?}", r.issues);
    Value::Object(hits[0].params.clone())
}

/// A refusal: no batches, and this error among the issues.
fn assert_refused(r: &BatchesResult, path: &str, code: &str) {
    assert!(r.execute_batches.is_empty(), "refused input must yield no batches");
    assert!(errors(r).contains(&(path, code)), "expected {code} at {path}, got {:?}", errors(r));
}

fn assert_clean(r: &BatchesResult) {
    assert!(r.issues.is_empty(), "unexpected issues {:?}", r.issues);
}

// ---- the default plan ----

#[test]
fn default_is_fewest_batches_of_at_most_10_differing_by_one() {
    let table: [(usize, &[usize]); 7] = [
        (1, &[1]),
        (10, &[10]),
        (11, &[6, 5]),
        (21, &[7, 7, 7]),
        (23, &[8, 8, 7]),
        (101, &[10, 10, 9, 9, 9, 9, 9, 9, 9, 9, 9]),
        (200, &[10; 20]),
    ];
    for (n, expected) in table {
        let r = run(&hosts(n), Value::Null);
        assert_clean(&r);
        assert_eq!(sizes(&r), expected, "{n} hosts");
    }
}

#[test]
fn default_plan_can_be_null_empty_object_or_empty_sizes() {
    for plan in [Value::Null, json!({}), json!({"sizes": []}), json!({"sizes": null, "group_by": null, "pause": null})]
    {
        let r = run(&hosts(23), plan.clone());
        assert_clean(&r);
        assert_eq!(sizes(&r), [8, 8, 7], "plan {plan}");
    }
}

#[test]
fn batches_are_indexed_from_1_and_hosts_keep_input_order() {
    let r = run(&hosts(23), Value::Null);
    let indexes: Vec<u64> = r.execute_batches.iter().map(|b| b.batch_index).collect();
    assert_eq!(indexes, [1, 2, 3]);
    let expected: Vec<String> = (0..23).map(|i| format!("ecs-{i:03}")).collect();
    assert_eq!(ids(&r), expected);
}

// ---- sizes ----

#[test]
fn sizes_counts_and_percentages_with_the_last_repeating() {
    let table: [(usize, Value, &[usize]); 8] = [
        (10, json!([3]), &[3, 3, 3, 1]),
        (4, json!([10]), &[4]),
        (12, json!([3.0]), &[3, 3, 3, 3]),
        (50, json!([1, 5, "20%"]), &[1, 5, 10, 10, 10, 10, 4]),
        (23, json!([1, "25%"]), &[1, 5, 5, 5, 5, 2]),
        (10, json!(["100%"]), &[10]),
        // floor(5 * 1 / 100) = 0: at least one host per batch.
        (5, json!(["1%"]), &[1, 1, 1, 1, 1]),
        (7, json!([2, 1, 5, 9]), &[2, 1, 4]),
    ];
    for (n, plan_sizes, expected) in table {
        let r = run(&hosts(n), json!({"sizes": plan_sizes}));
        assert_clean(&r);
        assert_eq!(sizes(&r), expected, "{n} hosts, sizes {plan_sizes}");
    }
}

#[test]
fn a_percentage_over_10_hosts_is_capped_with_a_warning() {
    let r = run(&hosts(40), json!({"sizes": [2, "50%"]}));
    assert_eq!(sizes(&r), [2, 10, 10, 10, 8]);
    assert_eq!(warnings(&r), [("/plan/sizes/1", "capped")]);
    assert_eq!(params_of(&r, "/plan/sizes/1", "capped"), json!({"max": 10, "actual": 20}));
}

#[test]
fn percentages_count_hosts_after_duplicates_are_dropped() {
    // 20 distinct hosts, each listed twice: 50% is 10, not 20, so no cap (I6).
    let list = [host_vec(20), host_vec(20)].concat();
    let r = run(&Value::Array(list), json!({"sizes": ["50%"]}));
    assert_eq!(sizes(&r), [10, 10]);
    assert!(warnings(&r).iter().all(|&(_, code)| code == "duplicate_host"));
    assert_eq!(warnings(&r).len(), 20);
}

// ---- group_by ----

#[test]
fn group_by_region_cuts_each_region_by_the_default_in_first_seen_order() {
    // 12 hosts in a, 7 in b, 4 in c, interleaved.
    let pattern = ["a", "b", "a", "c", "b", "a"];
    let regions: Vec<&str> =
        (0..23).map(|i| if i < 18 { pattern[i % 6] } else { ["a", "a", "a", "b", "c"][i - 18] }).collect();
    let counts = |r: &str| regions.iter().filter(|&&x| x == r).count();
    assert_eq!((counts("a"), counts("b"), counts("c")), (12, 7, 4));
    let r = run(&hosts_in(&regions), json!({"group_by": "region_id"}));
    assert_clean(&r);
    assert_eq!(sizes(&r), [6, 6, 7, 4]);
    let batch_regions: Vec<Vec<&str>> =
        r.execute_batches.iter().map(|b| b.target_instances.iter().map(|h| h.region_id.as_str()).collect()).collect();
    for (batch, region) in batch_regions.iter().zip(["a", "a", "b", "c"]) {
        assert!(batch.iter().all(|&x| x == region), "batch {batch:?} mixes regions");
    }
    // Stable within a region: the a-hosts in input order.
    let a_in: Vec<String> = (0..23).filter(|&i| regions[i] == "a").map(|i| format!("ecs-{i:03}")).collect();
    assert_eq!(ids(&r)[..12], a_in.iter().map(String::as_str).collect::<Vec<_>>()[..]);
}

#[test]
fn group_by_project_id_never_mixes_projects() {
    let list: Vec<Value> = (0..9)
        .map(|i| json!({"resource_id": format!("h{i}"), "agent_sn": "sn", "project_id": PROJECTS[i % 3], "region_id": "r"}))
        .collect();
    let r = run(&Value::Array(list), json!({"group_by": "project_id"}));
    assert_clean(&r);
    assert_eq!(ids(&r), ["h0", "h3", "h6", "h1", "h4", "h7", "h2", "h5", "h8"]);
    assert_eq!(sizes(&r), [3, 3, 3]);
}

#[test]
fn group_by_with_sizes_cuts_a_batch_short_at_a_group_boundary() {
    // 3 hosts in a, then 4 in b.
    let list = hosts_in(&["a", "a", "a", "b", "b", "b", "b"]);
    let table: [(Value, &[usize]); 3] =
        [(json!([2]), &[2, 1, 2, 2]), (json!([2, 3]), &[2, 1, 3, 1]), (json!([10]), &[3, 4])];
    for (plan_sizes, expected) in table {
        let r = run(&list, json!({"sizes": plan_sizes, "group_by": "region_id"}));
        assert_clean(&r);
        assert_eq!(sizes(&r), expected, "sizes {plan_sizes}");
    }
}

// ---- pause ----

#[test]
fn pause_sets_the_rotation_strategies() {
    let table: [(Value, &[&str]); 5] = [
        (json!({}), &["CONTINUE", "CONTINUE", "CONTINUE"]),
        (json!({"pause": "none"}), &["CONTINUE", "CONTINUE", "CONTINUE"]),
        (json!({"pause": "first"}), &["PAUSE", "CONTINUE", "CONTINUE"]),
        (json!({"pause": "every"}), &["PAUSE", "PAUSE", "PAUSE"]),
        (
            json!({"pause": "first", "sizes": [1, "25%"]}),
            &["PAUSE", "CONTINUE", "CONTINUE", "CONTINUE", "CONTINUE", "CONTINUE"],
        ),
    ];
    for (plan, expected) in table {
        let r = run(&hosts(23), plan.clone());
        assert_clean(&r);
        assert_eq!(strategies(&r), expected, "plan {plan}");
    }
    assert_eq!(strategies(&run(&hosts(3), json!({"pause": "first"}))), ["PAUSE"]);
}

// ---- duplicates and unknown keys ----

#[test]
fn i6_a_repeated_host_is_dropped_with_a_warning_and_the_first_copy_kept() {
    let list = json!([host("ecs-1", "a"), host("ecs-2", "a"), host("ecs-1", "b"), host("ecs-3", "a")]);
    let r = run(&list, Value::Null);
    assert_eq!(ids(&r), ["ecs-1", "ecs-2", "ecs-3"]);
    assert_eq!(r.execute_batches[0].target_instances[0].region_id, "a");
    assert_eq!(warnings(&r), [("/hosts/2/resource_id", "duplicate_host")]);
    assert_eq!(
        params_of(&r, "/hosts/2/resource_id", "duplicate_host"),
        json!({"value": "ecs-1", "first": "/hosts/0/resource_id"})
    );
}

#[test]
fn an_unknown_host_key_is_a_warning_and_not_copied() {
    let mut h = host("ecs-1", "a");
    h["agent_status"] = json!("ONLINE");
    let r = run(&json!([h]), Value::Null);
    assert_eq!(warnings(&r), [("/hosts/0/agent_status", "unknown_field")]);
    let out = serde_json::to_value(&r.execute_batches[0].target_instances[0]).unwrap_or_default();
    let keys: Vec<&String> = out.as_object().map(|o| o.keys().collect()).unwrap_or_default();
    assert_eq!(keys, ["resource_id", "agent_sn", "project_id", "region_id"]);
}

#[test]
fn unknown_plan_keys_are_warnings_at_their_escaped_pointer() {
    let r = run(&hosts(3), json!({"serial": [1], "a/b~c": 1}));
    assert_eq!(sizes(&r), [3]);
    assert_eq!(warnings(&r), [("/plan/serial", "unknown_field"), ("/plan/a~1b~0c", "unknown_field")]);
}

// ---- refusals: the hosts ----

#[test]
fn hosts_not_an_array_is_type() {
    for bad in [Value::Null, json!({}), json!("ecs-1"), json!(3)] {
        let r = run(&bad, Value::Null);
        assert_refused(&r, "/hosts", "type");
        assert_eq!(params_of(&r, "/hosts", "type"), json!({"expected": "array"}));
    }
}

#[test]
fn no_hosts_is_count() {
    let r = run(&json!([]), Value::Null);
    assert_refused(&r, "/hosts", "count");
    assert_eq!(params_of(&r, "/hosts", "count"), json!({"min": 1, "max": 200, "actual": 0}));
}

#[test]
fn over_200_distinct_hosts_is_total_hosts() {
    let r = run(&hosts(201), Value::Null);
    assert_refused(&r, "/hosts", "total_hosts");
    assert_eq!(params_of(&r, "/hosts", "total_hosts"), json!({"max": 200, "actual": 201}));
}

#[test]
fn total_hosts_counts_after_duplicates_are_dropped() {
    let mut list = host_vec(200);
    list.push(host("ecs-000", "cn-north-4"));
    let r = run(&Value::Array(list), Value::Null);
    assert_eq!(errors(&r), []);
    assert_eq!(sizes(&r), [10; 20]);
}

#[test]
fn a_hostile_host_list_is_refused_cheaply() {
    let many = Value::Array((0..100_000).map(|i| json!(i)).collect());
    let r = run(&many, Value::Null);
    assert_refused(&r, "/hosts", "total_hosts");
    assert_eq!(params_of(&r, "/hosts", "total_hosts")["actual"], json!(100_000));
    // R-LIMIT: at most 100 issues, then `truncated`.
    assert_eq!(r.issues.len(), 101);
    assert_eq!(r.issues.last().map(|i| i.code.as_str()), Some("truncated"));
}

#[test]
fn i1_to_i5_a_bad_host_refuses_the_whole_list() {
    let long = |n: usize| "x".repeat(n);
    let mut cases: Vec<(Value, &str, &str)> = vec![
        (json!("ecs-1"), "/hosts/1", "type"), // I1
        (json!({"agent_sn": "s", "project_id": "p", "region_id": "r"}), "/hosts/1/resource_id", "required"), // I2
    ];
    let with = |field: &str, value: Value| {
        let mut h = host("ecs-9", "r");
        h[field] = value;
        h
    };
    cases.extend([
        (with("resource_id", json!("")), "/hosts/1/resource_id", "length"), // I2
        (with("resource_id", json!(long(65))), "/hosts/1/resource_id", "length"), // I2
        (with("resource_id", json!(5)), "/hosts/1/resource_id", "type"),    // I2
        (with("agent_sn", json!(long(33))), "/hosts/1/agent_sn", "length"), // I3
        (with("project_id", Value::Null), "/hosts/1/project_id", "required"), // I4
        (with("project_id", json!("")), "/hosts/1/project_id", "length"),   // I4
        (with("region_id", json!(7)), "/hosts/1/region_id", "type"),        // I5
        (with("region_id", json!(long(33))), "/hosts/1/region_id", "length"), // I5
    ]);
    for (bad, path, code) in cases {
        let r = run(&json!([host("ecs-0", "r"), bad]), Value::Null);
        assert_refused(&r, path, code);
        assert_eq!(errors(&r).len(), 1, "{:?}", r.issues);
    }
}

// ---- refusals: the plan ----

#[test]
fn a_bad_size_entry_is_type_or_range() {
    let type_integer = json!({"expected": "integer"});
    let table: [(Value, Value); 17] = [
        (json!(0), json!({"min": 1, "max": 10, "actual": 0})),
        (json!(11), json!({"min": 1, "max": 10, "actual": 11})),
        (json!(-1), json!({"min": 1, "max": 10, "actual": -1})),
        (json!(1e300), json!({"min": 1, "max": 10, "actual": 1e300})),
        (json!("0%"), json!({"min": 1, "max": 100, "actual": "0%"})),
        (json!("150%"), json!({"min": 1, "max": 100, "actual": "150%"})),
        (json!("99999999999999999999999%"), json!({"min": 1, "max": 100, "actual": "99999999999999999999999%"})),
        (json!(5.5), type_integer.clone()),
        (json!("abc"), type_integer.clone()),
        (json!("25"), type_integer.clone()),
        (json!("2.5%"), type_integer.clone()),
        (json!(" 25%"), type_integer.clone()),
        (json!("-5%"), type_integer.clone()),
        (json!("%"), type_integer.clone()),
        (json!(true), type_integer.clone()),
        (Value::Null, type_integer.clone()),
        (json!([3]), type_integer),
    ];
    for (entry, params) in table {
        let r = run(&hosts(10), json!({"sizes": [3, entry]}));
        let code = if params.get("expected").is_some() { "type" } else { "range" };
        assert_refused(&r, "/plan/sizes/1", code);
        assert_eq!(params_of(&r, "/plan/sizes/1", code), params, "entry {entry}");
        assert_eq!(errors(&r).len(), 1);
    }
}

#[test]
fn sizes_not_an_array_is_type() {
    let r = run(&hosts(10), json!({"sizes": 3}));
    assert_refused(&r, "/plan/sizes", "type");
    assert_eq!(params_of(&r, "/plan/sizes", "type"), json!({"expected": "array"}));
}

#[test]
fn group_by_and_pause_outside_their_lists_are_enum() {
    let table = [
        (
            json!({"group_by": "zone"}),
            "/plan/group_by",
            json!({"allowed": ["region_id", "project_id"], "actual": "zone"}),
        ),
        (
            json!({"group_by": "REGION_ID"}),
            "/plan/group_by",
            json!({"allowed": ["region_id", "project_id"], "actual": "REGION_ID"}),
        ),
        (json!({"pause": "always"}), "/plan/pause", json!({"allowed": ["none", "first", "every"], "actual": "always"})),
    ];
    for (plan, path, params) in table {
        let r = run(&hosts(10), plan);
        assert_refused(&r, path, "enum");
        assert_eq!(params_of(&r, path, "enum"), params);
    }
    for (plan, path) in [(json!({"group_by": 5}), "/plan/group_by"), (json!({"pause": true}), "/plan/pause")] {
        let r = run(&hosts(10), plan);
        assert_refused(&r, path, "type");
        assert_eq!(params_of(&r, path, "type"), json!({"expected": "string"}));
    }
}

#[test]
fn a_plan_that_is_not_an_object_is_type() {
    for plan in [json!([1]), json!("balanced"), json!(3), json!(true)] {
        let r = run(&hosts(10), plan);
        assert_refused(&r, "/plan", "type");
        assert_eq!(params_of(&r, "/plan", "type"), json!({"expected": "object"}));
    }
}

#[test]
fn a_plan_that_needs_over_20_batches_is_count_with_the_smallest_size_that_fits() {
    let one_region_each: Vec<String> = (0..21).map(|i| format!("r{i}")).collect();
    let one_region_each: Vec<&str> = one_region_each.iter().map(String::as_str).collect();
    let two_regions: Vec<&str> = (0..30).map(|i| if i < 15 { "a" } else { "b" }).collect();
    let table = [
        (hosts(21), json!({"sizes": [1]}), 21, json!(2)),
        (hosts(200), json!({"sizes": [5]}), 40, json!(10)),
        (hosts(200), json!({"sizes": ["1%"]}), 100, json!(10)),
        (hosts_in(&two_regions), json!({"sizes": [1], "group_by": "region_id"}), 30, json!(2)),
    ];
    for (list, plan, actual, smallest) in table {
        let r = run(&list, plan.clone());
        assert_refused(&r, "/plan", "count");
        let expected = json!({"max": 20, "actual": actual, "smallest_size": smallest});
        assert_eq!(params_of(&r, "/plan", "count"), expected, "plan {plan}");
    }
    // When no size fits, `smallest_size` is null and `reason` says why.
    let fifteen_regions: Vec<&str> =
        (0..150).map(|i| ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"][i / 15]).collect();
    let nulls = [
        (hosts_in(&one_region_each), json!({"group_by": "region_id"}), 21, "too_many_groups"),
        // 200 hosts behind a 1-host canary: 1 + 19 batches of 10 hold at most 191 (issue #13).
        (hosts(200), json!({"sizes": [1, 10]}), 21, "first_sizes"),
        (hosts_in(&fifteen_regions), json!({"group_by": "region_id", "canary": "per_group"}), 30, "canaries"),
    ];
    for (list, plan, actual, reason) in nulls {
        let r = run(&list, plan.clone());
        let expected = json!({"max": 20, "actual": actual, "smallest_size": null, "reason": reason});
        assert_eq!(params_of(&r, "/plan", "count"), expected, "plan {plan}");
        let message = &r.issues.iter().find(|i| i.path == "/plan").map(|i| i.message.clone()).unwrap_or_default();
        assert!(!message.contains("or more would fit") && !message.contains("with 10 hosts"), "{message}");
    }
    // A canary plan that fits once its repeating size grows.
    let r = run(&hosts(150), json!({"sizes": [1, 2]}));
    assert_eq!(params_of(&r, "/plan", "count")["smallest_size"], 8);
    let fixed = run(&hosts(150), json!({"sizes": [1, 8]}));
    assert!(errors(&fixed).is_empty() && fixed.execute_batches.len() <= 20);
}

#[test]
fn one_canary_per_group() {
    let regions: Vec<&str> = (0..23).map(|i| if i < 15 { "cn-north-4" } else { "cn-east-3" }).collect();
    let r = run(&hosts_in(&regions), json!({"group_by": "region_id", "canary": "per_group"}));
    assert!(errors(&r).is_empty(), "{:?}", r.issues);
    assert_eq!(sizes(&r), [1, 7, 7, 1, 7]);
    assert_eq!(strategies(&r), ["PAUSE", "CONTINUE", "CONTINUE", "PAUSE", "CONTINUE"]);
    // With `sizes`, canaries do not use up its entries; with `pause: every`, every batch pauses.
    let r = run(
        &hosts_in(&regions),
        json!({"group_by": "region_id", "canary": "per_group", "sizes": [5], "pause": "every"}),
    );
    assert_eq!(sizes(&r), [1, 5, 5, 4, 1, 5, 2]);
    assert!(strategies(&r).iter().all(|&s| s == "PAUSE"));
    // Without group_by the whole list is one group: one canary.
    let r = run(&hosts(12), json!({"canary": "per_group"}));
    assert_eq!((sizes(&r), strategies(&r)[0]), (vec![1, 6, 5], "PAUSE"));
    // The value list.
    let r = run(&hosts(3), json!({"canary": "each"}));
    assert_refused(&r, "/plan/canary", "enum");
    assert_eq!(params_of(&r, "/plan/canary", "enum")["allowed"], json!(["none", "per_group"]));
}

#[test]
fn the_plan_count_comes_before_the_issues_of_its_members() {
    let r = run(&hosts(21), json!({"sizes": [1], "serial": 1}));
    let order: Vec<(&str, &str)> = r.issues.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect();
    assert_eq!(order, [("/plan", "count"), ("/plan/serial", "unknown_field")]);
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let r = run(&json!([host("ecs-1", ""), 5]), json!({"sizes": [0], "group_by": "zone", "pause": 1}));
    assert!(r.execute_batches.is_empty());
    assert_eq!(
        errors(&r),
        [
            ("/hosts/0/region_id", "length"),
            ("/hosts/1", "type"),
            ("/plan/sizes/0", "range"),
            ("/plan/group_by", "enum"),
            ("/plan/pause", "type"),
        ]
    );
}

// ---- output shape and locale ----

#[test]
fn the_result_serializes_to_the_wire_shape() {
    let r = run(&json!([host("ecs-1", "a")]), json!({"pause": "first"}));
    let text = serde_json::to_string(&r).unwrap_or_default();
    assert_eq!(
        text,
        r#"{"execute_batches":[{"batch_index":1,"target_instances":[{"resource_id":"ecs-1","agent_sn":"sn-ecs-1","project_id":"proj-a","region_id":"a"}],"rotation_strategy":"PAUSE"}],"issues":[]}"#
    );
    let back: BatchesResult = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, r);
}

#[test]
fn zh_cn_changes_messages_only() {
    let list = json!([host("ecs-1", "a"), host("ecs-1", "a"), 5]);
    let plan = json!({"sizes": [0, "abc", "150%"], "group_by": "zone", "x": 1});
    let en = build_batches(&list, &plan, &Options::locale(Locale::En));
    let zh = build_batches(&list, &plan, &Options::locale(Locale::ZhCn));
    assert_eq!(en.issues.len(), zh.issues.len());
    for (e, z) in en.issues.iter().zip(&zh.issues) {
        assert_eq!((&e.path, &e.code, e.severity, &e.params), (&z.path, &z.code, z.severity, &z.params));
        assert!(!e.message.is_empty() && !z.message.is_empty());
        assert_ne!(e.message, z.message, "{} {}", e.path, e.code);
    }
}

// ---- properties ----

/// One `sizes` entry, mostly valid, sometimes not.
fn size_entry() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (1u64..=10).prop_map(|n| json!(n)),
        4 => (1u64..=100).prop_map(|p| json!(format!("{p}%"))),
        1 => prop_oneof![Just(json!(0)), Just(json!(11)), Just(json!("0%")), Just(json!("x")), Just(json!(2.5))],
    ]
}

fn choice(valid: &'static [&'static str], invalid: Value) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        2 => Just(None),
        6 => proptest::sample::select(valid).prop_map(|s| Some(json!(s))),
        1 => Just(Some(invalid)),
    ]
}

fn plan() -> impl Strategy<Value = Value> {
    let sizes = proptest::option::of(proptest::collection::vec(size_entry(), 0..5));
    let group_by = choice(&["region_id", "project_id"], json!("zone"));
    let pause = choice(&["none", "first", "every"], json!(true));
    let canary = choice(&["none", "per_group"], json!(1));
    (sizes, group_by, pause, canary, any::<bool>(), 0u8..8).prop_map(
        |(sizes, group_by, pause, canary, extra, shape)| {
            let mut plan = serde_json::Map::new();
            for (key, value) in
                [("sizes", sizes.map(Value::from)), ("group_by", group_by), ("pause", pause), ("canary", canary)]
            {
                if let Some(v) = value {
                    plan.insert(key.to_owned(), v);
                }
            }
            if extra {
                plan.insert("serial".to_owned(), json!([1]));
            }
            match shape {
                0 => Value::Null,
                _ => Value::Object(plan),
            }
        },
    )
}

/// Up to 200 valid hosts drawn from 260 ids (so with duplicates), 4 regions, 3 projects.
fn host_list() -> impl Strategy<Value = Vec<Value>> {
    proptest::collection::vec((0usize..260, 0usize..4, 0usize..3), 0..=200).prop_map(|picks| {
        picks
            .into_iter()
            .map(|(id, region, project)| {
                json!({
                    "resource_id": format!("ecs-{id}"), "agent_sn": format!("sn-{id}"),
                    "project_id": PROJECTS[project], "region_id": REGIONS[region],
                })
            })
            .collect()
    })
}

/// The first copy of each host in input order, then grouped by `group_by` as api.md says:
/// groups in first-seen order, input order within each.
fn expected_order(list: &[Value], group_by: Option<&str>) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<Value> =
        list.iter().filter(|h| seen.insert(h["resource_id"].clone().to_string())).cloned().collect();
    let Some(field) = group_by else { return distinct };
    let mut keys: Vec<Value> = Vec::new();
    for h in &distinct {
        if !keys.contains(&h[field]) {
            keys.push(h[field].clone());
        }
    }
    keys.iter().flat_map(|k| distinct.iter().filter(move |h| &h[field] == k).cloned()).collect()
}

fn body(r: &BatchesResult) -> Value {
    json!({
        "execute_param": {"resourceful": true, "timeout": 300, "success_rate": 100, "execute_user": "root"},
        "execute_batches": serde_json::to_value(&r.execute_batches).unwrap_or_default(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any host list and plan: never a panic; an error means no batches; otherwise every
    /// distinct host once, in stable order within its group, indexes 1..n, at most 10 per
    /// batch and 20 batches, no batch mixing group values, and `validate` passes (E1-E7, I1-I6).
    #[test]
    fn batches_always_pass_validate(list in host_list(), plan in plan()) {
        let r = run(&Value::Array(list.clone()), plan.clone());
        if !errors(&r).is_empty() {
            prop_assert!(r.execute_batches.is_empty());
            return Ok(());
        }
        let group_by = plan.get("group_by").and_then(Value::as_str);
        let placed: Vec<Value> = r
            .execute_batches
            .iter()
            .flat_map(|b| &b.target_instances)
            .map(|h| serde_json::to_value(h).unwrap_or_default())
            .collect();
        prop_assert_eq!(placed, expected_order(&list, group_by));
        prop_assert!(r.execute_batches.len() <= 20);
        for (i, b) in r.execute_batches.iter().enumerate() {
            prop_assert_eq!(b.batch_index, i as u64 + 1);
            prop_assert!((1..=10).contains(&b.target_instances.len()));
            if let Some(field) = group_by {
                let values: std::collections::HashSet<_> =
                    b.target_instances.iter().map(|h| serde_json::to_value(h).unwrap_or_default()[field].clone().to_string()).collect();
                prop_assert_eq!(values.len(), 1, "batch {} mixes {}", i + 1, field);
            }
        }
        let report = validate(&body(&r));
        prop_assert!(report.issues.is_empty(), "{:?}", report.issues);
    }

    /// With valid hosts and a valid plan the only possible refusal is `count` at `/plan`;
    /// without `sizes` or `group_by`, batches differ by at most one and are the fewest.
    #[test]
    fn valid_input_is_refused_only_for_too_many_batches(list in host_list(), pause in 0usize..3) {
        prop_assume!(!list.is_empty());
        let pause = ["none", "first", "every"][pause];
        let r = run(&Value::Array(list.clone()), json!({"pause": pause}));
        prop_assert_eq!(errors(&r), vec![]);
        let n = expected_order(&list, None).len();
        let s = sizes(&r);
        prop_assert_eq!(s.len(), n.div_ceil(10));
        prop_assert!(s.iter().max().unwrap_or(&0) - s.iter().min().unwrap_or(&0) <= 1);
        let pauses = strategies(&r).iter().filter(|&&x| x == "PAUSE").count();
        prop_assert_eq!(pauses, match pause { "none" => 0, "first" => 1, _ => s.len() });
    }

    /// A `count` refusal's `smallest_size` names a plan that really fits: the same plan with
    /// its last (repeating) size set to it is accepted, and one less is refused; `null`
    /// comes with a reason, and then not even 10 fits (issue #13, api.md "canaries").
    #[test]
    fn smallest_size_names_a_plan_that_fits(list in host_list(), plan in plan()) {
        let r = run(&Value::Array(list.clone()), plan.clone());
        let Some(count) = r.issues.iter().find(|i| i.path == "/plan" && i.code == "count") else { return Ok(()) };
        let with_last = |size: u64| {
            let mut p = plan.clone();
            let mut sizes: Vec<Value> = p.get("sizes").and_then(Value::as_array).cloned().unwrap_or_default();
            match sizes.last_mut() {
                Some(last) => *last = json!(size),
                None => sizes.push(json!(size)),
            }
            p["sizes"] = Value::Array(sizes);
            run(&Value::Array(list.clone()), p)
        };
        match count.params["smallest_size"].as_u64() {
            Some(s) => {
                prop_assert!((1..=10).contains(&s));
                prop_assert!(errors(&with_last(s)).is_empty(), "{s} does not fit {plan}");
                if s > 1 {
                    prop_assert!(!errors(&with_last(s - 1)).is_empty(), "{} already fits {plan}", s - 1);
                }
            }
            None => {
                prop_assert!(count.params["reason"].is_string());
                prop_assert!(!errors(&with_last(10)).is_empty());
            }
        }
    }

    /// Hostile values anywhere: no panic, and an error always means no batches.
    #[test]
    fn any_value_never_panics(hosts in hostile(), plan in hostile()) {
        let r = run(&hosts, plan);
        if !errors(&r).is_empty() {
            prop_assert!(r.execute_batches.is_empty());
        } else {
            prop_assert!(validate(&body(&r)).issues.is_empty());
        }
    }
}

/// Any JSON value, keys drawn from the names build_batches reads.
fn hostile() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        proptest::sample::select(&["", "r", "region_id", "first", "per_group", "25%", "0%", "😀", "a/b"][..])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 64, 8, |inner| {
        let key = proptest::sample::select(
            &["resource_id", "agent_sn", "project_id", "region_id", "sizes", "group_by", "pause", "canary", "x"][..],
        );
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((key, inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}
