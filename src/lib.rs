//! coc-script-exec: build and check a request for Huawei Cloud COC's "Executing
//! Customized Scripts" API (`POST /v1/job/scripts/{script_uuid}`) before it is posted.
//!
//! Every documented constraint is a rule with an id in `rules.md`; every function returns
//! issues as data (a [`Report`]) rather than failing, and none panics on any input.
#![warn(missing_docs)]

mod batches;
mod code;
pub mod limits;
pub mod messages;
pub mod model;
mod report;
mod request;
mod rules;
mod schema;
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

pub use request::{
    build_request, parse_response, Headers, HttpRequest, Outcome, RequestOptions, RequestResult, ScriptSource,
    DEFAULT_ENDPOINT,
};

/// The README's Rust quick start, compiled and run as a doctest so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
