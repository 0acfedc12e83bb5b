//! coc-script-exec: build and check a request for Huawei Cloud COC's "Executing
//! Customized Scripts" API (`POST /v1/job/scripts/{script_uuid}`) before it is posted.
//!
//! Every documented constraint is a rule with an id in `rules.md`; every function returns
//! issues as data (a [`Report`]) rather than failing, and none panics on any input.
#![warn(missing_docs)]

mod batches;
pub mod limits;
pub mod messages;
pub mod model;
mod report;
mod request;
mod schema;
mod validate;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use batches::{build_batches, BatchesResult};
pub use limits::{limits, Limits};
pub use report::{Issue, Locale, Options, Report, Severity};
pub use schema::json_schema;
pub use validate::{validate, validate_json, validate_json_with, validate_with};

pub use request::{
    build_request, parse_response, HttpRequest, Outcome, RequestOptions, RequestResult, DEFAULT_ENDPOINT,
};

/// The README's Rust quick start, compiled and run as a doctest so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
