//! Cutting valid hosts into batches: grouping (`group_by`), batch sizes (`sizes` or the
//! balanced default), indexes and rotation strategies (`pause`). Only ever called with
//! input that was read without error, so at most 200 hosts.

use std::collections::HashMap;

use super::plan::{GroupBy, Plan};
use crate::limits::{MAX_BATCHES, MAX_HOSTS_PER_BATCH, MIN_HOSTS_PER_BATCH};
use crate::model::{ExecuteInstancesBatchInfo, ExecuteResourceInstance};

/// A plan that needs more than [`MAX_BATCHES`] batches.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TooMany {
    /// Batches the plan needs.
    pub(super) actual: usize,
    /// The smallest uniform batch size (1 to 10) that fits, group cuts included.
    pub(super) smallest_size: Option<usize>,
}

/// The batches for `hosts` (distinct, valid, in input order) under `plan`.
pub(super) fn lay_out(
    hosts: Vec<ExecuteResourceInstance>,
    plan: &Plan,
) -> Result<Vec<ExecuteInstancesBatchInfo>, TooMany> {
    let groups = group(hosts, plan.group_by);
    let lens: Vec<usize> = groups.iter().map(Vec::len).collect();
    let sizes = batch_sizes(&lens, &plan.sizes);
    if sizes.len() > MAX_BATCHES {
        let smallest_size = smallest_size(&lens);
        return Err(TooMany { actual: sizes.len(), smallest_size });
    }
    // Batch sizes never cross a group boundary, so the groups can be read as one list.
    let mut rest = groups.into_iter().flatten();
    let batches = sizes
        .iter()
        .enumerate()
        .map(|(i, &n)| ExecuteInstancesBatchInfo {
            batch_index: i as u64 + 1,
            target_instances: rest.by_ref().take(n).collect(),
            rotation_strategy: plan.pause.strategy(i),
        })
        .collect();
    Ok(batches)
}

/// The hosts split by `by`: groups in the order their first host appears, hosts in
/// input order within each (api.md: stable). Without `by`, one group.
fn group(hosts: Vec<ExecuteResourceInstance>, by: Option<GroupBy>) -> Vec<Vec<ExecuteResourceInstance>> {
    let Some(by) = by else {
        return vec![hosts];
    };
    let mut slot: HashMap<String, usize> = HashMap::new();
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

/// The size of every batch, in order, for groups of `lens` hosts. With `sizes`, batch
/// `j` takes `sizes[j]` (the last repeating), cut short at the end of its group, and the
/// next batch takes the next size (as Ansible's `serial` list). Without, each group is
/// cut by [`balanced`] on its own.
fn batch_sizes(lens: &[usize], sizes: &[usize]) -> Vec<usize> {
    if sizes.is_empty() {
        return lens.iter().flat_map(|&n| balanced(n)).collect();
    }
    let mut out = Vec::new();
    for &len in lens {
        let mut left = len;
        while left > 0 {
            // A size below 1 never comes from plan.rs; guard it anyway so this always ends.
            let want = sizes.get(out.len()).or(sizes.last()).map_or(MAX_HOSTS_PER_BATCH, |&s| s);
            let take = want.max(MIN_HOSTS_PER_BATCH).min(left);
            out.push(take);
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

/// The smallest uniform batch size with which every group, cut on its own, fits in
/// [`MAX_BATCHES`] batches; `None` when even 10 per batch does not (too many groups).
fn smallest_size(lens: &[usize]) -> Option<usize> {
    (MIN_HOSTS_PER_BATCH..=MAX_HOSTS_PER_BATCH)
        .find(|&s| lens.iter().map(|n| n.div_ceil(s)).sum::<usize>() <= MAX_BATCHES)
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

    #[test]
    fn sizes_run_on_across_group_boundaries() {
        assert_eq!(batch_sizes(&[3, 4], &[2, 3]), [2, 1, 3, 1]);
        assert_eq!(batch_sizes(&[5], &[1, 2]), [1, 2, 2]);
        assert_eq!(batch_sizes(&[4], &[0]), [1, 1, 1, 1]);
    }

    #[test]
    fn smallest_size_counts_group_cuts() {
        assert_eq!(smallest_size(&[200]), Some(10));
        assert_eq!(smallest_size(&[21]), Some(2));
        assert_eq!(smallest_size(&[1; 21]), None);
    }
}
