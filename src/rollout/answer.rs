//! What the rollout's answers say: the SDK's models (`JobScriptOrderInfoModel`,
//! `JobScriptBatchListModel`, `JobScriptBatchDetailModel`, `ExectionInstanceModel`) with
//! their wire names, and the parsers that read them. A parser never panics: a 200 whose
//! `data` it cannot read is an `http` outcome with the text, any other status is read as
//! `parse_response` reads it (the API's `{error_code, error_msg}`), and a status it does
//! not know is kept as given.

use crate::prelude::*;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::request::{parse_response, Outcome};

/// Defines a status enum whose known values are the wire's upper-case words, and which
/// keeps any other word as given (`Other`), so a new status of the service reads, shows
/// and round-trips unchanged.
macro_rules! statuses {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $wire:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $wire)] $variant,)*
            /// A status this crate does not know, as the service sent it.
            #[serde(untagged)]
            Other(String),
        }

        /// Read as a string, then matched: serde's derive of an untagged variant buffers the
        /// value in its private `Content` tree, whose error texts alone keep core's float
        /// formatter (14 KB) in the wasm module.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name::from_wire)
            }
        }

        impl $name {
            /// Every status this crate knows, as sent.
            pub const KNOWN: [&'static str; [$($wire),*].len()] = [$($wire),*];

            /// The status a word of the wire names (any other word kept as `Other`).
            fn from_wire(s: String) -> Self {
                match s.as_str() {
                    $($wire => $name::$variant,)*
                    _ => $name::Other(s),
                }
            }

            /// The status as sent (`"PAUSED"`).
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(s) => s,
                }
            }
        }
    };
}

statuses! {
    /// An order's `status`: those Huawei's Terraform provider names.
    OrderStatus {
        /// Running a batch.
        Processing => "PROCESSING",
        /// Stopped after a `PAUSE` batch (or by `PAUSE_ORDER`) until `CONTINUE_ORDER`.
        Paused => "PAUSED",
        /// Every batch ran, and enough hosts succeeded (`success_rate`).
        Finished => "FINISHED",
        /// Stopped by `CANCEL_ORDER`.
        Canceled => "CANCELED",
        /// Ended with too few hosts succeeded.
        Abnormal => "ABNORMAL",
        /// Ended by an error of the service.
        Error => "ERROR",
        /// Rolled back.
        Rollbacked => "ROLLBACKED",
    }
}

impl OrderStatus {
    /// The order will not change any more: every status but PROCESSING and PAUSED (the
    /// provider cancels an order only in those two). An unknown status is not taken as
    /// an end: a watcher keeps asking.
    pub fn ended(&self) -> bool {
        !matches!(self, OrderStatus::Processing | OrderStatus::Paused | OrderStatus::Other(_))
    }
}

statuses! {
    /// A host's `status` in a batch: the SDK's list (GetScriptJobBatch's `status` filter).
    InstanceStatus {
        /// Waiting for its batch.
        Ready => "READY",
        /// Running the script.
        Processing => "PROCESSING",
        /// The script failed (or timed out) on the host.
        Abnormal => "ABNORMAL",
        /// Canceled (`CANCEL_INSTANCE`, or its order or batch stopped first).
        Canceled => "CANCELED",
        /// The script succeeded on the host.
        Finished => "FINISHED",
    }
}

impl InstanceStatus {
    /// The host will not change any more: FINISHED, ABNORMAL or CANCELED.
    pub fn ended(&self) -> bool {
        matches!(self, InstanceStatus::Finished | InstanceStatus::Abnormal | InstanceStatus::Canceled)
    }
}

/// GetScriptJobInfo's `data` (`JobScriptOrderInfoModel`). Times are milliseconds since
/// the epoch, costs seconds, as the SDK says; every field but `status` may be absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// The order's id.
    #[serde(default)]
    pub execute_uuid: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub gmt_created: Option<i64>,
    /// When it ended.
    #[serde(default)]
    pub gmt_finished: Option<i64>,
    /// How long it ran, in seconds.
    #[serde(default)]
    pub execute_costs: Option<i64>,
    /// Who posted it.
    #[serde(default)]
    pub creator: Option<String>,
    /// Where it stands.
    pub status: OrderStatus,
    /// The script and the batch it is at.
    #[serde(default)]
    pub properties: Option<OrderProperties>,
}

/// An order's `properties` (`JobScriptOrderInfoProp`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderProperties {
    /// The script it runs.
    #[serde(default)]
    pub script_uuid: Option<String>,
    /// The script's name.
    #[serde(default)]
    pub script_name: Option<String>,
    /// The script version's id (the SDK types it an integer; kept as sent).
    #[serde(default)]
    pub script_version_uuid: Option<Value>,
    /// The script version's name.
    #[serde(default)]
    pub script_version_name: Option<String>,
    /// The batch it is running, or paused after.
    #[serde(default)]
    pub current_execute_batch_index: Option<u64>,
    /// The posted `execute_param`, as the service returns it.
    #[serde(default)]
    pub execute_param: Option<Value>,
}

/// One item of ListScriptJobBatches's `data` (`JobScriptBatchListModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchSummary {
    /// From 1.
    pub batch_index: u64,
    /// Hosts in the batch.
    #[serde(default)]
    pub total_instances: Option<u64>,
    /// `CONTINUE` or `PAUSE`, kept as sent.
    #[serde(default)]
    pub rotation_strategy: Option<String>,
    /// The batch's label (the SDK types it text; kept as sent).
    #[serde(default)]
    pub properties: Option<Value>,
}

/// GetScriptJobBatch's `data` (`JobScriptBatchDetailModel`): one page of a batch's hosts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchDetail {
    /// From 1.
    #[serde(default)]
    pub batch_index: Option<u64>,
    /// Hosts in the batch (all pages).
    #[serde(default)]
    pub total_instances: Option<u64>,
    /// This page of its hosts.
    #[serde(default)]
    pub execute_instances: Vec<ExecuteInstance>,
}

/// One host of a batch (`ExectionInstanceModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecuteInstance {
    /// The id `CANCEL_INSTANCE` takes as `instance_id`.
    #[serde(default)]
    pub id: Option<u64>,
    /// The host as posted (`resource_id`, `region_id`, ...), as the service returns it.
    #[serde(default)]
    pub target_instance: Option<Value>,
    /// When the host was taken up.
    #[serde(default)]
    pub gmt_created: Option<i64>,
    /// When it ended.
    #[serde(default)]
    pub gmt_finished: Option<i64>,
    /// How long it ran, in seconds.
    #[serde(default)]
    pub execute_costs: Option<i64>,
    /// Where it stands.
    pub status: InstanceStatus,
    /// The script's output or the reason it failed.
    #[serde(default)]
    pub message: Option<String>,
    /// Whether the host is done (FINISHED, ABNORMAL or CANCELED): set from `status` by
    /// [`parse_batch`], so a caller needs no list of final statuses.
    #[serde(default, skip_deserializing)]
    pub ended: bool,
}

/// What an answer of the rollout says: its `data`, read, or why it was not (the same
/// [`Outcome`] as `parse_response`'s: `api` with the error's code and message, `http`
/// with the text). Serialized as `{ok: true, data, ...}` or as that outcome.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer<T> {
    /// A 200 whose `data` was read.
    Read(T),
    /// Anything else.
    Failed(Outcome),
}

/// What each `data` adds to `{ok: true, data}` when serialized: whether it has ended.
pub trait Ends {
    /// `Some(ended)` where the data can say, `None` where it cannot.
    fn ended(&self) -> Option<bool> {
        None
    }
}

impl Ends for Order {
    fn ended(&self) -> Option<bool> {
        Some(self.status.ended())
    }
}

impl Ends for BatchDetail {
    /// Every host of this page has ended (and there is one).
    fn ended(&self) -> Option<bool> {
        Some(!self.execute_instances.is_empty() && self.execute_instances.iter().all(|i| i.ended))
    }
}

impl Ends for Vec<BatchSummary> {}

impl<T: Serialize + Ends> Serialize for Answer<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // Member by member, not through a `json!` value: the data serializes straight
            // into the text, and no `to_value(..).unwrap()` keeps serde_json's error `Debug`.
            Answer::Read(data) => {
                let ended = data.ended();
                let mut map = s.serialize_map(Some(2 + ended.is_some() as usize))?;
                map.serialize_entry("ok", &true)?;
                map.serialize_entry("data", data)?;
                if let Some(ended) = ended {
                    map.serialize_entry("ended", &ended)?;
                }
                map.end()
            }
            Answer::Failed(outcome) => outcome.serialize(s),
        }
    }
}

/// GetScriptJobInfo's answer: the order (`ended` when its status is final).
pub fn parse_order(status: u16, text: &str) -> Answer<Order> {
    parse(status, text)
}

/// ListScriptJobBatches's answer: the order's batches.
pub fn parse_batches(status: u16, text: &str) -> Answer<Vec<BatchSummary>> {
    parse(status, text)
}

/// GetScriptJobBatch's answer: a page of a batch's hosts (`ended` when every one has).
pub fn parse_batch(status: u16, text: &str) -> Answer<BatchDetail> {
    parse(status, text)
}

/// OperateScriptJob's answer, `{data: execute_uuid}`: read as `parse_response` reads
/// the post's, whose answer has the same shape.
pub fn parse_operation(status: u16, text: &str) -> Outcome {
    parse_response(status, text, None)
}

/// A model read from its JSON by hand, member by member, with the results serde's derived
/// `Deserialize` gave (tests/rollout_answers.rs holds the two side by side): a member that
/// is `Option` (all `#[serde(default)]`) may be absent or `null` (`None`); a required one
/// (`status`, a batch's `batch_index`) must be there and of its type; a member of the
/// wrong type, anywhere, and a model that is not an object (an array, which serde reads as
/// fields by position, too) refuse the whole answer; unknown members (and a host's `ended`,
/// which serde skipped) are ignored. Integers are serde's: `u64` a non-negative integer,
/// `i64` one that fits, no float (`1.0`) either. The derived visitors are thereby not
/// in the wasm module (issue #16); the models keep their derives for native callers.
trait Read: Sized {
    /// The model, or `None` where serde gave an error.
    fn read(data: Value) -> Option<Self>;
}

/// The members of a model: `None` unless `data` is an object.
fn members(data: Value) -> Option<Map<String, Value>> {
    match data {
        Value::Object(members) => Some(members),
        _ => None,
    }
}

/// A member taken out of its object (`None` when absent).
fn take(members: &mut Map<String, Value>, key: &str) -> Option<Value> {
    members.get_mut(key).map(Value::take)
}

/// An optional member: `Some(None)` when absent or `null`, `Some(Some(_))` when `read`
/// reads it, `None` (the answer refused) when it does not.
fn optional<T>(members: &mut Map<String, Value>, key: &str, read: fn(Value) -> Option<T>) -> Option<Option<T>> {
    match take(members, key) {
        None | Some(Value::Null) => Some(None),
        Some(value) => read(value).map(Some),
    }
}

fn string(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        _ => None,
    }
}

fn unsigned(value: Value) -> Option<u64> {
    value.as_u64()
}

fn signed(value: Value) -> Option<i64> {
    value.as_i64()
}

/// Any value, kept as sent.
fn any(value: Value) -> Option<Value> {
    Some(value)
}

/// A list of models: an array of objects, each read.
fn list<T: Read>(value: Value) -> Option<Vec<T>> {
    match value {
        Value::Array(items) => items.into_iter().map(T::read).collect(),
        _ => None,
    }
}

impl Read for Order {
    fn read(data: Value) -> Option<Self> {
        let mut m = members(data)?;
        Some(Order {
            execute_uuid: optional(&mut m, "execute_uuid", string)?,
            gmt_created: optional(&mut m, "gmt_created", signed)?,
            gmt_finished: optional(&mut m, "gmt_finished", signed)?,
            execute_costs: optional(&mut m, "execute_costs", signed)?,
            creator: optional(&mut m, "creator", string)?,
            status: OrderStatus::from_wire(take(&mut m, "status").and_then(string)?),
            properties: optional(&mut m, "properties", OrderProperties::read)?,
        })
    }
}

impl Read for OrderProperties {
    fn read(data: Value) -> Option<Self> {
        let mut m = members(data)?;
        Some(OrderProperties {
            script_uuid: optional(&mut m, "script_uuid", string)?,
            script_name: optional(&mut m, "script_name", string)?,
            script_version_uuid: optional(&mut m, "script_version_uuid", any)?,
            script_version_name: optional(&mut m, "script_version_name", string)?,
            current_execute_batch_index: optional(&mut m, "current_execute_batch_index", unsigned)?,
            execute_param: optional(&mut m, "execute_param", any)?,
        })
    }
}

impl Read for Vec<BatchSummary> {
    fn read(data: Value) -> Option<Self> {
        list(data)
    }
}

impl Read for BatchSummary {
    fn read(data: Value) -> Option<Self> {
        let mut m = members(data)?;
        Some(BatchSummary {
            batch_index: take(&mut m, "batch_index").and_then(unsigned)?,
            total_instances: optional(&mut m, "total_instances", unsigned)?,
            rotation_strategy: optional(&mut m, "rotation_strategy", string)?,
            properties: optional(&mut m, "properties", any)?,
        })
    }
}

impl Read for BatchDetail {
    fn read(data: Value) -> Option<Self> {
        let mut m = members(data)?;
        Some(BatchDetail {
            batch_index: optional(&mut m, "batch_index", unsigned)?,
            total_instances: optional(&mut m, "total_instances", unsigned)?,
            // `#[serde(default)]` without `Option`: absent is none, but `null` is refused.
            execute_instances: match take(&mut m, "execute_instances") {
                None => Vec::new(),
                Some(hosts) => list(hosts)?,
            },
        })
    }
}

impl Read for ExecuteInstance {
    fn read(data: Value) -> Option<Self> {
        let mut m = members(data)?;
        let status = InstanceStatus::from_wire(take(&mut m, "status").and_then(string)?);
        Some(ExecuteInstance {
            id: optional(&mut m, "id", unsigned)?,
            target_instance: optional(&mut m, "target_instance", any)?,
            gmt_created: optional(&mut m, "gmt_created", signed)?,
            gmt_finished: optional(&mut m, "gmt_finished", signed)?,
            execute_costs: optional(&mut m, "execute_costs", signed)?,
            message: optional(&mut m, "message", string)?,
            // Whether the host is done, from its status (never read from the answer).
            ended: status.ended(),
            status,
        })
    }
}

/// `data` of a 200, or the outcome that says why there is none.
fn parse<T: Read>(status: u16, text: &str) -> Answer<T> {
    if status != 200 {
        return Answer::Failed(parse_response(status, text, None));
    }
    // The reader's depth bound (R-SIZE's) holds here: hostile nesting is no answer.
    let data = crate::validate::parse_value(text).and_then(|mut v| v.get_mut("data").map(Value::take));
    match data.and_then(T::read) {
        Some(data) => Answer::Read(data),
        None => Answer::Failed(Outcome::Http { status, text: text.to_owned(), request_id: None }),
    }
}
