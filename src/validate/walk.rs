//! One pass over a body, in document order: a node's own issues, then its members in the
//! page's field order, then unknown keys in input order, array items by index. Types and
//! presence are read here from the raw value; lengths and ranges by the `validator`
//! derives on the model (model.rs); the rest by the functions in rules.rs.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use serde_json::{Map, Value};
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use super::node::{self, Member, Node};
use super::rules::{self, count, expected, Finding, OrderFinding};
use super::screen::{clean_host, param_errors};
use crate::limits::*;
use crate::model::{ExecuteInstancesBatchInfo, ExecuteResourceInstance, RotationStrategy, ScriptExecuteParam};
use crate::report::{params, Pointer, Severity, Sink};

/// A member read for presence and JSON type.
#[derive(Clone, Copy)]
pub(crate) enum Read<T> {
    /// Absent or `null` (treated as missing).
    Missing,
    /// Present with another JSON type; the param `expected`.
    Wrong(&'static str),
    /// Present with the right type.
    Ok(T),
}

impl<T: Copy> Read<T> {
    pub(crate) fn ok(&self) -> Option<T> {
        match self {
            Read::Ok(v) => Some(*v),
            _ => None,
        }
    }
}

/// A member of an object, `null` counting as absent.
pub(crate) fn member<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| !v.is_null())
}

pub(crate) fn read_str<'a>(obj: &'a Map<String, Value>, key: &str) -> Read<&'a str> {
    match member(obj, key) {
        None => Read::Missing,
        Some(Value::String(s)) => Read::Ok(s),
        Some(_) => Read::Wrong("string"),
    }
}

/// A member of a body object, `null` counting as absent.
fn field<'n, 'a>(obj: &'n [Member<'a>], key: &str) -> Option<&'n Node<'a>> {
    node::get(obj, key).filter(|v| !v.is_null())
}

fn field_str<'n>(obj: &'n [Member<'_>], key: &str) -> Read<&'n str> {
    match field(obj, key) {
        None => Read::Missing,
        Some(Node::String(s)) => Read::Ok(s),
        Some(_) => Read::Wrong("string"),
    }
}

/// An Integer field: any JSON number whose value is whole (`300.0` is 300).
fn field_int(obj: &[Member<'_>], key: &str) -> Read<f64> {
    match field(obj, key) {
        None => Read::Missing,
        Some(Node::Number(n)) => match n.as_f64() {
            Some(f) if f.is_finite() && f.fract() == 0.0 => Read::Ok(f),
            _ => Read::Wrong("integer"),
        },
        Some(_) => Read::Wrong("integer"),
    }
}

/// A Double field: any finite JSON number; a numeric string is still a `type` error.
fn field_num(obj: &[Member<'_>], key: &str) -> Read<f64> {
    match field(obj, key) {
        Some(Node::Number(n)) => match n.as_f64() {
            Some(f) if f.is_finite() => Read::Ok(f),
            _ => Read::Wrong("number"),
        },
        None => Read::Missing,
        Some(_) => Read::Wrong("number"),
    }
}

fn field_bool(obj: &[Member<'_>], key: &str) -> Read<bool> {
    match field(obj, key) {
        None => Read::Missing,
        Some(Node::Bool(b)) => Read::Ok(*b),
        Some(_) => Read::Wrong("boolean"),
    }
}

/// A whole number as the model's unsigned integer; out-of-range values saturate, so the
/// range rule still sees them as out of range.
pub(crate) fn as_u64(f: f64) -> u64 {
    f as u64
}

/// The walk's state: where it is and what it found.
struct Walk<'s> {
    at: Pointer,
    sink: &'s mut Sink,
}

/// Judges a whole body (rules B1-B4 and everything below them).
pub(crate) fn body(value: &Node<'_>, sink: &mut Sink) {
    let mut w = Walk { at: Pointer::root(), sink };
    // B1
    let Some(obj) = value.as_object() else {
        w.sink.error("type", "", expected("object"));
        return;
    };
    // B2
    w.member(obj, "execute_param", |w, v| match v {
        Node::Object(p) => w.execute_param(p),
        _ => w.here(Severity::Error, ("type", expected("object"))),
    });
    // B3
    w.member(obj, "execute_batches", |w, v| match v {
        Node::Array(items) => w.execute_batches(items),
        _ => w.here(Severity::Error, ("type", expected("array"))),
    });
    w.unknown_keys(obj, &["execute_param", "execute_batches"]);
}

impl Walk<'_> {
    /// Records a finding at the current pointer.
    fn here(&mut self, severity: Severity, (code, params): Finding) {
        let at = &self.at;
        self.sink.push(severity, code, || at.as_str().to_owned(), || params);
    }

    /// Records a finding whose params are built only if it is kept.
    fn here_with(&mut self, severity: Severity, code: &'static str, params: impl FnOnce() -> Map<String, Value>) {
        let at = &self.at;
        self.sink.push(severity, code, || at.as_str().to_owned(), params);
    }

    fn with_key<R>(&mut self, key: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        let mark = self.at.key(key);
        let r = f(self);
        self.at.pop(mark);
        r
    }

    fn with_index<R>(&mut self, i: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        let mark = self.at.index(i);
        let r = f(self);
        self.at.pop(mark);
        r
    }

    /// A required member: `required` when missing, else `f` at its pointer.
    fn member<'n, 'a>(&mut self, obj: &'n [Member<'a>], key: &str, f: impl FnOnce(&mut Self, &'n Node<'a>)) {
        self.with_key(key, |w| match field(obj, key) {
            None => w.here(Severity::Error, ("required", Map::new())),
            Some(v) => f(w, v),
        });
    }

    /// B4: keys the page does not define, in input order, at their own pointer.
    fn unknown_keys(&mut self, obj: &[Member<'_>], known: &[&str]) {
        for (key, _) in obj.iter().filter(|(k, _)| !known.contains(&k.as_ref())) {
            self.with_key(key, |w| {
                w.here_with(Severity::Warning, "unknown_field", || params([("field", key.as_ref().into())]))
            });
        }
    }

    /// The `required` / `type` issue of a member that was not read, if any.
    fn read_issue<T>(&mut self, read: &Read<T>, missing: Severity) {
        match read {
            Read::Missing => self.here(missing, ("required", Map::new())),
            Read::Wrong(kind) => self.here(Severity::Error, ("type", expected(kind))),
            Read::Ok(_) => {}
        }
    }

    /// The `validator` findings for one field, with `actual` as the rules give it.
    fn derived(&mut self, errors: &Option<ValidationErrors>, field: &str, actual: impl Fn() -> Value) {
        let Some(ValidationErrorsKind::Field(found)) = errors.as_ref().and_then(|e| e.errors().get(field)) else {
            return;
        };
        for e in found {
            let mut p = Map::new();
            for bound in ["min", "max"] {
                if let Some(v) = e.params.get(bound) {
                    p.insert(bound.to_owned(), v.clone());
                }
            }
            p.insert("actual".to_owned(), actual());
            // validator's codes are the rules' codes: `length`, `range`.
            let code = if e.code == "length" { "length" } else { "range" };
            self.here(Severity::Error, (code, p));
        }
    }

    /// A string field: its read issue, else its derived rules and `more`.
    fn string_field<'s>(
        &mut self,
        key: &str,
        read: Read<&'s str>,
        errors: &Option<ValidationErrors>,
        more: impl FnOnce(&mut Self, &'s str),
    ) {
        self.with_key(key, |w| {
            w.read_issue(&read, Severity::Error);
            if let Read::Ok(s) = read {
                w.derived(errors, key, || s.chars().count().into());
                more(w, s);
            }
        });
    }

    /// A number field: its read issue, else its derived rules and `more`.
    fn number_field(
        &mut self,
        obj: &[Member<'_>],
        key: &str,
        read: Read<f64>,
        errors: &Option<ValidationErrors>,
        more: impl FnOnce(&mut Self, f64, &Value),
    ) {
        self.with_key(key, |w| {
            w.read_issue(&read, Severity::Error);
            if let (Read::Ok(f), Some(raw)) = (read, node::get(obj, key)) {
                let raw = raw.to_value();
                w.derived(errors, key, || raw.clone());
                more(w, f, &raw);
            }
        });
    }

    /// P1-P7 and the script_params below.
    fn execute_param(&mut self, obj: &[Member<'_>]) {
        let resourceful = field_bool(obj, "resourceful");
        let timeout = field_int(obj, "timeout");
        let success_rate = field_num(obj, "success_rate");
        let execute_user = field_str(obj, "execute_user");
        let model = ScriptExecuteParam {
            resourceful: resourceful.ok(),
            timeout: timeout.ok().map_or(TIMEOUT_MIN, as_u64),
            success_rate: success_rate.ok().unwrap_or(SUCCESS_RATE_MAX),
            execute_user: execute_user.ok().unwrap_or(EXECUTE_USER_ROOT).to_owned(),
            script_params: None,
        };
        let errors = model.validate().err();
        // P1: Mandatory in the table, absent from the page's example: a warning.
        self.with_key("resourceful", |w| w.read_issue(&resourceful, Severity::Warning));
        // P2
        self.number_field(obj, "timeout", timeout, &errors, |w, t, raw| {
            if let Some(f) = rules::timeout_boundary(as_u64(t), raw) {
                w.here(Severity::Warning, f);
            }
        });
        // P3, P4
        self.number_field(obj, "success_rate", success_rate, &errors, |w, rate, _| {
            if let Some(f) = rules::decimal_places(rate) {
                w.here(Severity::Error, f);
            }
        });
        // P5, P6
        self.string_field("execute_user", execute_user, &errors, |w, user| {
            if let Some(f) = rules::must_be_root(user) {
                w.here(Severity::Error, f);
            }
        });
        // P7 (optional)
        self.with_key("script_params", |w| match field(obj, "script_params") {
            None => {}
            Some(Node::Array(items)) => w.script_params(items),
            Some(_) => w.here(Severity::Error, ("type", expected("array"))),
        });
        self.unknown_keys(obj, &["resourceful", "timeout", "success_rate", "execute_user", "script_params"]);
    }

    /// P7 count, then S1-S8 for each item.
    fn script_params(&mut self, items: &[Node<'_>]) {
        if let Some(f) = count(0, MAX_SCRIPT_PARAMS, items.len()) {
            self.here(Severity::Error, f);
        }
        // S3: for each item, the first item holding its name when that is an earlier one.
        let mut first_name: HashMap<&str, usize> = HashMap::new();
        let mut name_dup: Vec<Option<usize>> = vec![None; items.len()];
        for (i, item) in items.iter().enumerate() {
            if let Some(Read::Ok(name)) = item.as_object().map(|o| field_str(o, "param_name")) {
                let first = *first_name.entry(name).or_insert(i);
                if first != i {
                    name_dup[i] = Some(first);
                }
            }
        }
        // S8, over the orders that pass S7.
        let orders = in_range_values(items, "param_order", PARAM_ORDER_MIN, MAX_SCRIPT_PARAMS as u64);
        let order_findings = to_lookup(rules::order_findings(&orders, MAX_SCRIPT_PARAMS as u64), items.len());
        let base = self.at.as_str().to_owned();
        for (i, item) in items.iter().enumerate() {
            self.with_index(i, |w| {
                // S1
                let Some(obj) = item.as_object() else {
                    w.here(Severity::Error, ("type", expected("object")));
                    return;
                };
                let name = field_str(obj, "param_name");
                let value = field_str(obj, "param_value");
                let order = field_int(obj, "param_order");
                let errors = param_errors(name, value, order);
                // S2, S3
                w.string_field("param_name", name, &errors, |w, name| {
                    if let Some(first) = name_dup[i] {
                        w.here_with(Severity::Error, "duplicate", || {
                            let first = format!("{base}/{first}/param_name");
                            params([("value", name.into()), ("first", first.into())])
                        });
                    }
                });
                // S4, S5, S6
                w.string_field("param_value", value, &errors, |w, v| {
                    for f in rules::param_value(v).into_iter().flatten() {
                        w.here(Severity::Error, f);
                    }
                });
                // S7, S8
                w.number_field(obj, "param_order", order, &errors, |w, _, _| {
                    w.order_finding(&order_findings, i, &base, "param_order");
                });
                w.unknown_keys(obj, &["param_name", "param_value", "param_order"]);
            });
        }
    }

    /// Records the S8 / E5 finding for item `i`, if any.
    fn order_finding(&mut self, findings: &[Option<OrderFinding>], i: usize, base: &str, field: &str) {
        if let Some(Some(f)) = findings.get(i) {
            self.here(Severity::Error, f.finding(|first| format!("{base}/{first}/{field}")));
        }
    }

    /// E1, E2, then E3-E7 and I1-I6 for each batch.
    fn execute_batches(&mut self, batches: &[Node<'_>]) {
        // E1
        if let Some(f) = count(MIN_BATCHES, MAX_BATCHES, batches.len()) {
            self.here(Severity::Error, f);
        }
        // E2: every item of every target_instances counts, valid or not.
        let total: usize = batches
            .iter()
            .filter_map(|b| b.as_object().and_then(|o| node::get(o, "target_instances")).and_then(Node::as_array))
            .map(<[_]>::len)
            .sum();
        if total > MAX_HOSTS {
            self.here(Severity::Error, ("total_hosts", params([("max", MAX_HOSTS.into()), ("actual", total.into())])));
        }
        let indexes = in_range_values(batches, "batch_index", BATCH_INDEX_MIN, MAX_BATCHES as u64);
        let index_findings = to_lookup(rules::order_findings(&indexes, MAX_BATCHES as u64), batches.len());
        let base = self.at.as_str().to_owned();
        let mut hosts = HostsSeen::default();
        // Sized for every host a valid body can hold, so the map never grows in one.
        hosts.first.reserve(total.min(MAX_HOSTS));
        for (j, batch) in batches.iter().enumerate() {
            self.with_index(j, |w| {
                // E3
                let Some(obj) = batch.as_object() else {
                    w.here(Severity::Error, ("type", expected("object")));
                    return;
                };
                let index = field_int(obj, "batch_index");
                let model = ExecuteInstancesBatchInfo {
                    batch_index: index.ok().map_or(BATCH_INDEX_MIN, as_u64),
                    target_instances: Vec::new(),
                    rotation_strategy: RotationStrategy::Continue,
                };
                let errors = model.validate().err();
                // E4, E5
                w.number_field(obj, "batch_index", index, &errors, |w, _, _| {
                    w.order_finding(&index_findings, j, &base, "batch_index");
                });
                // E6
                w.member(obj, "target_instances", |w, v| match v {
                    Node::Array(items) => w.target_instances(items, &mut hosts),
                    _ => w.here(Severity::Error, ("type", expected("array"))),
                });
                // E7
                let strategy = field_str(obj, "rotation_strategy");
                w.with_key("rotation_strategy", |w| {
                    w.read_issue(&strategy, Severity::Error);
                    if let Read::Ok(s) = strategy {
                        if !RotationStrategy::ALLOWED.contains(&s) {
                            w.here(Severity::Error, rules::enum_finding(&RotationStrategy::ALLOWED, s));
                        }
                    }
                });
                w.unknown_keys(obj, &["batch_index", "target_instances", "rotation_strategy"]);
            });
        }
    }

    /// E6 count, then I1-I6 for each host.
    fn target_instances<'n>(&mut self, items: &'n [Node<'_>], hosts: &mut HostsSeen<'n>) {
        if let Some(f) = count(MIN_HOSTS_PER_BATCH, MAX_HOSTS_PER_BATCH, items.len()) {
            self.here(Severity::Error, f);
        }
        for (k, item) in items.iter().enumerate() {
            self.with_index(k, |w| w.host(item, hosts));
        }
    }

    /// I1-I6 for one host, wherever it stands (a body or build_batches' `hosts`).
    fn host<'n>(&mut self, item: &'n Node<'_>, hosts: &mut HostsSeen<'n>) {
        if let Some(id) = item.as_object().and_then(clean_host) {
            // I1-I5 cannot find anything (see `clean_host`): I6 alone.
            self.with_key("resource_id", |w| w.duplicate_host(id, hosts));
            return;
        }
        self.host_in_full(item, hosts);
    }

    /// I6: the script would run twice on one host.
    fn duplicate_host<'n>(&mut self, id: &'n str, hosts: &mut HostsSeen<'n>) {
        if let Some(first) = hosts.first_or_insert(id, self.at.as_str()) {
            let first = first.to_owned();
            self.here_with(Severity::Warning, "duplicate_host", || {
                params([("value", id.into()), ("first", first.into())])
            });
        }
    }

    /// I1-I6 for one host, every rule run.
    fn host_in_full<'n>(&mut self, item: &'n Node<'_>, hosts: &mut HostsSeen<'n>) {
        // I1
        let Some(obj) = item.as_object() else {
            self.here(Severity::Error, ("type", expected("object")));
            return;
        };
        let reads = ExecuteResourceInstance::FIELDS.map(|f| field_str(obj, f));
        // The model's buffers are reused from host to host: no allocation per host.
        let model = &mut hosts.model;
        for (buffer, (read, stand_in)) in
            [&mut model.resource_id, &mut model.agent_sn, &mut model.project_id, &mut model.region_id]
                .into_iter()
                .zip(reads.iter().zip(["r", "a", "p", "r"]))
        {
            buffer.clear();
            buffer.push_str(read.ok().unwrap_or(stand_in));
        }
        let errors = model.validate().err();
        for (field, read) in ExecuteResourceInstance::FIELDS.into_iter().zip(reads) {
            // I2-I5
            self.string_field(field, read, &errors, |w, value| {
                if field == "resource_id" {
                    w.duplicate_host(value, hosts);
                }
            });
        }
        self.unknown_keys(obj, &ExecuteResourceInstance::FIELDS);
    }
}

/// I6: the pointer of the first `resource_id` holding each value (the pointers kept end
/// to end in one string, the ids borrowed from the tree being judged).
pub(crate) struct HostsSeen<'n> {
    first: HashMap<&'n str, (usize, usize)>,
    pointers: String,
    /// The typed host the `validator` derives judge, its strings reused.
    model: ExecuteResourceInstance,
}

impl Default for HostsSeen<'_> {
    fn default() -> Self {
        let model = ExecuteResourceInstance {
            resource_id: String::new(),
            agent_sn: String::new(),
            project_id: String::new(),
            region_id: String::new(),
        };
        HostsSeen { first: HashMap::new(), pointers: String::new(), model }
    }
}

impl<'n> HostsSeen<'n> {
    /// The first pointer of `id` if it was seen, else remembers `here` for it.
    pub(crate) fn first_or_insert(&mut self, id: &'n str, here: &str) -> Option<&str> {
        match self.first.entry(id) {
            Entry::Occupied(seen) => {
                let (start, end) = *seen.get();
                Some(&self.pointers[start..end])
            }
            Entry::Vacant(slot) => {
                let start = self.pointers.len();
                self.pointers.push_str(here);
                slot.insert((start, self.pointers.len()));
                None
            }
        }
    }
}

/// (item position, value) of the items whose `key` is a whole number in `min..=max`:
/// the values S8 and E5 judge.
fn in_range_values(items: &[Node<'_>], key: &str, min: u64, max: u64) -> Vec<(usize, u64)> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match item.as_object().map(|o| field_int(o, key)) {
            Some(Read::Ok(f)) if f >= min as f64 && f <= max as f64 => Some((i, f as u64)),
            _ => None,
        })
        .collect()
}

/// The findings by item position, for `len` items.
fn to_lookup(findings: Vec<(usize, OrderFinding)>, len: usize) -> Vec<Option<OrderFinding>> {
    let mut out = vec![None; len];
    for (i, f) in findings {
        out[i] = Some(f);
    }
    out
}

/// Judges one host at `at` (used by build_batches for `/hosts/k`, on items read with
/// [`Node::from_value`] once for the whole list, so `hosts` can borrow their ids).
pub(crate) fn host_at<'n>(at: Pointer, item: &'n Node<'_>, hosts: &mut HostsSeen<'n>, sink: &mut Sink) {
    let mut w = Walk { at, sink };
    w.host(item, hosts);
}

/// [`host_at`] without the screen (screen.rs tests the two against each other).
#[cfg(test)]
pub(crate) fn host_in_full_at<'n>(at: Pointer, item: &'n Node<'_>, hosts: &mut HostsSeen<'n>, sink: &mut Sink) {
    let mut w = Walk { at, sink };
    w.host_in_full(item, hosts);
}
