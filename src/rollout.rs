//! The rollout after the post (api.md "The rollout after the post"): the calls that watch
//! a script order (`GET /v1/job/script/orders/{execute_uuid}`, its batches and one
//! batch's hosts) and operate it (`PUT .../operation`), built and read by the same core as
//! `build_request`, with the same options. Paths, methods and query parameters are the
//! SDK's (`huaweicloudsdkcoc` 3.1.219: GetScriptJobInfo, ListScriptJobBatches,
//! GetScriptJobBatch, OperateScriptJob).
//!
//! Builders judge everything that goes into the request, each issue at its pointer into
//! the arguments (`/execute_uuid`, `/batch_index`, `/query/limit`, `/operation/batch_index`,
//! and `build_request`'s `/endpoint` and `/project_id`), and never panic. Arguments that
//! arrive as JSON (from JavaScript) are judged from their raw value, so a wrong type is an
//! issue, not a failure to read.

use crate::prelude::*;

mod answer;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::code::Code;
use crate::limits::{
    BATCH_INDEX_MIN, EXECUTE_UUID_MAX, EXECUTE_UUID_MIN, MAX_BATCHES, PAGE_LIMIT_MAX, PAGE_LIMIT_MIN, RECORD_ID_MAX,
    RECORD_ID_MIN,
};
use crate::report::{params, Sink};
use crate::request::{check_id, check_options, http_request, RequestOptions, RequestResult};
use crate::rules::checks::enum_finding;
use crate::text::{concat, decimal};

pub use answer::{
    parse_batch, parse_batches, parse_operation, parse_order, Answer, BatchDetail, BatchSummary, Ends, ExecuteInstance,
    InstanceStatus, Order, OrderProperties, OrderStatus,
};

/// `operation_type` values of OperateScriptJob, in the SDK's words: continue, pause or
/// cancel the whole order, skip a batch, cancel one host.
pub const OPERATION_TYPES: [&str; 5] =
    ["CONTINUE_ORDER", "PAUSE_ORDER", "CANCEL_ORDER", "SKIP_BATCH", "CANCEL_INSTANCE"];

/// The operation each `operation_type` needs a field for: SKIP_BATCH names its batch,
/// CANCEL_INSTANCE its host (the SDK: "for batch operations", "for instance operations").
const NEEDS: [(&str, &str); 2] = [("SKIP_BATCH", "batch_index"), ("CANCEL_INSTANCE", "instance_id")];

/// What OperateScriptJob is asked to do (`JobScriptOrderOperationBody`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// One of [`OPERATION_TYPES`]; anything else is an `enum` issue.
    pub operation_type: String,
    /// The batch a `SKIP_BATCH` skips (required there); sent with any operation when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_index: Option<u64>,
    /// The `id` of the host (an `ExecuteInstance`) a `CANCEL_INSTANCE` cancels (required
    /// there); sent with any operation when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<u64>,
}

impl Operation {
    /// An operation of this type with no batch or host named.
    pub fn new(operation_type: &str) -> Self {
        Operation { operation_type: operation_type.to_owned(), batch_index: None, instance_id: None }
    }

    /// `SKIP_BATCH` of batch `batch_index`.
    pub fn skip_batch(batch_index: u64) -> Self {
        Operation { batch_index: Some(batch_index), ..Operation::new("SKIP_BATCH") }
    }

    /// `CANCEL_INSTANCE` of the host whose `id` is `instance_id`.
    pub fn cancel_instance(instance_id: u64) -> Self {
        Operation { instance_id: Some(instance_id), ..Operation::new("CANCEL_INSTANCE") }
    }
}

/// The query of GetScriptJobBatch: one page of a batch's hosts, optionally of one status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchQuery {
    /// Only hosts in this status: `READY`, `PROCESSING`, `ABNORMAL`, `CANCELED` or `FINISHED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Hosts per page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// The `id` of the last host of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<u64>,
}

/// `GET /v1/job/script/orders/{execute_uuid}`: the order, its status and current batch.
pub fn build_order_request(execute_uuid: &str, options: &RequestOptions) -> RequestResult {
    build(execute_uuid, options, |_| Some(("GET", String::new(), String::new())))
}

/// `GET /v1/job/script/orders/{execute_uuid}/batches`: every batch of the order.
pub fn build_batches_request(execute_uuid: &str, options: &RequestOptions) -> RequestResult {
    build(execute_uuid, options, |_| Some(("GET", "/batches".to_owned(), String::new())))
}

/// `GET /v1/job/script/orders/{execute_uuid}/batches/{batch_index}[?status=&limit=&marker=]`:
/// one batch's hosts, their statuses and messages.
pub fn build_batch_request(
    execute_uuid: &str,
    batch_index: u64,
    query: &BatchQuery,
    options: &RequestOptions,
) -> RequestResult {
    build_batch_request_value(execute_uuid, &batch_index.into(), &to_value(query), options)
}

/// `PUT /v1/job/script/orders/{execute_uuid}/operation` with `{operation_type,
/// batch_index?, instance_id?}`.
pub fn build_operation_request(execute_uuid: &str, operation: &Operation, options: &RequestOptions) -> RequestResult {
    build_operation_request_value(execute_uuid, &to_value(operation), options)
}

/// [`build_batch_request`] for arguments as JSON values (the JS binding's, or a file's):
/// `batch_index` any value, `query` an object, or `null` for none. A value of the wrong
/// type is an issue at its pointer.
pub fn build_batch_request_value(
    execute_uuid: &str,
    batch_index: &Value,
    query: &Value,
    options: &RequestOptions,
) -> RequestResult {
    build(execute_uuid, options, |sink| {
        let index = whole(batch_index, "/batch_index", (BATCH_INDEX_MIN, MAX_BATCHES as u64), sink);
        let query = query_string(query, sink);
        Some(("GET", concat(&["/batches/", &decimal(index?), &query?]), String::new()))
    })
}

/// [`build_operation_request`] for an operation as a JSON value (the JS binding's, or a
/// file's). A value of the wrong type is an issue at its pointer.
pub fn build_operation_request_value(execute_uuid: &str, operation: &Value, options: &RequestOptions) -> RequestResult {
    build(execute_uuid, options, |sink| {
        let body = operation_body(operation, sink)?;
        Some(("PUT", "/operation".to_owned(), body))
    })
}

/// The one shape of every rollout call: the execute_uuid (as U1) and the options judged,
/// then the call's own arguments by `call`, which returns the method, the path below the
/// order and the body text when it found nothing wrong.
fn build(
    execute_uuid: &str,
    options: &RequestOptions,
    call: impl FnOnce(&mut Sink) -> Option<(&'static str, String, String)>,
) -> RequestResult {
    let mut sink = Sink::new();
    check_id(execute_uuid, "/execute_uuid", (EXECUTE_UUID_MIN, EXECUTE_UUID_MAX), &mut sink);
    let base = check_options(options, &mut sink);
    let call = call(&mut sink);
    finish(execute_uuid, options, sink, base, call)
}

/// The rest of [`build`], once for every call (not once per `call` closure).
#[inline(never)]
fn finish(
    execute_uuid: &str,
    options: &RequestOptions,
    sink: Sink,
    base: Option<&str>,
    call: Option<(&'static str, String, String)>,
) -> RequestResult {
    let report = sink.finish(options.locale);
    let request = match (report.valid, base, call) {
        (true, Some(base), Some((method, tail, body))) => {
            Some(http_request(base, method, &concat(&["/v1/job/script/orders/", execute_uuid, &tail]), body, options))
        }
        _ => None,
    };
    RequestResult { valid: request.is_some(), issues: report.issues, request }
}

/// A typed argument as the JSON value the judges read. The crate's own types always
/// serialize; `null` (judged as missing) if one ever did not.
fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The query string of GetScriptJobBatch (empty for none), in the SDK's order: status,
/// limit, marker. Every value is an upper-case word or digits, so none needs encoding.
fn query_string(query: &Value, sink: &mut Sink) -> Option<String> {
    let members = match query {
        Value::Null => return Some(String::new()),
        Value::Object(members) => members,
        _ => {
            sink.error(Code::Type, "/query", params([("expected", "object".into())]));
            return None;
        }
    };
    warn_unknown(members, &["status", "limit", "marker"], "/query", sink);
    let status = match members.get("status") {
        None | Some(Value::Null) => Some(None),
        Some(Value::String(s)) if InstanceStatus::KNOWN.contains(&s.as_str()) => Some(Some(s.clone())),
        Some(Value::String(s)) => {
            let (code, p) = enum_finding(&InstanceStatus::KNOWN, s);
            sink.error(code, "/query/status", p);
            None
        }
        Some(_) => {
            sink.error(Code::Type, "/query/status", params([("expected", "string".into())]));
            None
        }
    };
    let limit = optional_whole(members, "limit", "/query/limit", (PAGE_LIMIT_MIN, PAGE_LIMIT_MAX), sink);
    let marker = optional_whole(members, "marker", "/query/marker", (RECORD_ID_MIN, RECORD_ID_MAX), sink);
    let pairs: Vec<String> = [("status", status?), ("limit", limit?.map(decimal)), ("marker", marker?.map(decimal))]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| concat(&[k, "=", &v])))
        .collect();
    Some(if pairs.is_empty() { String::new() } else { concat(&["?", &pairs.join("&")]) })
}

/// The operation's body text: operation_type first, then the batch and the host when
/// given, unknown members left out (each an `unknown_field` warning).
fn operation_body(operation: &Value, sink: &mut Sink) -> Option<String> {
    let Value::Object(members) = operation else {
        let code = if operation.is_null() { Code::Required } else { Code::Type };
        let p = if operation.is_null() { Map::new() } else { params([("expected", "object".into())]) };
        sink.error(code, "/operation", p);
        return None;
    };
    warn_unknown(members, &["operation_type", "batch_index", "instance_id"], "/operation", sink);
    let kind = match members.get("operation_type") {
        None | Some(Value::Null) => {
            sink.error(Code::Required, "/operation/operation_type", Map::new());
            None
        }
        Some(Value::String(s)) if OPERATION_TYPES.contains(&s.as_str()) => Some(s.as_str()),
        Some(Value::String(s)) => {
            let (code, p) = enum_finding(&OPERATION_TYPES, s);
            sink.error(code, "/operation/operation_type", p);
            None
        }
        Some(_) => {
            sink.error(Code::Type, "/operation/operation_type", params([("expected", "string".into())]));
            None
        }
    };
    let batch =
        optional_whole(members, "batch_index", "/operation/batch_index", (BATCH_INDEX_MIN, MAX_BATCHES as u64), sink);
    let instance =
        optional_whole(members, "instance_id", "/operation/instance_id", (RECORD_ID_MIN, RECORD_ID_MAX), sink);
    let given = |field: &str| members.get(field).is_some_and(|v| !v.is_null());
    let mut complete = true;
    for (needs, field) in NEEDS {
        if kind == Some(needs) && !given(field) {
            sink.error(Code::Required, &concat(&["/operation/", field]), params([("operation_type", needs.into())]));
            complete = false;
        }
    }
    let (kind, batch, instance) = (kind?, batch?, instance?);
    if !complete {
        return None;
    }
    let mut body = Map::new();
    body.insert("operation_type".into(), kind.into());
    if let Some(batch) = batch {
        body.insert("batch_index".into(), batch.into());
    }
    if let Some(instance) = instance {
        body.insert("instance_id".into(), instance.into());
    }
    Some(crate::json::to_json(&body))
}

/// One `unknown_field` warning for each member not in `known`.
fn warn_unknown(members: &Map<String, Value>, known: &[&str], at: &str, sink: &mut Sink) {
    for key in members.keys().filter(|k| !known.contains(&k.as_str())) {
        let path = crate::report::Pointer::from_prefix(at).child(key);
        sink.warning(Code::UnknownField, &path, params([("field", key.as_str().into())]));
    }
}

/// A member that may be absent (or `null`): `Some(None)` then, `Some(Some(n))` for a whole
/// number in range, `None` (after an issue) for anything else.
fn optional_whole(
    members: &Map<String, Value>,
    key: &str,
    at: &str,
    range: (u64, u64),
    sink: &mut Sink,
) -> Option<Option<u64>> {
    match members.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(v) => whole(v, at, range, sink).map(Some),
    }
}

/// A whole number within `min..=max` (a JSON number without a fraction: JavaScript has no
/// other), else a `type` or `range` issue at `at`.
fn whole(value: &Value, at: &str, (min, max): (u64, u64), sink: &mut Sink) -> Option<u64> {
    let number = value.as_f64().filter(|&f| crate::validate::is_whole(f));
    let Some(number) = number else {
        let p = if value.is_null() { Map::new() } else { params([("expected", "integer".into())]) };
        sink.error(if value.is_null() { Code::Required } else { Code::Type }, at, p);
        return None;
    };
    // as_u64 first: a u64 above 2^53 is not rounded on its way to the range check; a
    // whole float (`3.0`) is its integer, a negative one below any range.
    let n = value.as_u64().or_else(|| (number >= 0.0).then_some(number as u64));
    match n {
        Some(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            sink.error(Code::Range, at, params([("min", min.into()), ("max", max.into()), ("actual", value.clone())]));
            None
        }
    }
}
