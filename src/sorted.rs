//! Ordering without the standard library's sorts: each `sort`, `sort_by_key` and
//! `collect::<BTreeMap>()` monomorphises a driftsort of about 4.5 KB in the wasm module,
//! and this crate had five (issue #16). What it sorts is either keyed by a small index (a
//! stable counting sort is linear) or wants a map anyway (a map built by insertion sorts
//! nothing).

use crate::prelude::*;

use alloc::collections::BTreeMap;

/// A map of the pairs, a later pair's value replacing an earlier one's of the same key (as
/// `collect` does), built by insertion.
pub(crate) fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
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
    }
}
