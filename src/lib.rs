//! coc-script-exec: build and check a request for Huawei Cloud COC's "Executing
//! Customized Scripts" API (`POST /v1/job/scripts/{script_uuid}`) before it is posted.
//!
//! Every documented constraint is a rule with an id in `rules.md`; every function returns
//! issues as data (a [`Report`]) rather than failing, and none panics on any input.
#![warn(missing_docs)]
// The shipped wasm module is built without std (Cargo.toml's `bare-wasm`): everything here
// comes from `core` and `alloc`, with std's prelude as `crate::prelude`.
#![cfg_attr(all(target_arch = "wasm32", feature = "bare-wasm"), no_std)]

extern crate alloc;

mod batches;
mod code;
mod hosts;
mod json;
pub mod limits;
mod maps;
pub mod messages;
pub mod model;
mod position;
mod prelude;
mod report;
mod request;
mod rollout;
mod rules;
mod schema;
mod sign;
mod sorted;
mod text;
mod validate;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use batches::{build_batches, BatchesResult};
pub use code::Code;
pub use limits::{limits, Limits};
pub use messages::Locale;
pub use report::{Issue, Options, Report, Revision, Severity};
pub use rules::rule_ids;
pub use schema::json_schema;
pub use validate::{validate, validate_json, validate_json_with, validate_with};

pub use hosts::{read_hosts, HostsResult};
pub use position::{pointer_position, Position};
pub use request::{
    build_request, parse_response, Headers, HttpRequest, Outcome, RequestOptions, RequestResult, ScriptSource,
    DEFAULT_ENDPOINT,
};
pub use rollout::{
    build_batch_request, build_batch_request_value, build_batches_request, build_operation_request,
    build_operation_request_value, build_order_request, parse_batch, parse_batches, parse_operation, parse_order,
    Answer, BatchDetail, BatchQuery, BatchSummary, Ends, ExecuteInstance, InstanceStatus, Operation, Order,
    OrderProperties, OrderStatus, OPERATION_TYPES,
};
pub use sign::Credentials;

/// The README's Rust quick start, compiled and run as a doctest so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
