//! build_request and parse_response: rules U1, U2, A1-A3.

mod cases;

use coc_script_exec::{build_request, parse_response, Locale, Outcome, RequestOptions, Severity};
use serde_json::json;

fn opts(endpoint: Option<&str>, token: Option<&str>) -> RequestOptions {
    RequestOptions {
        endpoint: endpoint.map(str::to_owned),
        token: token.map(str::to_owned),
        locale: Locale::En,
        ..Default::default()
    }
}

fn codes_at(r: &coc_script_exec::RequestResult, path: &str) -> Vec<String> {
    r.issues.iter().filter(|i| i.path == path).map(|i| i.code.to_string()).collect()
}

#[test]
fn u1_script_uuid() {
    let body = cases::valid_body();
    let ok = build_request("3c8f1e2a-4b5d_6e7f", &body, &opts(None, None));
    assert!(ok.valid && codes_at(&ok, "/script_uuid").is_empty());
    let r = build_request("", &body, &opts(None, None));
    assert_eq!((r.valid, codes_at(&r, "/script_uuid")), (false, vec!["required".to_owned()]));
    assert!(r.request.is_none());
    let r = build_request(&"a".repeat(65), &body, &opts(None, None));
    assert_eq!(codes_at(&r, "/script_uuid"), vec!["length"]);
    assert!(build_request(&"a".repeat(64), &body, &opts(None, None)).valid);
    for bad in ["../x", "a/b", "a b", "a?b", "a%2e", "é"] {
        let r = build_request(bad, &body, &opts(None, None));
        assert_eq!(codes_at(&r, "/script_uuid"), vec!["charset"], "{bad}");
        assert_eq!(r.issues[0].severity, Severity::Error);
    }
}

#[test]
fn u2_endpoint() {
    let body = cases::valid_body();
    for good in [
        "https://coc.myhuaweicloud.com",
        "https://coc-intl.myhuaweicloud.com/",
        "http://127.0.0.1:8080",
        "http://localhost:9",
        "http://[::1]:8080",
    ] {
        assert!(build_request("s1", &body, &opts(Some(good), None)).valid, "{good}");
    }
    for (bad, reason) in [
        ("http://coc.myhuaweicloud.com", "scheme"),
        ("coc.myhuaweicloud.com", "scheme"),
        ("https://coc.myhuaweicloud.com/v1", "path"),
        ("https://coc.myhuaweicloud.com?x=1", "query"),
        ("https://coc.myhuaweicloud.com#x", "fragment"),
        ("https://user:pw@coc.myhuaweicloud.com", "credentials"),
        ("https://coc .com", "invalid"),
    ] {
        let r = build_request("s1", &body, &opts(Some(bad), None));
        assert_eq!(codes_at(&r, "/endpoint"), vec!["endpoint"], "{bad}");
        let issue = r.issues.iter().find(|i| i.path == "/endpoint").unwrap();
        assert_eq!(issue.params["reason"], reason, "{bad}");
        assert!(!r.valid && r.request.is_none());
    }
}

#[test]
fn the_request_carries_url_headers_and_an_ordered_compact_body() {
    let mut body = cases::valid_body();
    body["zzz"] = json!(1);
    body["execute_param"]["timeout"] = json!(300.0);
    // Keys out of the page's order.
    let reordered = json!({"execute_batches": body["execute_batches"].clone(), "execute_param": body["execute_param"].clone(), "zzz": 1});
    let r = build_request(
        "s1",
        &reordered,
        &RequestOptions {
            endpoint: Some("http://127.0.0.1:8080/".into()),
            token: Some("tok".into()),
            locale: Locale::ZhCn,
            ..Default::default()
        },
    );
    assert!(r.valid);
    assert_eq!(r.issues.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(), vec!["unknown_field"]);
    let req = r.request.unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.url, "http://127.0.0.1:8080/v1/job/scripts/s1");
    assert_eq!(req.headers["Content-Type"], "application/json;charset=UTF-8");
    assert_eq!(req.headers["X-Auth-Token"], "tok");
    assert_eq!(req.headers["X-Language"], "zh-cn");
    assert!(req.body.starts_with("{\"execute_param\":{\"resourceful\":true,\"timeout\":300,\"success_rate\":100.0,\"execute_user\":\"root\",\"script_params\":[{\"param_name\":\"a\""), "{}", req.body);
    assert!(!req.body.contains("zzz") && !req.body.contains(' '));
    // What is posted is itself valid.
    assert!(coc_script_exec::validate_json(&req.body).valid);
    let no_token = build_request("s1", &cases::valid_body(), &opts(None, None)).request.unwrap();
    assert!(!no_token.headers.contains_key("X-Auth-Token"));
    assert_eq!(no_token.url, "https://coc.myhuaweicloud.com/v1/job/scripts/s1");
    assert_eq!(no_token.headers["X-Language"], "en-us");
}

#[test]
fn an_invalid_body_is_not_built() {
    let r = build_request("s1", &cases::set("/execute_param/timeout", json!(4)), &opts(None, None));
    assert!(!r.valid && r.request.is_none());
    assert_eq!(codes_at(&r, "/execute_param/timeout"), vec!["range"]);
}

#[test]
fn a1_a2_a3_responses() {
    assert_eq!(
        parse_response(200, r#"{"data" : "SCT2023083109562601af694bf"}"#, None),
        Outcome::Executed { execute_uuid: "SCT2023083109562601af694bf".into(), request_id: None }
    );
    // A1: a 200 without a non-empty data string is not a success.
    assert!(matches!(parse_response(200, r#"{"data": ""}"#, None), Outcome::Http { status: 200, .. }));
    assert!(matches!(parse_response(200, "<html>", None), Outcome::Http { status: 200, .. }));
    // A2
    assert_eq!(
        parse_response(204, r#"{"error_code" : "COC.00040701", "error_msg" : "error_msg"}"#, None),
        Outcome::Api {
            status: 204,
            error_code: Some("COC.00040701".into()),
            error_msg: Some("error_msg".into()),
            request_id: None
        }
    );
    assert_eq!(
        parse_response(204, "", None),
        Outcome::Api { status: 204, error_code: None, error_msg: None, request_id: None }
    );
    assert_eq!(
        parse_response(204, "not json", None),
        Outcome::Api { status: 204, error_code: None, error_msg: None, request_id: None }
    );
    // A3
    assert_eq!(parse_response(500, "oops", None), Outcome::Http { status: 500, text: "oops".into(), request_id: None });
    assert_eq!(parse_response(0, "", None), Outcome::Http { status: 0, text: String::new(), request_id: None });
}

#[test]
fn outcomes_serialize_to_the_documented_shapes() {
    let j = |o: Outcome| serde_json::to_value(o).unwrap();
    assert_eq!(
        j(parse_response(200, r#"{"data":"u"}"#, None)),
        json!({"ok": true, "execute_uuid": "u", "request_id": null})
    );
    assert_eq!(
        j(parse_response(204, "", None)),
        json!({"ok": false, "kind": "api", "status": 204, "error_code": null, "error_msg": null, "request_id": null})
    );
    assert_eq!(
        j(parse_response(502, "bad", None)),
        json!({"ok": false, "kind": "http", "status": 502, "text": "bad", "request_id": null})
    );
    let r = build_request("s1", &cases::valid_body(), &opts(None, None));
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["valid"], true);
    assert!(v["request"]["headers"].is_object());
    let bad = serde_json::to_value(build_request("", &cases::valid_body(), &opts(None, None))).unwrap();
    assert!(bad.get("request").is_none());
}
