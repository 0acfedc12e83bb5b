//! The request and response types of `POST /v1/job/scripts/{script_uuid}`, with the
//! wire names, fields in the page's order (a field `current` no longer sends is an
//! `Option`, left out when `None`, so the same types serialize in the SDK's order under
//! `current`). The rules of each field are not here but in the tables (rules/).

use crate::prelude::*;

use serde::{Deserialize, Serialize};

/// The request body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptExecuteRequest {
    /// Script execution parameters (B2).
    pub execute_param: ScriptExecuteParam,
    /// Target instance batch information (B3).
    pub execute_batches: Vec<ExecuteInstancesBatchInfo>,
}

/// `execute_param` (ScriptExecuteParam).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptExecuteParam {
    /// P1: whether resources are limited (`true`: not limited). The page's table says
    /// Mandatory, its example omits it: missing is only a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resourceful: Option<bool>,
    /// P2: seconds; "Minimum value: 5 Maximum value: 1800".
    pub timeout: u64,
    /// P3: percent, "Minimum value: 1 Maximum value: 100".
    pub success_rate: f64,
    /// P5: "Minimum length: 1 character Maximum length: 32 characters".
    pub execute_user: String,
    /// P7: at most 20 parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script_params: Option<Vec<ScriptExecuteInputParam>>,
}

/// `execute_param.script_params[i]` (ScriptExecuteInputParam).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptExecuteInputParam {
    /// S2: 1 to 64 characters.
    pub param_name: String,
    /// S4: 0 to 1024 characters.
    pub param_value: String,
    /// S7: 1 to 20 on the page; deprecated under `current` (left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param_order: Option<u64>,
    /// S9 (`current`): where the value comes from instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param_refer: Option<ScriptExecuteParamReference>,
}

/// `script_params[i].param_refer` (ScriptExecuteParamReference, `current`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptExecuteParamReference {
    /// `PARAM_STORE`.
    pub refer_type: String,
    /// The parameter's id in the store.
    pub param_id: String,
    /// Its version, when not the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param_version: Option<String>,
}

/// `execute_batches[j]` (ExecuteInstancesBatchInfo).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecuteInstancesBatchInfo {
    /// E4: 1 to 20.
    pub batch_index: u64,
    /// E6: 1 to 10 hosts.
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExecuteResourceInstance {
    /// I2: the ECS ID, 1 to 64 characters.
    pub resource_id: String,
    /// I3: the UniAgent serial number, 1 to 32 characters (deprecated under `current`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_sn: Option<String>,
    /// I4: 1 to 32 characters (deprecated under `current`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// I5: the region of the server, 1 to 32 characters.
    pub region_id: String,
    /// I7 (`current`): the resource provider; `ECS` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// I8 (`current`): the resource type; `CLOUDSERVER` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub resource_type: Option<String>,
    /// I10 (`current`): at most 5 `{key, value}` attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_attributes: Option<Vec<CustomAttribute>>,
}

/// `custom_attributes[m]` (Customttribute in the SDK, `current`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CustomAttribute {
    /// 1 to 10 characters, unique within the host.
    pub key: String,
    /// 1 to 20 characters.
    pub value: String,
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
