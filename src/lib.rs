//! coc-script-exec: build and check a request for Huawei Cloud COC's "Executing
//! Customized Scripts" API (`POST /v1/job/scripts/{script_uuid}`) before it is posted.
//!
//! Every documented constraint is a rule with an id in `rules.md`; every function returns
//! issues as data (a [`Report`]) rather than failing, and none panics on any input.
#![warn(missing_docs)]

pub mod limits;
pub mod messages;
pub mod model;
mod report;
mod validate;

pub use limits::{limits, Limits};
pub use report::{Issue, Locale, Options, Report, Severity};
pub use validate::{validate, validate_json, validate_json_with, validate_with};
mod request;

pub use request::{build_request, parse_response, HttpRequest, Outcome, RequestOptions, RequestResult, DEFAULT_ENDPOINT};
