//! The rollout after the post (api.md "The rollout after the post"): one test per row of
//! its table (the request each builder makes, the answers each parser reads), every bad
//! identifier and argument as an issue at its pointer, and parsers on odd shapes.

use coc_script_exec::{
    build_batch_request, build_batch_request_value, build_batches_request, build_operation_request,
    build_operation_request_value, build_order_request, parse_batch, parse_batches, parse_operation, parse_order,
    Answer, BatchQuery, InstanceStatus, Locale, Operation, OrderStatus, Outcome, RequestOptions, RequestResult,
    Severity, OPERATION_TYPES,
};
use serde_json::{json, Value};

const UUID: &str = "SCT2023083109562601af694bf";
const ORDERS: &str = "https://coc.myhuaweicloud.com/v1/job/script/orders";

fn token() -> RequestOptions {
    RequestOptions { token: Some("tok".into()), ..Default::default() }
}

/// `(path, code)` of every issue.
fn issues(r: &RequestResult) -> Vec<(String, String)> {
    r.issues.iter().map(|i| (i.path.clone(), i.code.to_string())).collect()
}

fn one(path: &str, code: &str) -> Vec<(String, String)> {
    vec![(path.to_owned(), code.to_owned())]
}

/// The request of a result that must be valid: (method, url, body).
fn sent(r: &RequestResult) -> (String, String, String) {
    assert!(r.valid, "{:?}", r.issues);
    let q = r.request.as_ref().expect("a valid result has its request");
    (q.method.clone(), q.url.clone(), q.body.clone())
}

#[test]
fn order_request_row() {
    let r = build_order_request(UUID, &token());
    assert_eq!(sent(&r), ("GET".into(), format!("{ORDERS}/{UUID}"), String::new()));
    let headers = &r.request.as_ref().unwrap().headers;
    assert_eq!(headers.get("X-Auth-Token").map(String::as_str), Some("tok"));
    assert_eq!(headers.get("X-Language").map(String::as_str), Some("en-us"));
    assert!(!headers.contains_key("Content-Type"), "a GET has no body to describe");
}

#[test]
fn batches_request_row() {
    let r = build_batches_request(UUID, &RequestOptions { locale: Locale::ZhCn, ..token() });
    assert_eq!(sent(&r), ("GET".into(), format!("{ORDERS}/{UUID}/batches"), String::new()));
    assert_eq!(r.request.unwrap().headers.get("X-Language").map(String::as_str), Some("zh-cn"));
}

#[test]
fn batch_request_row_with_its_query() {
    let plain = build_batch_request(UUID, 3, &BatchQuery::default(), &token());
    assert_eq!(sent(&plain).1, format!("{ORDERS}/{UUID}/batches/3"));
    let query = BatchQuery { status: Some("ABNORMAL".into()), limit: Some(10), marker: Some(42) };
    let r = build_batch_request(UUID, 1, &query, &token());
    assert_eq!(
        sent(&r),
        ("GET".into(), format!("{ORDERS}/{UUID}/batches/1?status=ABNORMAL&limit=10&marker=42"), "".into())
    );
    for status in InstanceStatus::KNOWN {
        let q = BatchQuery { status: Some(status.into()), ..Default::default() };
        assert!(sent(&build_batch_request(UUID, 1, &q, &token())).1.ends_with(&format!("?status={status}")));
    }
    let r = build_batch_request(UUID, 1, &BatchQuery { marker: Some(7), ..Default::default() }, &token());
    assert!(sent(&r).1.ends_with("/batches/1?marker=7"));
}

#[test]
fn operation_request_row_every_operation() {
    let cases = [
        (Operation::new("CONTINUE_ORDER"), json!({"operation_type": "CONTINUE_ORDER"})),
        (Operation::new("PAUSE_ORDER"), json!({"operation_type": "PAUSE_ORDER"})),
        (Operation::new("CANCEL_ORDER"), json!({"operation_type": "CANCEL_ORDER"})),
        (Operation::skip_batch(2), json!({"operation_type": "SKIP_BATCH", "batch_index": 2})),
        (Operation::cancel_instance(9001), json!({"operation_type": "CANCEL_INSTANCE", "instance_id": 9001})),
    ];
    assert_eq!(cases.len(), OPERATION_TYPES.len());
    for (operation, body) in cases {
        let r = build_operation_request(UUID, &operation, &token());
        let (method, url, text) = sent(&r);
        assert_eq!((method.as_str(), url), ("PUT", format!("{ORDERS}/{UUID}/operation")));
        assert_eq!(text, body.to_string(), "operation_type first, then the batch and host");
        let headers = &r.request.unwrap().headers;
        assert_eq!(headers.get("Content-Type").map(String::as_str), Some("application/json;charset=UTF-8"));
    }
    // A batch given with another operation is sent too, as Huawei's provider sends it.
    let both = Operation { instance_id: Some(5), batch_index: Some(2), ..Operation::new("CANCEL_INSTANCE") };
    assert_eq!(
        sent(&build_operation_request(UUID, &both, &token())).2,
        r#"{"operation_type":"CANCEL_INSTANCE","batch_index":2,"instance_id":5}"#
    );
}

#[test]
fn operations_without_the_field_they_need() {
    let r = build_operation_request(UUID, &Operation::new("SKIP_BATCH"), &token());
    assert_eq!((r.valid, issues(&r)), (false, one("/operation/batch_index", "required")));
    assert_eq!(r.issues[0].params["operation_type"], "SKIP_BATCH");
    assert_eq!(r.issues[0].message, "batch_index is required for SKIP_BATCH");
    assert!(r.request.is_none());
    let r = build_operation_request(
        UUID,
        &Operation::new("CANCEL_INSTANCE"),
        &RequestOptions { locale: Locale::ZhCn, ..token() },
    );
    assert_eq!(issues(&r), one("/operation/instance_id", "required"));
    assert_eq!(r.issues[0].message, "CANCEL_INSTANCE 操作必须提供 instance_id");
}

#[test]
fn unknown_operations() {
    for bad in ["", "RESUME", "continue_order", "CANCEL"] {
        let r = build_operation_request(UUID, &Operation::new(bad), &token());
        assert_eq!((r.valid, issues(&r)), (false, one("/operation/operation_type", "enum")), "{bad:?}");
        assert_eq!(r.issues[0].params["allowed"], json!(OPERATION_TYPES));
    }
}

#[test]
fn bad_execute_uuids_in_every_builder() {
    let builders: [fn(&str) -> RequestResult; 4] = [
        |u| build_order_request(u, &token()),
        |u| build_batches_request(u, &token()),
        |u| build_batch_request(u, 1, &BatchQuery::default(), &token()),
        |u| build_operation_request(u, &Operation::new("CONTINUE_ORDER"), &token()),
    ];
    for build in builders {
        assert_eq!(issues(&build("")), one("/execute_uuid", "required"));
        assert_eq!(issues(&build(&"a".repeat(65))), one("/execute_uuid", "length"));
        assert!(build(&"a".repeat(64)).valid);
        for bad in ["../x", "a/b", "a b", "a?b=1", "a#b", "a%2e", "é", "SCT1\n"] {
            let r = build(bad);
            assert_eq!((r.valid, issues(&r)), (false, one("/execute_uuid", "charset")), "{bad:?}");
            assert_eq!(r.issues[0].severity, Severity::Error);
            assert!(r.issues[0].message.contains("only letters, digits, - or _"), "{}", r.issues[0].message);
        }
    }
}

#[test]
fn options_are_judged_as_build_request_judges_them() {
    let bad =
        RequestOptions { endpoint: Some("http://coc.example.com".into()), project_id: Some("a b".into()), ..token() };
    let r = build_order_request("", &bad);
    let paths: Vec<String> = issues(&r).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["/execute_uuid", "/endpoint", "/project_id"]);
    let local =
        RequestOptions { endpoint: Some("http://127.0.0.1:8080/".into()), project_id: Some("p1".into()), ..token() };
    let r = build_batches_request(UUID, &local);
    assert_eq!(sent(&r).1, format!("http://127.0.0.1:8080/v1/job/script/orders/{UUID}/batches"));
    assert_eq!(r.request.unwrap().headers.get("X-Project-Id").map(String::as_str), Some("p1"));
}

#[test]
fn bad_batch_indexes() {
    for (index, code) in [
        (json!(0), "range"),
        (json!(21), "range"),
        (json!(-1), "range"),
        (json!(1.5), "type"),
        (json!("1"), "type"),
        (json!(null), "required"),
        (json!(true), "type"),
        (json!([1]), "type"),
    ] {
        let r = build_batch_request_value(UUID, &index, &Value::Null, &token());
        assert_eq!((r.valid, issues(&r)), (false, one("/batch_index", code)), "{index}");
    }
    let r = build_batch_request(UUID, 0, &BatchQuery::default(), &token());
    assert_eq!(r.issues[0].params, json!({"min": 1, "max": 20, "actual": 0}).as_object().unwrap().clone());
    assert!(build_batch_request_value(UUID, &json!(2.0), &Value::Null, &token()).valid, "2.0 is 2 in JavaScript");
    assert!(build_batch_request(UUID, 20, &BatchQuery::default(), &token()).valid);
}

#[test]
fn bad_queries() {
    let at = |query: Value| issues(&build_batch_request_value(UUID, &json!(1), &query, &token()));
    assert_eq!(at(json!({"status": "DONE"})), one("/query/status", "enum"));
    assert_eq!(at(json!({"status": 1})), one("/query/status", "type"));
    assert_eq!(at(json!({"limit": 0})), one("/query/limit", "range"));
    assert_eq!(at(json!({"limit": 201})), one("/query/limit", "range"));
    assert_eq!(at(json!({"limit": "10"})), one("/query/limit", "type"));
    assert_eq!(at(json!({"marker": 0})), one("/query/marker", "range"));
    assert_eq!(at(json!({"marker": 9_007_199_254_740_992u64})), one("/query/marker", "range"));
    assert_eq!(at(json!("READY")), one("/query", "type"));
    // An unknown member is a warning and is not sent.
    let r = build_batch_request_value(UUID, &json!(1), &json!({"stauts": "READY", "limit": null}), &token());
    assert_eq!(issues(&r), one("/query/stauts", "unknown_field"));
    assert_eq!(sent(&r).1, format!("{ORDERS}/{UUID}/batches/1"));
    // Every problem at once, each at its pointer.
    let r = build_batch_request_value("a/b", &json!(0), &json!({"status": "x", "limit": -1}), &token());
    let paths: Vec<String> = issues(&r).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["/execute_uuid", "/batch_index", "/query/status", "/query/limit"]);
}

#[test]
fn bad_operations_as_json() {
    let at = |op: Value| issues(&build_operation_request_value(UUID, &op, &token()));
    assert_eq!(at(Value::Null), one("/operation", "required"));
    assert_eq!(at(json!("CONTINUE_ORDER")), one("/operation", "type"));
    assert_eq!(at(json!({})), one("/operation/operation_type", "required"));
    assert_eq!(at(json!({"operation_type": 3})), one("/operation/operation_type", "type"));
    assert_eq!(at(json!({"operation_type": "SKIP_BATCH", "batch_index": 0})), one("/operation/batch_index", "range"));
    assert_eq!(at(json!({"operation_type": "SKIP_BATCH", "batch_index": "2"})), one("/operation/batch_index", "type"));
    assert_eq!(
        at(json!({"operation_type": "SKIP_BATCH", "batch_index": null})),
        one("/operation/batch_index", "required")
    );
    assert_eq!(
        at(json!({"operation_type": "CANCEL_INSTANCE", "instance_id": 1.5})),
        one("/operation/instance_id", "type")
    );
    assert_eq!(
        at(json!({"operation_type": "CANCEL_INSTANCE", "instance_id": 0})),
        one("/operation/instance_id", "range")
    );
    let r = build_operation_request_value(UUID, &json!({"operation_type": "PAUSE_ORDER", "why": "lunch"}), &token());
    assert_eq!(issues(&r), one("/operation/why", "unknown_field"));
    assert_eq!(r.issues[0].severity, Severity::Warning);
    assert_eq!(sent(&r).2, r#"{"operation_type":"PAUSE_ORDER"}"#, "unknown members are not sent");
}

fn order_text(status: &str) -> String {
    json!({"data": {"execute_uuid": UUID, "gmt_created": 1_700_000_000_000i64, "gmt_finished": null, "execute_costs": 12,
        "creator": "ops", "status": status, "properties": {"script_uuid": "demo", "script_name": "Restart",
        "script_version_uuid": 3, "script_version_name": "v3", "current_execute_batch_index": 2,
        "execute_param": {"timeout": 300, "success_rate": 100}}}})
    .to_string()
}

#[test]
fn order_answer_row() {
    let Answer::Read(order) = parse_order(200, &order_text("PAUSED")) else { panic!("read") };
    assert_eq!(order.status, OrderStatus::Paused);
    assert_eq!(order.execute_uuid.as_deref(), Some(UUID));
    assert_eq!(order.properties.as_ref().and_then(|p| p.current_execute_batch_index), Some(2));
    assert!(!order.status.ended());
    let json = serde_json::to_value(parse_order(200, &order_text("FINISHED"))).unwrap();
    assert_eq!(
        (json["ok"].clone(), json["ended"].clone(), json["data"]["status"].clone()),
        (json!(true), json!(true), json!("FINISHED"))
    );
    assert_eq!(json["data"]["properties"]["execute_param"]["timeout"], 300);
    for (status, ended) in [
        ("PROCESSING", false),
        ("PAUSED", false),
        ("FINISHED", true),
        ("CANCELED", true),
        ("ABNORMAL", true),
        ("ERROR", true),
        ("ROLLBACKED", true),
        ("WAITING_APPROVAL", false),
    ] {
        let json = serde_json::to_value(parse_order(200, &order_text(status))).unwrap();
        assert_eq!((json["data"]["status"].as_str(), json["ended"].as_bool()), (Some(status), Some(ended)));
    }
    // Only the status is needed; an unknown status is kept as given.
    let Answer::Read(order) = parse_order(200, r#"{"data":{"status":"WAITING"},"extra":1}"#) else { panic!("read") };
    assert_eq!((order.status.as_str(), order.creator, order.properties), ("WAITING", None, None));
    assert_eq!(order.status, OrderStatus::Other("WAITING".into()));
}

#[test]
fn batches_answer_row() {
    let text = r#"{"data":[{"batch_index":1,"total_instances":1,"rotation_strategy":"PAUSE","properties":"canary"},
        {"batch_index":2,"total_instances":3,"rotation_strategy":"CONTINUE"}]}"#;
    let Answer::Read(batches) = parse_batches(200, text) else { panic!("read") };
    assert_eq!(batches.len(), 2);
    assert_eq!((batches[0].rotation_strategy.as_deref(), batches[1].total_instances), (Some("PAUSE"), Some(3)));
    let json = serde_json::to_value(parse_batches(200, text)).unwrap();
    assert_eq!(json.as_object().unwrap().keys().collect::<Vec<_>>(), ["ok", "data"], "no `ended` for a list");
    assert_eq!(json["data"][1]["properties"], Value::Null);
    assert!(matches!(parse_batches(200, r#"{"data":[]}"#), Answer::Read(b) if b.is_empty()));
}

#[test]
fn batch_answer_row() {
    let text = json!({"data": {"batch_index": 1, "total_instances": 2, "execute_instances": [
        {"id": 11, "target_instance": {"resource_id": "ecs-1", "region_id": "cn-north-4"}, "gmt_created": 1, "gmt_finished": 2,
         "execute_costs": 1, "status": "FINISHED", "message": "ok"},
        {"id": 12, "target_instance": {"resource_id": "ecs-2"}, "status": "PROCESSING"}]}})
    .to_string();
    let Answer::Read(batch) = parse_batch(200, &text) else { panic!("read") };
    assert_eq!(batch.execute_instances[0].status, InstanceStatus::Finished);
    assert_eq!(batch.execute_instances[1].message, None);
    // Each host says whether it is done, so the page needs no list of final statuses.
    assert_eq!(batch.execute_instances.iter().map(|i| i.ended).collect::<Vec<_>>(), [true, false]);
    assert_eq!(batch.execute_instances[0].target_instance.as_ref().unwrap()["resource_id"], "ecs-1");
    let json = serde_json::to_value(parse_batch(200, &text)).unwrap();
    assert_eq!(json["ended"], false, "a host is still running");
    let done = text.replace("PROCESSING", "ABNORMAL");
    assert_eq!(serde_json::to_value(parse_batch(200, &done)).unwrap()["ended"], true);
    let odd = text.replace("PROCESSING", "QUEUED");
    let json = serde_json::to_value(parse_batch(200, &odd)).unwrap();
    assert_eq!(
        (json["data"]["execute_instances"][1]["status"].as_str(), json["ended"].as_bool()),
        (Some("QUEUED"), Some(false))
    );
    let empty = serde_json::to_value(parse_batch(200, r#"{"data":{"execute_instances":[]}}"#)).unwrap();
    assert_eq!(empty["ended"], false, "no host yet is not an end");
}

#[test]
fn operation_answer_row() {
    assert_eq!(
        parse_operation(200, &format!(r#"{{"data":"{UUID}"}}"#)),
        Outcome::Executed { execute_uuid: UUID.into(), request_id: None }
    );
    assert!(matches!(parse_operation(200, r#"{"data":""}"#), Outcome::Http { status: 200, .. }));
}

#[test]
fn api_errors_in_every_parser() {
    let text = r#"{"error_code":"COC.00040709","error_msg":"order not found"}"#;
    let api = Outcome::Api {
        status: 400,
        error_code: Some("COC.00040709".into()),
        error_msg: Some("order not found".into()),
        request_id: None,
    };
    assert_eq!(parse_order(400, text), Answer::Failed(api.clone()));
    assert_eq!(parse_batches(400, text), Answer::Failed(api.clone()));
    assert_eq!(parse_batch(400, text), Answer::Failed(api.clone()));
    assert_eq!(parse_operation(400, text), api);
    let json = serde_json::to_value(parse_order(400, text)).unwrap();
    assert_eq!(
        (json["ok"].clone(), json["kind"].clone(), json["error_code"].clone()),
        (json!(false), json!("api"), json!("COC.00040709"))
    );
    assert!(matches!(parse_batch(204, ""), Answer::Failed(Outcome::Api { status: 204, error_code: None, .. })));
    assert!(matches!(parse_order(502, "bad gateway"), Answer::Failed(Outcome::Http { status: 502, .. })));
}

#[test]
fn parsers_on_odd_shapes_never_panic() {
    let deep = format!("{{\"data\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let http = |a: &Outcome, text: &str| matches!(a, Outcome::Http { status: 200, text: t, .. } if t == text);
    let common =
        ["", "null", "{", "[]", "{}", r#"{"data":null}"#, r#"{"data":"x"}"#, r#"{"data":7}"#, "\u{feff}{}", &deep];
    let order = [
        r#"{"data":{}}"#,
        r#"{"data":["PAUSED"]}"#,
        r#"{"data":{"status":7}}"#,
        r#"{"data":{"status":"PAUSED","gmt_created":"yesterday"}}"#,
        r#"{"data":{"status":"PAUSED","properties":{"current_execute_batch_index":-1}}}"#,
        r#"{"data":{"status":"PAUSED","properties":[1]}}"#,
    ];
    let batch = [
        r#"{"data":[1]}"#,
        r#"{"data":{"execute_instances":{}}}"#,
        r#"{"data":{"execute_instances":[1]}}"#,
        r#"{"data":{"execute_instances":[["FINISHED"]]}}"#,
        r#"{"data":{"execute_instances":[{"id":1}]}}"#,
        r#"{"data":{"execute_instances":[{"id":-1,"status":"READY"}]}}"#,
    ];
    let batches = [
        r#"{"data":{}}"#,
        r#"{"data":[1]}"#,
        r#"{"data":[[1]]}"#,
        r#"{"data":[{"total_instances":1}]}"#,
        r#"{"data":[{"batch_index":"1"}]}"#,
    ];
    for text in common.iter().chain(&order) {
        assert!(matches!(&parse_order(200, text), Answer::Failed(o) if http(o, text)), "order {text:.60}");
    }
    for text in common.iter().chain(&batch) {
        assert!(matches!(&parse_batch(200, text), Answer::Failed(o) if http(o, text)), "batch {text:.60}");
    }
    for text in common.iter().chain(&batches) {
        assert!(matches!(&parse_batches(200, text), Answer::Failed(o) if http(o, text)), "batches {text:.60}");
    }
    // Every field of a batch's data may be absent: `{}` is a batch with no hosts yet;
    // unknown members are ignored.
    assert!(matches!(parse_batch(200, r#"{"data":{"status":7}}"#), Answer::Read(b) if b.execute_instances.is_empty()));
}
