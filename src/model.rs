//! The request and response types of `POST /v1/job/scripts/{script_uuid}`, with the
//! page's wire names, fields in the page's order, and their per-field rules declared
//! with `validator` (numbers from [`crate::limits`]). Rules that need more than one
//! field, or the raw JSON value, live in `validate/`.

// validator's derive writes `&min`: a cast there needs parentheses, which rustc calls unused.
#![allow(unused_parens)]

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::limits::*;

/// The request body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptExecuteRequest {
    /// Script execution parameters (B2).
    pub execute_param: ScriptExecuteParam,
    /// Target instance batch information (B3).
    pub execute_batches: Vec<ExecuteInstancesBatchInfo>,
}

/// `execute_param` (ScriptExecuteParam).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct ScriptExecuteParam {
    /// P1: whether resources are limited (`true`: not limited). The page's table says
    /// Mandatory, its example omits it: missing is only a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resourceful: Option<bool>,
    /// P2: seconds; "Minimum value: 5 Maximum value: 1800".
    #[validate(range(min = TIMEOUT_MIN, max = TIMEOUT_MAX))]
    pub timeout: u64,
    /// P3: percent, "Minimum value: 1 Maximum value: 100".
    #[validate(range(min = SUCCESS_RATE_MIN, max = SUCCESS_RATE_MAX))]
    pub success_rate: f64,
    /// P5: "Minimum length: 1 character Maximum length: 32 characters".
    #[validate(length(min = (EXECUTE_USER_MIN as u64), max = (EXECUTE_USER_MAX as u64)))]
    pub execute_user: String,
    /// P7: at most 20 parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script_params: Option<Vec<ScriptExecuteInputParam>>,
}

/// `execute_param.script_params[i]` (ScriptExecuteInputParam).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct ScriptExecuteInputParam {
    /// S2: 1 to 64 characters.
    #[validate(length(min = (PARAM_NAME_MIN as u64), max = (PARAM_NAME_MAX as u64)))]
    pub param_name: String,
    /// S4: 0 to 1024 characters.
    #[validate(length(min = (PARAM_VALUE_MIN as u64), max = (PARAM_VALUE_MAX as u64)))]
    pub param_value: String,
    /// S7: 1 to 20.
    #[validate(range(min = PARAM_ORDER_MIN, max = (MAX_SCRIPT_PARAMS as u64)))]
    pub param_order: u64,
}

/// `execute_batches[j]` (ExecuteInstancesBatchInfo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
pub struct ExecuteInstancesBatchInfo {
    /// E4: 1 to 20.
    #[validate(range(min = BATCH_INDEX_MIN, max = (MAX_BATCHES as u64)))]
    pub batch_index: u64,
    /// E6: 1 to 10 hosts.
    #[validate(length(min = (MIN_HOSTS_PER_BATCH as u64), max = (MAX_HOSTS_PER_BATCH as u64)))]
    pub target_instances: Vec<ExecuteResourceInstance>,
    /// E7: what happens after this batch.
    pub rotation_strategy: RotationStrategy,
}

/// `rotation_strategy` (E7): the page's value list is cut off; the SDKs give these two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RotationStrategy {
    /// Go on to the next batch.
    Continue,
    /// Wait for the operator before the next batch.
    Pause,
}

impl RotationStrategy {
    /// The wire values, in the SDKs' order.
    pub const ALLOWED: [&'static str; 2] = ["CONTINUE", "PAUSE"];

    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            RotationStrategy::Continue => "CONTINUE",
            RotationStrategy::Pause => "PAUSE",
        }
    }
}

/// `target_instances[k]` (ExecuteResourceInstance).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub struct ExecuteResourceInstance {
    /// I2: the ECS ID, 1 to 64 characters.
    #[validate(length(min = (RESOURCE_ID_MIN as u64), max = (RESOURCE_ID_MAX as u64)))]
    pub resource_id: String,
    /// I3: the UniAgent serial number, 1 to 32 characters.
    #[validate(length(min = (HOST_FIELD_MIN as u64), max = (HOST_FIELD_MAX as u64)))]
    pub agent_sn: String,
    /// I4: 1 to 32 characters.
    #[validate(length(min = (HOST_FIELD_MIN as u64), max = (HOST_FIELD_MAX as u64)))]
    pub project_id: String,
    /// I5: the region of the server, 1 to 32 characters.
    #[validate(length(min = (HOST_FIELD_MIN as u64), max = (HOST_FIELD_MAX as u64)))]
    pub region_id: String,
}

impl ExecuteResourceInstance {
    /// The wire names, in the page's order.
    pub const FIELDS: [&'static str; 4] = ["resource_id", "agent_sn", "project_id", "region_id"];
}

/// A 200 response (A1): `{"data": "<execute_uuid>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecuteResponse {
    /// The execute_uuid of the run.
    pub data: String,
}

/// A 204 response (A2): an API error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorResponse {
    /// 8 to 36 characters, e.g. `COC.00040701`.
    pub error_code: String,
    /// 2 to 512 characters.
    pub error_msg: String,
}
