//! The `page` revision: rules.md's tables, row by row, as data. Each field cites its rule
//! id; every number comes from limits.rs. Where the page contradicts itself the reading
//! is rules.md's, said once at the field.

use super::checks::{
    consecutive_dots, decimal_places, is_page_value_char, must_be_root, page_charset, timeout_boundary,
};
use super::{ArrayOf, Check, Cross, Field, Kind, Presence, SchemaHint, Shape, Test};
use crate::code::Code;
use crate::limits::*;
use crate::model::RotationStrategy;
use crate::report::Severity::{Error, Warning};

/// The request body (B1-B3).
pub(super) static BODY: Shape = Shape {
    name: "ScriptExecuteRequest",
    rule: "B1",
    fields: &[
        Field {
            key: "execute_param",
            rule: "B2",
            presence: Presence::Required,
            kind: Kind::Object(&EXECUTE_PARAM),
            checks: &[],
        },
        Field {
            key: "execute_batches",
            rule: "B3",
            presence: Presence::Required,
            kind: Kind::Array(&EXECUTE_BATCHES),
            checks: &[],
        },
    ],
};

/// `execute_param` (P1-P7).
static EXECUTE_PARAM: Shape = Shape {
    name: "ScriptExecuteParam",
    rule: "B2",
    fields: &[
        // P1: the table says Mandatory, but the page's example and the SDKs omit it.
        Field { key: "resourceful", rule: "P1", presence: Presence::Expected, kind: Kind::Bool, checks: &[] },
        TIMEOUT,
        SUCCESS_RATE,
        Field {
            key: "execute_user",
            rule: "P5",
            presence: Presence::Required,
            kind: Kind::Str(EXECUTE_USER_MIN, Some(EXECUTE_USER_MAX)),
            checks: &[MUST_BE_ROOT],
        },
        Field {
            key: "script_params",
            rule: "P7",
            presence: Presence::Optional,
            kind: Kind::Array(&SCRIPT_PARAMS),
            checks: &[],
        },
    ],
};

/// P2: seconds; "Minimum value: 5 Maximum value: 1800".
pub(super) const TIMEOUT: Field = Field {
    key: "timeout",
    rule: "P2",
    presence: Presence::Required,
    kind: Kind::Integer(Some((TIMEOUT_MIN, TIMEOUT_MAX))),
    checks: &[TIMEOUT_BOUNDARY],
};

/// P3, P4: percent, "Minimum value: 1 Maximum value: 100", one decimal place.
pub(super) const SUCCESS_RATE: Field = Field {
    key: "success_rate",
    rule: "P3",
    presence: Presence::Required,
    kind: Kind::Number(SUCCESS_RATE_MIN, SUCCESS_RATE_MAX),
    checks: &[DECIMAL_PLACES],
};

/// S2: 1 to 64 characters.
pub(super) const PARAM_NAME: Field = Field {
    key: "param_name",
    rule: "S2",
    presence: Presence::Required,
    kind: Kind::Str(PARAM_NAME_MIN, Some(PARAM_NAME_MAX)),
    checks: &[],
};

/// E4: 1 to 20.
pub(super) const BATCH_INDEX: Field = Field {
    key: "batch_index",
    rule: "E4",
    presence: Presence::Required,
    kind: Kind::Integer(Some((BATCH_INDEX_MIN, MAX_BATCHES as u64))),
    checks: &[],
};

/// E7: the page's value list is cut off; the SDKs give CONTINUE and PAUSE.
pub(super) const ROTATION_STRATEGY: Field = Field {
    key: "rotation_strategy",
    rule: "E7",
    presence: Presence::Required,
    kind: Kind::Enum(&RotationStrategy::ALLOWED),
    checks: &[],
};

/// I2: the ECS ID, 1 to 64 characters.
pub(super) const RESOURCE_ID: Field = Field {
    key: "resource_id",
    rule: "I2",
    presence: Presence::Required,
    kind: Kind::Str(RESOURCE_ID_MIN, Some(RESOURCE_ID_MAX)),
    checks: &[],
};

/// I5: the region of the server, 1 to 32 characters.
pub(super) const REGION_ID: Field = Field {
    key: "region_id",
    rule: "I5",
    presence: Presence::Required,
    kind: Kind::Str(HOST_FIELD_MIN, Some(HOST_FIELD_MAX)),
    checks: &[],
};

/// E2, E5: the rules over all batches.
pub(super) const BATCH_RULES: &[Cross] = &[
    Cross::Total { rule: "E2", key: "target_instances", max: MAX_HOSTS },
    Cross::Sequence { rule: "E5", key: "batch_index", min: BATCH_INDEX_MIN, max: MAX_BATCHES as u64 },
];

/// P2: the prose says "greater than 5 and less than 1800", the table Minimum 5 and
/// Maximum 1800: the table's bounds pass, with a warning at the edge.
pub(super) const TIMEOUT_BOUNDARY: Check = Check {
    rule: "P2",
    severity: Warning,
    test: Test::Num(timeout_boundary),
    schema: None,
    doc: "a timeout of exactly the minimum or the maximum",
};
/// P4: "The value can contain one decimal place."
pub(super) const DECIMAL_PLACES: Check = Check {
    rule: "P4",
    severity: Error,
    test: Test::Num(decimal_places),
    schema: None,
    doc: "success_rate with at most one decimal place (multipleOf is inexact in binary floating point)",
};
/// P6: "The script must be executed by user root."
const MUST_BE_ROOT: Check = Check {
    rule: "P6",
    severity: Error,
    test: Test::Str(must_be_root),
    schema: Some(SchemaHint::Const(EXECUTE_USER_ROOT)),
    doc: "execute_user root",
};
/// S6: no `..` (the SDKs' pattern `(?!\.{2,})`).
pub(super) const CONSECUTIVE_DOTS: Check = Check {
    rule: "S6",
    severity: Error,
    test: Test::Str(consecutive_dots),
    schema: Some(SchemaHint::InPattern),
    doc: "no two dots in a row in param_value",
};

/// `script_params` (P7, S3, S8).
static SCRIPT_PARAMS: ArrayOf = ArrayOf {
    count_rule: "P7",
    min: 0,
    max: MAX_SCRIPT_PARAMS,
    item: &SCRIPT_PARAM,
    cross: &[
        Cross::Unique { rule: "S3", key: "param_name" },
        Cross::Sequence { rule: "S8", key: "param_order", min: PARAM_ORDER_MIN, max: MAX_SCRIPT_PARAMS as u64 },
    ],
};

/// `script_params[i]` (S1-S7).
static SCRIPT_PARAM: Shape = Shape {
    name: "ScriptExecuteInputParam",
    rule: "S1",
    fields: &[
        PARAM_NAME,
        Field {
            key: "param_value",
            rule: "S4",
            presence: Presence::Required,
            kind: Kind::Str(PARAM_VALUE_MIN, Some(PARAM_VALUE_MAX)),
            checks: &[
                // S5 and S6 together are the SDKs' pattern, which the schema states.
                Check {
                    rule: "S5",
                    severity: Error,
                    test: Test::Str(page_charset),
                    schema: Some(SchemaHint::Pattern(is_page_value_char)),
                    doc: "the characters of param_value",
                },
                CONSECUTIVE_DOTS,
            ],
        },
        Field {
            key: "param_order",
            rule: "S7",
            presence: Presence::Required,
            kind: Kind::Integer(Some((PARAM_ORDER_MIN, MAX_SCRIPT_PARAMS as u64))),
            checks: &[],
        },
    ],
};

/// `execute_batches` (E1, E2, E5).
static EXECUTE_BATCHES: ArrayOf =
    ArrayOf { count_rule: "E1", min: MIN_BATCHES, max: MAX_BATCHES, item: &BATCH, cross: BATCH_RULES };

/// `execute_batches[j]` (E3-E7).
static BATCH: Shape = Shape {
    name: "ExecuteInstancesBatchInfo",
    rule: "E3",
    fields: &[
        BATCH_INDEX,
        Field {
            key: "target_instances",
            rule: "E6",
            presence: Presence::Required,
            kind: Kind::Array(&TARGET_INSTANCES),
            checks: &[],
        },
        ROTATION_STRATEGY,
    ],
};

/// `target_instances` (E6, I6).
pub(super) static TARGET_INSTANCES: ArrayOf = ArrayOf {
    count_rule: "E6",
    min: MIN_HOSTS_PER_BATCH,
    max: MAX_HOSTS_PER_BATCH,
    item: &HOST,
    cross: &[DUPLICATE_HOST],
};

/// I6: "the script would run twice on one host": a warning on every later copy.
pub(super) const DUPLICATE_HOST: Cross =
    Cross::BodyUnique { rule: "I6", key: "resource_id", code: Code::DuplicateHost, severity: Warning };

/// `target_instances[k]` (I1-I5).
static HOST: Shape = Shape {
    name: "ExecuteResourceInstance",
    rule: "I1",
    fields: &[
        RESOURCE_ID,
        Field {
            key: "agent_sn",
            rule: "I3",
            presence: Presence::Required,
            kind: Kind::Str(HOST_FIELD_MIN, Some(HOST_FIELD_MAX)),
            checks: &[],
        },
        Field {
            key: "project_id",
            rule: "I4",
            presence: Presence::Required,
            kind: Kind::Str(HOST_FIELD_MIN, Some(HOST_FIELD_MAX)),
            checks: &[],
        },
        REGION_ID,
    ],
};
