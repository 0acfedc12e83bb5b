//! Reading `build_batches`' `plan`: `sizes`, `group_by` and `pause`, in that order, then
//! unknown keys in input order, each issue at its pointer below `/plan`.

use crate::prelude::*;

use serde_json::{Map, Value};

use crate::code::Code;
use crate::limits::{MAX_HOSTS_PER_BATCH, MIN_HOSTS_PER_BATCH, PERCENT_MAX, PERCENT_MIN};
use crate::model::{ExecuteResourceInstance, RotationStrategy};
use crate::report::{params, Pointer, Revision, Severity, Sink};
use crate::rules::checks::{enum_finding, expected, Finding};
use crate::rules::current::DEFAULT_PROVIDER;
use crate::text::{concat, decimal};
use crate::validate::node::Node;
use crate::validate::walk::integer;

/// The pointer of the `plan` argument.
pub(super) const PATH: &str = "/plan";
/// The pointer of `plan.sizes`.
const SIZES: &str = "/plan/sizes";
/// The keys a plan may have, in the documented order.
const KNOWN: [&str; 4] = ["sizes", "group_by", "pause", "canary"];

/// The host field a batch must not mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum GroupBy {
    /// One region per batch (COC's own automatic batching).
    RegionId,
    /// One project per batch (page).
    ProjectId,
    /// One provider per batch (current).
    Provider,
}

impl GroupBy {
    /// The wire values of a revision: a host's own field names.
    fn choices(revision: Revision) -> &'static [(&'static str, GroupBy)] {
        match revision {
            Revision::Page => &[("region_id", GroupBy::RegionId), ("project_id", GroupBy::ProjectId)],
            Revision::Current => &[("region_id", GroupBy::RegionId), ("provider", GroupBy::Provider)],
        }
    }

    /// This field's value on `host` (a provider's default when it has none).
    pub(super) fn of(self, host: &ExecuteResourceInstance) -> &str {
        match self {
            GroupBy::RegionId => &host.region_id,
            GroupBy::ProjectId => host.project_id.as_deref().unwrap_or(""),
            GroupBy::Provider => host.provider.as_deref().unwrap_or(DEFAULT_PROVIDER),
        }
    }
}

/// Which batches wait for the operator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Pause {
    /// None: the run goes straight through.
    #[default]
    None,
    /// The first only: a canary the operator checks before the rest.
    First,
    /// Every batch.
    Every,
}

impl Pause {
    const CHOICES: [(&'static str, Pause); 3] =
        [("none", Pause::None), ("first", Pause::First), ("every", Pause::Every)];

    /// The rotation strategy of the batch at `position` (0-based).
    pub(super) fn strategy(self, position: usize) -> RotationStrategy {
        match (self, position) {
            (Pause::Every, _) | (Pause::First, 0) => RotationStrategy::Pause,
            _ => RotationStrategy::Continue,
        }
    }
}

/// A plan as read; meaningful only when reading it recorded no error.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// Hosts per batch, percentages resolved; the last repeats. Empty: the default.
    pub(super) sizes: Vec<usize>,
    /// The field a batch must not mix, if any.
    pub(super) group_by: Option<GroupBy>,
    /// Which batches pause.
    pub(super) pause: Pause,
    /// `canary: "per_group"`: each group's first batch holds one host and pauses.
    pub(super) canary_per_group: bool,
}

/// The values of `canary`: none (the default), or one canary host per group.
const CANARIES: [(&str, bool); 2] = [("none", false), ("per_group", true)];

/// Judges `plan` into `sink` and returns it. `total` (distinct hosts) resolves percentages.
pub(super) fn read(value: &Value, total: usize, revision: Revision, sink: &mut Sink) -> Plan {
    let obj = match value {
        // api.md: `plan?` is optional; absent means the default plan.
        Value::Null => return Plan::default(),
        Value::Object(obj) => obj,
        _ => {
            sink.error(Code::Type, PATH, expected("object"));
            return Plan::default();
        }
    };
    let sizes = sizes(obj.get("sizes").filter(|v| !v.is_null()), total, sink);
    let group_by = choice(obj, "group_by", GroupBy::choices(revision), sink);
    let pause = choice(obj, "pause", &Pause::CHOICES, sink).unwrap_or_default();
    let canary_per_group = choice(obj, "canary", &CANARIES, sink).unwrap_or_default();
    unknown_keys(obj, sink);
    Plan { sizes, group_by, pause, canary_per_group }
}

/// `sizes`: absent, `null` or empty means the default; otherwise an array of entries.
fn sizes(value: Option<&Value>, total: usize, sink: &mut Sink) -> Vec<usize> {
    let items = match value {
        None => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            sink.error(Code::Type, SIZES, expected("array"));
            return Vec::new();
        }
    };
    let mut sizes = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = || concat(&[SIZES, "/", &decimal(i as u64)]);
        match entry(item).map(|e| e.resolve(total)) {
            Ok((size, capped)) => {
                sizes.push(size);
                if let Some((code, p)) = capped {
                    sink.push(Severity::Warning, code, at, || p);
                }
            }
            Err((code, p)) => sink.push(Severity::Error, code, at, || p),
        }
    }
    sizes
}

/// One `sizes` entry as written.
enum Entry {
    /// A host count, 1 to 10.
    Count(usize),
    /// A share of all hosts, 1 to 100 percent.
    Percent(u64),
}

/// Reads one entry. A number must be a whole one (as any Integer field: `3.0` is 3) from
/// 1 to 10; a string must be a whole number of percent, `"25%"`. A string that is not a
/// percentage at all (`"abc"`, `"25"`, `"2.5%"`, `" 25%"`) is a `type` error with
/// `expected: "integer"`, since rules.md lets `expected` name JSON kinds only (its
/// message says a percentage would do too); a well-formed percentage outside 1..100
/// (`"0%"`, `"150%"`) is a `range` error with the percent bounds and the string as sent.
fn entry(item: &Value) -> Result<Entry, Finding> {
    match item {
        Value::String(s) => match percent(s) {
            Some(p) if (PERCENT_MIN..=PERCENT_MAX).contains(&p) => Ok(Entry::Percent(p)),
            Some(_) => Err(range(PERCENT_MIN, PERCENT_MAX, item)),
            None => Err((Code::Type, expected("integer"))),
        },
        _ => match integer(&Node::from_value(item)) {
            Some(f) => {
                let (min, max) = (MIN_HOSTS_PER_BATCH, MAX_HOSTS_PER_BATCH);
                if f >= min as f64 && f <= max as f64 {
                    Ok(Entry::Count(f as usize))
                } else {
                    Err(range(min as u64, max as u64, item))
                }
            }
            None => Err((Code::Type, expected("integer"))),
        },
    }
}

/// The whole number before `%` in `"25%"`: ASCII digits only, nothing around them.
/// Too many digits for a u64 still make a whole number, just too large.
fn percent(text: &str) -> Option<u64> {
    let digits = text.strip_suffix('%')?;
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    all_digits.then(|| digits.parse().unwrap_or(u64::MAX))
}

fn range(min: u64, max: u64, actual: &Value) -> Finding {
    (Code::Range, params([("min", min.into()), ("max", max.into()), ("actual", actual.clone())]))
}

impl Entry {
    /// Hosts per batch, and the `capped` warning when a percentage asked for more than 10.
    fn resolve(self, total: usize) -> (usize, Option<Finding>) {
        let p = match self {
            Entry::Count(n) => return (n, None),
            Entry::Percent(p) => p,
        };
        // api.md: floor(total * p / 100) (100 percent being all hosts), at least one.
        let share = (total as u64).saturating_mul(p) / PERCENT_MAX;
        let share = usize::try_from(share).unwrap_or(usize::MAX).max(MIN_HOSTS_PER_BATCH);
        if share <= MAX_HOSTS_PER_BATCH {
            return (share, None);
        }
        let p = params([("max", MAX_HOSTS_PER_BATCH.into()), ("actual", share.into())]);
        (MAX_HOSTS_PER_BATCH, Some((Code::Capped, p)))
    }
}

/// A string member that must be one of `choices`: `type` when not a string, `enum`
/// when not listed; `None` then, as when absent or `null`.
fn choice<T: Copy>(obj: &Map<String, Value>, key: &str, choices: &[(&'static str, T)], sink: &mut Sink) -> Option<T> {
    // `key` is one of the plan's own names, which need no escaping.
    let at = || concat(&[PATH, "/", key]);
    match obj.get(key).filter(|v| !v.is_null()) {
        None => None,
        Some(Value::String(s)) => {
            let found = choices.iter().find(|(name, _)| *name == s).map(|&(_, v)| v);
            if found.is_none() {
                let allowed: Vec<&str> = choices.iter().map(|&(name, _)| name).collect();
                let (code, p) = enum_finding(&allowed, s);
                sink.push(Severity::Error, code, at, || p);
            }
            found
        }
        Some(_) => {
            sink.push(Severity::Error, Code::Type, at, || expected("string"));
            None
        }
    }
}

/// Keys a plan does not define: warnings, in input order, at their own pointer.
fn unknown_keys(obj: &Map<String, Value>, sink: &mut Sink) {
    let mut plan = Pointer::root();
    plan.key("plan");
    for key in obj.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
        sink.warning(Code::UnknownField, &plan.child(key), params([("field", key.as_str().into())]));
    }
}
