//! The JSON text of every result the wasm module returns, member for member what each
//! type's `Serialize` (derived, or written out in its own module) gives: the same names,
//! the same order, the same members left out. The tests below hold each to serde_json
//! on the results of real calls; a member added to a type and not here fails them once
//! a call in them sets it.

use crate::prelude::*;

use super::{push_string, Json};
use crate::code::Code;
use crate::hosts::HostsResult;
use crate::limits::Limits;
use crate::model::{CustomAttribute, ExecuteInstancesBatchInfo, ExecuteResourceInstance, RotationStrategy};
use crate::report::{Issue, Report, Severity};
use crate::request::{HttpRequest, Outcome, RequestResult};
use crate::rollout::{
    Answer, BatchDetail, BatchSummary, Ends, ExecuteInstance, InstanceStatus, Order, OrderProperties, OrderStatus,
};
use crate::BatchesResult;

/// An object being written, member by member, in the order the calls give.
pub(crate) struct Object<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Object<'a> {
    /// Opens an object in `out`.
    pub(crate) fn new(out: &'a mut String) -> Self {
        out.push('{');
        Object { out, first: true }
    }

    /// A member. `key` is one of the crate's field names, which need no escape.
    pub(crate) fn field(&mut self, key: &str, value: &dyn Json) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        value.write(self.out);
        self
    }

    /// A member left out when it is `None` (serde's `skip_serializing_if = "Option::is_none"`).
    pub(crate) fn some<T: Json>(&mut self, key: &str, value: &Option<T>) -> &mut Self {
        match value {
            Some(v) => self.field(key, v),
            None => self,
        }
    }

    /// Closes the object.
    pub(crate) fn end(&mut self) {
        self.out.push('}');
    }
}

/// Enums that are written as one of their words.
macro_rules! words {
    ($($ty:ty => $word:expr;)*) => {
        $(impl Json for $ty {
            fn write(&self, out: &mut String) {
                let word: fn(&$ty) -> &str = $word;
                push_string(out, word(self));
            }
        })*
    };
}

words! {
    Code => |c| c.as_str();
    Severity => |s| s.as_str();
    RotationStrategy => |r| r.as_str();
    OrderStatus => |s| s.as_str();
    InstanceStatus => |s| s.as_str();
}

impl Json for Issue {
    fn write(&self, out: &mut String) {
        Object::new(out)
            .field("path", &self.path)
            .field("code", &self.code)
            .field("severity", &self.severity)
            .field("message", &self.message)
            .field("params", &self.params)
            .end();
    }
}

impl Json for Report {
    fn write(&self, out: &mut String) {
        Object::new(out).field("valid", &self.valid).field("issues", &self.issues).end();
    }
}

impl Json for BatchesResult {
    fn write(&self, out: &mut String) {
        Object::new(out).field("execute_batches", &self.execute_batches).field("issues", &self.issues).end();
    }
}

impl Json for ExecuteInstancesBatchInfo {
    fn write(&self, out: &mut String) {
        Object::new(out)
            .field("batch_index", &self.batch_index)
            .field("target_instances", &self.target_instances)
            .field("rotation_strategy", &self.rotation_strategy)
            .end();
    }
}

impl Json for ExecuteResourceInstance {
    fn write(&self, out: &mut String) {
        Object::new(out)
            .field("resource_id", &self.resource_id)
            .some("agent_sn", &self.agent_sn)
            .some("project_id", &self.project_id)
            .field("region_id", &self.region_id)
            .some("provider", &self.provider)
            .some("type", &self.resource_type)
            .some("custom_attributes", &self.custom_attributes)
            .end();
    }
}

impl Json for CustomAttribute {
    fn write(&self, out: &mut String) {
        Object::new(out).field("key", &self.key).field("value", &self.value).end();
    }
}

impl Json for HostsResult {
    fn write(&self, out: &mut String) {
        Object::new(out).field("hosts", &self.hosts).field("lines", &self.lines).field("issues", &self.issues).end();
    }
}

impl Json for RequestResult {
    fn write(&self, out: &mut String) {
        Object::new(out).field("valid", &self.valid).field("issues", &self.issues).some("request", &self.request).end();
    }
}

impl Json for HttpRequest {
    fn write(&self, out: &mut String) {
        Object::new(out)
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .end();
    }
}

/// As `Outcome`'s own `Serialize` (request.rs): `ok`, the kind's members, `request_id`.
impl Json for Outcome {
    fn write(&self, out: &mut String) {
        let mut o = Object::new(out);
        let request_id = match self {
            Outcome::Executed { execute_uuid, request_id } => {
                o.field("ok", &true).field("execute_uuid", execute_uuid);
                request_id
            }
            Outcome::Api { status, error_code, error_msg, request_id } => {
                o.field("ok", &false)
                    .field("kind", &"api")
                    .field("status", status)
                    .field("error_code", error_code)
                    .field("error_msg", error_msg);
                request_id
            }
            Outcome::Http { status, text, request_id } => {
                o.field("ok", &false).field("kind", &"http").field("status", status).field("text", text);
                request_id
            }
        };
        o.field("request_id", request_id).end();
    }
}

/// As `Answer`'s own `Serialize` (rollout/answer.rs): `{ok: true, data[, ended]}`, or the outcome.
impl<T: Json + Ends> Json for Answer<T> {
    fn write(&self, out: &mut String) {
        match self {
            Answer::Read(data) => {
                let mut o = Object::new(out);
                o.field("ok", &true).field("data", data).some("ended", &data.ended()).end();
            }
            Answer::Failed(outcome) => outcome.write(out),
        }
    }
}

impl Json for Order {
    fn write(&self, out: &mut String) {
        Object::new(out)
            .field("execute_uuid", &self.execute_uuid)
            .field("gmt_created", &self.gmt_created)
            .field("gmt_finished", &self.gmt_finished)
            .field("execute_costs", &self.execute_costs)
            .field("creator", &self.creator)
            .field("status", &self.status)
            .field("properties", &self.properties)
            .end();
    }
}

impl Json for OrderProperties {
    fn write(&self, out: &mut String) {
        Object::new(out)
            .field("script_uuid", &self.script_uuid)
            .field("script_name", &self.script_name)
            .field("script_version_uuid", &self.script_version_uuid)
            .field("script_version_name", &self.script_version_name)
            .field("current_execute_batch_index", &self.current_execute_batch_index)
            .field("execute_param", &self.execute_param)
            .end();
    }
}

impl Json for BatchSummary {
    fn write(&self, out: &mut String) {
        Object::new(out)
            .field("batch_index", &self.batch_index)
            .field("total_instances", &self.total_instances)
            .field("rotation_strategy", &self.rotation_strategy)
            .field("properties", &self.properties)
            .end();
    }
}

impl Json for BatchDetail {
    fn write(&self, out: &mut String) {
        Object::new(out)
            .field("batch_index", &self.batch_index)
            .field("total_instances", &self.total_instances)
            .field("execute_instances", &self.execute_instances)
            .end();
    }
}

impl Json for ExecuteInstance {
    fn write(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .field("target_instance", &self.target_instance)
            .field("gmt_created", &self.gmt_created)
            .field("gmt_finished", &self.gmt_finished)
            .field("execute_costs", &self.execute_costs)
            .field("status", &self.status)
            .field("message", &self.message)
            .field("ended", &self.ended)
            .end();
    }
}

impl Json for Limits {
    fn write(&self, out: &mut String) {
        Object::new(out)
            .field("max_hosts", &self.max_hosts)
            .field("min_batches", &self.min_batches)
            .field("max_batches", &self.max_batches)
            .field("min_hosts_per_batch", &self.min_hosts_per_batch)
            .field("max_hosts_per_batch", &self.max_hosts_per_batch)
            .field("max_script_params", &self.max_script_params)
            .field("timeout_min", &self.timeout_min)
            .field("timeout_max", &self.timeout_max)
            .field("success_rate_min", &self.success_rate_min)
            .field("success_rate_max", &self.success_rate_max)
            .field("success_rate_decimals", &self.success_rate_decimals)
            .field("execute_user_min", &self.execute_user_min)
            .field("execute_user_max", &self.execute_user_max)
            .field("execute_user_root", &self.execute_user_root)
            .field("param_name_min", &self.param_name_min)
            .field("param_name_max", &self.param_name_max)
            .field("param_value_min", &self.param_value_min)
            .field("param_value_max", &self.param_value_max)
            .field("param_order_min", &self.param_order_min)
            .field("batch_index_min", &self.batch_index_min)
            .field("resource_id_min", &self.resource_id_min)
            .field("resource_id_max", &self.resource_id_max)
            .field("host_field_min", &self.host_field_min)
            .field("host_field_max", &self.host_field_max)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("max_depth", &self.max_depth)
            .field("max_issues", &self.max_issues)
            .field("script_uuid_min", &self.script_uuid_min)
            .field("script_uuid_max", &self.script_uuid_max)
            .field("max_log_bytes", &self.max_log_bytes)
            .field("custom_attributes_max", &self.custom_attributes_max)
            .field("custom_attribute_key_max", &self.custom_attribute_key_max)
            .field("custom_attribute_value_max", &self.custom_attribute_value_max)
            .field("project_id_header_min", &self.project_id_header_min)
            .field("project_id_header_max", &self.project_id_header_max)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::to_json;
    use crate::report::{Options, Revision};
    use crate::request::RequestOptions;
    use serde::Serialize;
    use serde_json::{json, Value};

    #[test]
    fn an_object_leaves_out_only_the_members_that_are_none() {
        let mut out = String::new();
        Object::new(&mut out).some("a", &None::<u64>).field("b", &1u64).some("c", &Some("x")).end();
        assert_eq!(out, r#"{"b":1,"c":"x"}"#);
        let mut out = String::new();
        Object::new(&mut out).some("a", &None::<u64>).end();
        assert_eq!(out, "{}");
    }

    /// Our text of `value` is serde_json's.
    fn same<T: Json + Serialize>(value: &T) {
        assert_eq!(to_json(value), serde_json::to_string(value).unwrap());
    }

    fn bodies() -> Vec<Value> {
        let read = |text: &str| serde_json::from_str::<Value>(text).unwrap();
        let mut bodies = vec![
            read(include_str!("../../benches/bodies/small.json")),
            read(include_str!("../../benches/bodies/max.json")),
            read(include_str!("../../benches/bodies/max_errors.json")),
            json!({}),
            json!([1, "x"]),
            json!({"execute_param": {"timeout": "x\u{1}\"", "success_rate": 1e300}, "extra": {"a": [null, -1]}}),
        ];
        let bases = read(include_str!("../../tests/cases/bases.json"));
        bodies.extend(bases["bodies"].as_object().into_iter().flat_map(|b| b.values()).cloned());
        bodies
    }

    #[test]
    fn reports_and_requests_are_written_as_serde_json_writes_them() {
        let signed = RequestOptions {
            credentials: serde_json::from_value(json!({"ak": "AK", "sk": "SK", "security_token": "t"})).ok(),
            date: Some("2026-12-01T08:30:00Z".to_owned()),
            project_id: Some("p".to_owned()),
            ..RequestOptions::default()
        };
        for body in bodies() {
            for revision in Revision::ALL {
                for locale in [crate::messages::Locale::En, crate::messages::Locale::ZhCn] {
                    let options = Options { locale, revision };
                    same(&crate::validate_with(&body, &options));
                    let request = RequestOptions { locale, revision, ..signed.clone() };
                    same(&crate::build_request("8f5ed5cd-1f43-4e8e-9e6c-0a0b7e4d2d4a", &body, &request));
                    same(&crate::build_request("", &body, &RequestOptions { revision, ..RequestOptions::default() }));
                }
            }
            let hosts = body.pointer("/execute_batches/0/target_instances").cloned().unwrap_or(json!([]));
            for revision in Revision::ALL {
                same(&crate::build_batches(&hosts, &Value::Null, &Options::revision(revision)));
                same(&crate::build_batches(
                    &hosts,
                    &json!({"sizes": [1, "50%"], "pause": "first"}),
                    &Options::default(),
                ));
            }
        }
    }

    #[test]
    fn limits_hosts_and_answers_are_written_as_serde_json_writes_them() {
        for revision in Revision::ALL {
            same(&crate::limits(revision));
            let options = Options::revision(revision);
            for text in [
                "resource_id,agent_sn,project_id,region_id\ni-1,sn,p,r\ni-2,,p,r\n",
                "i-1,sn,p,r\n\"broken",
                r#"[{"resource_id": "i-1", "region_id": "r", "provider": "ECS"}]"#,
                "",
            ] {
                same(&crate::read_hosts(text, &options));
            }
        }
        let order = r#"{"data": {"execute_uuid": "u", "gmt_created": -1, "status": "PAUSED", "creator": "\u0007",
            "properties": {"script_version_uuid": 3, "current_execute_batch_index": 2, "execute_param": {"timeout": 300}}}}"#;
        let batches = r#"{"data": [{"batch_index": 1, "total_instances": 2, "rotation_strategy": "PAUSE", "properties": "x"},
            {"batch_index": 2}]}"#;
        let batch = r#"{"data": {"batch_index": 1, "total_instances": 1, "execute_instances": [{"id": 7, "status": "NEW",
            "target_instance": {"resource_id": "i"}, "message": "ok", "execute_costs": 3}, {"status": "FINISHED"}]}}"#;
        let failed = [(204, ""), (400, r#"{"error_code": "COC.1", "error_msg": "no"}"#), (500, "oops"), (200, "{}")];
        for (status, text) in [(200, order)].into_iter().chain(failed) {
            same(&crate::parse_order(status, text));
        }
        for (status, text) in [(200, batches)].into_iter().chain(failed) {
            same(&crate::parse_batches(status, text));
        }
        for (status, text) in [(200, batch), (200, r#"{"data": {"execute_instances": []}}"#)].into_iter().chain(failed)
        {
            same(&crate::parse_batch(status, text));
        }
        for (status, text) in [(200, r#"{"data": "u"}"#)].into_iter().chain(failed) {
            same(&crate::parse_operation(status, text));
            same(&crate::parse_response(status, text, None));
        }
    }
}
