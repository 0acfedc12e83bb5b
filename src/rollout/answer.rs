//! What the rollout's answers say: the SDK's models (`JobScriptOrderInfoModel`,
//! `JobScriptBatchListModel`, `JobScriptBatchDetailModel`, `ExectionInstanceModel`) with
//! their wire names, and the parsers that read them. A parser never panics: a 200 whose
//! `data` it cannot read is an `http` outcome with the text, any other status is read as
//! `parse_response` reads it (the API's `{error_code, error_msg}`), and a status it does
//! not know is kept as given.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{json, Value};

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
                let s = String::deserialize(d)?;
                Ok(match s.as_str() {
                    $($wire => $name::$variant,)*
                    _ => $name::Other(s),
                })
            }
        }

        impl $name {
            /// Every status this crate knows, as sent.
            pub const KNOWN: [&'static str; [$($wire),*].len()] = [$($wire),*];

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
            Answer::Read(data) => match data.ended() {
                Some(ended) => json!({"ok": true, "data": data, "ended": ended}).serialize(s),
                None => json!({"ok": true, "data": data}).serialize(s),
            },
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

/// A model's JSON shape, as far as serde does not check it: serde reads a struct from an
/// array too (its fields by position), so each model says where it needs an object.
trait Shape: DeserializeOwned {
    fn objects_where_due(data: &Value) -> bool;

    /// Fills in what the answer says only by implication, once read.
    fn settle(&mut self) {}
}

/// Absent, `null`, or an object.
fn object_or_none(v: Option<&Value>) -> bool {
    v.map_or(true, |v| v.is_null() || v.is_object())
}

impl Shape for Order {
    fn objects_where_due(data: &Value) -> bool {
        data.is_object() && object_or_none(data.get("properties"))
    }
}

impl Shape for Vec<BatchSummary> {
    fn objects_where_due(data: &Value) -> bool {
        data.as_array().is_some_and(|items| items.iter().all(Value::is_object))
    }
}

impl Shape for BatchDetail {
    fn objects_where_due(data: &Value) -> bool {
        let hosts = data.get("execute_instances").and_then(Value::as_array);
        data.is_object() && hosts.map_or(true, |hosts| hosts.iter().all(Value::is_object))
    }

    fn settle(&mut self) {
        for host in &mut self.execute_instances {
            host.ended = host.status.ended();
        }
    }
}

/// `data` of a 200, or the outcome that says why there is none.
fn parse<T: Shape>(status: u16, text: &str) -> Answer<T> {
    if status != 200 {
        return Answer::Failed(parse_response(status, text, None));
    }
    // The reader's depth bound (R-SIZE's) holds here: hostile nesting is no answer.
    let data = crate::validate::parse_value(text).and_then(|mut v| v.get_mut("data").map(Value::take));
    match data.filter(T::objects_where_due).map(serde_json::from_value::<T>) {
        Some(Ok(mut data)) => {
            data.settle();
            Answer::Read(data)
        }
        _ => Answer::Failed(Outcome::Http { status, text: text.to_owned(), request_id: None }),
    }
}
