//! `build_batches`: cutting a host list into `execute_batches` that always pass
//! `validate` (api.md, "build_batches"). Reading the hosts (hosts.rs) and the plan
//! (plan.rs) is kept apart from cutting (layout.rs), which only ever sees valid input.

use crate::prelude::*;

mod hosts;
mod layout;
mod plan;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::code::Code;
use crate::limits::MAX_BATCHES;
use crate::model::ExecuteInstancesBatchInfo;
use crate::report::{params, Issue, Options, Sink};

/// What [`build_batches`] returns: the batches, or none when any issue is an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchesResult {
    /// Ready for a body's `execute_batches`; empty when the input was refused.
    pub execute_batches: Vec<ExecuteInstancesBatchInfo>,
    /// Paths point into the arguments: `/hosts/3/agent_sn`, `/plan/sizes/1`.
    pub issues: Vec<Issue>,
}

/// Cuts `hosts` (an array of hosts) into batches as `plan` says (`Value::Null` for the
/// default plan: the fewest batches of at most 10, sizes differing by at most one).
///
/// Each host is judged by rules I1-I6 at `/hosts/k/...`; a repeated `resource_id` is
/// dropped with a `duplicate_host` warning. Any error refuses the whole input, and
/// `execute_batches` is then empty. Never panics, on any input.
///
/// ```
/// use coc_script_exec::{build_batches, Options};
/// use serde_json::{json, Value};
///
/// let hosts: Vec<Value> = (1..=23)
///     .map(|i| json!({"resource_id": format!("ecs-{i}"), "agent_sn": format!("sn-{i}"),
///                     "project_id": "proj-1", "region_id": "cn-north-4"}))
///     .collect();
/// let result = build_batches(&Value::Array(hosts), &json!({"pause": "first"}), &Options::default());
/// let sizes: Vec<usize> = result.execute_batches.iter().map(|b| b.target_instances.len()).collect();
/// assert_eq!(sizes, [8, 8, 7]);
/// assert_eq!(result.execute_batches[0].rotation_strategy.as_str(), "PAUSE");
/// assert!(result.issues.is_empty());
/// ```
pub fn build_batches(hosts: &Value, plan: &Value, options: &Options) -> BatchesResult {
    let mut sink = Sink::new();
    let hosts = hosts::read(hosts, options.revision, &mut sink);
    // The plan is read twice: quietly first, to cut the batches, so that `/plan`'s own
    // `count` can be recorded before the issues of its members (rules.md: "issues about
    // a node before those about its members"). Reading is linear, so twice is cheap.
    let mut quiet = Sink::new();
    let parsed = plan::read(plan, hosts.total, options.revision, &mut quiet);
    // Batches are cut only from input read without error: a bad host cannot be placed
    // and a bad plan says nothing reliable, so `count` at `/plan` is judged last.
    let mut batches = Vec::new();
    if !sink.has_errors() && !quiet.has_errors() {
        match layout::lay_out(hosts.kept, &parsed) {
            Ok(cut) => batches = cut,
            Err(too_many) => sink.error(Code::Count, plan::PATH, too_many_params(&too_many)),
        }
    }
    plan::read(plan, hosts.total, options.revision, &mut sink);
    let report = sink.finish(options.locale);
    if !report.valid {
        batches.clear();
    }
    BatchesResult { execute_batches: batches, issues: report.issues }
}

/// Params of `count` at `/plan`: what the plan needs, and the size for its last `sizes`
/// entry with which it fits, or `null` and the `reason` none does.
fn too_many_params(too_many: &layout::TooMany) -> serde_json::Map<String, Value> {
    let mut p = params([
        ("max", MAX_BATCHES.into()),
        ("actual", too_many.actual.into()),
        ("smallest_size", too_many.smallest_size.ok().into()),
    ]);
    if let Err(reason) = too_many.smallest_size {
        p.insert("reason".to_owned(), reason.as_str().into());
    }
    p
}
