//! Cutting valid hosts into batches: grouping (`group_by`), batch sizes (`sizes` or the
//! balanced default), indexes and rotation strategies (`pause`). Only ever called with
//! input that was read without error, so at most 200 hosts.

use crate::prelude::*;

use crate::maps::HashMap;

use super::plan::{GroupBy, Plan};
use crate::limits::{MAX_BATCHES, MAX_HOSTS_PER_BATCH, MIN_HOSTS_PER_BATCH};
use crate::model::{ExecuteInstancesBatchInfo, ExecuteResourceInstance, RotationStrategy};

/// A plan that needs more than [`MAX_BATCHES`] batches.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TooMany {
    /// Batches the plan needs.
    pub(super) actual: usize,
    /// The smallest size (1 to 10) for the plan's last, repeating `sizes` entry with which
    /// the plan fits, its other entries, group cuts and canaries included; or why none does.
    pub(super) smallest_size: Result<usize, NoSize>,
}

/// Why no batch size makes a plan fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NoSize {
    /// More groups than batches can hold, even at 10 hosts per batch.
    TooManyGroups,
    /// The canaries (one batch per group) leave too few batches for the rest.
    Canaries,
    /// The entries before the last `sizes` entry take too many batches.
    FirstSizes,
}

impl NoSize {
    /// The `reason` param.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            NoSize::TooManyGroups => "too_many_groups",
            NoSize::Canaries => "canaries",
            NoSize::FirstSizes => "first_sizes",
        }
    }
}

/// The batches for `hosts` (distinct, valid, in input order) under `plan`.
pub(super) fn lay_out(
    hosts: Vec<ExecuteResourceInstance>,
    plan: &Plan,
) -> Result<Vec<ExecuteInstancesBatchInfo>, TooMany> {
    let groups = group(hosts, plan.group_by);
    let lens: Vec<usize> = groups.iter().map(Vec::len).collect();
    let sizes = batch_sizes(&lens, &plan.sizes, plan.canary_per_group);
    if sizes.len() > MAX_BATCHES {
        let smallest_size = smallest_size(&lens, &plan.sizes, plan.canary_per_group);
        return Err(TooMany { actual: sizes.len(), smallest_size });
    }
    // Batch sizes never cross a group boundary, so the groups can be read as one list:
    // appended, then cut from the front (moves of at most 200 hosts, where a flattening
    // iterator with its drop glue was 10 KB of the wasm module).
    let mut rest = Vec::new();
    for mut g in groups {
        rest.append(&mut g);
    }
    let mut batches = Vec::with_capacity(sizes.len());
    for (i, &(n, canary)) in sizes.iter().enumerate() {
        let tail = rest.split_off(n.min(rest.len()));
        batches.push(ExecuteInstancesBatchInfo {
            batch_index: i as u64 + 1,
            target_instances: core::mem::replace(&mut rest, tail),
            rotation_strategy: if canary { RotationStrategy::Pause } else { plan.pause.strategy(i) },
        });
    }
    Ok(batches)
}

/// The hosts split by `by`: groups in the order their first host appears, hosts in
/// input order within each (api.md: stable). Without `by`, one group.
fn group(hosts: Vec<ExecuteResourceInstance>, by: Option<GroupBy>) -> Vec<Vec<ExecuteResourceInstance>> {
    let Some(by) = by else {
        return vec![hosts];
    };
    let mut slot: HashMap<String, usize> = HashMap::default();
    let mut groups: Vec<Vec<ExecuteResourceInstance>> = Vec::new();
    for host in hosts {
        // A value not seen before gets the next slot, which `groups` does not hold yet.
        let next = groups.len();
        let i = *slot.entry(by.of(&host).to_owned()).or_insert(next);
        match groups.get_mut(i) {
            Some(g) => g.push(host),
            None => groups.push(vec![host]),
        }
    }
    groups
}

/// The size of every batch, in order, for groups of `lens` hosts, each marked when it is
/// a canary. With `canary`, each group's first batch is one host (a canary), and the rest
/// of the group is cut as follows. With `sizes`, batch `j` of the rest takes `sizes[j]`
/// (the last repeating; canaries are not counted), cut short at the end of its group, and
/// the next batch takes the next size (as Ansible's `serial` list). Without, each group is
/// cut by [`balanced`] on its own.
fn batch_sizes(lens: &[usize], sizes: &[usize], canary: bool) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut cut = 0;
    for &len in lens {
        let mut left = len;
        if canary && left > 0 {
            out.push((MIN_HOSTS_PER_BATCH, true));
            left -= MIN_HOSTS_PER_BATCH;
        }
        if sizes.is_empty() {
            out.extend(balanced(left).map(|n| (n, false)));
            continue;
        }
        while left > 0 {
            // A size below 1 never comes from plan.rs; guard it anyway so this always ends.
            let want = sizes.get(cut).or(sizes.last()).map_or(MAX_HOSTS_PER_BATCH, |&s| s);
            let take = want.max(MIN_HOSTS_PER_BATCH).min(left);
            out.push((take, false));
            cut += 1;
            left -= take;
        }
    }
    out
}

/// The default cut of `n` hosts: the fewest batches of at most 10, sizes differing by
/// at most one, the larger ones first (23 -> 8, 8, 7).
fn balanced(n: usize) -> impl Iterator<Item = usize> {
    let batches = n.div_ceil(MAX_HOSTS_PER_BATCH);
    (0..batches).map(move |i| n / batches + usize::from(i < n % batches))
}

/// The smallest size for the last (repeating) entry of `sizes` with which the plan fits in
/// [`MAX_BATCHES`] batches, its other entries, group cuts and canaries as they are; else
/// why no size does: too many groups even at 10 per batch, the canaries, or the first
/// entries of `sizes`.
fn smallest_size(lens: &[usize], sizes: &[usize], canary: bool) -> Result<usize, NoSize> {
    let first = sizes.split_last().map_or(&[][..], |(_, first)| first);
    let fits = |first: &[usize], last: usize, canary: bool| {
        let plan: Vec<usize> = first.iter().copied().chain([last]).collect();
        batch_sizes(lens, &plan, canary).len() <= MAX_BATCHES
    };
    if let Some(s) = (MIN_HOSTS_PER_BATCH..=MAX_HOSTS_PER_BATCH).find(|&s| fits(first, s, canary)) {
        return Ok(s);
    }
    Err(if !fits(&[], MAX_HOSTS_PER_BATCH, false) {
        NoSize::TooManyGroups
    } else if canary && !fits(&[], MAX_HOSTS_PER_BATCH, true) {
        NoSize::Canaries
    } else {
        NoSize::FirstSizes
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_cuts_evenly_larger_first() {
        assert_eq!(balanced(23).collect::<Vec<_>>(), [8, 8, 7]);
        assert_eq!(balanced(10).collect::<Vec<_>>(), [10]);
        assert_eq!(balanced(11).collect::<Vec<_>>(), [6, 5]);
        assert_eq!(balanced(0).count(), 0);
    }

    fn plain(sizes: Vec<(usize, bool)>) -> Vec<usize> {
        sizes.into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn sizes_run_on_across_group_boundaries() {
        assert_eq!(plain(batch_sizes(&[3, 4], &[2, 3], false)), [2, 1, 3, 1]);
        assert_eq!(plain(batch_sizes(&[5], &[1, 2], false)), [1, 2, 2]);
        assert_eq!(plain(batch_sizes(&[4], &[0], false)), [1, 1, 1, 1]);
        // A canary per group, then the group's rest.
        assert_eq!(
            batch_sizes(&[3, 1, 12], &[], true),
            [(1, true), (2, false), (1, true), (1, true), (6, false), (5, false)]
        );
        assert_eq!(plain(batch_sizes(&[3, 4], &[2], true)), [1, 2, 1, 2, 1]);
    }

    #[test]
    fn smallest_size_counts_group_cuts_first_sizes_and_canaries() {
        assert_eq!(smallest_size(&[200], &[], false), Ok(10));
        assert_eq!(smallest_size(&[21], &[1], false), Ok(2));
        assert_eq!(smallest_size(&[1; 21], &[], false), Err(NoSize::TooManyGroups));
        // 200 hosts behind a 1-host canary: 1 + 19 batches hold at most 191.
        assert_eq!(smallest_size(&[200], &[1, 10], false), Err(NoSize::FirstSizes));
        assert_eq!(smallest_size(&[150], &[1, 2], false), Ok(8));
        assert_eq!(smallest_size(&[20; 10], &[], true), Err(NoSize::Canaries));
        assert_eq!(smallest_size(&[10; 5], &[1], true), Ok(3));
    }
}
