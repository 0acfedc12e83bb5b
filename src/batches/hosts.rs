//! Reading `build_batches`' `hosts`: the list as a whole (`type`, `count`, `total_hosts`
//! at `/hosts`), then each host by the rules a body's hosts obey (I1-I6, at `/hosts/k`).

use crate::prelude::*;

use crate::maps::HashSet;

use serde_json::Value;

use crate::code::Code;
use crate::limits::{MAX_HOSTS, MIN_HOSTS};
use crate::model::{CustomAttribute, ExecuteResourceInstance};
use crate::report::{params, Pointer, Revision, Sink};
use crate::rules::checks::{count_params, expected};
use crate::rules::{self, Presence};
use crate::validate::node::Node;
use crate::validate::walk::{host_at, BodyState};

/// The pointer of the `hosts` argument.
const PATH: &str = "/hosts";

/// The hosts that will be placed, and how many distinct hosts were given.
#[derive(Default)]
pub(super) struct Hosts {
    /// The first copy of each host, in input order, with the revision's documented fields only.
    /// Complete only when no error was recorded.
    pub(super) kept: Vec<ExecuteResourceInstance>,
    /// Items after dropping repeated `resource_id`s: what `total_hosts` and percentages count.
    pub(super) total: usize,
}

/// Judges `hosts` into `sink` and returns the hosts to place.
pub(super) fn read(value: &Value, revision: Revision, sink: &mut Sink) -> Hosts {
    let Some(items) = value.as_array() else {
        sink.error(Code::Type, PATH, expected("array"));
        return Hosts::default();
    };
    let copies = copies(items);
    let total = copies.iter().filter(|&&copy| !copy).count();
    if items.is_empty() {
        sink.error(Code::Count, PATH, count_params(MIN_HOSTS, MAX_HOSTS, 0));
    }
    if total > MAX_HOSTS {
        let p = params([("max", MAX_HOSTS.into()), ("actual", total.into())]);
        sink.error(Code::TotalHosts, PATH, p);
    }
    let kept = judge(items, &copies, revision, sink);
    Hosts { kept, total }
}

/// For each item, whether an earlier item has the same `resource_id` string: the same
/// test I6 applies, in one borrowed pass, so the total is known before any host is judged.
fn copies(items: &[Value]) -> Vec<bool> {
    let mut seen: HashSet<&str> = HashSet::default();
    items.iter().map(|item| resource_id(item).is_some_and(|id| !seen.insert(id))).collect()
}

fn resource_id(item: &Value) -> Option<&str> {
    item.get("resource_id").and_then(Value::as_str)
}

/// I1-I6 for each item, and the first copy of each host. Past [`MAX_HOSTS`] distinct
/// hosts the input is refused already (`total_hosts`), so judging stops there: a hostile
/// list costs one cheap counting pass, not a full report per host.
fn judge(items: &[Value], copies: &[bool], revision: Revision, sink: &mut Sink) -> Vec<ExecuteResourceInstance> {
    // Read once as the walk's tree, so the I6 record can borrow every host's id.
    let nodes: Vec<Node<'_>> = items.iter().map(Node::from_value).collect();
    let mut seen = BodyState::default();
    let mut kept = Vec::new();
    let mut distinct = 0;
    for (k, (item, &copy)) in items.iter().zip(copies).enumerate() {
        if !copy {
            distinct += 1;
            if distinct > MAX_HOSTS {
                break;
            }
        }
        host_at(pointer(k), &nodes[k], revision, &mut seen, sink);
        if !copy {
            kept.extend(to_host(item, revision));
        }
    }
    kept
}

/// `/hosts/k`.
fn pointer(k: usize) -> Pointer {
    let mut at = Pointer::root();
    at.key("hosts");
    at.index(k);
    at
}

/// I10's `{key, value}` attributes, read by hand (not serde's derive, so the module holds
/// no visitor for them): `None` unless every item has both as strings.
fn custom_attributes(list: &Value) -> Option<Vec<CustomAttribute>> {
    let text = |item: &Value, key: &str| item.get(key).and_then(Value::as_str).map(str::to_owned);
    list.as_array()?
        .iter()
        .map(|item| Some(CustomAttribute { key: text(item, "key")?, value: text(item, "value")? }))
        .collect()
}

/// The documented fields of a host that the revision posts, when the required ones are
/// strings; unknown keys (and, under `current`, deprecated ones) are left out (api.md: the
/// output "carries the documented fields only").
fn to_host(item: &Value, revision: Revision) -> Option<ExecuteResourceInstance> {
    let shape = rules::host(revision).item;
    let sent = |key: &str| shape.field(key).is_some_and(|f| f.presence != Presence::Deprecated);
    let text = |key: &str| item.get(key).and_then(Value::as_str).map(str::to_owned);
    let optional = |key: &str| if sent(key) { text(key) } else { None };
    let attributes = item.get("custom_attributes").filter(|_| sent("custom_attributes"));
    Some(ExecuteResourceInstance {
        resource_id: text("resource_id")?,
        agent_sn: optional("agent_sn"),
        project_id: optional("project_id"),
        region_id: text("region_id")?,
        provider: optional("provider"),
        resource_type: optional("type"),
        custom_attributes: attributes.and_then(custom_attributes),
    })
}
