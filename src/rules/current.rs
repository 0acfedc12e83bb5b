//! The `current` revision: the API as Huawei's SDK 3.1.219 models and Terraform provider
//! describe it (revisions.md, row by row). Fields in the SDK's order once the deprecated
//! ones are left out, so the posted body follows the SDK; the deprecated ones stay where
//! the page has them, to be judged (type, `deprecated`) in the page's order.

use super::checks::{current_charset, is_current_value_char, must_be_root};
use super::page::{
    BATCH_INDEX, BATCH_RULES, CONSECUTIVE_DOTS, DUPLICATE_HOST, PARAM_NAME, REGION_ID, RESOURCE_ID, ROTATION_STRATEGY,
    SUCCESS_RATE, TIMEOUT,
};
use super::{ArrayOf, Check, Cross, Field, Kind, Presence, SchemaHint, Shape, Test};
use crate::limits::*;
use crate::report::Severity::{Error, Warning};

/// A host's `provider` when it has none (SDK: "defaults to ECS").
pub(crate) const DEFAULT_PROVIDER: &str = "ECS";
/// A host's `type` when it has none (SDK: "defaults to CLOUDSERVER").
pub(crate) const DEFAULT_TYPE: &str = "CLOUDSERVER";
/// S9: the one `refer_type` the SDK names.
pub(crate) const REFER_TYPES: [&str; 1] = ["PARAM_STORE"];

/// The request body (B1-B3, as on the page).
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

/// `execute_param`: P1 deprecated, P6 a warning.
static EXECUTE_PARAM: Shape = Shape {
    name: "ScriptExecuteParam",
    rule: "B2",
    fields: &[
        Field { key: "resourceful", rule: "P1", presence: Presence::Deprecated, kind: Kind::Bool, checks: &[] },
        TIMEOUT,
        SUCCESS_RATE,
        Field {
            key: "execute_user",
            rule: "P5",
            presence: Presence::Required,
            kind: Kind::Str(EXECUTE_USER_MIN, Some(EXECUTE_USER_MAX)),
            // P6: the SDK says "the user who runs the script, e.g. root": another is a warning.
            checks: &[Check {
                rule: "P6",
                severity: Warning,
                test: Test::Str(must_be_root),
                schema: None,
                doc: "an execute_user other than root",
            }],
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

/// `script_params`: S3 as on the page; S8 is not judged (the service ignores the orders).
static SCRIPT_PARAMS: ArrayOf = ArrayOf {
    count_rule: "P7",
    min: 0,
    max: MAX_SCRIPT_PARAMS,
    item: &SCRIPT_PARAM,
    cross: &[Cross::Unique { rule: "S3", key: "param_name" }],
};

/// `script_params[i]`: S4 1 to 4096 characters unless `param_refer` gives the value, S5
/// with `*` and `#`, S7 deprecated, S9 `param_refer`.
static SCRIPT_PARAM: Shape = Shape {
    name: "ScriptExecuteInputParam",
    rule: "S1",
    fields: &[
        PARAM_NAME,
        Field {
            key: "param_value",
            rule: "S4",
            presence: Presence::RequiredUnless("param_refer"),
            kind: Kind::Str(PARAM_VALUE_MIN_CURRENT, Some(PARAM_VALUE_MAX_CURRENT)),
            checks: &[
                Check {
                    rule: "S5",
                    severity: Error,
                    test: Test::Str(current_charset),
                    schema: Some(SchemaHint::Pattern(is_current_value_char)),
                    doc: "the characters of param_value",
                },
                CONSECUTIVE_DOTS,
            ],
        },
        Field {
            key: "param_order",
            rule: "S7",
            presence: Presence::Deprecated,
            kind: Kind::Integer(None),
            checks: &[],
        },
        Field {
            key: "param_refer",
            rule: "S9",
            presence: Presence::Optional,
            kind: Kind::Object(&PARAM_REFER),
            checks: &[],
        },
    ],
};

/// `param_refer` (S9, ScriptExecuteParamReference): a value kept in the parameter store.
static PARAM_REFER: Shape = Shape {
    name: "ScriptExecuteParamReference",
    rule: "S9",
    fields: &[
        Field {
            key: "refer_type",
            rule: "S9",
            presence: Presence::Required,
            kind: Kind::Enum(&REFER_TYPES),
            checks: &[],
        },
        Field {
            key: "param_id",
            rule: "S9",
            presence: Presence::Required,
            kind: Kind::Str(NON_EMPTY_MIN, None),
            checks: &[],
        },
        Field {
            key: "param_version",
            rule: "S9",
            presence: Presence::Optional,
            kind: Kind::Str(NON_EMPTY_MIN, None),
            checks: &[],
        },
    ],
};

/// `execute_batches` (E1, E2, E5 as on the page).
static EXECUTE_BATCHES: ArrayOf =
    ArrayOf { count_rule: "E1", min: MIN_BATCHES, max: MAX_BATCHES, item: &BATCH, cross: BATCH_RULES };

/// `execute_batches[j]` (E3-E7 as on the page, with today's hosts).
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

/// `target_instances` (E6, I6, and I9: "within one execution every instance must have the
/// same provider"; "mixing types is not supported").
pub(super) static TARGET_INSTANCES: ArrayOf = ArrayOf {
    count_rule: "E6",
    min: MIN_HOSTS_PER_BATCH,
    max: MAX_HOSTS_PER_BATCH,
    item: &HOST,
    cross: &[
        DUPLICATE_HOST,
        Cross::BodySame { rule: "I9", key: "provider", default: DEFAULT_PROVIDER },
        Cross::BodySame { rule: "I9", key: "type", default: DEFAULT_TYPE },
    ],
};

/// `target_instances[k]`: I3, I4 deprecated; I7, I8, I10 new.
static HOST: Shape = Shape {
    name: "ExecuteResourceInstance",
    rule: "I1",
    fields: &[
        RESOURCE_ID,
        Field { key: "agent_sn", rule: "I3", presence: Presence::Deprecated, kind: Kind::Str(0, None), checks: &[] },
        Field { key: "project_id", rule: "I4", presence: Presence::Deprecated, kind: Kind::Str(0, None), checks: &[] },
        REGION_ID,
        Field {
            key: "provider",
            rule: "I7",
            presence: Presence::Optional,
            kind: Kind::Str(NON_EMPTY_MIN, None),
            checks: &[],
        },
        Field {
            key: "type",
            rule: "I8",
            presence: Presence::Optional,
            kind: Kind::Str(NON_EMPTY_MIN, None),
            checks: &[],
        },
        Field {
            key: "custom_attributes",
            rule: "I10",
            presence: Presence::Optional,
            kind: Kind::Array(&CUSTOM_ATTRIBUTES),
            checks: &[],
        },
    ],
};

/// `custom_attributes` (I10): at most 5, keys unique within one host. The SDK also says
/// "no sensitive data": not checkable; the console says it beside the field.
static CUSTOM_ATTRIBUTES: ArrayOf = ArrayOf {
    count_rule: "I10",
    min: 0,
    max: CUSTOM_ATTRIBUTES_MAX,
    item: &CUSTOM_ATTRIBUTE,
    cross: &[Cross::Unique { rule: "I10", key: "key" }],
};

/// `custom_attributes[m]` (I10, Customttribute): "key length 10, value length 20", read
/// as maxima.
static CUSTOM_ATTRIBUTE: Shape = Shape {
    name: "CustomAttribute",
    rule: "I10",
    fields: &[
        Field {
            key: "key",
            rule: "I10",
            presence: Presence::Required,
            kind: Kind::Str(NON_EMPTY_MIN, Some(CUSTOM_ATTRIBUTE_KEY_MAX)),
            checks: &[],
        },
        Field {
            key: "value",
            rule: "I10",
            presence: Presence::Required,
            kind: Kind::Str(NON_EMPTY_MIN, Some(CUSTOM_ATTRIBUTE_VALUE_MAX)),
            checks: &[],
        },
    ],
};
