//! The `current` revision beyond `validate` (revisions.md): `build_batches` with today's
//! hosts, `build_request`'s posted body, headers and public scripts, `parse_response`'s
//! error bodies and request ids, and `limits` / `json_schema` per revision.

use std::collections::BTreeMap;

use coc_script_exec::{
    build_batches, build_request, json_schema, limits, parse_response, validate_with, Locale, Options, Outcome,
    RequestOptions, Revision, ScriptSource, Severity,
};
use serde_json::{json, Value};

const CURRENT: Options = Options { locale: Locale::En, revision: Revision::Current };

fn host(id: &str) -> Value {
    json!({"resource_id": id, "region_id": "cn-north-4"})
}

fn param() -> Value {
    json!({"timeout": 300, "success_rate": 100, "execute_user": "root"})
}

fn issues(r: &[coc_script_exec::Issue]) -> Vec<(&str, &str, Severity)> {
    r.iter().map(|i| (i.path.as_str(), i.code.as_str(), i.severity)).collect()
}

#[test]
fn build_batches_takes_hosts_of_two_fields_under_current() {
    let hosts = Value::Array((0..12).map(|i| host(&format!("ecs-{i}"))).collect());
    let r = build_batches(&hosts, &json!({"pause": "first"}), &CURRENT);
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    assert_eq!(r.execute_batches.iter().map(|b| b.target_instances.len()).collect::<Vec<_>>(), [6, 6]);
    // The same hosts are refused under the page: agent_sn and project_id are required there.
    let page = build_batches(&hosts, &json!({}), &Options::default());
    assert!(page.execute_batches.is_empty());
    assert!(issues(&page.issues).contains(&("/hosts/0/agent_sn", "required", Severity::Error)));
    // What comes out is a valid body under current, posted in the SDK's order.
    let body = json!({"execute_param": param(), "execute_batches": r.execute_batches});
    assert!(validate_with(&body, &CURRENT).valid);
    let first = serde_json::to_string(&body["execute_batches"][0]["target_instances"][0]).unwrap();
    assert_eq!(first, r#"{"resource_id":"ecs-0","region_id":"cn-north-4"}"#);
}

#[test]
fn build_batches_copies_and_judges_provider_type_and_attributes() {
    let mut a = host("a");
    a["provider"] = json!("ECS");
    a["type"] = json!("CLOUDSERVER");
    a["custom_attributes"] = json!([{"key": "team", "value": "ops"}]);
    a["agent_sn"] = json!("sn-a"); // deprecated: a warning, and not copied
    a["extra"] = json!(1);
    let r = build_batches(&json!([a, host("b")]), &json!(null), &CURRENT);
    assert_eq!(
        issues(&r.issues),
        [
            ("/hosts/0/agent_sn", "deprecated", Severity::Warning),
            ("/hosts/0/extra", "unknown_field", Severity::Warning)
        ]
    );
    let out = serde_json::to_value(&r.execute_batches[0].target_instances).unwrap();
    assert_eq!(
        out,
        json!([{"resource_id": "a", "region_id": "cn-north-4", "provider": "ECS", "type": "CLOUDSERVER",
                "custom_attributes": [{"key": "team", "value": "ops"}]},
               {"resource_id": "b", "region_id": "cn-north-4"}])
    );
    // I9: a host whose provider differs from the first host's (ECS by default) is refused.
    let mut odd = host("c");
    odd["provider"] = json!("CCE");
    let r = build_batches(&json!([host("a"), odd]), &json!(null), &CURRENT);
    assert!(r.execute_batches.is_empty());
    let mixed = r.issues.iter().find(|i| i.code == "mixed").expect("mixed");
    assert_eq!((mixed.path.as_str(), &mixed.params["first"]), ("/hosts/1/provider", &json!("/hosts/0")));
    // I10: six attributes are too many.
    let mut many = host("d");
    many["custom_attributes"] = Value::Array((0..6).map(|i| json!({"key": format!("k{i}"), "value": "v"})).collect());
    let r = build_batches(&json!([many]), &json!(null), &CURRENT);
    assert!(issues(&r.issues).contains(&("/hosts/0/custom_attributes", "count", Severity::Error)));
}

#[test]
fn group_by_follows_the_revision() {
    let mut hosts: Vec<Value> = (0..4).map(|i| host(&format!("h{i}"))).collect();
    hosts[2]["region_id"] = json!("cn-east-3");
    let r = build_batches(&Value::Array(hosts.clone()), &json!({"group_by": "region_id"}), &CURRENT);
    assert_eq!(r.execute_batches.len(), 2);
    let r = build_batches(&Value::Array(hosts.clone()), &json!({"group_by": "provider"}), &CURRENT);
    assert_eq!((r.execute_batches.len(), r.issues.len()), (1, 0));
    let r = build_batches(&Value::Array(hosts), &json!({"group_by": "project_id"}), &CURRENT);
    let e = r.issues.iter().find(|i| i.path == "/plan/group_by").expect("enum");
    assert_eq!((e.code.as_str(), &e.params["allowed"]), ("enum", &json!(["region_id", "provider"])));
}

fn options(revision: Revision) -> RequestOptions {
    RequestOptions { revision, token: Some("t".into()), ..Default::default() }
}

/// A page body: valid under current too, with a deprecated warning for each ignored field.
fn page_body() -> Value {
    json!({"execute_param": {"resourceful": true, "timeout": 300.0, "success_rate": 99.5, "execute_user": "root",
        "script_params": [{"param_name": "a", "param_value": "x", "param_order": 1}]},
        "execute_batches": [{"batch_index": 1, "rotation_strategy": "PAUSE", "target_instances": [
            {"resource_id": "i-1", "agent_sn": "sn-1", "project_id": "p1", "region_id": "cn-north-4"}]}]})
}

#[test]
fn build_request_under_current_leaves_deprecated_fields_out() {
    let r = build_request("s-1", &page_body(), &options(Revision::Current));
    let request = r.request.expect("valid under current");
    assert_eq!(
        request.body,
        r#"{"execute_param":{"timeout":300,"success_rate":99.5,"execute_user":"root","script_params":[{"param_name":"a","param_value":"x"}]},"execute_batches":[{"batch_index":1,"target_instances":[{"resource_id":"i-1","region_id":"cn-north-4"}],"rotation_strategy":"PAUSE"}]}"#
    );
    let deprecated: Vec<&str> = r.issues.iter().filter(|i| i.code == "deprecated").map(|i| i.path.as_str()).collect();
    assert_eq!(
        deprecated,
        [
            "/execute_param/resourceful",
            "/execute_param/script_params/0/param_order",
            "/execute_batches/0/target_instances/0/agent_sn",
            "/execute_batches/0/target_instances/0/project_id"
        ]
    );
    // The page sends them all, in the page's order.
    let page = build_request("s-1", &page_body(), &options(Revision::Page)).request.expect("valid");
    assert!(page.body.contains(r#""resourceful":true"#) && page.body.contains(r#""agent_sn":"sn-1""#));
}

#[test]
fn public_scripts_and_the_project_header() {
    let mut o = options(Revision::Current);
    o.script_source = ScriptSource::Public;
    o.project_id = Some("0a1b2c_3-d".into());
    let request = build_request("s-1", &page_body(), &o).request.expect("valid");
    assert_eq!(request.url, "https://coc.myhuaweicloud.com/v1/job/public-scripts/s-1");
    assert_eq!(request.headers.get("X-Project-Id").map(String::as_str), Some("0a1b2c_3-d"));
    // An empty project id is none; a bad one is refused at /project_id.
    o.project_id = Some(String::new());
    assert!(!build_request("s-1", &page_body(), &o).request.expect("valid").headers.contains_key("X-Project-Id"));
    for (bad, code) in [("a/b", "charset"), (&*"p".repeat(65), "length")] {
        o.project_id = Some(bad.to_owned());
        let r = build_request("s-1", &page_body(), &o);
        assert!(!r.valid && r.request.is_none());
        assert!(issues(&r.issues).contains(&("/project_id", code, Severity::Error)), "{bad}: {:?}", r.issues);
    }
    // Custom scripts keep the page's path.
    let custom = build_request("s-1", &page_body(), &options(Revision::Page)).request.expect("valid");
    assert_eq!(custom.url, "https://coc.myhuaweicloud.com/v1/job/scripts/s-1");
}

#[test]
fn error_bodies_of_any_status_are_api_errors() {
    let text = r#"{"error_code": "COC.00040701", "error_msg": "no such script"}"#;
    let mut headers = BTreeMap::new();
    headers.insert("X-Request-Id".to_owned(), "req-1".to_owned());
    assert_eq!(
        parse_response(400, text, Some(&headers)),
        Outcome::Api {
            status: 400,
            error_code: Some("COC.00040701".into()),
            error_msg: Some("no such script".into()),
            request_id: Some("req-1".into())
        }
    );
    // Without a string error_code it stays an HTTP error; the request id is kept on every outcome.
    let lower: BTreeMap<String, String> = [("x-request-id".to_owned(), "req-2".to_owned())].into();
    assert_eq!(
        parse_response(500, r#"{"error_code": 7}"#, Some(&lower)),
        Outcome::Http { status: 500, text: r#"{"error_code": 7}"#.into(), request_id: Some("req-2".into()) }
    );
    assert_eq!(
        parse_response(200, r#"{"data": "e-1"}"#, Some(&lower)),
        Outcome::Executed { execute_uuid: "e-1".into(), request_id: Some("req-2".into()) }
    );
    let json = serde_json::to_value(parse_response(401, text, None)).unwrap();
    assert_eq!(json["kind"], "api");
    assert_eq!(json["request_id"], Value::Null);
}

#[test]
fn limits_and_schema_follow_the_revision() {
    let (page, current) = (limits(Revision::Page), limits(Revision::Current));
    assert_eq!((page.param_value_min, page.param_value_max), (0, 1024));
    assert_eq!((current.param_value_min, current.param_value_max), (1, 4096));
    assert_eq!(current.max_hosts, page.max_hosts);
    let schema = json_schema(Revision::Current);
    let host = &schema["$defs"]["ExecuteResourceInstance"];
    assert_eq!(host["required"], json!(["resource_id", "region_id"]));
    assert!(host["properties"]["custom_attributes"]["maxItems"] == 5);
    assert!(json_schema(Revision::Page)["$defs"].get("CustomAttribute").is_none());
}
