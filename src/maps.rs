//! The hash maps keyed by text from the input: an object's repeated keys, I6's values,
//! build_batches' hosts. With std, std's own. In the bare wasm module (no std), hashbrown's
//! (which std's are) hashing by foldhash with a seed the binding draws from JS when the
//! module is instantiated (`seed`): a fixed seed would let a body crafted to collide make
//! each map quadratic. (std's maps in wasm32-unknown-unknown take their keys from a stack and
//! a heap address, which are the same on every load: the target has no randomness of its own.)

#[cfg(not(all(target_arch = "wasm32", feature = "bare-wasm")))]
pub(crate) use std::collections::{hash_map::Entry, HashMap, HashSet};

#[cfg(all(target_arch = "wasm32", feature = "bare-wasm"))]
pub(crate) use bare::{seed, Entry, HashMap, HashSet};

#[cfg(all(target_arch = "wasm32", feature = "bare-wasm"))]
mod bare {
    use core::sync::atomic::{AtomicU64, Ordering};

    pub(crate) use hashbrown::hash_map::Entry;

    /// A map with this module's seed.
    pub(crate) type HashMap<K, V> = hashbrown::HashMap<K, V, Seeded>;
    /// A set with this module's seed.
    pub(crate) type HashSet<K> = hashbrown::HashSet<K, Seeded>;

    static SEED: AtomicU64 = AtomicU64::new(0);

    /// Sets the seed of every map made from now on (the binding's start function).
    pub(crate) fn seed(seed: u64) {
        SEED.store(seed, Ordering::Relaxed);
    }

    /// foldhash with the module's seed.
    #[derive(Clone)]
    pub(crate) struct Seeded(foldhash::fast::FixedState);

    impl Default for Seeded {
        fn default() -> Self {
            Seeded(foldhash::fast::FixedState::with_seed(SEED.load(Ordering::Relaxed)))
        }
    }

    impl core::hash::BuildHasher for Seeded {
        type Hasher = foldhash::fast::FoldHasher<'static>;

        fn build_hasher(&self) -> Self::Hasher {
            self.0.build_hasher()
        }
    }
}
