//! Every documented number, once. Nothing else in the crate (or in `www/`) types one.
//!
//! The page: "A maximum of 20 script input parameters ... A maximum of 200 hosts can be
//! delivered at a time. The maximum number of hosts in a batch is 10. The maximum number
//! of batches is 20." Field bounds come from the page's parameter tables; the input
//! limits (R-SIZE, R-LIMIT) and the script_uuid bound (U1) are this project's policy.

use serde::Serialize;

use crate::report::Revision;
use crate::rules::{field_at, Kind};

/// Hosts across all batches of one request (E2).
pub const MAX_HOSTS: usize = 200;
/// Batches in one request (E1), and the largest `batch_index` (E4).
pub const MAX_BATCHES: usize = 20;
/// Fewest batches in one request (E1), and the smallest `batch_index` (E4).
pub const MIN_BATCHES: usize = 1;
/// Hosts in one batch (E6).
pub const MAX_HOSTS_PER_BATCH: usize = 10;
/// Fewest hosts in one batch (E6).
pub const MIN_HOSTS_PER_BATCH: usize = 1;
/// Fewest hosts in one request: one batch of one host (E1, E6); `build_batches` says
/// `count` at `/hosts` below it.
pub const MIN_HOSTS: usize = MIN_BATCHES * MIN_HOSTS_PER_BATCH;
/// Script input parameters (P7), and the largest `param_order` (S7).
pub const MAX_SCRIPT_PARAMS: usize = 20;
/// Seconds: smallest `timeout` (P2).
pub const TIMEOUT_MIN: u64 = 5;
/// Seconds: largest `timeout` (P2).
pub const TIMEOUT_MAX: u64 = 1800;
/// Percent: smallest `success_rate` (P3).
pub const SUCCESS_RATE_MIN: f64 = 1.0;
/// Percent: largest `success_rate` (P3).
pub const SUCCESS_RATE_MAX: f64 = 100.0;
/// Decimal places allowed in `success_rate` (P4).
pub const SUCCESS_RATE_DECIMALS: usize = 1;
/// Characters in `execute_user` (P5).
pub const EXECUTE_USER_MIN: usize = 1;
/// Characters in `execute_user` (P5).
pub const EXECUTE_USER_MAX: usize = 32;
/// The one user the page allows (P6).
pub const EXECUTE_USER_ROOT: &str = "root";
/// Characters in `param_name` (S2).
pub const PARAM_NAME_MIN: usize = 1;
/// Characters in `param_name` (S2).
pub const PARAM_NAME_MAX: usize = 64;
/// Characters in `param_value` (S4).
pub const PARAM_VALUE_MIN: usize = 0;
/// Characters in `param_value` (S4).
pub const PARAM_VALUE_MAX: usize = 1024;
/// Characters in `param_value` under `current` (S4: the SDK 3.1.219 says "1-4096").
pub const PARAM_VALUE_MIN_CURRENT: usize = 1;
/// Characters in `param_value` under `current` (S4).
pub const PARAM_VALUE_MAX_CURRENT: usize = 4096;
/// Characters of a string that must only be non-empty (`current`: `provider`, `type`,
/// `param_refer.param_id`, `param_refer.param_version`).
pub const NON_EMPTY_MIN: usize = 1;
/// Items of a host's `custom_attributes` under `current` (I10: "map length at most 5").
pub const CUSTOM_ATTRIBUTES_MAX: usize = 5;
/// Characters of a custom attribute's `key` (I10: "key length 10", read as a maximum).
pub const CUSTOM_ATTRIBUTE_KEY_MAX: usize = 10;
/// Characters of a custom attribute's `value` (I10: "value length 20", read as a maximum).
pub const CUSTOM_ATTRIBUTE_VALUE_MAX: usize = 20;
/// Characters of the `x-project-id` header `build_request` sends under `current`.
pub const PROJECT_ID_HEADER_MIN: usize = 1;
/// Characters of the `x-project-id` header `build_request` sends under `current`.
pub const PROJECT_ID_HEADER_MAX: usize = 64;
/// Smallest `param_order` (S7).
pub const PARAM_ORDER_MIN: u64 = 1;
/// Smallest `batch_index` (E4).
pub const BATCH_INDEX_MIN: u64 = 1;
/// Characters in `resource_id` (I2).
pub const RESOURCE_ID_MIN: usize = 1;
/// Characters in `resource_id` (I2).
pub const RESOURCE_ID_MAX: usize = 64;
/// Characters in `agent_sn`, `project_id` and `region_id` (I3-I5).
pub const HOST_FIELD_MIN: usize = 1;
/// Characters in `agent_sn`, `project_id` and `region_id` (I3-I5).
pub const HOST_FIELD_MAX: usize = 32;
/// Bytes of JSON text `validate_json` reads (R-SIZE): 1 MiB.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Nesting depth of JSON `validate` reads (R-SIZE).
pub const MAX_DEPTH: usize = 128;
/// Issues kept in a report before `truncated` (R-LIMIT).
pub const MAX_ISSUES: usize = 100;
/// Characters in `script_uuid` (U1).
pub const SCRIPT_UUID_MIN: usize = 1;
/// Characters in `script_uuid` (U1).
pub const SCRIPT_UUID_MAX: usize = 64;
/// Characters in an `execute_uuid` (the rollout's calls): the same policy as U1, since it
/// goes into the URL path just as a script_uuid does.
pub const EXECUTE_UUID_MIN: usize = 1;
/// Characters in an `execute_uuid` (the rollout's calls).
pub const EXECUTE_UUID_MAX: usize = 64;
/// Smallest `instance_id` of CANCEL_INSTANCE and `marker` of a batch's page: the SDK
/// calls both a record's id (an integer primary key).
pub const RECORD_ID_MIN: u64 = 1;
/// Largest `instance_id` and `marker`: the largest integer a JavaScript number holds
/// exactly (2^53 - 1), so an id never changes on its way through a browser.
pub const RECORD_ID_MAX: u64 = 9_007_199_254_740_991;
/// Smallest `limit` of a batch's page of hosts.
pub const PAGE_LIMIT_MIN: u64 = 1;
/// Largest `limit` of a batch's page of hosts: the SDK names no bound; no page needs more
/// hosts than one order may hold ([`MAX_HOSTS`]).
pub const PAGE_LIMIT_MAX: u64 = MAX_HOSTS as u64;
/// Bytes of script log the service keeps; a console can only say so.
pub const MAX_LOG_BYTES: usize = 1024 * 1024;
/// Percent: largest share a `build_batches` size may name.
pub const PERCENT_MAX: u64 = 100;
/// Percent: smallest share a `build_batches` size may name.
pub const PERCENT_MIN: u64 = 1;

/// The documented numbers as one value, for callers that must not type them
/// (the console draws its totals and hints from this).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Limits {
    /// See [`MAX_HOSTS`].
    pub max_hosts: usize,
    /// See [`MIN_BATCHES`].
    pub min_batches: usize,
    /// See [`MAX_BATCHES`].
    pub max_batches: usize,
    /// See [`MIN_HOSTS_PER_BATCH`].
    pub min_hosts_per_batch: usize,
    /// See [`MAX_HOSTS_PER_BATCH`].
    pub max_hosts_per_batch: usize,
    /// See [`MAX_SCRIPT_PARAMS`].
    pub max_script_params: usize,
    /// See [`TIMEOUT_MIN`].
    pub timeout_min: u64,
    /// See [`TIMEOUT_MAX`].
    pub timeout_max: u64,
    /// See [`SUCCESS_RATE_MIN`].
    pub success_rate_min: f64,
    /// See [`SUCCESS_RATE_MAX`].
    pub success_rate_max: f64,
    /// See [`SUCCESS_RATE_DECIMALS`].
    pub success_rate_decimals: usize,
    /// See [`EXECUTE_USER_MIN`].
    pub execute_user_min: usize,
    /// See [`EXECUTE_USER_MAX`].
    pub execute_user_max: usize,
    /// See [`EXECUTE_USER_ROOT`].
    pub execute_user_root: &'static str,
    /// See [`PARAM_NAME_MIN`].
    pub param_name_min: usize,
    /// See [`PARAM_NAME_MAX`].
    pub param_name_max: usize,
    /// See [`PARAM_VALUE_MIN`].
    pub param_value_min: usize,
    /// See [`PARAM_VALUE_MAX`].
    pub param_value_max: usize,
    /// See [`PARAM_ORDER_MIN`].
    pub param_order_min: u64,
    /// See [`BATCH_INDEX_MIN`].
    pub batch_index_min: u64,
    /// See [`RESOURCE_ID_MIN`].
    pub resource_id_min: usize,
    /// See [`RESOURCE_ID_MAX`].
    pub resource_id_max: usize,
    /// See [`HOST_FIELD_MIN`].
    pub host_field_min: usize,
    /// See [`HOST_FIELD_MAX`].
    pub host_field_max: usize,
    /// See [`MAX_BODY_BYTES`].
    pub max_body_bytes: usize,
    /// See [`MAX_DEPTH`].
    pub max_depth: usize,
    /// See [`MAX_ISSUES`].
    pub max_issues: usize,
    /// See [`SCRIPT_UUID_MIN`].
    pub script_uuid_min: usize,
    /// See [`SCRIPT_UUID_MAX`].
    pub script_uuid_max: usize,
    /// See [`MAX_LOG_BYTES`].
    pub max_log_bytes: usize,
    /// See [`CUSTOM_ATTRIBUTES_MAX`] (`current`).
    pub custom_attributes_max: usize,
    /// See [`CUSTOM_ATTRIBUTE_KEY_MAX`] (`current`).
    pub custom_attribute_key_max: usize,
    /// See [`CUSTOM_ATTRIBUTE_VALUE_MAX`] (`current`).
    pub custom_attribute_value_max: usize,
    /// See [`PROJECT_ID_HEADER_MIN`] (`current`).
    pub project_id_header_min: usize,
    /// See [`PROJECT_ID_HEADER_MAX`] (`current`).
    pub project_id_header_max: usize,
}

/// Every documented number of a revision, as one serializable struct (the same field
/// names in each; a number a revision changes is read from its table).
pub fn limits(revision: Revision) -> Limits {
    let (param_value_min, param_value_max) =
        match field_at(revision, &["execute_param", "script_params", "param_value"]).map(|f| &f.kind) {
            Some(Kind::Str(min, max)) => (*min, max.unwrap_or(MAX_BODY_BYTES)),
            _ => (PARAM_VALUE_MIN, PARAM_VALUE_MAX),
        };
    Limits {
        max_hosts: MAX_HOSTS,
        min_batches: MIN_BATCHES,
        max_batches: MAX_BATCHES,
        min_hosts_per_batch: MIN_HOSTS_PER_BATCH,
        max_hosts_per_batch: MAX_HOSTS_PER_BATCH,
        max_script_params: MAX_SCRIPT_PARAMS,
        timeout_min: TIMEOUT_MIN,
        timeout_max: TIMEOUT_MAX,
        success_rate_min: SUCCESS_RATE_MIN,
        success_rate_max: SUCCESS_RATE_MAX,
        success_rate_decimals: SUCCESS_RATE_DECIMALS,
        execute_user_min: EXECUTE_USER_MIN,
        execute_user_max: EXECUTE_USER_MAX,
        execute_user_root: EXECUTE_USER_ROOT,
        param_name_min: PARAM_NAME_MIN,
        param_name_max: PARAM_NAME_MAX,
        param_value_min,
        param_value_max,
        param_order_min: PARAM_ORDER_MIN,
        batch_index_min: BATCH_INDEX_MIN,
        resource_id_min: RESOURCE_ID_MIN,
        resource_id_max: RESOURCE_ID_MAX,
        host_field_min: HOST_FIELD_MIN,
        host_field_max: HOST_FIELD_MAX,
        max_body_bytes: MAX_BODY_BYTES,
        max_depth: MAX_DEPTH,
        max_issues: MAX_ISSUES,
        script_uuid_min: SCRIPT_UUID_MIN,
        script_uuid_max: SCRIPT_UUID_MAX,
        max_log_bytes: MAX_LOG_BYTES,
        custom_attributes_max: CUSTOM_ATTRIBUTES_MAX,
        custom_attribute_key_max: CUSTOM_ATTRIBUTE_KEY_MAX,
        custom_attribute_value_max: CUSTOM_ATTRIBUTE_VALUE_MAX,
        project_id_header_min: PROJECT_ID_HEADER_MIN,
        project_id_header_max: PROJECT_ID_HEADER_MAX,
    }
}
