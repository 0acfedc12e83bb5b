//! The rollout's exports (api.md "The rollout after the post"): the same names and shapes
//! as the core's `build_*_request` and `parse_*`, and their TypeScript names. Each reads
//! its arguments, calls the core, and hands back what the core serialized.
//!
//! Like `build_request`, a builder throws (a `TypeError`) only where an argument cannot be
//! read at all: an `execute_uuid` that is not a string, options of the wrong shape, a
//! `query` or `operation` too large to read. Anything of the wrong type inside `batch_index`,
//! `query` or `operation` is an issue at its pointer. A parser throws only for a status
//! that is not an HTTP status or a text that is not a string.

use crate::prelude::*;

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::read::read;
use super::{read_answer, read_request_options, to_js, type_error};
use crate::rollout::{build_batch_request_value, build_operation_request_value};

/// `GET /v1/job/script/orders/{execute_uuid}`, or the issues that stop it.
#[wasm_bindgen(js_name = build_order_request, unchecked_return_type = "RolloutRequestResult")]
pub fn build_order_request(
    #[wasm_bindgen(unchecked_param_type = "string")] execute_uuid: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (uuid, options) = (read_uuid(&execute_uuid)?, read_request_options(&options)?);
    Ok(to_js(&crate::build_order_request(&uuid, &options)))
}

/// `GET /v1/job/script/orders/{execute_uuid}/batches`, or the issues that stop it.
#[wasm_bindgen(js_name = build_batches_request, unchecked_return_type = "RolloutRequestResult")]
pub fn build_batches_request(
    #[wasm_bindgen(unchecked_param_type = "string")] execute_uuid: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (uuid, options) = (read_uuid(&execute_uuid)?, read_request_options(&options)?);
    Ok(to_js(&crate::build_batches_request(&uuid, &options)))
}

/// `GET /v1/job/script/orders/{execute_uuid}/batches/{batch_index}` with the query's
/// `status`, `limit` and `marker`, or the issues that stop it.
#[wasm_bindgen(js_name = build_batch_request, unchecked_return_type = "RolloutRequestResult")]
pub fn build_batch_request(
    #[wasm_bindgen(unchecked_param_type = "string")] execute_uuid: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] batch_index: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BatchQuery | null")] query: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let uuid = read_uuid(&execute_uuid)?;
    let (index, query) = (read_value(&batch_index, "batch_index")?, read_value(&query, "query")?);
    let options = read_request_options(&options)?;
    Ok(to_js(&build_batch_request_value(&uuid, &index, &query, &options)))
}

/// `PUT /v1/job/script/orders/{execute_uuid}/operation` with `{operation_type,
/// batch_index?, instance_id?}`, or the issues that stop it.
#[wasm_bindgen(js_name = build_operation_request, unchecked_return_type = "RolloutRequestResult")]
pub fn build_operation_request(
    #[wasm_bindgen(unchecked_param_type = "string")] execute_uuid: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Operation")] operation: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (uuid, operation) = (read_uuid(&execute_uuid)?, read_value(&operation, "operation")?);
    let options = read_request_options(&options)?;
    Ok(to_js(&build_operation_request_value(&uuid, &operation, &options)))
}

/// The order from GetScriptJobInfo's answer (`ended` once its status is final), or why not.
#[wasm_bindgen(js_name = parse_order, unchecked_return_type = "OrderAnswer")]
pub fn parse_order(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let (status, text) = read_answer(&status, &text)?;
    Ok(to_js(&crate::parse_order(status, &text)))
}

/// The batches from ListScriptJobBatches's answer, or why not.
#[wasm_bindgen(js_name = parse_batches, unchecked_return_type = "BatchesAnswer")]
pub fn parse_batches(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let (status, text) = read_answer(&status, &text)?;
    Ok(to_js(&crate::parse_batches(status, &text)))
}

/// A page of a batch's hosts from GetScriptJobBatch's answer (`ended` once every host
/// has), or why not.
#[wasm_bindgen(js_name = parse_batch, unchecked_return_type = "BatchAnswer")]
pub fn parse_batch(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let (status, text) = read_answer(&status, &text)?;
    Ok(to_js(&crate::parse_batch(status, &text)))
}

/// OperateScriptJob's answer (`{data: execute_uuid}`), read as `parse_response` reads the post's.
#[wasm_bindgen(js_name = parse_operation, unchecked_return_type = "Outcome")]
pub fn parse_operation(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let (status, text) = read_answer(&status, &text)?;
    Ok(to_js(&crate::parse_operation(status, &text)))
}

/// An execute_uuid: absent is `""` (reported as `required` at `/execute_uuid`).
fn read_uuid(js: &JsValue) -> Result<String, JsValue> {
    if js.is_undefined() || js.is_null() {
        return Ok(String::new());
    }
    js.as_string().ok_or_else(|| type_error("execute_uuid must be a string"))
}

/// An argument the core judges from its JSON value: absent is `null`; what JSON cannot
/// hold (`NaN`, a BigInt) stands as `false`, which no member takes, so it is a `type` issue.
fn read_value(js: &JsValue, name: &str) -> Result<Value, JsValue> {
    if js.is_undefined() || js.is_null() {
        return Ok(Value::Null);
    }
    read(js, &|_| Value::Bool(false)).map_err(|_| type_error(&crate::text::concat(&[name, " is too large to read"])))
}

#[wasm_bindgen(typescript_custom_section)]
const ROLLOUT: &str = r#"
/** `HttpRequest` of a rollout call: a GET, or the operation's PUT (whose `body` is JSON; a GET's is `""`). */
export interface RolloutRequest {
  method: "GET" | "PUT";
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** `RequestResult` of a rollout call: the request when nothing is wrong, else the issues
 * (at `/execute_uuid`, `/batch_index`, `/query/...`, `/operation/...`, `/endpoint`, `/project_id`). */
export type RolloutRequestResult =
  | { valid: true; issues: Issue[]; request: RolloutRequest }
  | { valid: false; issues: Issue[] };

/** `InstanceStatus`: a host's status in a batch; a status the package does not know is kept as sent. */
export type InstanceStatus = "READY" | "PROCESSING" | "ABNORMAL" | "CANCELED" | "FINISHED" | (string & {});

/** `OrderStatus`: an order's status; a status the package does not know is kept as sent. */
export type OrderStatus =
  | "PROCESSING" | "PAUSED" | "FINISHED" | "CANCELED" | "ABNORMAL" | "ERROR" | "ROLLBACKED" | (string & {});

/** `BatchQuery` of `build_batch_request`: one page of a batch's hosts. */
export interface BatchQuery {
  /** Only hosts in this status (one of the five the SDK lists). */
  status?: "READY" | "PROCESSING" | "ABNORMAL" | "CANCELED" | "FINISHED" | null;
  /** Hosts per page. */
  limit?: number | null;
  /** The `id` of the last host of the previous page. */
  marker?: number | null;
}

/** `operation_type` of `build_operation_request`. */
export type OperationType = "CONTINUE_ORDER" | "PAUSE_ORDER" | "CANCEL_ORDER" | "SKIP_BATCH" | "CANCEL_INSTANCE";

/** `Operation`: what to do to an order; SKIP_BATCH needs `batch_index`, CANCEL_INSTANCE `instance_id`. */
export interface Operation {
  operation_type: OperationType;
  batch_index?: number | null;
  /** An `ExecuteInstance`'s `id`. */
  instance_id?: number | null;
}

/** `OrderProperties`: the script and the batch the order is at. */
export interface OrderProperties {
  script_uuid: string | null;
  script_name: string | null;
  script_version_uuid: unknown;
  script_version_name: string | null;
  current_execute_batch_index: number | null;
  execute_param: unknown;
}

/** `Order`: GetScriptJobInfo's `data`. Times in milliseconds since the epoch, costs in seconds. */
export interface Order {
  execute_uuid: string | null;
  gmt_created: number | null;
  gmt_finished: number | null;
  execute_costs: number | null;
  creator: string | null;
  status: OrderStatus;
  properties: OrderProperties | null;
}

/** `BatchSummary`: one batch of ListScriptJobBatches's `data`. */
export interface BatchSummary {
  batch_index: number;
  total_instances: number | null;
  rotation_strategy: string | null;
  properties: unknown;
}

/** `ExecuteInstance`: one host of a batch; `id` is what CANCEL_INSTANCE takes. */
export interface ExecuteInstance {
  id: number | null;
  /** The host as posted (`resource_id`, `region_id`, ...), as the service returns it. */
  target_instance: unknown;
  gmt_created: number | null;
  gmt_finished: number | null;
  execute_costs: number | null;
  status: InstanceStatus;
  message: string | null;
  /** Whether the host is done (FINISHED, ABNORMAL or CANCELED). */
  ended: boolean;
}

/** `BatchDetail`: GetScriptJobBatch's `data`, one page of a batch's hosts. */
export interface BatchDetail {
  batch_index: number | null;
  total_instances: number | null;
  execute_instances: ExecuteInstance[];
}

/** An answer that was not read: the API's error (`api`) or anything else (`http`), as `Outcome`. */
export type Failure = Exclude<Outcome, { ok: true }>;

/** `Answer<Order>`: `ended` once the order's status is final (FINISHED, CANCELED, ABNORMAL, ERROR, ROLLBACKED). */
export type OrderAnswer = { ok: true; data: Order; ended: boolean } | Failure;

/** `Answer<BatchSummary[]>`. */
export type BatchesAnswer = { ok: true; data: BatchSummary[] } | Failure;

/** `Answer<BatchDetail>`: `ended` once every host of the page has (FINISHED, ABNORMAL, CANCELED). */
export type BatchAnswer = { ok: true; data: BatchDetail; ended: boolean } | Failure;
"#;
