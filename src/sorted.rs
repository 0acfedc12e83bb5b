//! Ordering without the standard library's sorts: each `sort`, `sort_by_key` and
//! `collect::<BTreeMap>()` monomorphises a driftsort of about 4.5 KB in the wasm module,
//! and this crate had five (issue #16). What it sorts is either keyed by a small index (a
//! stable counting sort is linear) or wants a map anyway (a map built by insertion sorts
//! nothing).

use crate::prelude::*;

#[cfg(any(target_arch = "wasm32", test))]
use alloc::collections::BTreeMap;

/// A map of the pairs, a later pair's value replacing an earlier one's of the same key (as
/// `collect` does), built by insertion (the binding's response headers).
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// `pairs` in the order of their keys, then of their values, those equal in the order
/// given, sorted by insertion (the signer's headers and query parameters: a handful). With
/// `unique_keys`, a later pair replaces an earlier one of the same key, as [`map_of`]
/// does. One instance for both (a `BTreeMap` of each was 4 KB of the module).
pub(crate) fn pairs_in_order(
    pairs: impl IntoIterator<Item = (String, String)>,
    unique_keys: bool,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for pair in pairs {
        if let Some(same) = out.iter_mut().find(|p| unique_keys && p.0 == pair.0) {
            *same = pair;
            continue;
        }
        let after = |p: &(String, String)| (p.0.as_str(), p.1.as_str()) > (pair.0.as_str(), pair.1.as_str());
        let at = out.iter().position(after).unwrap_or(out.len());
        out.insert(at, pair);
    }
    out
}

/// `items` in the order of `index(item)`, those of one index in the order given (what a
/// stable `sort_by_key` gives): a counting sort, linear in the items and the largest index.
pub(crate) fn by_index<T>(items: Vec<T>, index: impl Fn(&T) -> usize) -> Vec<T> {
    let Some(max) = items.iter().map(&index).max() else { return items };
    // starts[i]: where the items of index i go.
    let mut starts = vec![0usize; max + 2];
    for item in &items {
        starts[index(item) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut slots: Vec<Option<T>> = (0..items.len()).map(|_| None).collect();
    for item in items {
        let at = &mut starts[index(&item)];
        slots[*at] = Some(item);
        *at += 1;
    }
    slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The order of a stable sort by the index, and the map `collect` builds.
        #[test]
        fn as_the_standard_library_orders(pairs in proptest::collection::vec((0usize..50, 0u8..255), 0..300)) {
            let mut sorted = pairs.clone();
            sorted.sort_by_key(|(i, _)| *i);
            proptest::prop_assert_eq!(by_index(pairs.clone(), |(i, _)| *i), sorted);
            proptest::prop_assert_eq!(map_of(pairs.clone()), pairs.into_iter().collect::<BTreeMap<_, _>>());
        }

        /// As a map of the pairs (unique keys), and as a stable sort by key and value.
        #[test]
        fn pairs_in_order_as_a_map_and_a_stable_sort(pairs in proptest::collection::vec(("[a-c]{0,2}", "[x-z]{0,2}"), 0..12)) {
            let map: Vec<(String, String)> = pairs.clone().into_iter().collect::<BTreeMap<_, _>>().into_iter().collect();
            proptest::prop_assert_eq!(pairs_in_order(pairs.clone(), true), map);
            let mut sorted = pairs.clone();
            sorted.sort();
            proptest::prop_assert_eq!(pairs_in_order(pairs, false), sorted);
        }
    }
}
